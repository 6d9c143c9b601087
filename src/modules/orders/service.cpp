#include "modules/orders/service.hpp"

#include <sodium.h>

#include <algorithm>
#include <set>

#include "core/cursor.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"
#include "core/text.hpp"
#include "modules/catalog/service.hpp"
#include "modules/customers/service.hpp"
#include "modules/moderation/blacklist.hpp"
#include "modules/orders/store.hpp"
#include "modules/settings/service.hpp"

namespace clientele::orders {
namespace {

constexpr int kMaxPageSize = 200;

Error NotFound() { return Error::NotFound("order_not_found", "There is no such order."); }

bool IsPrintable(const std::string& s, size_t max) {
  return !s.empty() && s.size() <= max &&
         std::all_of(s.begin(), s.end(), [](char ch) { return ch > ' ' && ch < 127; });
}

// What an order request asked for: sending the same number again must ask the same.
std::string HashOf(const OrderInput& in) {
  std::string s = in.number + "\n" + in.customer_id + "\n" + in.type.value_or("") + "\n" +
                  in.status.value_or("") + "\n" + in.currency.value_or("") + "\n";
  for (const auto& i : in.items) {
    s += i.sku + "|" + i.name.value_or("") + "|" + std::to_string(i.quantity.value_or(1)) + "|" +
         (i.unit_price ? std::to_string(*i.unit_price) : "") + "\n";
  }
  s += std::to_string(in.discount) + "|" + std::to_string(in.shipping) + "|" +
       std::to_string(in.tax) + "|" + (in.placed_at ? std::to_string(*in.placed_at) : "") + "\n" +
       in.billing_address + "\n" + in.shipping_address + "\n";
  for (const auto& p : in.payments) s += std::to_string(p.amount) + "|" + p.method + "\n";
  return HashSecret(s);
}

std::string TransactionHash(const TransactionInput& in) {
  return HashSecret(in.kind + "\n" + std::to_string(in.amount) + "\n" + in.currency + "\n" +
                    in.method + "\n" + in.description + "\n" + in.order_number);
}

// Kind-independent checks of a transaction; `kinds` are the kinds allowed here.
Status CheckTransaction(TransactionInput& in, std::initializer_list<TransactionKind> kinds) {
  std::vector<FieldError> errors;
  auto kind = ParseTransactionKind(in.kind);
  if (!kind || std::find(kinds.begin(), kinds.end(), *kind) == kinds.end()) {
    errors.push_back({"kind", "invalid_kind",
                      *kinds.begin() == TransactionKind::kManual
                          ? "Manual entries are recorded on the customer."
                          : "Use payment or refund."});
  }
  const bool manual = kind == TransactionKind::kManual;
  if (in.amount == 0 || (!manual && in.amount < 0) || in.amount > kMaxMinorAmount ||
      in.amount < -kMaxMinorAmount) {
    errors.push_back({"amount", "invalid_amount",
                      manual ? "Enter an amount in minor units (cents), not 0."
                             : "Enter a positive amount in minor units (cents)."});
  }
  if (auto m = CleanText(in.method, "method", 50, false, errors)) in.method = *m;
  if (auto d = CleanText(in.description, "description", 500, false, errors)) in.description = *d;
  if (!in.idempotency_key.empty() && !IsPrintable(in.idempotency_key, 255)) {
    errors.push_back({"idempotency_key", "invalid_key",
                      "An Idempotency-Key is 1 to 255 printable ASCII characters."});
  }
  if (!errors.empty()) return Error::Invalid("Some fields are not valid.", std::move(errors));
  return OkStatus();
}

// A value for a URL: unreserved characters as they are, the rest percent-encoded.
std::string UrlEncode(const std::string& v) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char ch : v) {
    if (std::isalnum(ch) || ch == '-' || ch == '.' || ch == '_' || ch == '~') {
      out += static_cast<char>(ch);
    } else {
      out += '%';
      out += kHex[ch >> 4];
      out += kHex[ch & 15];
    }
  }
  return out;
}

Error KeyReused() {
  return Error{ErrorCode::kInvalidArgument,
               "idempotency_key_reused",
               "This Idempotency-Key was used for a different request; use a new key.",
               {}};
}

}  // namespace

Result<std::string> Service::ViewToken(const std::string& order_public_id) {
  return secrets_.Mac("order-view", order_public_id);
}

Status Service::EraseCustomers(db::Connection& tx, const std::vector<int64_t>& customer_ids) {
  return store::ClearAddresses(tx, customer_ids);
}

Status Service::MoveCustomer(db::Connection& tx, int64_t from, int64_t to,
                             const std::string& to_ref) {
  RETURN_IF_ERROR(store::MoveCustomer(tx, from, to, to_ref));
  ASSIGN_OR_RETURN(settings::Settings s, settings::Service::Read(tx));
  return RefreshStats(tx, to, s.currency);
}

Result<std::pair<int64_t, int64_t>> Service::CountsOf(db::Connection& c, int64_t customer_id) {
  return store::CountsOf(c, customer_id);
}

Result<std::vector<BoughtItem>> Service::GrantingItems(db::Connection& c, int64_t first_customer,
                                                       int64_t last_customer) {
  return store::GrantingItems(c, first_customer, last_customer);
}

Result<std::vector<BoughtItem>> Service::ItemsOfOrder(db::Connection& c, int64_t order_id) {
  return store::ItemsOfOrder(c, order_id);
}

Result<std::optional<Order>> Service::FindOfCustomer(db::Connection& c, int64_t customer_id,
                                                     const std::string& id_or_number) {
  ASSIGN_OR_RETURN(std::optional<store::StoredOrder> o, store::FindOrder(c, id_or_number));
  if (!o) {
    ASSIGN_OR_RETURN(o, store::FindByNumber(c, id_or_number));
  }
  if (!o || o->order.customer_id != customer_id) return std::optional<Order>();
  return std::optional<Order>(o->order);
}

Status Service::RefreshStats(db::Connection& tx, int64_t customer_id, const std::string& currency) {
  ASSIGN_OR_RETURN(store::Stats s, store::StatsOf(tx, customer_id, currency));
  return customers::Service::SetOrderStats(tx, customer_id, s.orders, s.spent, s.first_at,
                                           s.last_at);
}

Status Service::CheckAllowed(const std::string& customer_id, int64_t now) {
  auto customer =
      db_.Read([&](db::Connection& c) { return customers::Service::Find(c, customer_id); });
  if (!customer.ok()) return OkStatus();  // PlaceIn names the unknown customer
  const Error refused{ErrorCode::kPermissionDenied,
                      "refused",
                      "The store does not take orders from this customer (banned or "
                      "blacklisted).",
                      {}};
  if (customer->status == customers::AccountStatus::kBanned) return refused;
  ASSIGN_OR_RETURN(
      std::optional<std::string> entry,
      moderation::Blacklist::Refuses(db_, {customer->email, customer->phone, ""}, now));
  if (entry) return refused;
  return OkStatus();
}

Result<Placed> Service::PlaceIn(db::Connection& tx, const audit::Actor& actor, const OrderInput& in,
                                const std::string& prefix, const std::string& store_currency,
                                int64_t now) {
  std::vector<FieldError> errors;
  const std::string number = Trim(in.number);
  if (!IsPrintable(number, kMaxNumber)) {
    errors.push_back({prefix + "number", "invalid_number",
                      "An order number is 1 to 64 printable characters without spaces."});
  }
  const std::string hash = HashOf(in);
  if (errors.empty()) {
    ASSIGN_OR_RETURN(std::optional<store::StoredOrder> existing, store::FindByNumber(tx, number));
    if (existing) {
      if (existing->request_hash == hash) return Placed{existing->order, false};
      std::string msg = "An order with this number exists, with other contents.";
      return Error{
          ErrorCode::kAlreadyExists, "order_exists", msg, {{prefix + "number", "taken", msg}}};
    }
  }
  Order o;
  o.public_id = NewPublicId("ord");
  o.number = number;
  auto customer = customers::Service::Find(tx, in.customer_id);
  if (!customer.ok()) {
    errors.push_back({prefix + "customer_id", "unknown_customer",
                      "There is no such customer; record a guest first for a guest checkout."});
  } else {
    if (customer->status == customers::AccountStatus::kBanned) {
      return Error{ErrorCode::kPermissionDenied,
                   "refused",
                   "The store does not take orders from this customer (banned).",
                   {}};
    }
    o.customer_id = customer->id;
    o.customer_ref = customer->public_id;
  }
  auto parse = [&](const std::optional<std::string>& v, const char* field, auto parser, auto& out,
                   const char* message) {
    if (!v) return;
    if (auto p = parser(*v)) {
      out = *p;
    } else {
      errors.push_back({prefix + field, "invalid_value", message});
    }
  };
  parse(in.type, "type", ParseOrderType, o.type, "Use online, phone, pos or manual.");
  parse(in.status, "status", ParseOrderStatus, o.status, "Use open, fulfilled or cancelled.");
  o.currency = in.currency.value_or(store_currency);
  if (!IsCurrency(o.currency)) {
    errors.push_back({prefix + "currency", "invalid_currency",
                      "Use an ISO 4217 currency code in capitals, such as EUR."});
  }
  if (in.items.empty() || in.items.size() > kMaxItems) {
    errors.push_back({prefix + "items", "invalid_count", "An order has 1 to 500 items."});
  }
  std::vector<std::optional<int64_t>> product_ids;
  for (size_t i = 0; i < in.items.size() && i < kMaxItems; ++i) {
    const ItemInput& ii = in.items[i];
    const std::string at = prefix + "items[" + std::to_string(i) + "].";
    Item item;
    item.sku = Trim(ii.sku);
    item.quantity = ii.quantity.value_or(1);
    std::optional<int64_t> product_id;
    std::optional<catalog::Product> product;
    if (!item.sku.empty()) {
      ASSIGN_OR_RETURN(product, catalog::Service::FindBySku(tx, item.sku));
      if (!product) {
        errors.push_back({at + "sku", "unknown_product", "There is no product " + item.sku + "."});
      } else {
        product_id = product->id;
      }
    }
    if (ii.name) {
      if (auto name = CleanText(*ii.name, (at + "name").c_str(), 200, false, errors)) {
        item.name = *name;
      }
    } else if (product) {
      item.name = product->name;
    }
    if (item.name.empty() && (product || item.sku.empty())) {
      errors.push_back({at + "name", "required", "Name the item (or give a product's SKU)."});
    }
    if (ii.unit_price) {
      item.unit_price = *ii.unit_price;
    } else if (product) {
      item.unit_price = product->price;
      if (product->currency != o.currency) {
        errors.push_back({at + "unit_price", "currency_mismatch",
                          "The product is priced in " + product->currency +
                              "; give the unit price in " + o.currency + "."});
      }
    } else if (item.sku.empty()) {
      errors.push_back({at + "unit_price", "required", "Give the unit price in minor units."});
    }
    o.items.push_back(std::move(item));
    product_ids.push_back(product_id);
  }
  ComputeTotals(o, in, prefix, errors);
  int64_t paid = 0;
  for (size_t i = 0; i < in.payments.size(); ++i) {
    const auto& p = in.payments[i];
    if (p.amount <= 0 || p.amount > kMaxMinorAmount) {
      errors.push_back({prefix + "payments[" + std::to_string(i) + "].amount", "invalid_amount",
                        "A payment is a positive amount in minor units."});
    } else {
      paid += p.amount;
    }
  }
  if (errors.empty() && paid > o.total) {
    errors.push_back({prefix + "payments", "overpayment",
                      "The payments are more than the order's total of " +
                          FormatMoney(o.total, o.currency) + "."});
  }
  if (!errors.empty()) return Error::Invalid("Some fields are not valid.", std::move(errors));
  o.paid = paid;
  o.payment_status = PaymentStatusOf(o.total, o.paid, 0);
  o.placed_at = in.placed_at.value_or(now);
  o.billing_address = in.billing_address;
  o.shipping_address = in.shipping_address;
  o.actor_type = actor.type;
  o.actor_id = actor.id;
  o.created_at = o.updated_at = now;
  ASSIGN_OR_RETURN(o.id, store::InsertOrder(tx, o, hash));
  RETURN_IF_ERROR(store::InsertItems(tx, o.id, o.items, product_ids));
  for (const auto& p : in.payments) {
    Transaction t;
    t.public_id = NewPublicId("trx");
    t.customer_ref = o.customer_ref;
    t.kind = TransactionKind::kPayment;
    t.amount = p.amount;
    t.currency = o.currency;
    t.method = p.method.substr(0, 50);
    t.description = p.description.substr(0, 500);
    t.actor_type = actor.type;
    t.actor_id = actor.id;
    t.created_at = now;
    ASSIGN_OR_RETURN(int64_t tid, store::InsertTransaction(tx, t, o.id, *o.customer_id, "", ""));
    (void)tid;
  }
  RETURN_IF_ERROR(audit::Record(tx, actor,
                                {"customer.order_placed",
                                 "customer",
                                 o.customer_ref,
                                 {{"order", o.public_id},
                                  {"number", o.number},
                                  {"total", o.total},
                                  {"currency", o.currency}}},
                                now));
  RETURN_IF_ERROR(RefreshStats(tx, *o.customer_id, store_currency));
  RETURN_IF_ERROR(Changed(tx, o.id, now));
  return Placed{o, true};
}

Result<Placed> Service::Place(const audit::Actor& actor, const OrderInput& input) {
  const int64_t now = clock_.NowMicros();
  RETURN_IF_ERROR(CheckAllowed(input.customer_id, now));
  return db_.Transaction([&](db::Connection& tx) -> Result<Placed> {
    ASSIGN_OR_RETURN(settings::Settings s, settings::Service::Read(tx));
    return PlaceIn(tx, actor, input, "", s.currency, now);
  });
}

Result<std::vector<Placed>> Service::PlaceBatch(const audit::Actor& actor,
                                                const std::vector<OrderInput>& inputs) {
  if (inputs.empty() || inputs.size() > kMaxBatch) {
    std::string msg = "Send 1 to 1,000 orders.";
    return Error::Invalid(msg, {{"items", "invalid_count", msg}});
  }
  const int64_t now = clock_.NowMicros();
  std::set<std::string> customers_seen;
  for (const auto& in : inputs) {
    if (customers_seen.insert(in.customer_id).second) {
      RETURN_IF_ERROR(CheckAllowed(in.customer_id, now));
    }
  }
  return db_.Transaction([&](db::Connection& tx) -> Result<std::vector<Placed>> {
    ASSIGN_OR_RETURN(settings::Settings s, settings::Service::Read(tx));
    std::vector<Placed> out;
    std::vector<FieldError> errors;
    std::set<std::string> numbers;
    for (size_t i = 0; i < inputs.size(); ++i) {
      const std::string prefix = "items[" + std::to_string(i) + "].";
      if (!numbers.insert(Trim(inputs[i].number)).second) {
        errors.push_back({prefix + "number", "duplicate_in_batch",
                          "This order number is in the batch already."});
        continue;
      }
      auto placed = PlaceIn(tx, actor, inputs[i], prefix, s.currency, now);
      if (!placed.ok()) {
        if (placed.error().fields.empty()) return placed.error();
        errors.insert(errors.end(), placed.error().fields.begin(), placed.error().fields.end());
        continue;
      }
      out.push_back(std::move(*placed));
    }
    if (!errors.empty()) return Error::Invalid("Some orders are not valid.", std::move(errors));
    return out;
  });
}

Result<Order> Service::Get(const std::string& id) {
  ASSIGN_OR_RETURN(std::optional<store::StoredOrder> o,
                   db_.Read([&](db::Connection& c) { return store::FindOrder(c, id); }));
  if (!o) return NotFound();
  return o->order;
}

Result<OrderPage> Service::ListForCustomer(const std::string& customer_id,
                                           const std::map<std::string, std::string>& params) {
  ASSIGN_OR_RETURN(IdPage asked, ReadIdPage(params, "orders", kMaxPageSize));
  const int limit = asked.limit;
  const std::optional<int64_t> before = asked.before_id;
  ASSIGN_OR_RETURN(
      std::vector<Order> rows, db_.Read([&](db::Connection& c) -> Result<std::vector<Order>> {
        ASSIGN_OR_RETURN(customers::Customer customer, customers::Service::Find(c, customer_id));
        return store::ListForCustomer(c, customer.id, before, limit + 1);
      }));
  OrderPage page;
  if (static_cast<int>(rows.size()) > limit) {
    rows.resize(limit);
    page.next_cursor = EncodeCursor({"orders", rows.back().id, rows.back().id});
  }
  page.items = std::move(rows);
  return page;
}

Result<Order> Service::SetStatus(const audit::Actor& actor, const std::string& id,
                                 const std::string& status, std::optional<int64_t> if_version) {
  auto next = ParseOrderStatus(status);
  if (!next) {
    std::string msg = "Use open, fulfilled or cancelled.";
    return Error::Invalid(msg, {{"status", "invalid_value", msg}});
  }
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) -> Result<Order> {
    ASSIGN_OR_RETURN(std::optional<store::StoredOrder> o, store::FindOrder(tx, id));
    if (!o) return NotFound();
    const int64_t expected = if_version.value_or(o->order.version);
    if (o->order.status == *next) return o->order;
    ASSIGN_OR_RETURN(bool written, store::SetStatus(tx, o->order.id, *next, expected, now));
    if (!written) {
      return Error::Precondition("stale_version",
                                 "Someone changed this order since you loaded it; reload first.");
    }
    RETURN_IF_ERROR(audit::Record(
        tx, actor,
        {"customer.order_status_changed",
         "customer",
         o->order.customer_ref,
         {{"order", o->order.public_id},
          {"number", o->order.number},
          {"status", {{"from", ToString(o->order.status)}, {"to", ToString(*next)}}}}},
        now));
    if (o->order.customer_id) {
      ASSIGN_OR_RETURN(settings::Settings s, settings::Service::Read(tx));
      RETURN_IF_ERROR(RefreshStats(tx, *o->order.customer_id, s.currency));
    }
    RETURN_IF_ERROR(Changed(tx, o->order.id, now));
    ASSIGN_OR_RETURN(std::optional<store::StoredOrder> after, store::FindOrder(tx, id));
    return after->order;
  });
}

Result<Recorded> Service::RecordForOrder(const audit::Actor& actor, const std::string& order_id,
                                         const TransactionInput& input) {
  TransactionInput in = input;
  RETURN_IF_ERROR(CheckTransaction(in, {TransactionKind::kPayment, TransactionKind::kRefund}));
  const TransactionKind kind = *ParseTransactionKind(in.kind);
  const std::string hash = TransactionHash(in);
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) -> Result<Recorded> {
    ASSIGN_OR_RETURN(std::optional<store::StoredOrder> stored, store::FindOrder(tx, order_id));
    if (!stored) return NotFound();
    RETURN_IF_ERROR(store::LockOrder(tx, stored->order.id));
    ASSIGN_OR_RETURN(stored, store::FindOrder(tx, order_id));
    Order o = stored->order;
    if (!in.idempotency_key.empty()) {
      ASSIGN_OR_RETURN(std::optional<store::KeyedTransaction> earlier,
                       store::FindTransactionByKey(tx, o.customer_ref, in.idempotency_key));
      if (earlier) {
        if (earlier->request_hash != hash) return KeyReused();
        return Recorded{earlier->transaction, o, true};
      }
    }
    if (!o.customer_id) {
      return Error::Precondition("customer_erased", "This order's customer was erased.");
    }
    if (kind == TransactionKind::kPayment) {
      if (o.status == OrderStatus::kCancelled) {
        return Error::Precondition("order_cancelled", "This order is cancelled.");
      }
      if (in.amount > o.due()) {
        return Error::Precondition(
            "overpayment", "Only " + FormatMoney(o.due(), o.currency) + " is due on this order.");
      }
      o.paid += in.amount;
    } else {
      if (in.amount > o.paid - o.refunded) {
        return Error::Precondition(
            "refund_exceeds_paid",
            "Only " + FormatMoney(o.paid - o.refunded, o.currency) + " was paid and not refunded.");
      }
      o.refunded += in.amount;
    }
    o.payment_status = PaymentStatusOf(o.total, o.paid, o.refunded);
    RETURN_IF_ERROR(store::SetMoney(tx, o.id, o.paid, o.refunded, o.payment_status, now));
    Transaction t;
    t.public_id = NewPublicId("trx");
    t.order_public_id = o.public_id;
    t.order_number = o.number;
    t.customer_ref = o.customer_ref;
    t.kind = kind;
    t.amount = in.amount;
    t.currency = o.currency;
    t.method = in.method;
    t.description = in.description;
    t.actor_type = actor.type;
    t.actor_id = actor.id;
    t.created_at = now;
    ASSIGN_OR_RETURN(
        t.id, store::InsertTransaction(tx, t, o.id, *o.customer_id, in.idempotency_key, hash));
    RETURN_IF_ERROR(audit::Record(tx, actor,
                                  {kind == TransactionKind::kPayment ? "customer.payment_recorded"
                                                                     : "customer.refund_recorded",
                                   "customer",
                                   o.customer_ref,
                                   {{"order", o.public_id},
                                    {"number", o.number},
                                    {"amount", in.amount},
                                    {"currency", o.currency},
                                    {"payment_status", ToString(o.payment_status)}}},
                                  now));
    ASSIGN_OR_RETURN(settings::Settings s, settings::Service::Read(tx));
    RETURN_IF_ERROR(RefreshStats(tx, *o.customer_id, s.currency));
    RETURN_IF_ERROR(Changed(tx, o.id, now));
    ASSIGN_OR_RETURN(stored, store::FindOrder(tx, order_id));
    return Recorded{t, stored->order, false};
  });
}

Result<Recorded> Service::RecordManual(const audit::Actor& actor, const std::string& customer_id,
                                       const TransactionInput& input) {
  TransactionInput in = input;
  RETURN_IF_ERROR(CheckTransaction(in, {TransactionKind::kManual}));
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) -> Result<Recorded> {
    ASSIGN_OR_RETURN(customers::Customer customer, customers::Service::Find(tx, customer_id));
    ASSIGN_OR_RETURN(settings::Settings s, settings::Service::Read(tx));
    // The customer's statistics row is the lock: a retry waits for the first request.
    RETURN_IF_ERROR(RefreshStats(tx, customer.id, s.currency));
    if (in.currency.empty()) in.currency = s.currency;
    if (!IsCurrency(in.currency)) {
      std::string msg = "Use an ISO 4217 currency code in capitals, such as EUR.";
      return Error::Invalid(msg, {{"currency", "invalid_currency", msg}});
    }
    const std::string hash = TransactionHash(in);
    if (!in.idempotency_key.empty()) {
      ASSIGN_OR_RETURN(std::optional<store::KeyedTransaction> earlier,
                       store::FindTransactionByKey(tx, customer.public_id, in.idempotency_key));
      if (earlier) {
        if (earlier->request_hash != hash) return KeyReused();
        return Recorded{earlier->transaction, std::nullopt, true};
      }
    }
    std::optional<int64_t> order_id;
    Transaction t;
    if (!Trim(in.order_number).empty()) {
      ASSIGN_OR_RETURN(std::optional<store::StoredOrder> o,
                       store::FindByNumber(tx, Trim(in.order_number)));
      if (!o || o->order.customer_id != customer.id) {
        std::string msg = "This customer has no order with this number.";
        return Error::Invalid(msg, {{"order_number", "unknown_order", msg}});
      }
      order_id = o->order.id;
      t.order_public_id = o->order.public_id;
      t.order_number = o->order.number;
    }
    t.public_id = NewPublicId("trx");
    t.customer_ref = customer.public_id;
    t.kind = TransactionKind::kManual;
    t.amount = in.amount;
    t.currency = in.currency;
    t.method = in.method;
    t.description = in.description;
    t.actor_type = actor.type;
    t.actor_id = actor.id;
    t.created_at = now;
    ASSIGN_OR_RETURN(
        t.id, store::InsertTransaction(tx, t, order_id, customer.id, in.idempotency_key, hash));
    nlohmann::json data = {{"transaction", t.public_id},
                           {"amount", t.amount},
                           {"currency", t.currency},
                           {"method", t.method},
                           {"description", t.description}};
    if (!t.order_number.empty()) data["number"] = t.order_number;
    RETURN_IF_ERROR(audit::Record(
        tx, actor, {"customer.transaction_recorded", "customer", customer.public_id, data}, now));
    return Recorded{t, std::nullopt, false};
  });
}

Result<std::vector<Transaction>> Service::TransactionsOf(const std::string& customer_id) {
  return db_.Read([&](db::Connection& c) -> Result<std::vector<Transaction>> {
    ASSIGN_OR_RETURN(customers::Customer customer, customers::Service::Find(c, customer_id));
    return store::ListTransactions(c, customer.id, std::nullopt, 500);
  });
}

Result<std::vector<Order>> Service::ReadOrdersOf(db::Connection& c, int64_t customer_id,
                                                 int limit) {
  return store::ListForCustomer(c, customer_id, std::nullopt, limit);
}

Result<std::vector<Transaction>> Service::ReadTransactionsOf(db::Connection& c, int64_t customer_id,
                                                             int limit) {
  return store::ListTransactions(c, customer_id, std::nullopt, limit);
}

Result<Service::Links> Service::LinksOf(const Order& order) {
  ASSIGN_OR_RETURN(std::string token, ViewToken(order.public_id));
  Links links;
  links.view_url = public_url_ + "/account/order?id=" + order.public_id + "&token=" + token;
  if (order.payment_status != PaymentStatus::kPending || order.status == OrderStatus::kCancelled) {
    return links;
  }
  ASSIGN_OR_RETURN(settings::Settings s,
                   db_.Read([](db::Connection& c) { return settings::Service::Read(c); }));
  if (s.payment_url_template.empty()) return links;
  std::string url = s.payment_url_template;
  for (const auto& [name, value] : {std::pair<std::string, std::string>{"{number}", order.number},
                                    {"{id}", order.public_id},
                                    {"{token}", token},
                                    {"{total}", std::to_string(order.due())},
                                    {"{currency}", order.currency}}) {
    for (size_t at = url.find(name); at != std::string::npos; at = url.find(name, at)) {
      const std::string encoded = UrlEncode(value);
      url.replace(at, name.size(), encoded);
      at += encoded.size();
    }
  }
  links.payment_url = url;
  return links;
}

Result<Order> Service::PublicView(const std::string& id, const std::string& token) {
  ASSIGN_OR_RETURN(std::string expected, ViewToken(id));
  if (token.size() != expected.size() ||
      sodium_memcmp(token.data(), expected.data(), expected.size()) != 0) {
    return NotFound();
  }
  return Get(id);
}

}  // namespace clientele::orders
