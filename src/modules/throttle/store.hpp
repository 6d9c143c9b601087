// SQL for attempt throttling (failure records per key) and named row locks, and nothing else.
#pragma once

#include <string>

#include "db/database.hpp"

namespace clientele::throttle::store {

// Locks the row of `key` until the transaction ends (created on first use), so that work
// under the same key runs one at a time on every engine.
Status LockKey(db::Connection& c, const std::string& key);
// Returns the id of the new failure record.
Result<int64_t> RecordFailure(db::Connection& c, const std::string& key, int64_t now);
Result<int64_t> CountFailures(db::Connection& c, const std::string& key, int64_t since);
Status DeleteFailure(db::Connection& c, int64_t id);
Status ClearFailures(db::Connection& c, const std::string& key);
// The failures and locks of all these keys, in one statement each.
Status ForgetKeys(db::Connection& c, const std::vector<std::string>& keys);
// Deletes failure records older than `before`, skipping rows a sign-in holds; returns how many.
Result<int64_t> PurgeFailures(db::Connection& c, int64_t before);
// Deletes lock keys that no failure record needs, skipping rows a sign-in holds.
Status PurgeKeys(db::Connection& c);

}  // namespace clientele::throttle::store
