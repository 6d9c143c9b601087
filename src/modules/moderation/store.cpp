#include "modules/moderation/store.hpp"

#include "db/sql_builder.hpp"

namespace clientele::moderation::store {

Status InsertBan(db::Connection& c, int64_t customer_id, const std::string& reason,
                 const std::string& note, const std::string& actor_type,
                 const std::string& actor_id, int64_t now) {
  RETURN_IF_ERROR(
      c.Execute("INSERT INTO customer_bans (customer_id, reason, note, actor_type,"
                " actor_id, banned_at) VALUES ($1, $2, $3, $4, $5, $6)",
                {customer_id, reason, note, actor_type, actor_id, now}));
  return OkStatus();
}

Status DeleteBan(db::Connection& c, int64_t customer_id) {
  RETURN_IF_ERROR(c.Execute("DELETE FROM customer_bans WHERE customer_id = $1", {customer_id}));
  return OkStatus();
}

namespace {

// The entries with the name of who added them: the admin, or the API token.
constexpr const char* kEntryColumns =
    "e.id, e.public_id, e.kind, e.value, e.reason, e.actor_type, e.actor_id, e.created_at,"
    " e.updated_at, e.hits, e.last_hit_at, COALESCE(NULLIF(a.name, ''), a.email, t.name, '')"
    " FROM blacklist_entries e"
    " LEFT JOIN admins a ON e.actor_type = 'admin' AND a.public_id = e.actor_id"
    " LEFT JOIN api_tokens t ON e.actor_type = 'api_token' AND t.public_id = e.actor_id";

BlacklistEntry ReadEntry(const db::Row& r) {
  BlacklistEntry e;
  e.id = r.Int(0);
  e.public_id = r.Text(1);
  e.kind = r.Text(2);
  e.value = r.Text(3);
  e.reason = r.Text(4);
  e.actor_type = r.Text(5);
  e.actor_id = r.Text(6);
  e.created_at = r.Int(7);
  e.updated_at = r.Int(8);
  e.hits = r.Int(9);
  e.last_hit_at = r.OptInt(10);
  e.actor_name = r.Text(11);
  return e;
}

}  // namespace

Result<int64_t> InsertEntry(db::Connection& c, const BlacklistEntry& e) {
  ASSIGN_OR_RETURN(
      db::Rows rows,
      c.Query("INSERT INTO blacklist_entries (public_id, kind, value, reason,"
              " actor_type, actor_id, created_at, updated_at)"
              " VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
              {e.public_id, e.kind, e.value, e.reason, e.actor_type, e.actor_id, e.created_at}));
  return rows.at(0).Int(0);
}

Result<std::optional<BlacklistEntry>> FindEntry(db::Connection& c, const std::string& public_id) {
  ASSIGN_OR_RETURN(
      db::Rows rows,
      c.Query(std::string("SELECT ") + kEntryColumns + " WHERE e.public_id = $1", {public_id}));
  if (rows.empty()) return std::optional<BlacklistEntry>();
  return std::optional<BlacklistEntry>(ReadEntry(rows[0]));
}

Result<std::vector<BlacklistEntry>> ListEntries(db::Connection& c, const std::string& q,
                                                const std::string& kind) {
  std::string sql = std::string("SELECT ") + kEntryColumns + " WHERE 1 = 1";
  db::Params params;
  if (!kind.empty()) {
    params.push_back(kind);
    sql += " AND e.kind = $" + std::to_string(params.size());
  }
  if (!q.empty()) {
    const std::string like = "%" + db::LikeEscape(q) + "%";
    params.push_back(like);
    const std::string n = std::to_string(params.size());
    sql += " AND (lower(e.value) LIKE lower($" + n +
           ") ESCAPE '\\' OR lower(e.reason) LIKE lower($" + n + ") ESCAPE '\\')";
  }
  sql += " ORDER BY e.id DESC LIMIT 500";
  ASSIGN_OR_RETURN(db::Rows rows, c.Query(sql, params));
  std::vector<BlacklistEntry> out;
  for (const auto& r : rows) out.push_back(ReadEntry(r));
  return out;
}

Result<std::optional<BlacklistEntry>> FindExact(
    db::Connection& c, const std::vector<std::pair<std::string, std::string>>& keys) {
  for (const auto& [kind, value] : keys) {
    ASSIGN_OR_RETURN(db::Rows rows, c.Query(std::string("SELECT ") + kEntryColumns +
                                                " WHERE e.kind = $1 AND e.value = $2",
                                            {kind, value}));
    if (!rows.empty()) return std::optional<BlacklistEntry>(ReadEntry(rows[0]));
  }
  return std::optional<BlacklistEntry>();
}

Status UpdateEntryReason(db::Connection& c, int64_t id, const std::string& reason, int64_t now) {
  RETURN_IF_ERROR(
      c.Execute("UPDATE blacklist_entries SET reason = $2, updated_at = $3 WHERE id = $1",
                {id, reason, now}));
  return OkStatus();
}

Status DeleteEntry(db::Connection& c, int64_t id) {
  RETURN_IF_ERROR(c.Execute("DELETE FROM blacklist_entries WHERE id = $1", {id}));
  return OkStatus();
}

Status CountHit(db::Connection& c, int64_t id, int64_t now) {
  RETURN_IF_ERROR(c.Execute(
      "UPDATE blacklist_entries SET hits = hits + 1, last_hit_at = $2 WHERE id = $1", {id, now}));
  return OkStatus();
}

}  // namespace clientele::moderation::store
