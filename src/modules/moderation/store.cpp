#include "modules/moderation/store.hpp"

#include <algorithm>

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

Status InsertDismissal(db::Connection& c, int64_t a, int64_t b, const std::string& actor_type,
                       const std::string& actor_id, int64_t now) {
  RETURN_IF_ERROR(c.Execute(
      "INSERT INTO duplicate_dismissals (customer_a, customer_b, actor_type, actor_id,"
      " dismissed_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (customer_a, customer_b) DO NOTHING",
      {std::min(a, b), std::max(a, b), actor_type, actor_id, now}));
  return OkStatus();
}

Result<std::set<std::pair<int64_t, int64_t>>> Dismissals(db::Connection& c) {
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query("SELECT customer_a, customer_b FROM duplicate_dismissals"));
  std::set<std::pair<int64_t, int64_t>> out;
  for (const auto& r : rows) out.insert({r.Int(0), r.Int(1)});
  return out;
}

}  // namespace clientele::moderation::store

namespace clientele::moderation::store {

Result<std::vector<DomainChange>> DomainChanges(db::Connection& c) {
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query("SELECT domain, listed, actor_type, actor_id, changed_at"
                           " FROM disposable_domain_changes ORDER BY changed_at DESC, domain",
                           {}));
  std::vector<DomainChange> out;
  for (const auto& r : rows) {
    DomainChange d;
    d.domain = r.Text(0);
    d.listed = r.Int(1) != 0;
    d.actor_type = r.Text(2);
    d.actor_id = r.Text(3);
    d.changed_at = r.Int(4);
    out.push_back(std::move(d));
  }
  return out;
}

Status WriteDomainChange(db::Connection& c, const DomainChange& d) {
  RETURN_IF_ERROR(c.Execute(
      "INSERT INTO disposable_domain_changes (domain, listed, actor_type, actor_id, changed_at)"
      " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (domain) DO UPDATE SET listed = excluded.listed,"
      " actor_type = excluded.actor_type, actor_id = excluded.actor_id,"
      " changed_at = excluded.changed_at",
      {d.domain, int64_t{d.listed ? 1 : 0}, d.actor_type, d.actor_id, d.changed_at}));
  return OkStatus();
}

Result<bool> DeleteDomainChange(db::Connection& c, const std::string& domain) {
  ASSIGN_OR_RETURN(db::Rows rows, c.Query("DELETE FROM disposable_domain_changes WHERE domain = $1"
                                          " RETURNING domain",
                                          {domain}));
  return !rows.empty();
}

Status DeleteScores(db::Connection& c, int64_t after_id, int64_t last_id) {
  RETURN_IF_ERROR(c.Execute("DELETE FROM spam_scores WHERE customer_id > $1 AND customer_id <= $2",
                            {after_id, last_id}));
  return OkStatus();
}

Status InsertScore(db::Connection& c, int64_t customer_id, int score, const std::string& signals,
                   int64_t now) {
  RETURN_IF_ERROR(c.Execute(
      "INSERT INTO spam_scores (customer_id, score, signals, scanned_at) VALUES ($1, $2, $3, $4)",
      {customer_id, int64_t{score}, signals, now}));
  return OkStatus();
}

}  // namespace clientele::moderation::store
