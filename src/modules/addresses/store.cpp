#include "modules/addresses/store.hpp"

#include <unordered_map>

#include "db/sql_builder.hpp"

namespace clientele::addresses::store {
namespace {

constexpr const char* kFields =
    "a.id, a.public_id, a.customer_id, {customer}, a.label, a.first_name, a.last_name,"
    " a.company, a.kind, a.line1, a.line2, a.city, a.region, a.region_code, a.postal_code,"
    " a.country, a.phone, a.delivery_note, a.is_default_billing, a.is_default_shipping,"
    " a.created_at, a.updated_at, a.version FROM customer_addresses a";

// The columns FromRow reads, with the customer's public id (`with_customer`) or without it
// (hot lists of many customers, whose callers know the customers).
std::string Columns(bool with_customer) {
  std::string sql = kFields;
  sql.replace(sql.find("{customer}"), 10, with_customer ? "c.public_id" : "''");
  if (with_customer) sql += " JOIN customers c ON c.id = a.customer_id";
  return sql;
}

constexpr const char* kInsert =
    "INSERT INTO customer_addresses (public_id, customer_id, label, first_name, last_name,"
    " company, kind, line1, line2, city, city_key, region, region_code, postal_code, country,"
    " phone, delivery_note, is_default_billing, is_default_shipping, created_at, updated_at,"
    " version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,"
    " $17, $18, $19, $20, $21, $22)";

constexpr const char* kUpdate =
    "UPDATE customer_addresses SET label = $2, first_name = $3, last_name = $4, company = $5,"
    " kind = $6, line1 = $7, line2 = $8, city = $9, city_key = $10, region = $11,"
    " region_code = $12, postal_code = $13, country = $14, phone = $15, delivery_note = $16,"
    " updated_at = $17, version = version + 1 WHERE id = $1 AND version = $18";

int64_t B(bool b) { return b ? 1 : 0; }

Address FromRow(const db::Row& r) {
  Address a;
  a.id = r.Int(0);
  a.public_id = r.Text(1);
  a.customer_id = r.Int(2);
  a.customer_public_id = r.Text(3);
  a.label = r.Text(4);
  a.first_name = r.Text(5);
  a.last_name = r.Text(6);
  a.company = r.Text(7);
  a.kind = ParseKind(r.Text(8)).value_or(Kind::kResidential);
  a.line1 = r.Text(9);
  a.line2 = r.Text(10);
  a.city = r.Text(11);
  a.region = r.Text(12);
  a.region_code = r.Text(13);
  a.postal_code = r.Text(14);
  a.country = r.Text(15);
  a.phone = r.Text(16);
  a.delivery_note = r.Text(17);
  a.default_billing = r.Bool(18);
  a.default_shipping = r.Bool(19);
  a.created_at = r.Int(20);
  a.updated_at = r.Int(21);
  a.version = r.Int(22);
  return a;
}

db::Params InsertParams(const Address& a, const std::string& city_key) {
  return {a.public_id,
          a.customer_id,
          a.label,
          a.first_name,
          a.last_name,
          a.company,
          std::string(ToString(a.kind)),
          a.line1,
          a.line2,
          a.city,
          city_key,
          a.region,
          a.region_code,
          a.postal_code,
          a.country,
          a.phone,
          a.delivery_note,
          B(a.default_billing),
          B(a.default_shipping),
          a.created_at,
          a.updated_at,
          a.version};
}

Status MoveFlag(db::Connection& c, const char* column, int64_t customer_id,
                std::optional<int64_t> from, std::optional<int64_t> to) {
  if (from == to) return OkStatus();
  // Clear first, then set: the partial unique index is checked row by row.
  if (from) {
    RETURN_IF_ERROR(c.Execute(std::string("UPDATE customer_addresses SET ") + column +
                                  " = 0 WHERE customer_id = $1 AND " + column + " = 1",
                              {customer_id}));
  }
  if (to) {
    RETURN_IF_ERROR(c.Execute(std::string("UPDATE customer_addresses SET ") + column +
                                  " = 1 WHERE id = $1 AND customer_id = $2",
                              {*to, customer_id}));
  }
  return OkStatus();
}

}  // namespace

Result<std::optional<CustomerRef>> FindCustomer(db::Connection& c, std::string_view public_id) {
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query("SELECT id, public_id, first_name, last_name FROM customers"
                           " WHERE public_id = $1",
                           {std::string(public_id)}));
  if (rows.empty()) return std::optional<CustomerRef>();
  const db::Row& r = rows[0];
  return std::optional<CustomerRef>(CustomerRef{r.Int(0), r.Text(1), r.Text(2), r.Text(3)});
}

Result<BookRow> LockBook(db::Connection& c, int64_t customer_id, int64_t now) {
  ASSIGN_OR_RETURN(
      db::Rows rows,
      c.Query("INSERT INTO address_books (customer_id, shipping_same_as_billing, version,"
              " updated_at) VALUES ($1, 0, 1, $2) ON CONFLICT (customer_id) DO UPDATE"
              " SET version = address_books.version + 1, updated_at = $2"
              " RETURNING shipping_same_as_billing, version",
              {customer_id, now}));
  return BookRow{rows.at(0).Bool(0), rows.at(0).Int(1)};
}

Result<BookRow> ReadBook(db::Connection& c, int64_t customer_id) {
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query("SELECT shipping_same_as_billing, version FROM address_books"
                           " WHERE customer_id = $1",
                           {customer_id}));
  if (rows.empty()) return BookRow{};
  return BookRow{rows[0].Bool(0), rows[0].Int(1)};
}

Status SetSameAsBilling(db::Connection& c, int64_t customer_id, bool on) {
  RETURN_IF_ERROR(
      c.Execute("UPDATE address_books SET shipping_same_as_billing = $2 WHERE customer_id = $1",
                {customer_id, B(on)}));
  return OkStatus();
}

Result<std::vector<Address>> List(db::Connection& c, int64_t customer_id) {
  static const std::string sql =
      "SELECT " + Columns(true) +
      " WHERE a.customer_id = $1"
      " ORDER BY a.is_default_billing DESC, a.is_default_shipping DESC, a.id";
  ASSIGN_OR_RETURN(db::Rows rows, c.Query(sql, {customer_id}));
  std::vector<Address> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(FromRow(r));
  return out;
}

Result<std::optional<Address>> Find(db::Connection& c, int64_t customer_id,
                                    std::string_view public_id) {
  static const std::string sql =
      "SELECT " + Columns(true) + " WHERE a.public_id = $1 AND a.customer_id = $2";
  ASSIGN_OR_RETURN(db::Rows rows, c.Query(sql, {std::string(public_id), customer_id}));
  if (rows.empty()) return std::optional<Address>();
  return std::optional<Address>(FromRow(rows[0]));
}

Result<int64_t> Count(db::Connection& c, int64_t customer_id) {
  ASSIGN_OR_RETURN(
      db::Rows rows,
      c.Query("SELECT count(*) FROM customer_addresses WHERE customer_id = $1", {customer_id}));
  return rows.at(0).Int(0);
}

Result<int64_t> Insert(db::Connection& c, const Address& a) {
  static const std::string sql = std::string(kInsert) + " RETURNING id";
  Address row = a;
  row.default_billing = row.default_shipping = false;
  ASSIGN_OR_RETURN(db::Rows rows, c.Query(sql, InsertParams(row, CityKey(row.city))));
  return rows.at(0).Int(0);
}

Result<bool> Update(db::Connection& c, const Address& a, int64_t expected_version) {
  ASSIGN_OR_RETURN(
      int64_t changed,
      c.Execute(kUpdate,
                {a.id, a.label, a.first_name, a.last_name, a.company, std::string(ToString(a.kind)),
                 a.line1, a.line2, a.city, CityKey(a.city), a.region, a.region_code, a.postal_code,
                 a.country, a.phone, a.delivery_note, a.updated_at, expected_version}));
  return changed == 1;
}

Status Delete(db::Connection& c, int64_t id) {
  RETURN_IF_ERROR(c.Execute("DELETE FROM customer_addresses WHERE id = $1", {id}));
  return OkStatus();
}

Status WriteDefaults(db::Connection& c, int64_t customer_id, const Defaults& from,
                     const Defaults& to) {
  RETURN_IF_ERROR(MoveFlag(c, "is_default_billing", customer_id, from.billing, to.billing));
  return MoveFlag(c, "is_default_shipping", customer_id, from.shipping, to.shipping);
}

Result<std::vector<Address>> DefaultAddressesOf(db::Connection& c,
                                                const std::vector<int64_t>& customer_ids) {
  std::vector<Address> out;
  if (customer_ids.empty()) return out;
  db::SqlBuilder sql;
  // The flags summed rather than OR-ed: the planner then reads each customer's few addresses
  // through the customer index, one descent, instead of one descent per partial default index.
  sql.text = "SELECT " + Columns(false) + " WHERE a.customer_id IN (" + sql.List(customer_ids) +
             ") AND a.is_default_billing + a.is_default_shipping > 0";
  ASSIGN_OR_RETURN(db::Rows rows, c.Query(sql.text, sql.params));
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(FromRow(r));
  return out;
}

Result<std::vector<int64_t>> SameAsBillingAmong(db::Connection& c,
                                                const std::vector<int64_t>& customer_ids) {
  std::vector<int64_t> out;
  if (customer_ids.empty()) return out;
  db::SqlBuilder sql;
  sql.text = "SELECT customer_id FROM address_books WHERE customer_id IN (" +
             sql.List(customer_ids) + ") AND shipping_same_as_billing = 1";
  ASSIGN_OR_RETURN(db::Rows rows, c.Query(sql.text, sql.params));
  for (const auto& r : rows) out.push_back(r.Int(0));
  return out;
}

InsertBatch PrepareInsert(const std::vector<Address>& addresses) {
  InsertBatch batch;
  batch.rows.reserve(addresses.size());
  // Bulk loads repeat the same towns: normalise each once.
  std::unordered_map<std::string, std::string> city_keys;
  for (const auto& a : addresses) {
    auto it = city_keys.find(a.city);
    if (it == city_keys.end()) it = city_keys.emplace(a.city, CityKey(a.city)).first;
    batch.rows.push_back(InsertParams(a, it->second));
  }
  return batch;
}

Status InsertMany(db::Connection& c, const InsertBatch& batch) {
  return c.ExecuteMany(kInsert, batch.rows);
}

Status InsertBooks(db::Connection& c, const std::vector<int64_t>& same_as_billing, int64_t now) {
  std::vector<db::Params> rows;
  rows.reserve(same_as_billing.size());
  for (int64_t id : same_as_billing) rows.push_back({id, now});
  return c.ExecuteMany(
      "INSERT INTO address_books (customer_id, shipping_same_as_billing, version, updated_at)"
      " VALUES ($1, 1, 1, $2)",
      rows);
}

Status SetPlaceKeys(db::Connection& c, int64_t customer_id, const PlaceKeys& keys) {
  RETURN_IF_ERROR(
      c.Execute("UPDATE customers SET place_text = $2, place_digits = $3 WHERE id = $1 AND"
                " (place_text <> $2 OR place_digits <> $3)",
                {customer_id, keys.text, keys.digits}));
  return OkStatus();
}

Status SetPlaceKeysMany(db::Connection& c, const std::vector<std::pair<int64_t, PlaceKeys>>& keys) {
  if (keys.size() == 1) return SetPlaceKeys(c, keys[0].first, keys[0].second);
  if (keys.empty()) return OkStatus();
  RETURN_IF_ERROR(
      c.Execute("CREATE TEMP TABLE IF NOT EXISTS new_place_keys (id BIGINT PRIMARY KEY,"
                " place_text TEXT NOT NULL, place_digits TEXT NOT NULL)"));
  std::vector<db::Params> rows;
  rows.reserve(keys.size());
  for (const auto& [id, k] : keys) rows.push_back({id, k.text, k.digits});
  RETURN_IF_ERROR(c.ExecuteMany(
      "INSERT INTO new_place_keys (id, place_text, place_digits) VALUES ($1, $2, $3)", rows));
  RETURN_IF_ERROR(c.Execute(
      "UPDATE customers SET place_text = k.place_text, place_digits = k.place_digits"
      " FROM new_place_keys k WHERE customers.id = k.id"
      // Without the IN, SQLite's planner walks every customer for each chunk of keys.
      " AND customers.id IN (SELECT id FROM new_place_keys) AND"
      " (customers.place_text <> k.place_text OR customers.place_digits <> k.place_digits)"));
  RETURN_IF_ERROR(c.Execute("DELETE FROM new_place_keys"));
  return OkStatus();
}

Status MoveAll(db::Connection& c, int64_t from, int64_t to, int64_t now) {
  // The book that receives keeps its defaults; moved addresses bring none that would clash.
  for (const char* flag : {"is_default_billing", "is_default_shipping"}) {
    RETURN_IF_ERROR(c.Execute(std::string("UPDATE customer_addresses SET ") + flag +
                                  " = 0 WHERE customer_id = $1 AND EXISTS (SELECT 1 FROM"
                                  " customer_addresses t WHERE t.customer_id = $2 AND t." +
                                  flag + " = 1)",
                              {from, to}));
  }
  RETURN_IF_ERROR(c.Execute(
      "UPDATE customer_addresses SET customer_id = $2, updated_at = $3 WHERE customer_id = $1",
      {from, to, now}));
  RETURN_IF_ERROR(c.Execute("DELETE FROM address_books WHERE customer_id = $1", {from}));
  RETURN_IF_ERROR(c.Execute(
      "UPDATE address_books SET version = version + 1, updated_at = $2 WHERE customer_id = $1",
      {to, now}));
  return OkStatus();
}

Result<int64_t> CountOf(db::Connection& c, int64_t customer_id) {
  ASSIGN_OR_RETURN(
      db::Rows rows,
      c.Query("SELECT COUNT(*) FROM customer_addresses WHERE customer_id = $1", {customer_id}));
  return rows.at(0).Int(0);
}

}  // namespace clientele::addresses::store
