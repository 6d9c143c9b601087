#include "db/database.hpp"
#include "db/postgres/postgres_database.hpp"
#include "db/sqlite/sqlite_database.hpp"

namespace clientele::db {

Result<std::unique_ptr<Database>> Open(const std::string& url, const OpenOptions& options) {
  if (url.rfind("sqlite:", 0) == 0) {
    std::string path = url.substr(7);
    if (path.rfind("//", 0) == 0) path = path.substr(2);  // sqlite://path
    if (path.empty()) return Error::Invalid("The SQLite URL needs a file path: sqlite:PATH.");
    return OpenSqlite(path, options);
  }
  if (url.rfind("postgres://", 0) == 0 || url.rfind("postgresql://", 0) == 0) {
    return OpenPostgres(url, options);
  }
  return Error::Invalid("Unknown database URL; use sqlite:PATH or postgres://USER@HOST:PORT/DB.");
}

}  // namespace clientele::db
