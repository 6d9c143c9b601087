// SQL for library entries, downloads and wishlist items, and nothing else.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "modules/library/model.hpp"

namespace clientele::library::store {

// The customer's entries with their products, orders and who granted them, newest first.
Result<std::vector<Entry>> ListForCustomer(db::Connection& c, int64_t customer_id);
Result<std::optional<Entry>> FindEntry(db::Connection& c, int64_t customer_id,
                                       const std::string& public_id);
// Purchase entries only, with the columns a rebuild compares (no joins).
Result<std::vector<Entry>> PurchaseEntries(db::Connection& c, int64_t first_customer,
                                           int64_t last_customer);
Result<std::vector<Entry>> PurchaseEntriesOfOrder(db::Connection& c, int64_t order_id);

Result<int64_t> InsertEntry(db::Connection& c, const Entry& e);
Status InsertPurchases(db::Connection& c, const std::vector<Grant>& grants, int64_t now);
Status Restore(db::Connection& c, const std::vector<int64_t>& ids, int64_t now);
Status Revoke(db::Connection& c, const std::vector<int64_t>& ids, Revoked reason, int64_t now);
// Writes while the entry is at `expected_version`; returns whether it did.
Result<bool> SetNote(db::Connection& c, int64_t id, const std::string& note,
                     int64_t expected_version, int64_t now);
// Whether the customer holds an active entry for the product.
Result<bool> HasActive(db::Connection& c, int64_t customer_id, int64_t product_id);

struct Download {
  std::string product_public_id, product_name, file_name;
  int64_t range_start = 0, bytes = 0;
  std::string ip, user_agent;
  int64_t downloaded_at = 0;
};
Status InsertDownload(db::Connection& c, int64_t customer_id, int64_t product_id,
                      const Download& d);
Result<std::vector<Download>> ListDownloads(db::Connection& c, int64_t customer_id,
                                            std::optional<int64_t> before_id, int limit,
                                            std::vector<int64_t>* ids);

Result<int64_t> InsertWish(db::Connection& c, const WishlistItem& w);
Result<std::optional<WishlistItem>> FindOpenWish(db::Connection& c, int64_t customer_id,
                                                 int64_t product_id);
// Returns whether an open item was removed.
Result<bool> RemoveWish(db::Connection& c, int64_t customer_id, const std::string& public_id,
                        int64_t now);
Result<std::vector<WishlistItem>> ListWishes(db::Connection& c, int64_t customer_id, int limit);
struct WishCounts {
  int64_t wished = 0, open = 0, purchased = 0, removed = 0;
};
Result<WishCounts> CountWishes(db::Connection& c, int64_t customer_id);
// Marks the customer's open items of `product_ids` added by `placed_at` as bought with the order.
Status MarkPurchased(db::Connection& c, int64_t customer_id,
                     const std::vector<int64_t>& product_ids, int64_t order_id, int64_t placed_at);
// Opens again the items a (now cancelled) order had marked, unless the product is wished anew.
Status UnmarkOrder(db::Connection& c, int64_t order_id);

struct ProductWishes {
  std::string product_public_id, sku, name;
  int64_t wished = 0, open = 0, purchased = 0;
};
// Products by how many customers wish them now, then by how often they were wished.
Result<std::vector<ProductWishes>> MostWished(db::Connection& c, int limit);

// Merge: `from`'s entries, downloads and wishlist become `to`'s; an open wish of a product `to`
// wishes too is closed as removed first.
Status MoveCustomer(db::Connection& c, int64_t from, int64_t to, int64_t now);
struct Counts {
  int64_t entries = 0, downloads = 0, wishes = 0;
};
Result<Counts> CountsOf(db::Connection& c, int64_t customer_id);

}  // namespace clientele::library::store
