// The embedded engine: one SQLite file in WAL mode with foreign keys on. Writes go through a
// single writer connection (a mutex serialises transactions, so writers never meet SQLITE_BUSY
// inside one process); reads use a pool of reader connections that see the last committed
// state. A busy timeout covers other processes (e.g. `clientele demo` next to a server).
#pragma once

#include <memory>
#include <string>

#include "db/database.hpp"

namespace clientele::db {

// Opens (creating if needed) the SQLite database at `path`. Errors: kUnavailable.
Result<std::unique_ptr<Database>> OpenSqlite(const std::string& path, const OpenOptions& options);

}  // namespace clientele::db
