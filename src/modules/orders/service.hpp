// Orders and money on the customer. The store's back end sends orders (one by one or in batches
// of up to 1,000, all or nothing) and an admin may place one for the customer; totals are
// computed from the line items and checked; an order's payment status follows its payments
// and refunds (a refund above what was paid is refused). Every change keeps the customer's
// order statistics exact in its own transaction. Money-moving requests carry an idempotency
// key (orders are keyed by their number). Banned and blacklisted customers' orders are refused.
// Each order has a public view link (a token only this store can make) and, while payment is
// pending, a payment link from the store's URL template. Thread-safe.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "crypto/secret_box.hpp"
#include "db/database.hpp"
#include "modules/audit/audit.hpp"
#include "modules/orders/model.hpp"

namespace clientele::orders {

struct Placed {
  Order order;
  bool created = true;  // false: an earlier request with the same number and body made it
};

struct OrderPage {
  std::vector<Order> items;
  std::optional<std::string> next_cursor;
};

struct TransactionInput {
  std::string kind;      // payment | refund (for an order), manual (for a customer)
  int64_t amount = 0;    // payments and refunds positive; manual entries signed
  std::string currency;  // manual entries; default the store's
  std::string method, description;
  std::string order_number;  // manual entries: an order of the customer it is about
  std::string idempotency_key;
};

struct Recorded {
  Transaction transaction;
  std::optional<Order> order;  // payments and refunds: the order afterwards
  bool replayed = false;
};

class Service {
 public:
  static constexpr size_t kMaxBatch = 1000;

  Service(db::Database& db, const Clock& clock, crypto::SecretBox& secrets)
      : db_(db), clock_(clock), secrets_(secrets) {}
  // The address of the customer area in links: "https://shop.example.com" (no trailing slash).
  void SetPublicUrl(std::string url) { public_url_ = std::move(url); }

  // Errors: kInvalidArgument (field errors: number, customer_id, type, status, currency,
  // items[i].sku/quantity/unit_price, discount, shipping, tax, subtotal or total
  // "totals_mismatch", payments), kAlreadyExists "order_exists" (the number with other
  // contents), kPermissionDenied "refused" (a banned or blacklisted customer).
  Result<Placed> Place(const audit::Actor& actor, const OrderInput& input);
  // On one transaction; errors are named items[i].field. Returns the orders in the order sent.
  Result<std::vector<Placed>> PlaceBatch(const audit::Actor& actor,
                                         const std::vector<OrderInput>& inputs);
  // Errors: kNotFound "order_not_found".
  Result<Order> Get(const std::string& id);
  // The customer's orders, newest first. Parameters: limit (1-200), cursor.
  Result<OrderPage> ListForCustomer(const std::string& customer_id,
                                    const std::map<std::string, std::string>& params);
  // Errors: kNotFound, kInvalidArgument "status", kFailedPrecondition "stale_version".
  Result<Order> SetStatus(const audit::Actor& actor, const std::string& id,
                          const std::string& status, std::optional<int64_t> if_version);

  // A payment or refund of an order. Errors: kNotFound; kInvalidArgument (kind, amount,
  // method, description, idempotency_key; "idempotency_key_reused"); kFailedPrecondition
  // "overpayment", "refund_exceeds_paid", "order_cancelled", "customer_erased".
  Result<Recorded> RecordForOrder(const audit::Actor& actor, const std::string& order_id,
                                  const TransactionInput& input);
  // A manual entry on the customer. Errors: as above, kInvalidArgument "order_number".
  Result<Recorded> RecordManual(const audit::Actor& actor, const std::string& customer_id,
                                const TransactionInput& input);
  // The customer's transactions, newest first (at most 500).
  Result<std::vector<Transaction>> TransactionsOf(const std::string& customer_id);
  // For the customer's data export, on the caller's read: the customer's orders (newest placed
  // first, with their items) and transactions (newest first), at most `limit` of each.
  static Result<std::vector<Order>> ReadOrdersOf(db::Connection& c, int64_t customer_id, int limit);
  static Result<std::vector<Transaction>> ReadTransactionsOf(db::Connection& c, int64_t customer_id,
                                                             int limit);

  // The order's public view link and, while payment is pending and the store set a template,
  // its payment link.
  struct Links {
    std::string view_url, payment_url;
  };
  Result<Links> LinksOf(const Order& order);
  // The order behind a public view link. Errors: kNotFound "order_not_found" (also for a wrong
  // token, so a guess learns nothing).
  Result<Order> PublicView(const std::string& id, const std::string& token);

  // For the erasure flow, on its transaction: the addresses on the customers' orders go.
  static Status EraseCustomers(db::Connection& tx, const std::vector<int64_t>& customer_ids);

  // Called on the transaction of every change of an order (placed, paid, refunded, status) with
  // its internal id, so what depends on it (the library, the wishlist) follows in the same
  // commit. An error rolls the change back. REQUIRES: set before the first request.
  using OrderChanged = std::function<Status(db::Connection& tx, int64_t order_id, int64_t now)>;
  void OnOrderChanged(OrderChanged hook) { on_changed_ = std::move(hook); }

  // Merge, on the caller's transaction: `from`'s orders and transactions become `to`'s, whose
  // order statistics are recomputed.
  Status MoveCustomer(db::Connection& tx, int64_t from, int64_t to, const std::string& to_ref);
  // How many orders and transactions the customer has.
  static Result<std::pair<int64_t, int64_t>> CountsOf(db::Connection& c, int64_t customer_id);

  // For the library, on the caller's transaction or read.
  static Result<std::vector<BoughtItem>> GrantingItems(db::Connection& c, int64_t first_customer,
                                                       int64_t last_customer);
  static Result<std::vector<BoughtItem>> ItemsOfOrder(db::Connection& c, int64_t order_id);
  // An order of the customer by its public id or number; nullopt when it is not theirs.
  static Result<std::optional<Order>> FindOfCustomer(db::Connection& c, int64_t customer_id,
                                                     const std::string& id_or_number);

 private:
  // Places one order on the caller's transaction; field errors are named `prefix` + field.
  Result<Placed> PlaceIn(db::Connection& tx, const audit::Actor& actor, const OrderInput& input,
                         const std::string& prefix, const std::string& store_currency, int64_t now);
  // Refuses a banned or blacklisted customer (each refusal counted on its blacklist entry).
  Status CheckAllowed(const std::string& customer_id, int64_t now);
  // Recomputes the customer's order statistics on the caller's transaction.
  Status RefreshStats(db::Connection& tx, int64_t customer_id, const std::string& currency);
  Result<std::string> ViewToken(const std::string& order_public_id);
  Status Changed(db::Connection& tx, int64_t order_id, int64_t now) {
    return on_changed_ ? on_changed_(tx, order_id, now) : OkStatus();
  }

  db::Database& db_;
  const Clock& clock_;
  crypto::SecretBox& secrets_;
  std::string public_url_ = "http://127.0.0.1:8080";
  OrderChanged on_changed_;
};

}  // namespace clientele::orders
