#include "support/test_db.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>

#include "db/database.hpp"

namespace clientele::testing {

std::vector<std::string> Engines() {
  std::vector<std::string> out{"sqlite"};
  const char* pg = std::getenv("CLIENTELE_TEST_PG");
  const char* required = std::getenv("CLIENTELE_REQUIRE_PG");
  if ((pg && *pg) || (required && std::string(required) == "1")) out.push_back("postgres");
  return out;
}

std::string FreshDatabaseUrl(const std::string& engine) {
  if (engine == "sqlite") {
    static std::atomic<int> counter{0};
    auto dir = std::filesystem::temp_directory_path() / "clientele-tests";
    std::filesystem::create_directories(dir);
    auto path = dir / ('t' + std::to_string(getpid()) + '-' + std::to_string(counter++) + ".db");
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::remove(path.string() + suffix);
    }
    return "sqlite:" + path.string();
  }
  const char* url = std::getenv("CLIENTELE_TEST_PG");
  if (!url || !*url) {
    ADD_FAILURE() << "CLIENTELE_TEST_PG is not set but PostgreSQL tests are required";
    return "";
  }
  auto db = db::Open(url);
  if (!db.ok()) {
    ADD_FAILURE() << "cannot reach PostgreSQL: " << db.error().message;
    return "";
  }
  auto reset = (*db)->Transaction([](db::Connection& c) -> Status {
    return c.ExecuteScript("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
  });
  if (!reset.ok()) {
    ADD_FAILURE() << "cannot reset the PostgreSQL schema: " << reset.error().message;
    return "";
  }
  return url;
}

std::unique_ptr<db::Database> FreshMigratedDatabase(const std::string& engine) {
  const std::string url = FreshDatabaseUrl(engine);
  if (url.empty()) return nullptr;
  auto db = db::Open(url);
  if (!db.ok()) {
    ADD_FAILURE() << "cannot open " << engine << ": " << db.error().message;
    return nullptr;
  }
  auto migrated = db::Migrate(**db);
  if (!migrated.ok()) {
    ADD_FAILURE() << "cannot migrate " << engine << ": " << migrated.error().message;
    return nullptr;
  }
  return std::move(db).value();
}

}  // namespace clientele::testing
