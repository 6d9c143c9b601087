// The wallet over HTTP against the real binary on SQLite and PostgreSQL: credits and
// deductions with an Idempotency-Key, a refused overdraft, 64 concurrent deductions that never
// overdraw, who may move money, the balance_change e-mail, the store-wide history and its CSV,
// the shopper's own view, and the books kept when the customer is erased.
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "harness.hpp"
#include "support/test_db.hpp"

namespace clientele::testing {
namespace {

using nlohmann::json;

class WalletApi : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { server_ = std::make_unique<ServerProcess>(FreshDatabaseUrl(GetParam())); }

  std::string Customer(const std::string& email) {
    auto r = server_->Admin("POST", "/api/admin/customers",
                            {{"email", email}, {"first_name", "Wanda"}, {"last_name", "Wallet"}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", "");
  }

  HttpResult Move(const std::string& id, const json& body, const std::string& key = "") {
    std::vector<std::string> headers;
    if (!key.empty()) headers.push_back("Idempotency-Key: " + key);
    return server_->Admin("POST", "/api/admin/customers/" + id + "/wallet", body, headers);
  }

  int64_t Available(const std::string& id, const std::string& currency = "EUR") {
    json w = server_->Admin("GET", "/api/admin/customers/" + id + "/wallet").json();
    for (const auto& b : w["balances"]) {
      if (b.value("currency", "") == currency) return b.value("available", int64_t{-1});
    }
    return 0;
  }

  std::unique_ptr<ServerProcess> server_;
};

TEST_P(WalletApi, CreditsAndDeductionsWithIdempotencyKeys) {
  const std::string id = Customer("wanda@example.com");
  auto credit = Move(id,
                     {{"currency", "EUR"},
                      {"amount", 2500},
                      {"reason", "Goodwill for a late parcel"},
                      {"expires_at", "2099-01-01"}},
                     "k-credit-1");
  ASSERT_EQ(credit.status, 201) << credit.body;
  EXPECT_EQ(credit.json().value("balance", 0), 2500);
  EXPECT_EQ(credit.json()["entry"].value("kind", ""), "credit");
  EXPECT_EQ(credit.json()["entry"].value("remaining", 0), 2500);
  EXPECT_EQ(credit.json()["entry"].value("expires_at", ""), "2099-01-01T00:00:00Z");

  // The same request again answers the same and moves nothing.
  auto retry = Move(id,
                    {{"currency", "EUR"},
                     {"amount", 2500},
                     {"reason", "Goodwill for a late parcel"},
                     {"expires_at", "2099-01-01"}},
                    "k-credit-1");
  ASSERT_EQ(retry.status, 201) << retry.body;
  EXPECT_EQ(retry.headers["idempotent-replayed"], "true");
  EXPECT_EQ(retry.json()["entry"].value("id", ""), credit.json()["entry"].value("id", ""));
  EXPECT_EQ(Available(id), 2500);
  auto reused = Move(id, {{"currency", "EUR"}, {"amount", 9999}}, "k-credit-1");
  EXPECT_EQ(reused.status, 422);
  EXPECT_EQ(reused.json().value("code", ""), "idempotency_key_reused");

  // A negative amount deducts; more than the balance is refused and changes nothing.
  auto over = Move(id, {{"currency", "EUR"}, {"amount", -2501}}, "k-debit-1");
  EXPECT_EQ(over.status, 409);
  EXPECT_EQ(over.json().value("code", ""), "insufficient_balance");
  EXPECT_NE(over.json().value("detail", "").find("25.00 EUR"), std::string::npos) << over.body;
  auto debit =
      Move(id, {{"currency", "EUR"}, {"amount", -1000}, {"order_ref", "#1001"}}, "k-debit-2");
  ASSERT_EQ(debit.status, 201) << debit.body;
  EXPECT_EQ(debit.json().value("balance", 0), 1500);
  EXPECT_EQ(debit.json()["entry"].value("change", 0), -1000);

  // Bad input names its fields.
  auto bad = Move(id, {{"currency", "eur"}, {"amount", 0}, {"expires_at", "soon"}});
  EXPECT_EQ(bad.status, 422);
  std::set<std::string> fields;
  const json errors = bad.json()["errors"];
  for (const auto& e : errors) fields.insert(e.value("field", ""));
  EXPECT_EQ(fields, (std::set<std::string>{"currency", "amount", "expires_at"})) << bad.body;
  EXPECT_EQ(Move(id, {{"amount", "10"}}).status, 422);  // minor units, as a number
  // Without a currency: the store's (USD by default).
  ASSERT_EQ(Move(id, {{"amount", 300}}).status, 201);
  EXPECT_EQ(Available(id, "USD"), 300);

  json wallet = server_->Admin("GET", "/api/admin/customers/" + id + "/wallet").json();
  EXPECT_EQ(wallet["history"].size(), 3u);
  EXPECT_EQ(wallet["history"][2].value("reason", ""), "Goodwill for a late parcel");
  EXPECT_EQ(wallet["history"][2]["created_by"].value("name", ""), "api tests");
  auto activity = server_->Admin("GET", "/api/admin/customers/" + id + "/activity").body;
  EXPECT_NE(activity.find("customer.wallet_debited"), std::string::npos);
  EXPECT_NE(activity.find("customer.wallet_credited"), std::string::npos);
}

TEST_P(WalletApi, SixtyFourConcurrentDeductionsNeverOverdraw) {
  const std::string id = Customer("race@example.com");
  ASSERT_EQ(Move(id, {{"currency", "EUR"}, {"amount", 1000}}).status, 201);
  std::atomic<int> done{0}, refused{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 64; ++i) {
    threads.emplace_back([&, i] {
      auto r = Move(id, {{"currency", "EUR"}, {"amount", -30}}, "race-" + std::to_string(i));
      if (r.status == 201) {
        ++done;
      } else if (r.status == 409 && r.json().value("code", "") == "insufficient_balance") {
        ++refused;
      } else {
        ++other;
        ADD_FAILURE() << r.status << " " << r.body;
      }
    });
  }
  for (auto& t : threads) t.join();
  // 33 deductions of 30 fit in 1,000; the 34th would overdraw.
  EXPECT_EQ(done.load(), 33);
  EXPECT_EQ(refused.load(), 31);
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(Available(id), 10);
}

TEST_P(WalletApi, OnlyMoneyManagersMoveMoneyAndTheCustomerIsTold) {
  const std::string id = Customer("told@example.com");
  auto support =
      server_->Admin("POST", "/api/admin/tokens", {{"name", "desk"}, {"role", "support"}});
  ASSERT_EQ(support.status, 201) << support.body;
  const std::string desk = support.json().value("secret", "");
  EXPECT_EQ(server_
                ->WithToken(desk, "POST", "/api/admin/customers/" + id + "/wallet",
                            {{"currency", "EUR"}, {"amount", 100}})
                .status,
            403);
  EXPECT_EQ(server_->WithToken(desk, "GET", "/api/admin/customers/" + id + "/wallet").status, 200);

  auto told = Move(
      id,
      {{"currency", "EUR"}, {"amount", 1250}, {"reason", "Refund as credit"}, {"notify", true}});
  ASSERT_EQ(told.status, 201) << told.body;
  auto mail = server_->Admin("GET", "/api/admin/messages?template=balance_change&customer=" + id);
  ASSERT_EQ(mail.json()["items"].size(), 1u) << mail.body;
  auto text =
      server_->Admin("GET", "/api/admin/messages/" + mail.json()["items"][0].value("id", ""))
          .json()
          .value("body_text", "");
  EXPECT_NE(text.find("+12.50 EUR"), std::string::npos) << text;
  EXPECT_NE(text.find("Refund as credit"), std::string::npos) << text;
}

TEST_P(WalletApi, TheStoreWideHistoryAndTheShoppersOwnView) {
  const std::string a = Customer("hist-a@example.com");
  const std::string b = Customer("hist-b@example.com");
  ASSERT_EQ(Move(a, {{"currency", "EUR"}, {"amount", 500}, {"reason", "Welcome"}}).status, 201);
  ASSERT_EQ(Move(b, {{"currency", "EUR"}, {"amount", 700}}).status, 201);
  ASSERT_EQ(Move(b, {{"currency", "EUR"}, {"amount", -200}}).status, 201);
  auto all = server_->Admin("GET", "/api/admin/wallet?limit=2");
  ASSERT_EQ(all.status, 200) << all.body;
  json items = all.json()["items"];
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].value("kind", ""), "debit");
  EXPECT_EQ(items[0]["customer"].value("email", ""), "hist-b@example.com");
  EXPECT_EQ(items[0]["customer"].value("name", ""), "Wanda Wallet");
  auto next = server_->Admin(
      "GET", "/api/admin/wallet?limit=2&cursor=" + all.json().value("next_cursor", ""));
  EXPECT_EQ(next.json()["items"].size(), 1u);
  auto credits = server_->Admin("GET", "/api/admin/wallet?kind=credit");
  EXPECT_EQ(credits.json()["items"].size(), 2u);
  EXPECT_EQ(server_->Admin("GET", "/api/admin/wallet?kind=gift").status, 422);
  auto csv = server_->Admin("GET", "/api/admin/wallet.csv?kind=debit");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("hist-b@example.com"), std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find("-2.00"), std::string::npos) << csv.body;
  EXPECT_EQ(csv.body.find("hist-a@example.com"), std::string::npos) << csv.body;

  // The shopper sees their own balance and history, without who made each entry.
  ASSERT_EQ(server_
                ->Call("POST", "/api/store/register",
                       json{{"first_name", "Sam"},
                            {"last_name", "Shopper"},
                            {"email", "sam.shopper@example.com"},
                            {"password", "tulip garden 42"}}
                           .dump(),
                       {"Content-Type: application/json"})
                .status,
            202);
  auto verified =
      server_->Call("POST", "/api/store/verify",
                    json{{"token", server_->LinkToken("verification", "sam.shopper@example.com")},
                         {"password", "tulip garden 42"}}
                        .dump(),
                    {"Content-Type: application/json"});
  ASSERT_EQ(verified.status, 200) << verified.body;
  const std::string shopper = verified.json()["customer"].value("id", "");
  ASSERT_EQ(Move(shopper, {{"currency", "EUR"}, {"amount", 900}, {"reason", "Birthday"}}).status,
            201);
  const std::string& cookie = verified.headers.at("set-cookie");
  BrowserSession s{cookie.substr(0, cookie.find(';')), verified.json().value("csrf_token", "")};
  auto mine = server_->AsBrowser(s, "GET", "/api/store/me/wallet");
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(mine.json()["balances"][0].value("available", 0), 900);
  EXPECT_EQ(mine.json()["history"][0].value("reason", ""), "Birthday");
  EXPECT_FALSE(mine.json()["history"][0].contains("created_by"));
}

TEST_P(WalletApi, TheBooksOutliveAnErasedCustomer) {
  const std::string id = Customer("gone@example.com");
  ASSERT_EQ(Move(id, {{"currency", "EUR"}, {"amount", 400}}).status, 201);
  ASSERT_EQ(server_
                ->Admin("POST", "/api/admin/customers/" + id + "/erase",
                        {{"confirm", "gone@example.com"}})
                .status,
            204);
  auto all = server_->Admin("GET", "/api/admin/wallet");
  ASSERT_EQ(all.json()["items"].size(), 1u) << all.body;
  EXPECT_EQ(all.json()["items"][0]["customer"].value("id", ""), id);  // the tombstone id
  EXPECT_EQ(all.json()["items"][0]["customer"].value("email", ""), "");
  EXPECT_EQ(all.json()["items"][0].value("amount", 0), 400);
}

TEST_P(WalletApi, TheListFiltersByBalanceInTheStoresCurrency) {
  ASSERT_EQ(server_->Admin("PATCH", "/api/admin/settings", {{"currency", "EUR"}}).status, 200);
  EXPECT_EQ(server_->Admin("PATCH", "/api/admin/settings", {{"currency", "euro"}}).status, 422);
  const std::string none = Customer("bal-none@example.com");
  const std::string small = Customer("bal-small@example.com");
  const std::string big = Customer("bal-big@example.com");
  const std::string dollars = Customer("bal-usd@example.com");
  ASSERT_EQ(Move(small, {{"amount", 500}}).status, 201);
  ASSERT_EQ(Move(big, {{"amount", 5000}}).status, 201);
  ASSERT_EQ(Move(dollars, {{"currency", "USD"}, {"amount", 9000}}).status, 201);
  auto ids = [&](const std::string& query) {
    auto r = server_->Admin("GET", "/api/admin/customers?q=bal-&limit=200&" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    std::set<std::string> out;
    const json items = r.json()["items"];
    for (const auto& c : items) out.insert(c.value("id", ""));
    return out;
  };
  EXPECT_EQ(ids("balance_min=1"), (std::set<std::string>{small, big}));
  EXPECT_EQ(ids("balance_min=1000"), (std::set<std::string>{big}));
  EXPECT_EQ(ids("balance_max=500"), (std::set<std::string>{none, small, dollars}));
  EXPECT_EQ(ids("balance_min=100&balance_max=4999"), (std::set<std::string>{small}));
  auto bad = server_->Admin("GET", "/api/admin/customers?balance_min=-5");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.json()["errors"][0].value("field", ""), "balance_min");
  // Each record carries what it holds, in every currency.
  json record = server_->Admin("GET", "/api/admin/customers/" + dollars).json();
  ASSERT_EQ(record["balances"].size(), 1u) << record.dump();
  EXPECT_EQ(record["balances"][0].value("currency", ""), "USD");
  EXPECT_EQ(record["balances"][0].value("amount", 0), 9000);
  EXPECT_TRUE(server_->Admin("GET", "/api/admin/customers/" + none).json()["balances"].empty());
}

INSTANTIATE_TEST_SUITE_P(Engines, WalletApi, ::testing::ValuesIn(Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace clientele::testing
