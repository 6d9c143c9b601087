// Orders and money over HTTP against the real binary on SQLite and PostgreSQL: totals computed
// and checked, payment status from payments and refunds, idempotency keys, the customer's
// order statistics, refusals for banned and blacklisted customers, batches, the public view
// and payment links, the shopper's own orders, manual entries, permissions, and the books kept
// when the customer is erased.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "harness.hpp"
#include "support/test_db.hpp"

namespace clientele::testing {
namespace {

using nlohmann::json;

class OrdersApi : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>(FreshDatabaseUrl(GetParam()));
    ASSERT_EQ(server_->Admin("PATCH", "/api/admin/settings", {{"currency", "EUR"}}).status, 200);
    ASSERT_EQ(server_
                  ->Admin("POST", "/api/admin/products",
                          {{"sku", "mug"}, {"name", "Mug"}, {"price", 1200}, {"currency", "EUR"}})
                  .status,
              201);
  }

  std::string Customer(const std::string& email) {
    auto r = server_->Admin("POST", "/api/admin/customers",
                            {{"email", email}, {"first_name", "Olga"}, {"last_name", "Order"}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", "");
  }

  HttpResult Place(const json& order) { return server_->Admin("POST", "/api/admin/orders", order); }

  HttpResult Money(const std::string& order_id, const json& body, const std::string& key = "") {
    std::vector<std::string> headers;
    if (!key.empty()) headers.push_back("Idempotency-Key: " + key);
    return server_->Admin("POST", "/api/admin/orders/" + order_id + "/transactions", body, headers);
  }

  json Record(const std::string& id) {
    return server_->Admin("GET", "/api/admin/customers/" + id).json();
  }

  static std::set<std::string> Fields(const HttpResult& r) {
    std::set<std::string> out;
    const json errors = r.json()["errors"];
    for (const auto& e : errors) out.insert(e.value("field", ""));
    return out;
  }

  std::unique_ptr<ServerProcess> server_;
};

TEST_P(OrdersApi, TotalsPaymentStatusAndTheCustomersStatistics) {
  const std::string id = Customer("olga@example.com");
  json order = {
      {"number", "1001"},
      {"customer_id", id},
      {"items", {{{"sku", "mug"}, {"quantity", 2}}, {{"name", "Gift wrap"}, {"unit_price", 300}}}},
      {"discount", 200},
      {"shipping", 490},
      {"tax", 0},
      {"total", 2990},
      {"placed_at", "2026-10-01T10:00:00Z"},
      {"shipping_address", {{"first_name", "Olga"}, {"city", "Riga"}, {"country", "LV"}}}};
  auto placed = Place(order);
  ASSERT_EQ(placed.status, 201) << placed.body;
  json o = placed.json();
  EXPECT_EQ(o.value("subtotal", 0), 2700);
  EXPECT_EQ(o.value("total", 0), 2990);
  EXPECT_EQ(o.value("currency", ""), "EUR");
  EXPECT_EQ(o.value("payment_status", ""), "pending");
  EXPECT_EQ(o["items"][0].value("name", ""), "Mug");
  EXPECT_EQ(o["items"][0].value("total", 0), 2400);
  EXPECT_EQ(o["shipping_address"].value("city", ""), "Riga");
  const std::string order_id = o.value("id", "");

  // The same number and body again is the same order; other contents are refused.
  auto again = Place(order);
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(again.json().value("id", ""), order_id);
  json other = order;
  other["discount"] = 0;
  other.erase("total");
  EXPECT_EQ(Place(other).json().value("code", ""), "order_exists");

  // A sent total must be what the items make.
  json wrong = order;
  wrong["number"] = "1002";
  wrong["total"] = 3000;
  auto mismatch = Place(wrong);
  EXPECT_EQ(mismatch.status, 422);
  EXPECT_EQ(Fields(mismatch), (std::set<std::string>{"total"})) << mismatch.body;
  auto bad = Place(
      {{"number", "has space"},
       {"customer_id", "cus_nobody"},
       {"items", {{{"sku", "nope"}}, {{"name", "Free line"}}, {{"sku", "mug"}, {"quantity", 0}}}},
       {"discount", -1}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(Fields(bad),
            (std::set<std::string>{"number", "customer_id", "items[0].sku", "items[1].unit_price",
                                   "items[2].quantity", "discount"}))
      << bad.body;

  // Payments and refunds move the payment status; a refund above what was paid is refused.
  EXPECT_EQ(Money(order_id, {{"kind", "payment"}, {"amount", 3000}}).json().value("code", ""),
            "overpayment");
  auto half = Money(order_id, {{"kind", "payment"}, {"amount", 1000}, {"method", "card"}}, "p-1");
  ASSERT_EQ(half.status, 201) << half.body;
  EXPECT_EQ(half.json()["order"].value("payment_status", ""), "pending");
  auto retry = Money(order_id, {{"kind", "payment"}, {"amount", 1000}, {"method", "card"}}, "p-1");
  EXPECT_EQ(retry.status, 201);
  EXPECT_EQ(retry.headers["idempotent-replayed"], "true");
  EXPECT_EQ(retry.json()["transaction"].value("id", ""),
            half.json()["transaction"].value("id", ""));
  EXPECT_EQ(Money(order_id, {{"kind", "payment"}, {"amount", 5}}, "p-1").json().value("code", ""),
            "idempotency_key_reused");
  auto rest = Money(order_id, {{"kind", "payment"}, {"amount", 1990}, {"method", "card"}}, "p-2");
  EXPECT_EQ(rest.json()["order"].value("payment_status", ""), "paid");
  EXPECT_EQ(rest.json()["order"].value("due", -1), 0);
  auto refund = Money(order_id, {{"kind", "refund"}, {"amount", 500}}, "r-1");
  EXPECT_EQ(refund.json()["order"].value("payment_status", ""), "partially_refunded");
  auto too_much = Money(order_id, {{"kind", "refund"}, {"amount", 2491}}, "r-2");
  EXPECT_EQ(too_much.status, 409);
  EXPECT_EQ(too_much.json().value("code", ""), "refund_exceeds_paid");
  auto all = Money(order_id, {{"kind", "refund"}, {"amount", 2490}}, "r-3");
  EXPECT_EQ(all.json()["order"].value("payment_status", ""), "refunded");

  // A second order; the row keeps the statistics exact.
  ASSERT_EQ(Place({{"number", "1003"},
                   {"customer_id", id},
                   {"items", {{{"sku", "mug"}}}},
                   {"placed_at", "2026-11-15T09:00:00Z"},
                   {"payments", {{{"amount", 1200}, {"method", "cash"}}}}})
                .status,
            201);
  json c = Record(id);
  EXPECT_EQ(c.value("orders_count", 0), 2);
  EXPECT_EQ(c.value("total_spent", 0), 1200);  // 2990 paid − 2990 refunded + 1200
  EXPECT_EQ(c.value("first_order_at", ""), "2026-10-01T10:00:00Z");
  EXPECT_EQ(c.value("last_order_at", ""), "2026-11-15T09:00:00Z");
  // Cancelling leaves it out.
  auto cancelled =
      server_->Admin("PATCH", "/api/admin/orders/" + order_id, {{"status", "cancelled"}});
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(Record(id).value("orders_count", 0), 1);
  EXPECT_EQ(Money(order_id, {{"kind", "payment"}, {"amount", 1}}).json().value("code", ""),
            "order_cancelled");

  auto list = server_->Admin("GET", "/api/admin/customers/" + id + "/orders");
  ASSERT_EQ(list.json()["items"].size(), 2u);
  auto history = server_->Admin("GET", "/api/admin/customers/" + id + "/transactions");
  EXPECT_EQ(history.json()["items"].size(), 5u) << history.body;  // 3 payments, 2 refunds
  EXPECT_NE(server_->Admin("GET", "/api/admin/customers/" + id + "/activity")
                .body.find("customer.refund_recorded"),
            std::string::npos);
}

TEST_P(OrdersApi, PublicViewAndPaymentLinks) {
  ASSERT_EQ(server_
                ->Admin("PATCH", "/api/admin/settings",
                        {{"payment_url_template",
                          "https://shop.example.com/pay/{number}?t={token}&due={total}"}})
                .status,
            200);
  EXPECT_EQ(
      server_->Admin("PATCH", "/api/admin/settings", {{"payment_url_template", "javascript:x"}})
          .status,
      422);
  const std::string id = Customer("links@example.com");
  auto placed = Place({{"number", "L-1"}, {"customer_id", id}, {"items", {{{"sku", "mug"}}}}});
  ASSERT_EQ(placed.status, 201) << placed.body;
  const std::string view = placed.json().value("view_url", "");
  const std::string pay = placed.json().value("payment_url", "");
  ASSERT_NE(view.find("/account/order?id="), std::string::npos) << view;
  const std::string token = view.substr(view.find("token=") + 6);
  EXPECT_EQ(pay, "https://shop.example.com/pay/L-1?t=" + token + "&due=1200");
  const std::string order_id = placed.json().value("id", "");
  auto seen = server_->Call("GET", "/api/store/orders/" + order_id + "?token=" + token);
  ASSERT_EQ(seen.status, 200) << seen.body;
  EXPECT_EQ(seen.json().value("total", 0), 1200);
  EXPECT_FALSE(seen.json().contains("customer_id"));
  EXPECT_FALSE(seen.json().contains("shipping_address"));
  EXPECT_EQ(seen.json().value("payment_url", ""), pay);
  // A token with its first character changed (to one it is not) is refused.
  const std::string wrong = (token[0] == 'x' ? "y" : "x") + token.substr(1);
  EXPECT_EQ(server_->Call("GET", "/api/store/orders/" + order_id + "?token=" + wrong).status, 404);
  EXPECT_EQ(server_->Call("GET", "/api/store/orders/" + order_id).status, 404);
  // Guests' orders have links too, also while the customer area is closed.
  ASSERT_EQ(server_->Admin("PATCH", "/api/admin/settings", {{"account_mode", "disabled"}}).status,
            200);
  EXPECT_EQ(server_->Call("GET", "/api/store/orders/" + order_id + "?token=" + token).status, 200);
  ASSERT_EQ(server_->Admin("PATCH", "/api/admin/settings", {{"account_mode", "optional"}}).status,
            200);
  // Paid: no payment link any more.
  ASSERT_EQ(Money(order_id, {{"kind", "payment"}, {"amount", 1200}}).status, 201);
  EXPECT_TRUE(
      server_->Admin("GET", "/api/admin/orders/" + order_id).json()["payment_url"].is_null());
}

TEST_P(OrdersApi, BannedAndBlacklistedCustomersOrdersAreRefused) {
  const std::string banned = Customer("banned.buyer@example.com");
  ASSERT_EQ(
      server_->Admin("POST", "/api/admin/customers/" + banned + "/ban", {{"reason", "fake_orders"}})
          .status,
      200);
  auto refused = Place({{"number", "B-1"}, {"customer_id", banned}, {"items", {{{"sku", "mug"}}}}});
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.json().value("code", ""), "refused");
  const std::string listed = Customer("buyer@blocked.example");
  ASSERT_EQ(server_
                ->Admin("POST", "/api/admin/blacklist",
                        {{"kind", "domain"}, {"value", "blocked.example"}, {"reason", "fraud"}})
                .status,
            201);
  EXPECT_EQ(
      Place({{"number", "B-2"}, {"customer_id", listed}, {"items", {{{"sku", "mug"}}}}}).status,
      403);
  auto entries = server_->Admin("GET", "/api/admin/blacklist?q=blocked").json()["items"];
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].value("refusals", 0), 1);
  EXPECT_EQ(server_->Admin("GET", "/api/admin/orders/B-1").status, 404);
}

TEST_P(OrdersApi, BatchesAreAllOrNothing) {
  const std::string a = Customer("batch-a@example.com");
  const std::string b = Customer("batch-b@example.com");
  json items = json::array();
  for (int i = 0; i < 20; ++i) {
    items.push_back(json{{"number", "BA-" + std::to_string(i)},
                         {"customer_id", i % 2 ? a : b},
                         {"items", {{{"sku", "mug"}}}},
                         {"payments", {{{"amount", 1200}}}}});
  }
  auto done = server_->Admin("POST", "/api/admin/orders/batch", {{"items", items}});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json().value("created", 0), 20);
  EXPECT_EQ(Record(a).value("orders_count", 0), 10);
  EXPECT_EQ(Record(a).value("total_spent", 0), 12000);
  // The same batch again changes nothing.
  auto again = server_->Admin("POST", "/api/admin/orders/batch", {{"items", items}});
  EXPECT_EQ(again.json().value("replayed", 0), 20);
  EXPECT_EQ(Record(a).value("orders_count", 0), 10);
  // One bad order fails them all.
  json mixed =
      json::array({json{{"number", "BC-1"}, {"customer_id", a}, {"items", {{{"sku", "mug"}}}}},
                   json{{"number", "BC-2"}, {"customer_id", a}, {"items", json::array()}},
                   json{{"number", "BC-1"}, {"customer_id", a}, {"items", {{{"sku", "mug"}}}}}});
  auto refused = server_->Admin("POST", "/api/admin/orders/batch", {{"items", mixed}});
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(Fields(refused), (std::set<std::string>{"items[1].items", "items[2].number"}))
      << refused.body;
  EXPECT_EQ(server_->Admin("GET", "/api/admin/customers/" + a + "/orders?limit=200")
                .json()["items"]
                .size(),
            10u);
}

TEST_P(OrdersApi, ManualEntriesPermissionsAndTheShoppersOrders) {
  const std::string id = Customer("manual@example.com");
  ASSERT_EQ(Place({{"number", "M-1"}, {"customer_id", id}, {"items", {{{"sku", "mug"}}}}}).status,
            201);
  auto manual = server_->Admin("POST", "/api/admin/customers/" + id + "/transactions",
                               {{"kind", "manual"},
                                {"amount", -250},
                                {"method", "bank"},
                                {"description", "Chargeback fee"},
                                {"order_number", "M-1"}},
                               {"Idempotency-Key: m-1"});
  ASSERT_EQ(manual.status, 201) << manual.body;
  EXPECT_EQ(manual.json()["transaction"].value("order_number", ""), "M-1");
  EXPECT_EQ(manual.json()["transaction"].value("currency", ""), "EUR");
  EXPECT_EQ(server_
                ->Admin("POST", "/api/admin/customers/" + id + "/transactions",
                        {{"kind", "manual"}, {"amount", 5}, {"order_number", "nope"}})
                .status,
            422);

  auto support =
      server_->Admin("POST", "/api/admin/tokens", {{"name", "desk"}, {"role", "support"}});
  const std::string desk = support.json().value("secret", "");
  // Support places orders for a customer but does not move money.
  EXPECT_EQ(server_
                ->WithToken(desk, "POST", "/api/admin/orders",
                            {{"number", "M-2"},
                             {"customer_id", id},
                             {"type", "phone"},
                             {"items", {{{"sku", "mug"}}}}})
                .status,
            201);
  auto order = server_->Admin("GET", "/api/admin/orders/M-2");
  EXPECT_EQ(order.status, 404);  // by public id only
  auto listed = server_->Admin("GET", "/api/admin/customers/" + id + "/orders").json()["items"];
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].value("type", ""), "phone");
  EXPECT_EQ(server_
                ->WithToken(desk, "POST",
                            "/api/admin/orders/" + listed[0].value("id", "") + "/transactions",
                            {{"kind", "payment"}, {"amount", 1200}})
                .status,
            403);

  // The shopper sees their orders in the customer area.
  ASSERT_EQ(server_
                ->Call("POST", "/api/store/register",
                       json{{"first_name", "Sam"},
                            {"last_name", "Shop"},
                            {"email", "sam.orders@example.com"},
                            {"password", "tulip garden 42"}}
                           .dump(),
                       {"Content-Type: application/json"})
                .status,
            202);
  auto verified =
      server_->Call("POST", "/api/store/verify",
                    json{{"token", server_->LinkToken("verification", "sam.orders@example.com")},
                         {"password", "tulip garden 42"}}
                        .dump(),
                    {"Content-Type: application/json"});
  ASSERT_EQ(verified.status, 200);
  const std::string shopper = verified.json()["customer"].value("id", "");
  ASSERT_EQ(
      Place({{"number", "S-1"}, {"customer_id", shopper}, {"items", {{{"sku", "mug"}}}}}).status,
      201);
  const std::string& cookie = verified.headers.at("set-cookie");
  BrowserSession s{cookie.substr(0, cookie.find(';')), verified.json().value("csrf_token", "")};
  auto mine = server_->AsBrowser(s, "GET", "/api/store/me/orders");
  ASSERT_EQ(mine.status, 200) << mine.body;
  ASSERT_EQ(mine.json()["items"].size(), 1u);
  EXPECT_EQ(mine.json()["items"][0].value("number", ""), "S-1");
  EXPECT_FALSE(mine.json()["items"][0].value("view_url", "").empty());
}

TEST_P(OrdersApi, TheBooksOutliveAnErasedCustomerWithoutTheAddresses) {
  const std::string id = Customer("erased.buyer@example.com");
  auto placed = Place({{"number", "E-1"},
                       {"customer_id", id},
                       {"items", {{{"sku", "mug"}}}},
                       {"billing_address", {{"line1", "1 Secret Lane"}, {"city", "Oslo"}}},
                       {"payments", {{{"amount", 1200}}}}});
  ASSERT_EQ(placed.status, 201) << placed.body;
  ASSERT_EQ(server_
                ->Admin("POST", "/api/admin/customers/" + id + "/erase",
                        {{"confirm", "erased.buyer@example.com"}})
                .status,
            204);
  auto kept = server_->Admin("GET", "/api/admin/orders/" + placed.json().value("id", ""));
  ASSERT_EQ(kept.status, 200);
  EXPECT_EQ(kept.json().value("customer_id", ""), id);  // the tombstone id
  EXPECT_EQ(kept.json().value("paid", 0), 1200);
  EXPECT_TRUE(kept.json()["billing_address"].empty()) << kept.body;
  EXPECT_EQ(kept.body.find("Secret Lane"), std::string::npos);
}

// The list's order filters and sorts, against what the test itself placed.
TEST_P(OrdersApi, TheListFiltersAndSortsByOrdersAgainstAFullScan) {
  ASSERT_EQ(server_
                ->Admin("POST", "/api/admin/products",
                        {{"sku", "lamp"}, {"name", "Lamp"}, {"price", 4500}, {"currency", "EUR"}})
                .status,
            201);
  struct Expected {
    std::string id;
    int64_t orders = 0, spent = 0;
    std::string last;
    bool lamp = false;
  };
  std::vector<Expected> all;
  int number = 0;
  for (int i = 0; i < 9; ++i) {
    Expected e;
    e.id = Customer("scan" + std::to_string(i) + "@example.com");
    for (int k = 0; k < i % 4; ++k) {
      const bool lamp = (i + k) % 3 == 0;
      const bool cancel = k == 2;
      const int64_t price = lamp ? 4500 : 1200;
      const std::string placed = "2026-0" + std::to_string(1 + (i + k) % 9) + "-15T12:00:00Z";
      auto r = Place({{"number", "SC-" + std::to_string(++number)},
                      {"customer_id", e.id},
                      {"items", {{{"sku", lamp ? "lamp" : "mug"}}}},
                      {"placed_at", placed},
                      {"payments", {{{"amount", price}}}}});
      ASSERT_EQ(r.status, 201) << r.body;
      if (cancel) {
        ASSERT_EQ(server_
                      ->Admin("PATCH", "/api/admin/orders/" + r.json().value("id", ""),
                              {{"status", "cancelled"}})
                      .status,
                  200);
        continue;
      }
      ++e.orders;
      e.spent += price;
      e.last = std::max(e.last, placed);
      e.lamp = e.lamp || lamp;
    }
    all.push_back(e);
  }
  auto ids = [&](const std::string& query) {
    std::vector<std::string> out;
    std::string cursor;
    for (int page = 0; page < 20; ++page) {
      auto r = server_->Admin("GET", "/api/admin/customers?q=scan&limit=2&" + query +
                                         (cursor.empty() ? "" : "&cursor=" + cursor));
      EXPECT_EQ(r.status, 200) << r.body;
      const json body = r.json();
      for (const auto& c : body["items"]) out.push_back(c.value("id", ""));
      if (!body["next_cursor"].is_string()) break;
      cursor = body.value("next_cursor", "");
    }
    return out;
  };
  auto expected = [&](auto keep) {
    std::set<std::string> out;
    for (const auto& e : all) {
      if (keep(e)) out.insert(e.id);
    }
    return out;
  };
  auto as_set = [](const std::vector<std::string>& v) {
    return std::set<std::string>(v.begin(), v.end());
  };
  EXPECT_EQ(as_set(ids("orders_min=2")), expected([](const Expected& e) { return e.orders >= 2; }));
  EXPECT_EQ(as_set(ids("orders_max=0")), expected([](const Expected& e) { return e.orders == 0; }));
  EXPECT_EQ(as_set(ids("total_spent_min=5000")),
            expected([](const Expected& e) { return e.spent >= 5000; }));
  EXPECT_EQ(as_set(ids("bought_product=lamp")), expected([](const Expected& e) { return e.lamp; }));
  EXPECT_EQ(as_set(ids("last_order_from=2026-05-01")),
            expected([](const Expected& e) { return !e.last.empty() && e.last >= "2026-05-01"; }));
  EXPECT_TRUE(ids("bought_product=no-such-sku").empty());
  // Sorted by total spent, page after page: the order of a full sort (ties by newest).
  std::vector<Expected> sorted = all;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Expected& a, const Expected& b) { return a.spent > b.spent; });
  std::vector<int64_t> spent_in_order;
  for (const auto& id : ids("sort=-total_spent")) {
    for (const auto& e : all) {
      if (e.id == id) spent_in_order.push_back(e.spent);
    }
  }
  std::vector<int64_t> want;
  for (const auto& e : sorted) want.push_back(e.spent);
  EXPECT_EQ(spent_in_order, want);
  EXPECT_EQ(ids("sort=orders").size(), all.size());
  EXPECT_EQ(ids("sort=-last_order").size(), all.size());
  EXPECT_EQ(server_->Admin("GET", "/api/admin/customers?orders_min=x").status, 422);
}

INSTANTIATE_TEST_SUITE_P(Engines, OrdersApi, ::testing::ValuesIn(Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace clientele::testing
