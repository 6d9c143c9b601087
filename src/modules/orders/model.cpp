#include "modules/orders/model.hpp"

#include "core/money.hpp"

namespace clientele::orders {
namespace {

template <typename E, size_t N>
std::optional<E> Parse(const std::pair<const char*, E> (&names)[N], const std::string& s) {
  for (const auto& [name, value] : names) {
    if (s == name) return value;
  }
  return std::nullopt;
}

template <typename E, size_t N>
const char* Name(const std::pair<const char*, E> (&names)[N], E e) {
  for (const auto& [name, value] : names) {
    if (value == e) return name;
  }
  return "";
}

constexpr std::pair<const char*, OrderType> kTypes[] = {{"online", OrderType::kOnline},
                                                        {"phone", OrderType::kPhone},
                                                        {"pos", OrderType::kPos},
                                                        {"manual", OrderType::kManual}};
constexpr std::pair<const char*, OrderStatus> kStatuses[] = {
    {"open", OrderStatus::kOpen},
    {"fulfilled", OrderStatus::kFulfilled},
    {"cancelled", OrderStatus::kCancelled}};
constexpr std::pair<const char*, PaymentStatus> kPaymentStatuses[] = {
    {"pending", PaymentStatus::kPending},
    {"paid", PaymentStatus::kPaid},
    {"partially_refunded", PaymentStatus::kPartiallyRefunded},
    {"refunded", PaymentStatus::kRefunded}};
constexpr std::pair<const char*, TransactionKind> kKinds[] = {
    {"payment", TransactionKind::kPayment},
    {"refund", TransactionKind::kRefund},
    {"manual", TransactionKind::kManual}};

}  // namespace

const char* ToString(OrderType t) { return Name(kTypes, t); }
const char* ToString(OrderStatus s) { return Name(kStatuses, s); }
const char* ToString(PaymentStatus s) { return Name(kPaymentStatuses, s); }
const char* ToString(TransactionKind k) { return Name(kKinds, k); }
std::optional<OrderType> ParseOrderType(const std::string& s) { return Parse(kTypes, s); }
std::optional<OrderStatus> ParseOrderStatus(const std::string& s) { return Parse(kStatuses, s); }
std::optional<PaymentStatus> ParsePaymentStatus(const std::string& s) {
  return Parse(kPaymentStatuses, s);
}
std::optional<TransactionKind> ParseTransactionKind(const std::string& s) {
  return Parse(kKinds, s);
}

PaymentStatus PaymentStatusOf(int64_t total, int64_t paid, int64_t refunded) {
  if (refunded > 0) {
    return refunded >= paid ? PaymentStatus::kRefunded : PaymentStatus::kPartiallyRefunded;
  }
  return paid >= total ? PaymentStatus::kPaid : PaymentStatus::kPending;
}

void ComputeTotals(Order& o, const OrderInput& in, const std::string& prefix,
                   std::vector<FieldError>& errors) {
  auto in_range = [](int64_t v) { return v >= 0 && v <= kMaxMinorAmount; };
  o.subtotal = 0;
  bool ok = true;
  for (size_t i = 0; i < o.items.size(); ++i) {
    Item& item = o.items[i];
    const std::string at = prefix + "items[" + std::to_string(i) + "].";
    if (item.quantity <= 0 || item.quantity > 1'000'000) {
      errors.push_back({at + "quantity", "invalid_quantity", "A quantity is 1 to 1,000,000."});
      ok = false;
      continue;
    }
    if (!in_range(item.unit_price) || item.unit_price > kMaxMinorAmount / item.quantity) {
      errors.push_back({at + "unit_price", "invalid_price",
                        "A unit price is a whole number of minor units (cents), 0 or more."});
      ok = false;
      continue;
    }
    item.total = item.quantity * item.unit_price;
    o.subtotal += item.total;
    if (o.subtotal > kMaxMinorAmount) {
      errors.push_back({prefix + "items", "too_large", "The items add up to too much."});
      return;
    }
  }
  for (auto [name, value] : {std::pair{"discount", in.discount}, std::pair{"shipping", in.shipping},
                             std::pair{"tax", in.tax}}) {
    if (!in_range(value)) {
      errors.push_back(
          {prefix + name, "invalid_amount", "A whole number of minor units (cents), 0 or more."});
      ok = false;
    }
  }
  if (!ok) return;
  o.discount = in.discount;
  o.shipping = in.shipping;
  o.tax = in.tax;
  if (o.discount > o.subtotal) {
    errors.push_back(
        {prefix + "discount", "discount_too_large", "The discount is more than the items cost."});
    return;
  }
  o.total = o.subtotal - o.discount + o.shipping + o.tax;
  if (in.subtotal && *in.subtotal != o.subtotal) {
    errors.push_back({prefix + "subtotal", "totals_mismatch",
                      "The items add up to " + FormatMoney(o.subtotal, o.currency) + "."});
  }
  if (in.total && *in.total != o.total) {
    errors.push_back({prefix + "total", "totals_mismatch",
                      "Items less discount plus shipping and tax make " +
                          FormatMoney(o.total, o.currency) + "."});
  }
}

}  // namespace clientele::orders
