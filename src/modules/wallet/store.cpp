#include "modules/wallet/store.hpp"

namespace clientele::wallet::store {
namespace {

// What is left of a credit: its amount less what debits and its expiry took.
constexpr const char* kRemaining =
    "(e.amount - COALESCE((SELECT SUM(a.amount) FROM wallet_allocations a"
    " WHERE a.credit_id = e.id), 0))";

// The entry columns, with the name of who made it (the admin, or the API token).
std::string EntrySelect() {
  return std::string(
             "SELECT e.id, e.public_id, e.customer_ref, e.currency, e.kind, e.amount,"
             " e.expires_at, e.reason, e.order_ref, e.actor_type, e.actor_id,"
             " COALESCE(NULLIF(ad.name, ''), ad.email, t.name, ''), e.created_at,"
             " CASE WHEN e.kind = 'credit' THEN ") +
         kRemaining +
         " ELSE 0 END"
         " FROM wallet_entries e"
         " LEFT JOIN admins ad ON e.actor_type = 'admin' AND ad.public_id = e.actor_id"
         " LEFT JOIN api_tokens t ON e.actor_type = 'api_token' AND t.public_id = e.actor_id";
}

Entry ReadEntry(const db::Row& r) {
  Entry e;
  e.id = r.Int(0);
  e.public_id = r.Text(1);
  e.customer_ref = r.Text(2);
  e.currency = r.Text(3);
  e.kind = ParseEntryKind(r.Text(4)).value_or(EntryKind::kCredit);
  e.amount = r.Int(5);
  e.expires_at = r.OptInt(6);
  e.reason = r.Text(7);
  e.order_ref = r.Text(8);
  e.actor_type = r.Text(9);
  e.actor_id = r.Text(10);
  e.actor_name = r.Text(11);
  e.created_at = r.Int(12);
  e.remaining = r.Int(13);
  return e;
}

}  // namespace

Status LockBalance(db::Connection& c, int64_t customer_id, const std::string& currency,
                   int64_t now) {
  RETURN_IF_ERROR(
      c.Execute("INSERT INTO wallet_balances (customer_id, currency, balance, updated_at)"
                " VALUES ($1, $2, 0, $3) ON CONFLICT (customer_id, currency)"
                " DO UPDATE SET updated_at = excluded.updated_at",
                {customer_id, currency, now}));
  return OkStatus();
}

Status SetBalance(db::Connection& c, int64_t customer_id, const std::string& currency,
                  int64_t balance, int64_t now) {
  RETURN_IF_ERROR(
      c.Execute("UPDATE wallet_balances SET balance = $3, updated_at = $4"
                " WHERE customer_id = $1 AND currency = $2",
                {customer_id, currency, balance, now}));
  return OkStatus();
}

Result<std::optional<KeyedEntry>> FindByKey(db::Connection& c, const std::string& customer_ref,
                                            const std::string& key) {
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query(EntrySelect() + " WHERE e.customer_ref = $1 AND e.idempotency_key = $2",
                           {customer_ref, key}));
  if (rows.empty()) return std::optional<KeyedEntry>();
  ASSIGN_OR_RETURN(db::Rows hash, c.Query("SELECT request_hash FROM wallet_entries WHERE id = $1",
                                          {rows[0].Int(0)}));
  return std::optional<KeyedEntry>(KeyedEntry{ReadEntry(rows[0]), hash.at(0).Text(0)});
}

Result<std::optional<Entry>> FindEntry(db::Connection& c, int64_t id) {
  ASSIGN_OR_RETURN(db::Rows rows, c.Query(EntrySelect() + " WHERE e.id = $1", {id}));
  if (rows.empty()) return std::optional<Entry>();
  return std::optional<Entry>(ReadEntry(rows[0]));
}

Result<int64_t> InsertEntry(db::Connection& c, const Entry& e, int64_t customer_id,
                            const std::string& key, const std::string& request_hash) {
  ASSIGN_OR_RETURN(
      db::Rows rows,
      c.Query("INSERT INTO wallet_entries (public_id, customer_id, customer_ref, currency, kind,"
              " amount, expires_at, reason, order_ref, actor_type, actor_id, idempotency_key,"
              " request_hash, created_at)"
              " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
              {e.public_id, customer_id, e.customer_ref, e.currency, ToString(e.kind), e.amount,
               db::Nullable(e.expires_at), e.reason, e.order_ref, e.actor_type, e.actor_id,
               key.empty() ? db::Value(nullptr) : db::Value(key), request_hash, e.created_at}));
  return rows.at(0).Int(0);
}

Status InsertAllocation(db::Connection& c, int64_t entry_id, int64_t credit_id, int64_t amount) {
  RETURN_IF_ERROR(
      c.Execute("INSERT INTO wallet_allocations (entry_id, credit_id, amount) VALUES ($1, $2, $3)",
                {entry_id, credit_id, amount}));
  return OkStatus();
}

Result<std::vector<Entry>> OpenCredits(db::Connection& c, int64_t customer_id,
                                       const std::string& currency) {
  ASSIGN_OR_RETURN(
      db::Rows rows,
      c.Query(EntrySelect() + " WHERE e.customer_id = $1 AND e.currency = $2 AND e.kind = 'credit'"
                              " ORDER BY e.expires_at IS NULL, e.expires_at, e.id",
              {customer_id, currency}));
  std::vector<Entry> out;
  for (const auto& r : rows) {
    Entry e = ReadEntry(r);
    if (e.remaining > 0) out.push_back(std::move(e));
  }
  return out;
}

Result<std::vector<std::string>> Currencies(db::Connection& c, int64_t customer_id) {
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query("SELECT DISTINCT currency FROM wallet_entries WHERE customer_id = $1"
                           " ORDER BY currency",
                           {customer_id}));
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.Text(0));
  return out;
}

Result<std::vector<Entry>> ListEntries(db::Connection& c, int64_t customer_id, int limit) {
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query(EntrySelect() + " WHERE e.customer_id = $1 ORDER BY e.id DESC"
                                           " LIMIT $2",
                           {customer_id, int64_t{limit}}));
  std::vector<Entry> out;
  for (const auto& r : rows) out.push_back(ReadEntry(r));
  return out;
}

Result<std::vector<std::pair<int64_t, std::string>>> WalletsWithExpired(db::Connection& c,
                                                                        int64_t now, int limit) {
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query(std::string("SELECT DISTINCT e.customer_id, e.currency"
                                       " FROM wallet_entries e WHERE e.kind = 'credit'"
                                       " AND e.expires_at <= $1 AND e.customer_id IS NOT NULL"
                                       " AND ") +
                               kRemaining + " > 0 LIMIT $2",
                           {now, int64_t{limit}}));
  std::vector<std::pair<int64_t, std::string>> out;
  for (const auto& r : rows) out.emplace_back(r.Int(0), r.Text(1));
  return out;
}

Result<std::vector<Entry>> History(db::Connection& c, const HistoryFilter& f) {
  std::string sql = EntrySelect();
  // The customer's contact data, as it is now (nothing once erased).
  sql.insert(sql.find(" FROM wallet_entries e"),
             ", COALESCE(cu.first_name, ''), COALESCE(cu.last_name, ''), COALESCE(cu.email, ''),"
             " COALESCE(cu.phone, '')");
  sql += " LEFT JOIN customers cu ON cu.id = e.customer_id WHERE 1 = 1";
  db::Params params;
  auto param = [&](db::Value v) {
    params.push_back(std::move(v));
    return "$" + std::to_string(params.size());
  };
  if (f.from) sql += " AND e.created_at >= " + param(*f.from);
  if (f.to) sql += " AND e.created_at < " + param(*f.to);
  if (f.kind) sql += " AND e.kind = " + param(std::string(ToString(*f.kind)));
  if (f.before_id) sql += " AND e.id < " + param(*f.before_id);
  sql += " ORDER BY e.id DESC LIMIT " + param(int64_t{f.limit} + 1);
  ASSIGN_OR_RETURN(db::Rows rows, c.Query(sql, params));
  std::vector<Entry> out;
  for (const auto& r : rows) {
    Entry e = ReadEntry(r);
    std::string first = r.Text(14), last = r.Text(15);
    e.customer_name = first.empty() ? last : last.empty() ? first : first + " " + last;
    e.customer_email = r.Text(16);
    e.customer_phone = r.Text(17);
    out.push_back(std::move(e));
  }
  return out;
}

Result<int64_t> HistoryCount(db::Connection& c, const HistoryFilter& f) {
  std::string sql = "SELECT count(*) FROM wallet_entries e WHERE 1 = 1";
  db::Params params;
  auto param = [&](db::Value v) {
    params.push_back(std::move(v));
    return "$" + std::to_string(params.size());
  };
  if (f.from) sql += " AND e.created_at >= " + param(*f.from);
  if (f.to) sql += " AND e.created_at < " + param(*f.to);
  if (f.kind) sql += " AND e.kind = " + param(std::string(ToString(*f.kind)));
  ASSIGN_OR_RETURN(db::Rows rows, c.Query(sql, params));
  return rows.at(0).Int(0);
}

Status MoveCustomer(db::Connection& c, int64_t from, int64_t to, const std::string& to_ref,
                    int64_t now) {
  RETURN_IF_ERROR(
      c.Execute("INSERT INTO wallet_balances (customer_id, currency, balance, updated_at)"
                " SELECT $2, currency, balance, $3 FROM wallet_balances WHERE customer_id = $1"
                " ON CONFLICT (customer_id, currency) DO UPDATE SET"
                " balance = wallet_balances.balance + excluded.balance,"
                " updated_at = excluded.updated_at",
                {from, to, now}));
  RETURN_IF_ERROR(c.Execute("DELETE FROM wallet_balances WHERE customer_id = $1", {from}));
  RETURN_IF_ERROR(
      c.Execute("UPDATE wallet_entries SET idempotency_key = NULL WHERE customer_id = $1 AND"
                " idempotency_key IN (SELECT k.idempotency_key FROM wallet_entries k"
                " WHERE k.customer_ref = $2 AND k.idempotency_key IS NOT NULL)",
                {from, to_ref}));
  RETURN_IF_ERROR(c.Execute(
      "UPDATE wallet_entries SET customer_id = $2, customer_ref = $3 WHERE customer_id = $1",
      {from, to, to_ref}));
  return OkStatus();
}

Result<int64_t> EntryCount(db::Connection& c, int64_t customer_id) {
  ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT COUNT(*) FROM wallet_entries WHERE"
                                          " customer_id = $1",
                                          {customer_id}));
  return rows.at(0).Int(0);
}

}  // namespace clientele::wallet::store
