// Orders and transactions as values, and the rules of their money: totals computed from the
// line items and checked against what the sender says, and an order's payment status from what
// was paid and refunded. Money is integer minor units. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace clientele::orders {

enum class OrderType { kOnline, kPhone, kPos, kManual };
enum class OrderStatus { kOpen, kFulfilled, kCancelled };
enum class PaymentStatus { kPending, kPaid, kPartiallyRefunded, kRefunded };
enum class TransactionKind { kPayment, kRefund, kManual };

const char* ToString(OrderType t);
const char* ToString(OrderStatus s);
const char* ToString(PaymentStatus s);
const char* ToString(TransactionKind k);
std::optional<OrderType> ParseOrderType(const std::string& s);
std::optional<OrderStatus> ParseOrderStatus(const std::string& s);
std::optional<PaymentStatus> ParsePaymentStatus(const std::string& s);
std::optional<TransactionKind> ParseTransactionKind(const std::string& s);

struct Item {
  std::string sku, name;
  int64_t quantity = 1, unit_price = 0, total = 0;
};

struct Order {
  int64_t id = 0;
  std::string public_id, number;
  std::optional<int64_t> customer_id;  // none once the customer was erased
  std::string customer_ref;            // the customer's public id
  OrderType type = OrderType::kOnline;
  OrderStatus status = OrderStatus::kOpen;
  PaymentStatus payment_status = PaymentStatus::kPending;
  std::string currency;
  int64_t subtotal = 0, discount = 0, shipping = 0, tax = 0, total = 0, paid = 0, refunded = 0;
  int64_t placed_at = 0;
  std::string billing_address = "{}", shipping_address = "{}";  // JSON objects, as they were
  std::vector<Item> items;
  std::string actor_type, actor_id;
  int64_t created_at = 0, updated_at = 0, version = 1;
  int64_t due() const { return total - (paid - refunded); }
};

struct Transaction {
  int64_t id = 0;
  std::string public_id;
  std::string order_public_id, order_number;  // empty: not for an order
  std::string customer_ref;
  TransactionKind kind = TransactionKind::kPayment;
  int64_t amount = 0;  // payments and refunds positive; manual entries signed
  std::string currency, method, description;
  std::string actor_type, actor_id, actor_name;
  int64_t created_at = 0;
};

// A catalog product on an order, for what buying it gives (the library, wishlist conversion).
// `grants`: the order is paid (or only partly refunded) and not cancelled.
struct BoughtItem {
  int64_t customer_id = 0, order_id = 0, product_id = 0, placed_at = 0;
  bool grants = false, cancelled = false;
};

struct ItemInput {
  std::string sku;                    // a catalog product, or empty for a free line
  std::optional<std::string> name;    // default: the product's
  std::optional<int64_t> quantity;    // default 1
  std::optional<int64_t> unit_price;  // default: the product's price
};

struct PaymentInput {
  int64_t amount = 0;
  std::string method, description;
};

struct OrderInput {
  std::string number;
  std::string customer_id;
  std::optional<std::string> type, status, currency;
  std::vector<ItemInput> items;
  int64_t discount = 0, shipping = 0, tax = 0;
  std::optional<int64_t> subtotal, total;  // when sent, must be what the items add up to
  std::optional<int64_t> placed_at;
  std::string billing_address = "{}", shipping_address = "{}";
  std::vector<PaymentInput> payments;  // recorded with the order
};

inline constexpr size_t kMaxItems = 500;
inline constexpr size_t kMaxNumber = 64;

// What was paid and refunded says how an order stands: refunded when everything paid went back,
// partially refunded when some did, paid when nothing is due, else pending.
PaymentStatus PaymentStatusOf(int64_t total, int64_t paid, int64_t refunded);

// Adds up the items (each quantity × unit price) and the order's totals into `o`; records
// field errors (named `prefix` + field) for amounts out of range and for a sent subtotal or
// total that differs from the sum.
void ComputeTotals(Order& o, const OrderInput& in, const std::string& prefix,
                   std::vector<FieldError>& errors);

}  // namespace clientele::orders
