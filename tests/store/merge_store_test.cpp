// The merge's atomicity against real databases (SQLite and PostgreSQL): a failure at any step
// leaves every account as it was (the merged customer, its store credit and the survivor's),
// and the same merge then succeeds.
#include <gtest/gtest.h>

#include "db/database.hpp"
#include "flows/merge/merge.hpp"
#include "modules/customers/service.hpp"
#include "modules/messages/service.hpp"
#include "modules/wallet/service.hpp"
#include "support/step_clock.hpp"
#include "support/test_db.hpp"

namespace clientele {
namespace {

using clientele::testing::StepClock;

class MergeStore : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = clientele::testing::FreshMigratedDatabase(GetParam());
    ASSERT_NE(db_, nullptr);
    customers_ = std::make_unique<customers::Service>(*db_, clock_);
    messages_ = std::make_unique<messages::Service>(*db_, clock_, "example.com");
    wallet_ = std::make_unique<wallet::Service>(*db_, clock_, *messages_);
    orders_ = std::make_unique<orders::Service>(*db_, clock_, secrets_);
    merge_ = std::make_unique<flows::Merge>(*db_, clock_, *orders_);
    survivor_ = Create("keep@example.com", 1000);
    merged_ = Create("dupe@example.com", 2500);
  }

  std::string Create(const std::string& email, int64_t credit) {
    customers::NewCustomer n;
    n.fields.email = email;
    n.fields.first_name = "Kim";
    auto c = customers_->Create(actor_, n);
    EXPECT_TRUE(c.ok());
    wallet::Change change;
    change.currency = "EUR";
    change.amount = credit;
    EXPECT_TRUE(wallet_->Apply(actor_, c->public_id, change).ok());
    return c->public_id;
  }

  int64_t Balance(const std::string& id) {
    auto w = wallet_->Get(id);
    return w.ok() && !w->balances.empty() ? w->balances[0].available : -1;
  }

  StepClock clock_;
  crypto::SecretBox secrets_{crypto::SecretBox::FixedKey{std::string(32, 'k')}};
  audit::Actor actor_;
  std::unique_ptr<db::Database> db_;
  std::unique_ptr<customers::Service> customers_;
  std::unique_ptr<messages::Service> messages_;
  std::unique_ptr<wallet::Service> wallet_;
  std::unique_ptr<orders::Service> orders_;
  std::unique_ptr<flows::Merge> merge_;
  std::string survivor_, merged_;
};

TEST_P(MergeStore, AFailureAtAnyStepLeavesEveryAccountAsItWas) {
  for (const char* at : {"addresses", "wallet", "orders", "profile"}) {
    merge_->SetStepHookForTest([at](const std::string& step) -> Status {
      if (step == at) return Error::Internal(std::string("injected at ") + at);
      return OkStatus();
    });
    auto failed = merge_->Run(actor_, survivor_, {{merged_}, {}});
    ASSERT_FALSE(failed.ok()) << at;
    EXPECT_EQ(Balance(merged_), 2500) << at;
    EXPECT_EQ(Balance(survivor_), 1000) << at;
    EXPECT_TRUE(customers_->Get(merged_).ok()) << at;
    auto into = customers_->MergedInto(merged_);
    ASSERT_TRUE(into.ok());
    EXPECT_FALSE(*into) << at;
  }
  merge_->SetStepHookForTest(nullptr);
  auto done = merge_->Run(actor_, survivor_, {{merged_}, {}});
  ASSERT_TRUE(done.ok()) << done.error().message;
  EXPECT_EQ(Balance(survivor_), 3500);
  EXPECT_EQ(customers_->Get(merged_).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(**customers_->MergedInto(merged_), survivor_);
}

INSTANTIATE_TEST_SUITE_P(Engines, MergeStore, ::testing::ValuesIn(clientele::testing::Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace clientele
