// The audit trail: who did what to which record, written in the same transaction as the change
// (callers pass the transaction's connection). Append-only: nothing updates or deletes events.
// One typed constructor per kind of event keeps actions consistent.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/result.hpp"
#include "db/database.hpp"

namespace clientele::audit {

// Who acts: an admin in the browser, an API token, a customer, or the system (CLI, jobs).
struct Actor {
  std::string type = "system";  // "admin" | "api_token" | "customer" | "system"
  std::string id;               // public id of the admin/token/customer; empty for system
  std::string ip;
  std::string user_agent;
  std::string request_id;
  // A customer's action taken by an admin signed in as the customer: the admin's public id.
  std::string assisted_by;
};

struct Event {
  std::string action;       // "customer.created", "customer.updated", "group.deleted", ...
  std::string target_type;  // "customer", "group", "tag", "admin", "api_token"
  std::string target_id;    // public id
  nlohmann::json changes = nlohmann::json::object();  // {"field": {"from": x, "to": y}} or data
};

// Erasure, the one exception to append-only: the personal values in the events about a
// customer (their changes) and of the customer's own actions (IP, user agent) are replaced by
// a marker; who did what and when stays. A chunk of customers at a time.
Status EraseCustomers(db::Connection& tx, const std::vector<std::string>& customer_public_ids);

// Appends `event` by `actor` at `now_micros`, on the caller's transaction.
Status Record(db::Connection& tx, const Actor& actor, const Event& event, int64_t now_micros);

}  // namespace clientele::audit
