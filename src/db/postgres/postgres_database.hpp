// The PostgreSQL engine: a pool of libpq connections, opened lazily up to
// OpenOptions::pool_size. Each connection keeps its own cache of prepared statements (keyed by
// SQL text) and runs in UTC with UTF-8 client encoding. A connection that broke is reconnected
// the next time the pool hands it out. The Database is safe to share between threads.
#pragma once

#include <memory>
#include <string>

#include "db/database.hpp"

namespace clientele::db {

// Opens a pool for the libpq URL `url` (e.g. "postgres://user@127.0.0.1:5432/db") and connects
// once to check that the server answers. Errors: kUnavailable when it cannot connect.
Result<std::unique_ptr<Database>> OpenPostgres(const std::string& url, const OpenOptions& options);

}  // namespace clientele::db
