#include "modules/orders/store.hpp"

#include "db/sql_builder.hpp"

namespace clientele::orders::store {
namespace {

constexpr const char* kOrderColumns =
    "SELECT id, public_id, number, customer_id, customer_ref, type, status, payment_status,"
    " currency, subtotal, discount, shipping, tax, total, paid, refunded, placed_at,"
    " billing_address, shipping_address, actor_type, actor_id, created_at, updated_at, version,"
    " request_hash FROM orders";

StoredOrder ReadOrder(const db::Row& r) {
  Order o;
  o.id = r.Int(0);
  o.public_id = r.Text(1);
  o.number = r.Text(2);
  o.customer_id = r.OptInt(3);
  o.customer_ref = r.Text(4);
  o.type = ParseOrderType(r.Text(5)).value_or(OrderType::kOnline);
  o.status = ParseOrderStatus(r.Text(6)).value_or(OrderStatus::kOpen);
  o.payment_status = ParsePaymentStatus(r.Text(7)).value_or(PaymentStatus::kPending);
  o.currency = r.Text(8);
  o.subtotal = r.Int(9);
  o.discount = r.Int(10);
  o.shipping = r.Int(11);
  o.tax = r.Int(12);
  o.total = r.Int(13);
  o.paid = r.Int(14);
  o.refunded = r.Int(15);
  o.placed_at = r.Int(16);
  o.billing_address = r.Text(17);
  o.shipping_address = r.Text(18);
  o.actor_type = r.Text(19);
  o.actor_id = r.Text(20);
  o.created_at = r.Int(21);
  o.updated_at = r.Int(22);
  o.version = r.Int(23);
  return {std::move(o), r.Text(24)};
}

Status LoadItems(db::Connection& c, std::vector<Order*> orders) {
  if (orders.empty()) return OkStatus();
  std::vector<int64_t> ids;
  for (const Order* o : orders) ids.push_back(o->id);
  db::SqlBuilder sql;
  sql.text =
      "SELECT order_id, sku, name, quantity, unit_price, total FROM order_items"
      " WHERE order_id IN (" +
      sql.List(ids) + ") ORDER BY order_id, position";
  ASSIGN_OR_RETURN(db::Rows rows, c.Query(sql.text, sql.params));
  for (Order* o : orders) {
    for (const auto& r : rows) {
      if (r.Int(0) == o->id)
        o->items.push_back({r.Text(1), r.Text(2), r.Int(3), r.Int(4), r.Int(5)});
    }
  }
  return OkStatus();
}

Result<std::optional<StoredOrder>> FindOne(db::Connection& c, const char* where,
                                           const std::string& value) {
  ASSIGN_OR_RETURN(db::Rows rows, c.Query(std::string(kOrderColumns) + " WHERE " + where, {value}));
  if (rows.empty()) return std::optional<StoredOrder>();
  StoredOrder s = ReadOrder(rows[0]);
  RETURN_IF_ERROR(LoadItems(c, {&s.order}));
  return std::optional<StoredOrder>(std::move(s));
}

constexpr const char* kTransactionColumns =
    "SELECT t.id, t.public_id, COALESCE(o.public_id, ''), COALESCE(o.number, ''),"
    " t.customer_ref, t.kind, t.amount, t.currency, t.method, t.description, t.actor_type,"
    " t.actor_id, COALESCE(NULLIF(ad.name, ''), ad.email, tk.name, ''), t.created_at,"
    " t.request_hash"
    " FROM transactions t LEFT JOIN orders o ON o.id = t.order_id"
    " LEFT JOIN admins ad ON t.actor_type = 'admin' AND ad.public_id = t.actor_id"
    " LEFT JOIN api_tokens tk ON t.actor_type = 'api_token' AND tk.public_id = t.actor_id";

Transaction ReadTransaction(const db::Row& r) {
  Transaction t;
  t.id = r.Int(0);
  t.public_id = r.Text(1);
  t.order_public_id = r.Text(2);
  t.order_number = r.Text(3);
  t.customer_ref = r.Text(4);
  t.kind = ParseTransactionKind(r.Text(5)).value_or(TransactionKind::kManual);
  t.amount = r.Int(6);
  t.currency = r.Text(7);
  t.method = r.Text(8);
  t.description = r.Text(9);
  t.actor_type = r.Text(10);
  t.actor_id = r.Text(11);
  t.actor_name = r.Text(12);
  t.created_at = r.Int(13);
  return t;
}

}  // namespace

Result<int64_t> InsertOrder(db::Connection& c, const Order& o, const std::string& request_hash) {
  ASSIGN_OR_RETURN(
      db::Rows rows,
      c.Query("INSERT INTO orders (public_id, number, customer_id, customer_ref, type, status,"
              " payment_status, currency, subtotal, discount, shipping, tax, total, paid,"
              " refunded, placed_at, billing_address, shipping_address, actor_type, actor_id,"
              " request_hash, created_at, updated_at, version) VALUES ($1, $2, $3, $4, $5, $6,"
              " $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $22,"
              " 1) RETURNING id",
              {o.public_id,
               o.number,
               db::Nullable(o.customer_id),
               o.customer_ref,
               std::string(ToString(o.type)),
               std::string(ToString(o.status)),
               std::string(ToString(o.payment_status)),
               o.currency,
               o.subtotal,
               o.discount,
               o.shipping,
               o.tax,
               o.total,
               o.paid,
               o.refunded,
               o.placed_at,
               o.billing_address,
               o.shipping_address,
               o.actor_type,
               o.actor_id,
               request_hash,
               o.created_at}));
  return rows.at(0).Int(0);
}

Status InsertItems(db::Connection& c, int64_t order_id, const std::vector<Item>& items,
                   const std::vector<std::optional<int64_t>>& product_ids) {
  std::vector<db::Params> rows;
  for (size_t i = 0; i < items.size(); ++i) {
    const Item& it = items[i];
    rows.push_back({order_id, static_cast<int64_t>(i), db::Nullable(product_ids.at(i)), it.sku,
                    it.name, it.quantity, it.unit_price, it.total});
  }
  return c.ExecuteMany(
      "INSERT INTO order_items (order_id, position, product_id, sku, name, quantity, unit_price,"
      " total) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      rows);
}

Result<std::optional<StoredOrder>> FindOrder(db::Connection& c, const std::string& public_id) {
  return FindOne(c, "public_id = $1", public_id);
}

Result<std::optional<StoredOrder>> FindByNumber(db::Connection& c, const std::string& number) {
  return FindOne(c, "number = $1", number);
}

Result<std::vector<Order>> ListForCustomer(db::Connection& c, int64_t customer_id,
                                           std::optional<int64_t> before_id, int limit) {
  db::SqlBuilder sql;
  sql.text = std::string(kOrderColumns) + " WHERE customer_id = " + sql.Param(customer_id);
  if (before_id) sql.text += " AND id < " + sql.Param(*before_id);
  sql.text += " ORDER BY id DESC LIMIT " + sql.Param(int64_t{limit});
  ASSIGN_OR_RETURN(db::Rows rows, c.Query(sql.text, sql.params));
  std::vector<Order> out;
  for (const auto& r : rows) out.push_back(ReadOrder(r).order);
  std::vector<Order*> all;
  for (auto& o : out) all.push_back(&o);
  RETURN_IF_ERROR(LoadItems(c, all));
  return out;
}

Status LockOrder(db::Connection& c, int64_t order_id) {
  RETURN_IF_ERROR(c.Execute("UPDATE orders SET version = version WHERE id = $1", {order_id}));
  return OkStatus();
}

Status SetMoney(db::Connection& c, int64_t order_id, int64_t paid, int64_t refunded,
                PaymentStatus status, int64_t now) {
  RETURN_IF_ERROR(
      c.Execute("UPDATE orders SET paid = $2, refunded = $3, payment_status = $4, updated_at = $5,"
                " version = version + 1 WHERE id = $1",
                {order_id, paid, refunded, std::string(ToString(status)), now}));
  return OkStatus();
}

Result<bool> SetStatus(db::Connection& c, int64_t order_id, OrderStatus status,
                       int64_t expected_version, int64_t now) {
  ASSIGN_OR_RETURN(int64_t changed,
                   c.Execute("UPDATE orders SET status = $2, updated_at = $3, version = version + 1"
                             " WHERE id = $1 AND version = $4",
                             {order_id, std::string(ToString(status)), now, expected_version}));
  return changed == 1;
}

Result<Stats> StatsOf(db::Connection& c, int64_t customer_id, const std::string& currency) {
  ASSIGN_OR_RETURN(
      db::Rows rows,
      c.Query("SELECT COUNT(*), COALESCE(SUM(CASE WHEN currency = $2 THEN paid - refunded"
              " ELSE 0 END), 0), MIN(placed_at), MAX(placed_at) FROM orders"
              " WHERE customer_id = $1 AND status <> 'cancelled'",
              {customer_id, currency}));
  const auto& r = rows.at(0);
  return Stats{r.Int(0), r.Int(1), r.OptInt(2), r.OptInt(3)};
}

Result<int64_t> InsertTransaction(db::Connection& c, const Transaction& t,
                                  std::optional<int64_t> order_id, int64_t customer_id,
                                  const std::string& key, const std::string& request_hash) {
  ASSIGN_OR_RETURN(
      db::Rows rows,
      c.Query("INSERT INTO transactions (public_id, order_id, customer_id, customer_ref, kind,"
              " amount, currency, method, description, actor_type, actor_id, idempotency_key,"
              " request_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,"
              " $12, $13, $14) RETURNING id",
              {t.public_id, db::Nullable(order_id), customer_id, t.customer_ref,
               std::string(ToString(t.kind)), t.amount, t.currency, t.method, t.description,
               t.actor_type, t.actor_id, key.empty() ? db::Value(nullptr) : db::Value(key),
               request_hash, t.created_at}));
  return rows.at(0).Int(0);
}

Result<std::optional<KeyedTransaction>> FindTransactionByKey(db::Connection& c,
                                                             const std::string& customer_ref,
                                                             const std::string& key) {
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query(std::string(kTransactionColumns) +
                               " WHERE t.customer_ref = $1 AND t.idempotency_key = $2",
                           {customer_ref, key}));
  if (rows.empty()) return std::optional<KeyedTransaction>();
  return std::optional<KeyedTransaction>(
      KeyedTransaction{ReadTransaction(rows[0]), rows[0].Text(14)});
}

Result<std::vector<Transaction>> ListTransactions(db::Connection& c, int64_t customer_id,
                                                  std::optional<int64_t> order_id, int limit) {
  db::SqlBuilder sql;
  sql.text = std::string(kTransactionColumns) + " WHERE t.customer_id = " + sql.Param(customer_id);
  if (order_id) sql.text += " AND t.order_id = " + sql.Param(*order_id);
  sql.text += " ORDER BY t.id DESC LIMIT " + sql.Param(int64_t{limit});
  ASSIGN_OR_RETURN(db::Rows rows, c.Query(sql.text, sql.params));
  std::vector<Transaction> out;
  for (const auto& r : rows) out.push_back(ReadTransaction(r));
  return out;
}

Status ClearAddresses(db::Connection& c, const std::vector<int64_t>& customer_ids) {
  if (customer_ids.empty()) return OkStatus();
  db::SqlBuilder sql;
  RETURN_IF_ERROR(c.Execute(
      "UPDATE orders SET billing_address = '{}', shipping_address = '{}' WHERE customer_id IN (" +
          sql.List(customer_ids) + ")",
      sql.params));
  return OkStatus();
}

namespace {

// An order grants what it sold once it is paid, until it is cancelled or wholly refunded.
constexpr const char* kGrants =
    "(o.status <> 'cancelled' AND o.payment_status IN ('paid', 'partially_refunded'))";

Result<std::vector<BoughtItem>> Bought(db::Connection& c, const std::string& where,
                                       const db::Params& params) {
  ASSIGN_OR_RETURN(
      db::Rows rows,
      c.Query(std::string("SELECT o.customer_id, o.id, i.product_id, o.placed_at, ") + kGrants +
                  ", o.status = 'cancelled' FROM orders o"
                  " JOIN order_items i ON i.order_id = o.id"
                  " WHERE i.product_id IS NOT NULL AND " +
                  where + " ORDER BY o.customer_id, o.id, i.position",
              params));
  std::vector<BoughtItem> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    BoughtItem b;
    b.customer_id = r.Int(0);
    b.order_id = r.Int(1);
    b.product_id = r.Int(2);
    b.placed_at = r.Int(3);
    b.grants = r.Bool(4);
    b.cancelled = r.Bool(5);
    out.push_back(b);
  }
  return out;
}

}  // namespace

Result<std::vector<BoughtItem>> GrantingItems(db::Connection& c, int64_t first_customer,
                                              int64_t last_customer) {
  return Bought(c, std::string("o.customer_id BETWEEN $1 AND $2 AND ") + kGrants,
                {first_customer, last_customer});
}

Result<std::vector<BoughtItem>> ItemsOfOrder(db::Connection& c, int64_t order_id) {
  return Bought(c, "o.id = $1 AND o.customer_id IS NOT NULL", {order_id});
}

Status MoveCustomer(db::Connection& c, int64_t from, int64_t to, const std::string& to_ref) {
  RETURN_IF_ERROR(
      c.Execute("UPDATE orders SET customer_id = $2, customer_ref = $3 WHERE customer_id = $1",
                {from, to, to_ref}));
  RETURN_IF_ERROR(
      c.Execute("UPDATE transactions SET idempotency_key = NULL WHERE customer_id = $1 AND"
                " idempotency_key IN (SELECT k.idempotency_key FROM transactions k"
                " WHERE k.customer_ref = $2 AND k.idempotency_key IS NOT NULL)",
                {from, to_ref}));
  RETURN_IF_ERROR(c.Execute(
      "UPDATE transactions SET customer_id = $2, customer_ref = $3 WHERE customer_id = $1",
      {from, to, to_ref}));
  return OkStatus();
}

Result<std::pair<int64_t, int64_t>> CountsOf(db::Connection& c, int64_t customer_id) {
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query("SELECT (SELECT COUNT(*) FROM orders WHERE customer_id = $1),"
                           " (SELECT COUNT(*) FROM transactions WHERE customer_id = $1)",
                           {customer_id}));
  return std::make_pair(rows.at(0).Int(0), rows.at(0).Int(1));
}

}  // namespace clientele::orders::store
