// The library's values and rules, pure: what a customer's orders grant (bundles and combos
// expanded to their digital contents), how a rebuild turns the purchase entries into what the
// order history says without touching gifts and manual entries, and the wishlist's conversion.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "modules/catalog/model.hpp"
#include "modules/orders/model.hpp"

namespace clientele::library {

enum class Method { kPurchase, kGift, kManual };
// Why an entry stopped giving access: its order no longer grants it (refunded, cancelled), an
// admin revoked it, or a rebuild found no order for it.
enum class Revoked { kNone, kOrder, kAdmin, kRebuild };
const char* ToString(Method m);
const char* ToString(Revoked r);
std::optional<Method> ParseMethod(const std::string& s);
std::optional<Revoked> ParseRevoked(const std::string& s);

struct Entry {
  int64_t id = 0;
  std::string public_id;
  int64_t customer_id = 0;
  int64_t product_id = 0;
  std::string product_public_id, product_sku, product_name, package_type;
  std::optional<int64_t> via_product_id;  // the bundle or combo it came with
  std::string via_sku, via_name;
  Method method = Method::kPurchase;
  std::optional<int64_t> order_id;
  std::string order_public_id, order_number;
  std::string note;
  int64_t granted_at = 0;
  std::optional<int64_t> revoked_at;
  Revoked revoked = Revoked::kNone;
  std::string actor_type, actor_id, actor_name;
  int64_t updated_at = 0, version = 1;
  bool active() const { return !revoked_at.has_value(); }
};

// One product an order grants: the key of a purchase entry.
struct Grant {
  int64_t customer_id = 0, order_id = 0, product_id = 0;
  std::optional<int64_t> via;
  int64_t placed_at = 0;
  auto key() const { return std::make_tuple(order_id, product_id, via.value_or(0)); }
};

// The products `items` grant: each granting item's digital product, and for a bundle or combo
// also its digital components (each with the bundle as `via`), without repeats. Items of products
// not in `shapes` or not digital grant nothing.
std::vector<Grant> Expand(const std::vector<orders::BoughtItem>& items,
                          const std::map<int64_t, catalog::Shape>& shapes);

// What a rebuild changes in a set of purchase entries so they say what `wanted` says: new
// grants are added, entries revoked by an order or a rebuild that are granted again come back,
// active entries nothing grants any more are revoked. An entry an admin revoked stays revoked.
struct Plan {
  std::vector<Grant> add;
  std::vector<int64_t> restore, revoke;  // entry ids
  int64_t unchanged = 0;
  bool empty() const { return add.empty() && restore.empty() && revoke.empty(); }
};
Plan PlanRebuild(const std::vector<Grant>& wanted, const std::vector<Entry>& purchase_entries);

inline constexpr size_t kMaxNote = 1000;

struct WishlistItem {
  int64_t id = 0;
  std::string public_id;
  int64_t customer_id = 0, product_id = 0;
  std::string product_public_id, product_sku, product_name, image_url;
  int64_t price = 0;
  std::string currency;
  int64_t added_at = 0;
  std::optional<int64_t> removed_at, purchased_at;
  std::string order_public_id, order_number;
  bool open() const { return !removed_at && !purchased_at; }
};

// Of everything ever wished, the share bought afterwards (0 when nothing was wished).
double ConversionRate(int64_t wished, int64_t purchased);

}  // namespace clientele::library
