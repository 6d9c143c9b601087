// Reading the audit trail: filtered, newest first, keyset-paginated by event id. Read-only; the
// trail itself is append-only (see audit.hpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "db/database.hpp"

namespace clientele::audit {

struct EventView {
  int64_t id = 0;
  int64_t occurred_at = 0;
  std::string actor_type, actor_id, actor_name;
  std::string action, target_type, target_id;
  // What the target is called now (a customer's name or e-mail, a group's, segment's, tag's,
  // product's, admin's or token's name); empty when it has none or is gone (erased, deleted).
  std::string target_name;
  std::string changes;  // JSON object
  std::string ip, user_agent;
  std::string assisted_by, assisted_by_name;  // the admin signed in as the customer, if any
};

struct EventFilter {
  std::string actor_id;     // public id of an admin, token or customer
  std::string action;       // exact action, or a prefix ending in '.' ("customer.")
  std::string target_type;  // with target_id: one record's history
  std::string target_id;
  std::optional<int64_t> from, to;   // [from, to) in µs
  std::optional<int64_t> before_id;  // keyset: events older than this one
  bool include_views = true;         // false: leave out "customer.viewed" reads
  int limit = 50;
};

// Events matching the filter, newest first; `limit` + 1 rows tell whether more exist.
Result<std::vector<EventView>> ListEvents(db::Connection& c, const EventFilter& filter);
// How many events match the filter (its limit aside).
Result<int64_t> CountEvents(db::Connection& c, const EventFilter& filter);

}  // namespace clientele::audit
