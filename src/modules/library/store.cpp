#include "modules/library/store.hpp"

#include "core/ids.hpp"
#include "db/sql_builder.hpp"

namespace clientele::library::store {
namespace {

constexpr const char* kEntrySelect =
    "SELECT e.id, e.public_id, e.customer_id, e.product_id, p.public_id, p.sku, p.name,"
    " p.package_type, e.via_product_id, COALESCE(v.sku, ''), COALESCE(v.name, ''), e.method,"
    " e.order_id, COALESCE(o.public_id, ''), COALESCE(o.number, ''), e.note, e.granted_at,"
    " e.revoked_at, e.revoked_reason, e.actor_type, e.actor_id,"
    " COALESCE(NULLIF(ad.name, ''), ad.email, t.name, ''), e.updated_at, e.version"
    " FROM library_entries e JOIN products p ON p.id = e.product_id"
    " LEFT JOIN products v ON v.id = e.via_product_id"
    " LEFT JOIN orders o ON o.id = e.order_id"
    " LEFT JOIN admins ad ON e.actor_type = 'admin' AND ad.public_id = e.actor_id"
    " LEFT JOIN api_tokens t ON e.actor_type = 'api_token' AND t.public_id = e.actor_id";

Entry ReadEntry(const db::Row& r) {
  Entry e;
  e.id = r.Int(0);
  e.public_id = r.Text(1);
  e.customer_id = r.Int(2);
  e.product_id = r.Int(3);
  e.product_public_id = r.Text(4);
  e.product_sku = r.Text(5);
  e.product_name = r.Text(6);
  e.package_type = r.Text(7);
  e.via_product_id = r.OptInt(8);
  e.via_sku = r.Text(9);
  e.via_name = r.Text(10);
  e.method = ParseMethod(r.Text(11)).value_or(Method::kManual);
  e.order_id = r.OptInt(12);
  e.order_public_id = r.Text(13);
  e.order_number = r.Text(14);
  e.note = r.Text(15);
  e.granted_at = r.Int(16);
  e.revoked_at = r.OptInt(17);
  e.revoked = ParseRevoked(r.Text(18)).value_or(Revoked::kNone);
  e.actor_type = r.Text(19);
  e.actor_id = r.Text(20);
  e.actor_name = r.Text(21);
  e.updated_at = r.Int(22);
  e.version = r.Int(23);
  return e;
}

constexpr const char* kPurchaseSelect =
    "SELECT id, customer_id, product_id, via_product_id, order_id, revoked_at, revoked_reason"
    " FROM library_entries WHERE method = 'purchase' AND ";

Result<std::vector<Entry>> Purchases(db::Connection& c, const std::string& where,
                                     const db::Params& params) {
  ASSIGN_OR_RETURN(db::Rows rows, c.Query(std::string(kPurchaseSelect) + where, params));
  std::vector<Entry> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    Entry e;
    e.id = r.Int(0);
    e.customer_id = r.Int(1);
    e.product_id = r.Int(2);
    e.via_product_id = r.OptInt(3);
    e.order_id = r.OptInt(4);
    e.revoked_at = r.OptInt(5);
    e.revoked = ParseRevoked(r.Text(6)).value_or(Revoked::kNone);
    out.push_back(e);
  }
  return out;
}

constexpr const char* kWishSelect =
    "SELECT w.id, w.public_id, w.customer_id, w.product_id, p.public_id, p.sku, p.name,"
    " p.image_url, p.price, p.currency, w.added_at, w.removed_at, w.purchased_at,"
    " COALESCE(o.public_id, ''), COALESCE(o.number, '')"
    " FROM wishlist_items w JOIN products p ON p.id = w.product_id"
    " LEFT JOIN orders o ON o.id = w.order_id";

WishlistItem ReadWish(const db::Row& r) {
  WishlistItem w;
  w.id = r.Int(0);
  w.public_id = r.Text(1);
  w.customer_id = r.Int(2);
  w.product_id = r.Int(3);
  w.product_public_id = r.Text(4);
  w.product_sku = r.Text(5);
  w.product_name = r.Text(6);
  w.image_url = r.Text(7);
  w.price = r.Int(8);
  w.currency = r.Text(9);
  w.added_at = r.Int(10);
  w.removed_at = r.OptInt(11);
  w.purchased_at = r.OptInt(12);
  w.order_public_id = r.Text(13);
  w.order_number = r.Text(14);
  return w;
}

}  // namespace

Result<std::vector<Entry>> ListForCustomer(db::Connection& c, int64_t customer_id) {
  ASSIGN_OR_RETURN(db::Rows rows, c.Query(std::string(kEntrySelect) +
                                              " WHERE e.customer_id = $1 ORDER BY e.id DESC",
                                          {customer_id}));
  std::vector<Entry> out;
  for (const auto& r : rows) out.push_back(ReadEntry(r));
  return out;
}

Result<std::optional<Entry>> FindEntry(db::Connection& c, int64_t customer_id,
                                       const std::string& public_id) {
  ASSIGN_OR_RETURN(db::Rows rows, c.Query(std::string(kEntrySelect) +
                                              " WHERE e.customer_id = $1 AND e.public_id = $2",
                                          {customer_id, public_id}));
  if (rows.empty()) return std::optional<Entry>();
  return std::optional<Entry>(ReadEntry(rows[0]));
}

Result<std::vector<Entry>> PurchaseEntries(db::Connection& c, int64_t first_customer,
                                           int64_t last_customer) {
  return Purchases(c, "customer_id BETWEEN $1 AND $2", {first_customer, last_customer});
}

Result<std::vector<Entry>> PurchaseEntriesOfOrder(db::Connection& c, int64_t order_id) {
  return Purchases(c, "order_id = $1", {order_id});
}

Result<int64_t> InsertEntry(db::Connection& c, const Entry& e) {
  ASSIGN_OR_RETURN(
      db::Rows rows,
      c.Query("INSERT INTO library_entries (public_id, customer_id, product_id, via_product_id,"
              " method, order_id, note, granted_at, actor_type, actor_id, updated_at)"
              " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $8) RETURNING id",
              {e.public_id, e.customer_id, e.product_id, db::Nullable(e.via_product_id),
               std::string(ToString(e.method)), db::Nullable(e.order_id), e.note, e.granted_at,
               e.actor_type, e.actor_id}));
  return rows.at(0).Int(0);
}

Status InsertPurchases(db::Connection& c, const std::vector<Grant>& grants, int64_t now) {
  if (grants.empty()) return OkStatus();
  std::vector<db::Params> rows;
  rows.reserve(grants.size());
  for (const auto& g : grants) {
    rows.push_back(
        {NewPublicId("lib"), g.customer_id, g.product_id, db::Nullable(g.via), g.order_id, now});
  }
  return c.ExecuteMany(
      "INSERT INTO library_entries (public_id, customer_id, product_id, via_product_id, method,"
      " order_id, granted_at, actor_type, updated_at)"
      " VALUES ($1, $2, $3, $4, 'purchase', $5, $6, 'system', $6)",
      rows);
}

Status Restore(db::Connection& c, const std::vector<int64_t>& ids, int64_t now) {
  if (ids.empty()) return OkStatus();
  db::SqlBuilder sql;
  const std::string at = sql.Param(now);
  sql.text =
      "UPDATE library_entries SET revoked_at = NULL, revoked_reason = '', granted_at = " + at +
      ", updated_at = " + at + ", version = version + 1 WHERE id IN (" + sql.List(ids) + ")";
  RETURN_IF_ERROR(c.Execute(sql.text, sql.params));
  return OkStatus();
}

Status Revoke(db::Connection& c, const std::vector<int64_t>& ids, Revoked reason, int64_t now) {
  if (ids.empty()) return OkStatus();
  db::SqlBuilder sql;
  const std::string at = sql.Param(now);
  sql.text = "UPDATE library_entries SET revoked_at = " + at +
             ", revoked_reason = " + sql.Param(std::string(ToString(reason))) +
             ", updated_at = " + at +
             ", version = version + 1 WHERE revoked_at IS NULL AND id IN (" + sql.List(ids) + ")";
  RETURN_IF_ERROR(c.Execute(sql.text, sql.params));
  return OkStatus();
}

Result<bool> SetNote(db::Connection& c, int64_t id, const std::string& note,
                     int64_t expected_version, int64_t now) {
  ASSIGN_OR_RETURN(int64_t changed,
                   c.Execute("UPDATE library_entries SET note = $2, updated_at = $3,"
                             " version = version + 1 WHERE id = $1 AND version = $4",
                             {id, note, now, expected_version}));
  return changed == 1;
}

Result<bool> HasActive(db::Connection& c, int64_t customer_id, int64_t product_id) {
  ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT 1 FROM library_entries WHERE customer_id = $1 AND"
                                          " product_id = $2 AND revoked_at IS NULL LIMIT 1",
                                          {customer_id, product_id}));
  return !rows.empty();
}

Status InsertDownload(db::Connection& c, int64_t customer_id, int64_t product_id,
                      const Download& d) {
  RETURN_IF_ERROR(
      c.Execute("INSERT INTO downloads (customer_id, product_id, file_name, range_start, bytes,"
                " ip, user_agent, downloaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                {customer_id, product_id, d.file_name, d.range_start, d.bytes, d.ip, d.user_agent,
                 d.downloaded_at}));
  return OkStatus();
}

Result<std::vector<Download>> ListDownloads(db::Connection& c, int64_t customer_id,
                                            std::optional<int64_t> before_id, int limit,
                                            std::vector<int64_t>* ids) {
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query("SELECT d.id, p.public_id, p.name, d.file_name, d.range_start,"
                           " d.bytes, d.ip, d.user_agent, d.downloaded_at FROM downloads d"
                           " JOIN products p ON p.id = d.product_id WHERE d.customer_id = $1"
                           " AND ($2 = 0 OR d.id < $2) ORDER BY d.id DESC LIMIT $3",
                           {customer_id, before_id.value_or(0), int64_t{limit}}));
  std::vector<Download> out;
  for (const auto& r : rows) {
    if (ids) ids->push_back(r.Int(0));
    out.push_back(
        {r.Text(1), r.Text(2), r.Text(3), r.Int(4), r.Int(5), r.Text(6), r.Text(7), r.Int(8)});
  }
  return out;
}

Result<int64_t> InsertWish(db::Connection& c, const WishlistItem& w) {
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query("INSERT INTO wishlist_items (public_id, customer_id, product_id,"
                           " added_at) VALUES ($1, $2, $3, $4) RETURNING id",
                           {w.public_id, w.customer_id, w.product_id, w.added_at}));
  return rows.at(0).Int(0);
}

Result<std::optional<WishlistItem>> FindOpenWish(db::Connection& c, int64_t customer_id,
                                                 int64_t product_id) {
  ASSIGN_OR_RETURN(db::Rows rows, c.Query(std::string(kWishSelect) +
                                              " WHERE w.customer_id = $1 AND w.product_id = $2 AND"
                                              " w.removed_at IS NULL AND w.purchased_at IS NULL",
                                          {customer_id, product_id}));
  if (rows.empty()) return std::optional<WishlistItem>();
  return std::optional<WishlistItem>(ReadWish(rows[0]));
}

Result<bool> RemoveWish(db::Connection& c, int64_t customer_id, const std::string& public_id,
                        int64_t now) {
  ASSIGN_OR_RETURN(int64_t changed,
                   c.Execute("UPDATE wishlist_items SET removed_at = $3 WHERE customer_id = $1"
                             " AND public_id = $2 AND removed_at IS NULL AND purchased_at IS NULL",
                             {customer_id, public_id, now}));
  return changed == 1;
}

Result<std::vector<WishlistItem>> ListWishes(db::Connection& c, int64_t customer_id, int limit) {
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query(std::string(kWishSelect) + " WHERE w.customer_id = $1 ORDER BY w.id DESC"
                                                      " LIMIT $2",
                           {customer_id, int64_t{limit}}));
  std::vector<WishlistItem> out;
  for (const auto& r : rows) out.push_back(ReadWish(r));
  return out;
}

Result<WishCounts> CountWishes(db::Connection& c, int64_t customer_id) {
  ASSIGN_OR_RETURN(
      db::Rows rows,
      c.Query("SELECT COUNT(*),"
              " COALESCE(SUM(CASE WHEN removed_at IS NULL AND purchased_at IS NULL THEN 1"
              " ELSE 0 END), 0),"
              " COALESCE(SUM(CASE WHEN purchased_at IS NOT NULL THEN 1 ELSE 0 END), 0),"
              " COALESCE(SUM(CASE WHEN removed_at IS NOT NULL THEN 1 ELSE 0 END), 0)"
              " FROM wishlist_items WHERE customer_id = $1",
              {customer_id}));
  const db::Row& r = rows.at(0);
  return WishCounts{r.Int(0), r.Int(1), r.Int(2), r.Int(3)};
}

Status MarkPurchased(db::Connection& c, int64_t customer_id,
                     const std::vector<int64_t>& product_ids, int64_t order_id, int64_t placed_at) {
  if (product_ids.empty()) return OkStatus();
  db::SqlBuilder sql;
  const std::string at = sql.Param(placed_at);
  sql.text = "UPDATE wishlist_items SET purchased_at = " + at +
             ", order_id = " + sql.Param(order_id) +
             " WHERE customer_id = " + sql.Param(customer_id) +
             " AND removed_at IS NULL AND purchased_at IS NULL AND added_at <= " + at +
             " AND product_id IN (" + sql.List(product_ids) + ")";
  RETURN_IF_ERROR(c.Execute(sql.text, sql.params));
  return OkStatus();
}

Status UnmarkOrder(db::Connection& c, int64_t order_id) {
  RETURN_IF_ERROR(
      c.Execute("UPDATE wishlist_items SET purchased_at = NULL, order_id = NULL WHERE order_id = $1"
                " AND removed_at IS NULL AND NOT EXISTS (SELECT 1 FROM wishlist_items n"
                " WHERE n.customer_id = wishlist_items.customer_id"
                " AND n.product_id = wishlist_items.product_id"
                " AND n.removed_at IS NULL AND n.purchased_at IS NULL)",
                {order_id}));
  return OkStatus();
}

Result<std::vector<ProductWishes>> MostWished(db::Connection& c, int limit) {
  ASSIGN_OR_RETURN(
      db::Rows rows,
      c.Query("SELECT p.public_id, p.sku, p.name, COUNT(*),"
              " SUM(CASE WHEN w.removed_at IS NULL AND w.purchased_at IS NULL THEN 1 ELSE 0 END),"
              " SUM(CASE WHEN w.purchased_at IS NOT NULL THEN 1 ELSE 0 END)"
              " FROM wishlist_items w JOIN products p ON p.id = w.product_id"
              " GROUP BY p.id, p.public_id, p.sku, p.name"
              " ORDER BY 5 DESC, 4 DESC, p.id LIMIT $1",
              {int64_t{limit}}));
  std::vector<ProductWishes> out;
  for (const auto& r : rows) {
    out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Int(3), r.Int(4), r.Int(5)});
  }
  return out;
}

Status MoveCustomer(db::Connection& c, int64_t from, int64_t to, int64_t now) {
  RETURN_IF_ERROR(c.Execute(
      "UPDATE wishlist_items SET removed_at = $3 WHERE customer_id = $1 AND removed_at IS NULL"
      " AND purchased_at IS NULL AND product_id IN (SELECT w.product_id FROM wishlist_items w"
      " WHERE w.customer_id = $2 AND w.removed_at IS NULL AND w.purchased_at IS NULL)",
      {from, to, now}));
  for (const char* table : {"wishlist_items", "downloads", "library_entries"}) {
    RETURN_IF_ERROR(
        c.Execute(std::string("UPDATE ") + table + " SET customer_id = $2 WHERE customer_id = $1",
                  {from, to}));
  }
  return OkStatus();
}

Result<Counts> CountsOf(db::Connection& c, int64_t customer_id) {
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query("SELECT (SELECT COUNT(*) FROM library_entries WHERE customer_id = $1),"
                           " (SELECT COUNT(*) FROM downloads WHERE customer_id = $1),"
                           " (SELECT COUNT(*) FROM wishlist_items WHERE customer_id = $1)",
                           {customer_id}));
  return Counts{rows.at(0).Int(0), rows.at(0).Int(1), rows.at(0).Int(2)};
}

}  // namespace clientele::library::store
