#include "modules/audit/audit.hpp"

#include "db/sql_builder.hpp"

namespace clientele::audit {

namespace {
constexpr const char* kInsertEvent =
    "INSERT INTO audit_events (occurred_at, actor_type, actor_id, action, target_type, target_id,"
    " changes, ip, user_agent, request_id, assisted_by)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
}  // namespace

Status Record(db::Connection& tx, const Actor& actor, const Event& event, int64_t now_micros) {
  RETURN_IF_ERROR(tx.Execute(
      kInsertEvent,
      {now_micros, actor.type, actor.id, event.action, event.target_type, event.target_id,
       // An event without data ({} in C++ makes null) still has an object of changes.
       event.changes.is_null()
           ? std::string("{}")
           : event.changes.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
       actor.ip, actor.user_agent.substr(0, 512), actor.request_id, actor.assisted_by}));
  return OkStatus();
}

Status EraseCustomers(db::Connection& tx, const std::vector<std::string>& customer_public_ids) {
  if (customer_public_ids.empty()) return OkStatus();
  db::SqlBuilder sql;
  const std::string list = sql.List(customer_public_ids);
  RETURN_IF_ERROR(
      tx.Execute("UPDATE audit_events SET changes = '{\"erased\":true}'"
                 " WHERE target_type = 'customer' AND target_id IN (" +
                     list + ")",
                 sql.params));
  RETURN_IF_ERROR(
      tx.Execute("UPDATE audit_events SET ip = '', user_agent = '' WHERE actor_type = 'customer'"
                 " AND actor_id IN (" +
                     list + ")",
                 sql.params));
  return OkStatus();
}

}  // namespace clientele::audit
