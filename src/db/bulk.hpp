// One action applied to many records on one transaction, for the admin's bulk actions: a record
// the action does not apply to (not found, or a precondition such as "banned already") is
// skipped with its reason, and any other error rolls the whole batch back. Actions must report
// such refusals before they write anything for the record, so a skipped record leaves nothing
// behind.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace clientele::db {

inline constexpr size_t kMaxBulkIds = 500;

struct BulkSkip {
  std::string id, code, detail;
};

struct BulkOutcome {
  // The ids done, each with what the action returned for it ("invitation", "banned", ...).
  std::vector<std::pair<std::string, std::string>> done;
  std::vector<BulkSkip> skipped;
};

// Checks a selection: 1 to kMaxBulkIds ids. Errors: kInvalidArgument (field "ids").
inline Status CheckBulkIds(const std::vector<std::string>& ids) {
  if (ids.empty() || ids.size() > kMaxBulkIds) {
    std::string msg = "Select from 1 to " + std::to_string(kMaxBulkIds) + " customers.";
    return Error::Invalid(msg, {{"ids", "invalid_count", msg}});
  }
  return OkStatus();
}

// Runs `act(tx, id)` -> Result<std::string> for each distinct id, in order, on one transaction.
template <typename Act>
Result<BulkOutcome> RunBulk(Database& db, const std::vector<std::string>& ids, Act act) {
  RETURN_IF_ERROR(CheckBulkIds(ids));
  return db.Transaction([&](Connection& tx) -> Result<BulkOutcome> {
    BulkOutcome out;
    std::set<std::string> seen;
    for (const std::string& id : ids) {
      if (!seen.insert(id).second) continue;
      Result<std::string> one = act(tx, id);
      if (one.ok()) {
        out.done.emplace_back(id, *one);
        continue;
      }
      const ErrorCode code = one.error().code;
      if (code != ErrorCode::kNotFound && code != ErrorCode::kFailedPrecondition &&
          code != ErrorCode::kAlreadyExists) {
        return one.error();
      }
      out.skipped.push_back({id, one.error().slug, one.error().message});
    }
    return out;
  });
}

}  // namespace clientele::db
