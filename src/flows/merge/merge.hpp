// Merging duplicate accounts: one or more customers are merged into a survivor, in one
// transaction, all or nothing. Everything they hold moves (orders and transactions, the wallet
// with its balances added, library entries, downloads and the wishlist, addresses, tags, the
// message log, consent history); their sessions and sign-in accounts end; the survivor keeps
// its profile values except the fields the admin takes from a merged customer, fills its empty
// fields from them, and joins the notes. The merged customers' rows go; a tombstone keeps each
// old id, which answers with the survivor. The survivor's library is rebuilt. Cannot be undone.
// Audited on the survivor (customer.merged, with the summary) and on each merged id
// (customer.merged_into). Thread-safe.
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "db/database.hpp"
#include "modules/audit/audit.hpp"
#include "modules/orders/service.hpp"

namespace clientele::flows {

struct MergeRequest {
  std::vector<std::string> merge;             // public ids of the customers to merge in
  std::map<std::string, std::string> fields;  // profile field -> public id to take it from
};

class Merge {
 public:
  static constexpr size_t kMaxMerged = 10;

  Merge(db::Database& db, const Clock& clock, orders::Service& orders)
      : db_(db), clock_(clock), orders_(orders) {}

  // What the merge would do: per merged customer what moves and what ends, the balances
  // before and after, the fields that conflict (with each side's value), the empty survivor
  // fields that would be filled, and warnings. Changes nothing. Errors: as Run.
  Result<nlohmann::json> Preview(const std::string& survivor_id, const MergeRequest& request);
  // Merges; returns the summary as Preview does, with the survivor as stored. Errors: kNotFound
  // "customer_not_found" (the survivor); kInvalidArgument ("merge": unknown, repeated, the
  // survivor itself, none or more than 10; "fields.<name>": unknown field or a customer not
  // in the merge); kFailedPrecondition "already_merged" (a tombstone), "survivor_is_guest"
  // (a registered account cannot merge into a guest record), "stale_version".
  Result<nlohmann::json> Run(const audit::Actor& actor, const std::string& survivor_id,
                             const MergeRequest& request);

  // Test hook: called between the steps of Run with the step's name; an error it returns
  // fails the merge there.
  void SetStepHookForTest(std::function<Status(const std::string&)> hook) {
    step_hook_ = std::move(hook);
  }

 private:
  Result<nlohmann::json> Plan(db::Connection& c, const std::string& survivor_id,
                              const MergeRequest& request, bool apply, const audit::Actor& actor,
                              int64_t now);

  db::Database& db_;
  const Clock& clock_;
  orders::Service& orders_;
  std::function<Status(const std::string&)> step_hook_;
};

}  // namespace clientele::flows
