// Work inside a savepoint of the caller's transaction, kept or undone on its own while the
// transaction goes on: a row of an import that fails leaves nothing behind, and a dry run undoes
// everything it tried. On PostgreSQL a failed statement spoils the transaction until the
// savepoint is rolled back, which this does before returning.
#pragma once

#include <functional>
#include <string>

#include "db/database.hpp"

namespace clientele::db {

// Runs `work` in savepoint `name`: its writes stay when it succeeds and `keep` is true, and are
// undone otherwise. Returns the work's status (or the database's error when the savepoint
// itself fails).
inline Status InSavepoint(Connection& c, const std::string& name, bool keep,
                          const std::function<Status()>& work) {
  RETURN_IF_ERROR(c.ExecuteScript("SAVEPOINT " + name));
  Status status = work();
  if (status.ok() && keep) {
    RETURN_IF_ERROR(c.ExecuteScript("RELEASE SAVEPOINT " + name));
    return status;
  }
  RETURN_IF_ERROR(c.ExecuteScript("ROLLBACK TO SAVEPOINT " + name));
  RETURN_IF_ERROR(c.ExecuteScript("RELEASE SAVEPOINT " + name));
  return status;
}

}  // namespace clientele::db
