// Applies the numbered migrations compiled into the binary (src/db/migrations/<engine>/).
#include <cstdlib>
#include <ctime>
#include <string>

#include "db/database.hpp"
#include "db/embedded.hpp"

namespace clientele::db {
namespace {

constexpr const char* kCreateVersions =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)";

int VersionOf(const char* name) { return std::atoi(name); }

}  // namespace

Result<int> Migrate(Database& db) {
  const EmbeddedFile* files =
      db.dialect() == Dialect::kSqlite ? kSqliteMigrations : kPostgresMigrations;
  RETURN_IF_ERROR(
      db.Transaction([](Connection& c) -> Status { return c.ExecuteScript(kCreateVersions); }));
  int applied = 0;
  for (const EmbeddedFile* f = files; f->name != nullptr; ++f) {
    const int version = VersionOf(f->name);
    auto done = db.Transaction([&](Connection& c) -> Result<bool> {
      if (c.dialect() == Dialect::kPostgres) {
        // Several servers may start at once: the first applies, the others wait and skip.
        RETURN_IF_ERROR(c.Query("SELECT pg_advisory_xact_lock(7263011)"));
      }
      ASSIGN_OR_RETURN(Rows rows, c.Query("SELECT 1 FROM schema_migrations WHERE version = $1",
                                          {int64_t{version}}));
      if (!rows.empty()) return false;
      RETURN_IF_ERROR(c.ExecuteScript(f->text));
      RETURN_IF_ERROR(
          c.Execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
                    {int64_t{version}, std::string(f->name),
                     static_cast<int64_t>(std::time(nullptr)) * 1000000}));
      return true;
    });
    if (!done.ok()) {
      Error e = std::move(done).error();
      e.message = std::string("Migration ") + f->name + " failed: " + e.message;
      return e;
    }
    if (*done) ++applied;
  }
  return applied;
}

}  // namespace clientele::db
