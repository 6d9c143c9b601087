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
      " e.changes, e.ip, e.user_agent, e.assisted_by, COALESCE(NULLIF(h.name, ''), h.email, ''),"
      " COALESCE(CASE e.target_type"
      "  WHEN 'customer' THEN (SELECT COALESCE(NULLIF(TRIM(x.first_name || ' ' || x.last_name),"
      "   ''), x.email) FROM customers x WHERE x.public_id = e.target_id)"
      "  WHEN 'group' THEN (SELECT x.name FROM customer_groups x WHERE x.public_id = e.target_id)"
      "  WHEN 'tag' THEN (SELECT x.name FROM tags x WHERE x.public_id = e.target_id)"
      "  WHEN 'segment' THEN (SELECT x.name FROM segments x WHERE x.public_id = e.target_id)"
      "  WHEN 'product' THEN (SELECT x.name FROM products x WHERE x.public_id = e.target_id)"
      "  WHEN 'api_token' THEN (SELECT x.name FROM api_tokens x WHERE x.public_id = e.target_id)"
      "  WHEN 'admin' THEN (SELECT COALESCE(NULLIF(x.name, ''), x.email) FROM admins x"
      "   WHERE x.public_id = e.target_id)"
      " END, '')"
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
    EventView e;
    e.id = r.Int(0);
    e.occurred_at = r.Int(1);
    e.actor_type = r.Text(2);
    e.actor_id = r.Text(3);
    e.actor_name = r.Text(4);
    e.action = r.Text(5);
    e.target_type = r.Text(6);
    e.target_id = r.Text(7);
    e.changes = r.Text(8);
    e.ip = r.Text(9);
    e.user_agent = r.Text(10);
    e.assisted_by = r.Text(11);
    e.assisted_by_name = r.Text(12);
    e.target_name = r.Text(13);
    out.push_back(std::move(e));
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
