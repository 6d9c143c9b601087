#include "modules/audit/query.hpp"

namespace clientele::audit {

namespace {

// The WHERE of the filter (without its limit), appended to `sql`.
void AppendWhere(const EventFilter& f, std::string& sql, db::Params& params) {
  std::vector<std::string> where;
  auto param = [&](db::Value v) {
    params.push_back(std::move(v));
    return '$' + std::to_string(params.size());
  };
  if (!f.actor_id.empty()) where.push_back("e.actor_id = " + param(f.actor_id));
  if (!f.action.empty()) {
    if (f.action.back() == '.') {
      where.push_back("e.action >= " + param(f.action) + " AND e.action < " +
                      param(f.action.substr(0, f.action.size() - 1) + "/"));
    } else {
      where.push_back("e.action = " + param(f.action));
    }
  }
  if (!f.target_id.empty()) {
    where.push_back("e.target_type = " + param(f.target_type) +
                    " AND e.target_id = " + param(f.target_id));
  }
  if (f.from) where.push_back("e.occurred_at >= " + param(*f.from));
  if (f.to) where.push_back("e.occurred_at < " + param(*f.to));
  if (f.before_id) where.push_back("e.id < " + param(*f.before_id));
  if (!f.include_views) where.push_back("e.action <> 'customer.viewed'");
  for (size_t i = 0; i < where.size(); ++i) sql += (i ? " AND " : " WHERE ") + where[i];
}

}  // namespace

Result<std::vector<EventView>> ListEvents(db::Connection& c, const EventFilter& f) {
  // The actor's display name: the admin, or the admin who owns the API token.
  std::string sql =
      "SELECT e.id, e.occurred_at, e.actor_type, e.actor_id,"
      " COALESCE(NULLIF(a.name, ''), a.email, t.name, ''), e.action, e.target_type, e.target_id,"
      " e.changes, e.ip, e.user_agent, e.assisted_by, COALESCE(NULLIF(h.name, ''), h.email, '')"
      " FROM audit_events e"
      " LEFT JOIN admins a ON e.actor_type = 'admin' AND a.public_id = e.actor_id"
      " LEFT JOIN admins h ON e.assisted_by <> '' AND h.public_id = e.assisted_by"
      " LEFT JOIN api_tokens t ON e.actor_type = 'api_token' AND t.public_id = e.actor_id";
  db::Params params;
  AppendWhere(f, sql, params);
  sql += " ORDER BY e.id DESC LIMIT " + std::to_string(f.limit);  // a number, not user text
  ASSIGN_OR_RETURN(db::Rows rows, c.Query(sql, params));
  std::vector<EventView> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    out.push_back({r.Int(0), r.Int(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6),
                   r.Text(7), r.Text(8), r.Text(9), r.Text(10), r.Text(11), r.Text(12)});
  }
  return out;
}

Result<int64_t> CountEvents(db::Connection& c, const EventFilter& f) {
  std::string sql = "SELECT count(*) FROM audit_events e";
  db::Params params;
  AppendWhere(f, sql, params);
  ASSIGN_OR_RETURN(db::Rows rows, c.Query(sql, params));
  return rows.at(0).Int(0);
}

}  // namespace clientele::audit
