#include "modules/notes/store.hpp"

namespace clientele::notes::store {
namespace {

// The notes with their author's name (the admin's name, or e-mail without one).
constexpr const char* kSelect =
    "SELECT n.id, n.public_id, n.customer_id, n.body, n.author_id, n.via_token,"
    " COALESCE(NULLIF(a.name, ''), a.email, ''), n.created_at, n.updated_at, n.version"
    " FROM customer_notes n LEFT JOIN admins a ON a.public_id = n.author_id";

Note FromRow(const db::Row& r) {
  Note n;
  n.id = r.Int(0);
  n.public_id = r.Text(1);
  n.customer_id = r.Int(2);
  n.body = r.Text(3);
  n.author_id = r.Text(4);
  n.via_token = r.Text(5);
  n.author_name = r.Text(6);
  n.created_at = r.Int(7);
  n.updated_at = r.OptInt(8);
  n.version = r.Int(9);
  return n;
}

}  // namespace

Result<int64_t> Insert(db::Connection& c, const Note& n) {
  ASSIGN_OR_RETURN(
      db::Rows rows,
      c.Query("INSERT INTO customer_notes (public_id, customer_id, body, author_id, via_token,"
              " created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
              {n.public_id, n.customer_id, n.body, n.author_id, n.via_token, n.created_at}));
  return rows.at(0).Int(0);
}

Result<std::optional<Note>> Find(db::Connection& c, int64_t customer_id,
                                 const std::string& public_id) {
  static const std::string sql =
      std::string(kSelect) + " WHERE n.customer_id = $1 AND n.public_id = $2";
  ASSIGN_OR_RETURN(db::Rows rows, c.Query(sql, {customer_id, public_id}));
  if (rows.empty()) return std::optional<Note>();
  return std::optional<Note>(FromRow(rows[0]));
}

Result<std::vector<Note>> ListForCustomer(db::Connection& c, int64_t customer_id,
                                          std::optional<int64_t> before_id, int limit) {
  static const std::string sql = std::string(kSelect) +
                                 " WHERE n.customer_id = $1 AND n.id < $2"
                                 " ORDER BY n.id DESC LIMIT $3";
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query(sql, {customer_id, before_id.value_or(INT64_MAX), int64_t{limit}}));
  std::vector<Note> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(FromRow(r));
  return out;
}

Result<bool> SetBody(db::Connection& c, int64_t id, const std::string& body, int64_t now,
                     int64_t expected_version) {
  ASSIGN_OR_RETURN(int64_t changed,
                   c.Execute("UPDATE customer_notes SET body = $2, updated_at = $3,"
                             " version = version + 1 WHERE id = $1 AND version = $4",
                             {id, body, now, expected_version}));
  return changed == 1;
}

Status Delete(db::Connection& c, int64_t id) {
  RETURN_IF_ERROR(c.Execute("DELETE FROM customer_notes WHERE id = $1", {id}));
  return OkStatus();
}

Result<int64_t> CountFor(db::Connection& c, int64_t customer_id) {
  ASSIGN_OR_RETURN(
      db::Rows rows,
      c.Query("SELECT COUNT(*) FROM customer_notes WHERE customer_id = $1", {customer_id}));
  return rows.at(0).Int(0);
}

Status MoveToCustomer(db::Connection& c, int64_t from_customer, int64_t to_customer) {
  RETURN_IF_ERROR(c.Execute("UPDATE customer_notes SET customer_id = $2 WHERE customer_id = $1",
                            {from_customer, to_customer}));
  return OkStatus();
}

}  // namespace clientele::notes::store
