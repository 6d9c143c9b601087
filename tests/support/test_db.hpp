// Real databases for tests: a fresh SQLite file, or the PostgreSQL server named by
// CLIENTELE_TEST_PG (started by scripts/pg-test-server.sh) with its schema reset. When
// CLIENTELE_REQUIRE_PG=1 (set by the test script), a missing server fails instead of skipping.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace clientele::testing {

// "sqlite", plus "postgres" when a server is configured or required.
std::vector<std::string> Engines();

// A database URL for `engine` holding no tables. Each call gives an empty database: a new SQLite
// file, or the PostgreSQL test database with its public schema dropped and recreated.
// Fails the current test (and returns "") when PostgreSQL is required but not reachable.
std::string FreshDatabaseUrl(const std::string& engine);

// A fresh database for `engine` with every migration applied. Fails the current test (and
// returns nullptr) when it cannot be opened or migrated.
std::unique_ptr<db::Database> FreshMigratedDatabase(const std::string& engine);

}  // namespace clientele::testing
