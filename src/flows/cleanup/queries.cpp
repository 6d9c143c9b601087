#include "flows/cleanup/queries.hpp"

#include "db/sql_builder.hpp"
#include "modules/customers/model.hpp"
#include "modules/moderation/spam_rules.hpp"

namespace clientele::flows::cleanup_sql {
namespace {

// Subqueries of the customers that hold something (IN lists the engines build once per query).
constexpr const char* kWithOrders = "c.id IN (SELECT customer_id FROM orders)";
constexpr const char* kWithMoney =
    "(c.id IN (SELECT customer_id FROM wallet_entries)"
    " OR c.id IN (SELECT customer_id FROM transactions WHERE customer_id IS NOT NULL))";
// Active (for the whole store): orders, library items, wishlist items or a customer-area sign-in.
constexpr const char* kActive =
    "(c.orders_count > 0 OR c.last_login_at IS NOT NULL"
    " OR c.id IN (SELECT customer_id FROM orders)"
    " OR c.id IN (SELECT customer_id FROM library_entries)"
    " OR c.id IN (SELECT customer_id FROM wishlist_items))";

// Active, the same, probed row by row: for a few thousand customers at a time (a scan chunk), where
// building the IN lists of the whole store per statement would cost more than the probes.
constexpr const char* kActiveProbe =
    "(c.orders_count > 0 OR c.last_login_at IS NOT NULL"
    " OR EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id)"
    " OR EXISTS (SELECT 1 FROM library_entries l WHERE l.customer_id = c.id)"
    " OR EXISTS (SELECT 1 FROM wishlist_items w WHERE w.customer_id = c.id))";

// FROM and WHERE of a review's candidates (alias c, spam scores s).
std::string CandidateSql(const CandidateFilter& f, db::SqlBuilder& sql) {
  std::string out =
      f.scope == CleanupScope::kSpam
          ? " FROM customers c JOIN spam_scores s ON s.customer_id = c.id WHERE s.score >= " +
                sql.Param(int64_t{f.threshold})
          : " FROM customers c LEFT JOIN spam_scores s ON s.customer_id = c.id"
            " WHERE NOT " +
                std::string(kActive);
  out += " AND NOT " + std::string(kWithOrders) + " AND NOT " + kWithMoney;
  if (f.registered_before) out += " AND c.registered_at < " + sql.Param(*f.registered_before);
  return out;
}

std::string TextList(const std::vector<std::string>& values, db::SqlBuilder& sql) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : ", ") + sql.Param(v);
  return out;
}

}  // namespace

Result<Counts> CountActivity(db::Connection& c, int threshold) {
  // Three counts, each from an index: customers with orders or a sign-in (the partial index
  // customers_engaged), then those among the rest holding library or wishlist items.
  ASSIGN_OR_RETURN(db::Rows total, c.Query("SELECT COUNT(*) FROM customers"));
  ASSIGN_OR_RETURN(db::Rows engaged,
                   c.Query("SELECT COUNT(*) FROM customers c WHERE c.orders_count > 0"
                           " OR c.last_login_at IS NOT NULL"));
  ASSIGN_OR_RETURN(db::Rows holders,
                   c.Query("SELECT COUNT(*) FROM customers c WHERE c.id IN (SELECT customer_id FROM"
                           " library_entries UNION SELECT customer_id FROM wishlist_items)"
                           " AND NOT (c.orders_count > 0 OR c.last_login_at IS NOT NULL)"));
  ASSIGN_OR_RETURN(db::Rows spam, c.Query("SELECT COUNT(*) FROM spam_scores WHERE score >= $1",
                                          {int64_t{threshold}}));
  return Counts{total.at(0).Int(0), engaged.at(0).Int(0) + holders.at(0).Int(0), spam.at(0).Int(0)};
}

Result<std::vector<Slot>> RegistrationSlots(db::Connection& c, int64_t since, int threshold) {
  // The id is the registration time shifted by 10 bits, so the slots come from ids alone: the
  // status index (every status listed) holds them in order, much narrower than the table.
  // Quarter hours, because every time zone's midnight falls on one (India +5:30, Nepal +5:45).
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query("SELECT (id >> 10) / 900000000 AS slot, COUNT(*) FROM customers"
                           " WHERE status IN ('active', 'inactive', 'banned') AND id >= $1"
                           " GROUP BY 1 ORDER BY 1",
                           {customers::FirstKeyAt(since)}));
  ASSIGN_OR_RETURN(db::Rows spam,
                   c.Query("SELECT (customer_id >> 10) / 900000000 AS slot, COUNT(*)"
                           " FROM spam_scores WHERE score >= $2 AND customer_id >= $1"
                           " GROUP BY 1",
                           {customers::FirstKeyAt(since), int64_t{threshold}}));
  std::map<int64_t, int64_t> spam_by_slot;
  for (const auto& r : spam) spam_by_slot[r.Int(0)] = r.Int(1);
  std::vector<Slot> out;
  for (const auto& r : rows) {
    auto it = spam_by_slot.find(r.Int(0));
    out.push_back({r.Int(0) * kSlotMicros, r.Int(1), it == spam_by_slot.end() ? 0 : it->second});
  }
  return out;
}

Result<std::vector<ScanRow>> ScanRows(db::Connection& c, int64_t after_id, int limit) {
  ASSIGN_OR_RETURN(
      db::Rows rows,
      c.Query(std::string("SELECT c.id, c.first_name, c.last_name, c.email_key,"
                          " CASE WHEN a.customer_id IS NOT NULL THEN 1 ELSE 0 END,"
                          " c.registration_ip, c.registered_at,"
                          " CASE WHEN a.email_verified_at IS NOT NULL THEN 1 ELSE 0 END,"
                          " CASE WHEN ") +
                  kActiveProbe +
                  " THEN 1 ELSE 0 END"
                  " FROM customers c LEFT JOIN customer_accounts a ON a.customer_id = c.id"
                  " WHERE c.id > $1 ORDER BY c.id LIMIT $2",
              {after_id, int64_t{limit}}));
  std::vector<ScanRow> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    ScanRow row;
    row.id = r.Int(0);
    row.input.first_name = r.Text(1);
    row.input.last_name = r.Text(2);
    const std::string email = r.Text(3);
    if (size_t at = email.rfind('@'); at != std::string::npos) {
      row.input.email_domain = email.substr(at + 1);
    }
    row.input.registered = r.Bool(4);
    row.ip = r.Text(5);
    row.input.registered_at = r.Int(6);
    row.input.verified = r.Bool(7);
    row.input.active = r.Bool(8);
    out.push_back(std::move(row));
  }
  return out;
}

Result<std::vector<Registration>> Registrations(db::Connection& c, int64_t after_id, int limit) {
  ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT id, registration_ip, registered_at FROM customers"
                                          " WHERE id > $1 ORDER BY id LIMIT $2",
                                          {after_id, int64_t{limit}}));
  std::vector<Registration> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back({r.Int(0), r.Text(1), r.Int(2)});
  return out;
}

Result<int64_t> CountCustomers(db::Connection& c) {
  ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT COUNT(*) FROM customers"));
  return rows.at(0).Int(0);
}

Result<std::vector<CleanupCandidate>> CandidatePage(db::Connection& c, const CandidateFilter& f,
                                                    std::optional<int64_t> before_id, int limit,
                                                    std::vector<int64_t>& ids_out) {
  db::SqlBuilder sql;
  sql.text =
      "SELECT c.id, c.public_id, c.first_name, c.last_name, c.email, c.kind, c.status,"
      " c.registered_at, c.registration_ip, COALESCE(s.score, 0), COALESCE(s.signals, '[]')" +
      CandidateSql(f, sql);
  if (before_id) sql.text += " AND c.id < " + sql.Param(*before_id);
  sql.text += " ORDER BY c.id DESC LIMIT " + sql.Param(int64_t{limit});
  ASSIGN_OR_RETURN(db::Rows rows, c.Query(sql.text, sql.params));
  std::vector<CleanupCandidate> out;
  for (const auto& r : rows) {
    ids_out.push_back(r.Int(0));
    CleanupCandidate cand;
    cand.id = r.Text(1);
    cand.first_name = r.Text(2);
    cand.last_name = r.Text(3);
    cand.email = r.Text(4);
    cand.kind = r.Text(5);
    cand.status = r.Text(6);
    cand.registered_at = r.Int(7);
    cand.registration_ip = r.Text(8);
    cand.score = static_cast<int>(r.Int(9));
    cand.signals = moderation::SpamRules::ParseSignals(r.Text(10));
    out.push_back(std::move(cand));
  }
  return out;
}

Result<int64_t> CountCandidates(db::Connection& c, const CandidateFilter& f) {
  db::SqlBuilder sql;
  sql.text = "SELECT COUNT(*)" + CandidateSql(f, sql);
  ASSIGN_OR_RETURN(db::Rows rows, c.Query(sql.text, sql.params));
  return rows.at(0).Int(0);
}

Result<int64_t> InsertItems(db::Connection& tx, int64_t job_id, const CandidateFilter& f, bool all,
                            const std::vector<std::string>& ids,
                            const std::vector<std::string>& except) {
  db::SqlBuilder sql;
  const std::string job = sql.Param(job_id);
  const std::string reasons =
      f.scope == CleanupScope::kSpam ? "s.signals" : sql.Param(std::string("unused"));
  sql.text =
      "INSERT INTO cleanup_items (job_id, position, customer_id, public_id, reasons)"
      " SELECT " +
      job + ", ROW_NUMBER() OVER (ORDER BY c.id), c.id, c.public_id, " + reasons +
      CandidateSql(f, sql);
  if (!all) {
    if (ids.empty()) return 0;
    sql.text += " AND c.public_id IN (" + TextList(ids, sql) + ")";
  }
  if (!except.empty()) sql.text += " AND c.public_id NOT IN (" + TextList(except, sql) + ")";
  return tx.Execute(sql.text, sql.params);
}

Result<std::vector<Item>> ItemsAfter(db::Connection& c, int64_t job_id, int64_t after_position,
                                     int limit) {
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query("SELECT position, customer_id, public_id, reasons, outcome, kept_reason,"
                           " processed_at FROM cleanup_items WHERE job_id = $1 AND position > $2"
                           " ORDER BY position LIMIT $3",
                           {job_id, after_position, int64_t{limit}}));
  std::vector<Item> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    out.push_back({r.Int(0), r.Int(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.OptInt(6)});
  }
  return out;
}

Status MarkItems(db::Connection& tx, int64_t job_id, const std::vector<Item>& items) {
  std::vector<db::Params> rows;
  rows.reserve(items.size());
  for (const auto& it : items) {
    rows.push_back(
        {job_id, it.position, it.outcome, it.kept_reason, db::Nullable(it.processed_at)});
  }
  return tx.ExecuteMany(
      "UPDATE cleanup_items SET outcome = $3, kept_reason = $4, processed_at = $5"
      " WHERE job_id = $1 AND position = $2",
      rows);
}

Result<std::map<int64_t, Holdings>> HoldingsOf(db::Connection& c, const std::vector<int64_t>& ids) {
  std::map<int64_t, Holdings> out;
  if (ids.empty()) return out;
  db::SqlBuilder sql;
  const std::string list = sql.List(ids);
  sql.text =
      "SELECT c.id,"
      " CASE WHEN EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id) THEN 1 ELSE 0 END,"
      " CASE WHEN EXISTS (SELECT 1 FROM wallet_entries w WHERE w.customer_id = c.id)"
      "   OR EXISTS (SELECT 1 FROM transactions t WHERE t.customer_id = c.id) THEN 1 ELSE 0 END,"
      " CASE WHEN c.last_login_at IS NOT NULL"
      "   OR EXISTS (SELECT 1 FROM library_entries l WHERE l.customer_id = c.id)"
      "   OR EXISTS (SELECT 1 FROM wishlist_items i WHERE i.customer_id = c.id) THEN 1 ELSE 0 END"
      " FROM customers c WHERE c.id IN (" +
      list + ")";
  ASSIGN_OR_RETURN(db::Rows rows, c.Query(sql.text, sql.params));
  for (const auto& r : rows) out[r.Int(0)] = {r.Bool(1), r.Bool(2), r.Bool(3)};
  return out;
}

Result<std::vector<Registration>> SpamRegistrations(db::Connection& c, int threshold) {
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query("SELECT c.id, c.registration_ip, c.registered_at FROM spam_scores s"
                           " JOIN customers c ON c.id = s.customer_id"
                           " WHERE s.score >= $1 AND c.registration_ip <> ''",
                           {int64_t{threshold}}));
  std::vector<Registration> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back({r.Int(0), r.Text(1), r.Int(2)});
  return out;
}

}  // namespace clientele::flows::cleanup_sql
