// The wallet against real databases (SQLite and PostgreSQL) with an injected clock: deductions
// take the credits that expire soonest first, an expired credit counts for nothing from the
// moment it expires and is written off exactly once, a deduction above the balance is refused,
// and a retried request with the same key does the work once.
#include <gtest/gtest.h>

#include <set>

#include "db/database.hpp"
#include "modules/customers/service.hpp"
#include "modules/messages/service.hpp"
#include "modules/wallet/service.hpp"
#include "support/step_clock.hpp"
#include "support/test_db.hpp"

namespace clientele {
namespace {

using clientele::testing::StepClock;
using wallet::Change;
using wallet::EntryKind;

constexpr int64_t kDay = 24LL * 3600 * 1000000;

class WalletStore : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = clientele::testing::FreshMigratedDatabase(GetParam());
    ASSERT_NE(db_, nullptr);
    customers_ = std::make_unique<customers::Service>(*db_, clock_);
    messages_ = std::make_unique<messages::Service>(*db_, clock_, "example.com");
    wallet_ = std::make_unique<wallet::Service>(*db_, clock_, *messages_);
    customers::NewCustomer n;
    n.fields.email = "ann@example.com";
    n.fields.first_name = "Ann";
    auto c = customers_->Create(actor_, n);
    ASSERT_TRUE(c.ok()) << c.error().message;
    id_ = c->public_id;
  }

  Result<wallet::Applied> Apply(int64_t amount, std::optional<int64_t> expires_at = std::nullopt,
                                const std::string& key = "") {
    Change c;
    c.currency = "EUR";
    c.amount = amount;
    c.expires_at = expires_at;
    c.idempotency_key = key;
    return wallet_->Apply(actor_, id_, c);
  }

  int64_t Available() {
    auto w = wallet_->Get(id_);
    EXPECT_TRUE(w.ok());
    return w.ok() && !w->balances.empty() ? w->balances[0].available : -1;
  }

  int64_t Count(const std::string& sql) {
    auto rows = db_->Read([&](db::Connection& c) { return c.Query(sql); });
    return rows.ok() ? rows->at(0).Int(0) : -1;
  }

  StepClock clock_;
  audit::Actor actor_;
  std::unique_ptr<db::Database> db_;
  std::unique_ptr<customers::Service> customers_;
  std::unique_ptr<messages::Service> messages_;
  std::unique_ptr<wallet::Service> wallet_;
  std::string id_;
};

TEST_P(WalletStore, DeductionsTakeTheCreditsThatExpireSoonestFirst) {
  const int64_t now = clock_.NowMicros();
  ASSERT_TRUE(Apply(1000).ok());                  // never expires
  ASSERT_TRUE(Apply(500, now + 30 * kDay).ok());  // expires last of the two that do
  ASSERT_TRUE(Apply(300, now + 10 * kDay).ok());  // expires first
  EXPECT_EQ(Available(), 1800);
  auto debit = Apply(-600);
  ASSERT_TRUE(debit.ok()) << debit.error().message;
  EXPECT_EQ(debit->balance, 1200);
  // 300 from the 10-day credit, 300 of the 30-day one, nothing of the one that never expires.
  auto w = wallet_->Get(id_);
  ASSERT_TRUE(w.ok());
  ASSERT_EQ(w->balances[0].credits.size(), 2u);
  EXPECT_EQ(w->balances[0].credits[0].remaining, 200);
  EXPECT_EQ(w->balances[0].credits[0].expires_at, now + 30 * kDay);
  EXPECT_EQ(w->balances[0].credits[1].remaining, 1000);
  EXPECT_FALSE(w->balances[0].credits[1].expires_at.has_value());
}

TEST_P(WalletStore, AnExpiredCreditCountsForNothingAndIsWrittenOffOnce) {
  const int64_t now = clock_.NowMicros();
  ASSERT_TRUE(Apply(400).ok());
  ASSERT_TRUE(Apply(250, now + 2 * kDay).ok());
  ASSERT_TRUE(Apply(-100).ok());  // from the expiring credit: 150 of it left
  clock_.Advance(2 * kDay);       // it expires now
  // Before any write-off ran, the read already leaves it out.
  EXPECT_EQ(Available(), 400);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM wallet_entries WHERE kind = 'expiry'"), 0);
  // A deduction above what is left is refused, even though the booked balance was higher.
  auto over = Apply(-401);
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().slug, "insufficient_balance");
  auto written = wallet_->WriteOffExpired();
  ASSERT_TRUE(written.ok());
  EXPECT_EQ(*written, 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM wallet_entries WHERE kind = 'expiry'"), 1);
  EXPECT_EQ(Count("SELECT amount FROM wallet_entries WHERE kind = 'expiry'"), 150);
  EXPECT_EQ(Count("SELECT balance FROM wallet_balances"), 400);
  // A second run finds nothing more to write off.
  EXPECT_EQ(*wallet_->WriteOffExpired(), 0);
  EXPECT_EQ(Available(), 400);
  ASSERT_TRUE(Apply(-400).ok());
  EXPECT_EQ(Available(), 0);
  // Every entry balances: credits = debits + expiries + what is left.
  EXPECT_EQ(Count("SELECT SUM(CASE kind WHEN 'credit' THEN amount ELSE -amount END)"
                  " FROM wallet_entries"),
            0);
}

TEST_P(WalletStore, ARetryWithTheSameKeyDoesTheWorkOnce) {
  auto first = Apply(700, std::nullopt, "key-1");
  ASSERT_TRUE(first.ok());
  EXPECT_FALSE(first->replayed);
  auto again = Apply(700, std::nullopt, "key-1");
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->replayed);
  EXPECT_EQ(again->entry.public_id, first->entry.public_id);
  EXPECT_EQ(Available(), 700);
  auto other = Apply(800, std::nullopt, "key-1");
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().slug, "idempotency_key_reused");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM wallet_entries"), 1);
}

TEST_P(WalletStore, BadChangesNameTheFieldAndChangeNothing) {
  Change c;
  c.currency = "EURO";
  c.amount = 0;
  c.expires_at = clock_.NowMicros() - 1;
  c.idempotency_key = std::string(300, 'k');
  auto bad = wallet_->Apply(actor_, id_, c);
  ASSERT_FALSE(bad.ok());
  std::set<std::string> fields;
  for (const auto& f : bad.error().fields) fields.insert(f.field);
  EXPECT_EQ(fields, (std::set<std::string>{"currency", "amount", "expires_at", "idempotency_key"}));
  c = Change{};
  c.amount = -5;
  c.expires_at = clock_.NowMicros() + kDay;
  EXPECT_EQ(wallet_->Apply(actor_, id_, c).error().fields.at(0).code, "not_for_deductions");
  c = Change{};
  c.amount = 5;
  EXPECT_EQ(wallet_->Apply(actor_, "cus_nonexistent", c).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM wallet_entries"), 0);
}

INSTANTIATE_TEST_SUITE_P(Engines, WalletStore, ::testing::ValuesIn(clientele::testing::Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace clientele
