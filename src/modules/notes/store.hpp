// SQL for staff notes (table customer_notes), on the caller's connection.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "db/database.hpp"
#include "modules/notes/model.hpp"

namespace clientele::notes::store {

Result<int64_t> Insert(db::Connection& c, const Note& n);
Result<std::optional<Note>> Find(db::Connection& c, int64_t customer_id,
                                 const std::string& public_id);
// Newest first, below `before_id` when set.
Result<std::vector<Note>> ListForCustomer(db::Connection& c, int64_t customer_id,
                                          std::optional<int64_t> before_id, int limit);
// False when the note's version is no longer `expected_version`.
Result<bool> SetBody(db::Connection& c, int64_t id, const std::string& body, int64_t now,
                     int64_t expected_version);
Status Delete(db::Connection& c, int64_t id);
Result<int64_t> CountFor(db::Connection& c, int64_t customer_id);
Status MoveToCustomer(db::Connection& c, int64_t from_customer, int64_t to_customer);

}  // namespace clientele::notes::store
