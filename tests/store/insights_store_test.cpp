// Retention insights on a small hand-made store whose answers are known, on SQLite and
// PostgreSQL: the rfm job's scores and groups (quintiles by rank, ties alike), a new order placed
// by the stored bounds, when the job is due, activity levels, registrations and first orders per
// month, cohorts, and the at-risk customers who spent most.
#include <gtest/gtest.h>

#include "core/time.hpp"
#include "db/database.hpp"
#include "modules/customers/insights.hpp"
#include "modules/customers/service.hpp"
#include "modules/jobs/runner.hpp"
#include "modules/orders/service.hpp"
#include "support/step_clock.hpp"
#include "support/test_db.hpp"

namespace clientele {
namespace {

constexpr int64_t kDay = 86'400'000'000LL;

int64_t At(const std::string& text) { return *ParseInstant(text, "at"); }

class Insights : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = clientele::testing::FreshMigratedDatabase(GetParam());
    ASSERT_NE(db_, nullptr);
    customers_ = std::make_unique<customers::Service>(*db_, clock_);
    orders_ = std::make_unique<orders::Service>(*db_, clock_, secrets_);
    insights_ = std::make_unique<customers::InsightsService>(*db_, clock_);
    jobs_ = std::make_unique<jobs::Service>(*db_, clock_);
    jobs_->RegisterKind(customers::InsightsService::kRfmJob, insights_->RfmJobKind());

    clock_.Advance(At("2024-12-15T12:00:00Z") - clock_.NowMicros());
    for (int i = 1; i <= 10; ++i) {
      customers::NewCustomer n;
      n.fields.email = "c" + std::to_string(i) + "@insights.test";
      n.fields.first_name = "C" + std::to_string(i);
      // c1–c5 registered long ago; c6–c10 in November.
      n.registered_at = i <= 5 ? At("2023-06-01T12:00:00Z") + i : At("2024-11-20T12:00:00Z") + i;
      auto c = customers_->Create(actor_, n);
      ASSERT_TRUE(c.ok()) << c.error().message;
      ids_.push_back(c->public_id);
    }
    // c1: five orders up to ten days ago (active); c2: one five days ago (new); c3: two in
    // spring, none since (lapsed); c4: three in late summer (at risk); c5: one big order in May
    // (at risk). c6–c10 never ordered.
    for (const char* at : {"2024-05-20", "2024-07-01", "2024-08-20", "2024-10-25", "2024-12-05"}) {
      Order(1, at, 10000);
    }
    Order(2, "2024-12-10", 5000);
    Order(3, "2024-02-15", 10000);
    Order(3, "2024-04-05", 10000);
    for (const char* at : {"2024-08-15", "2024-09-05", "2024-09-25"}) Order(4, at, 30000);
    Order(5, "2024-05-30", 100000);
  }

  void Order(int who, const std::string& day, int64_t amount) {
    orders::OrderInput in;
    in.number = "N-" + std::to_string(++orders_placed_);
    in.customer_id = ids_.at(who - 1);
    orders::ItemInput item;
    item.name = "Thing";
    item.unit_price = amount;
    in.items.push_back(item);
    in.placed_at = At(day + "T12:00:00Z");
    in.payments.push_back({amount, "card", ""});
    auto placed = orders_->Place(actor_, in);
    ASSERT_TRUE(placed.ok()) << placed.error().message;
  }

  std::vector<int64_t> Scores(int who) {
    auto c = customers_->Get(ids_.at(who - 1));
    EXPECT_TRUE(c.ok());
    if (!c.ok() || !c->rfm_recency) return {};
    return {*c->rfm_recency, *c->rfm_frequency, *c->rfm_monetary};
  }

  void RunRfm() {
    auto job = insights_->StartRfmIfDue(*jobs_);
    ASSERT_TRUE(job.ok()) << job.error().message;
    ASSERT_TRUE(*job) << "the rfm job should be due";
    auto done = jobs::RunHere(*jobs_, **job, 60, nullptr);
    ASSERT_TRUE(done.ok()) << done.error().message;
    EXPECT_EQ(done->state, jobs::JobState::kSucceeded) << done->error;
    EXPECT_EQ(done->done, 10);
    EXPECT_EQ(done->result.value("scored", 0), 5);
  }

  clientele::testing::StepClock clock_;
  crypto::SecretBox secrets_{crypto::SecretBox::FixedKey{std::string(32, 'k')}};
  audit::Actor actor_;
  std::unique_ptr<db::Database> db_;
  std::unique_ptr<customers::Service> customers_;
  std::unique_ptr<orders::Service> orders_;
  std::unique_ptr<customers::InsightsService> insights_;
  std::unique_ptr<jobs::Service> jobs_;
  std::vector<std::string> ids_;
  int orders_placed_ = 0;
};

TEST_P(Insights, TheRfmJobScoresByQuintilesAndNamesTheGroups) {
  EXPECT_TRUE(Scores(1).empty()) << "no scores before the first recomputation";
  RunRfm();
  // Recency by the last order: c3 < c5 < c4 < c1 < c2. Frequency 5, 1, 2, 3, 1: the two single
  // orders tie at 1, and 2 ranks third of five. Monetary 500, 50, 200, 900, 1000.
  EXPECT_EQ(Scores(1), (std::vector<int64_t>{4, 5, 3}));
  EXPECT_EQ(Scores(2), (std::vector<int64_t>{5, 1, 1}));
  EXPECT_EQ(Scores(3), (std::vector<int64_t>{1, 3, 2}));
  EXPECT_EQ(Scores(4), (std::vector<int64_t>{3, 4, 4}));
  EXPECT_EQ(Scores(5), (std::vector<int64_t>{2, 1, 5}));
  EXPECT_TRUE(Scores(6).empty());

  auto in = insights_->Read();
  ASSERT_TRUE(in.ok()) << in.error().message;
  std::map<std::string, int64_t> groups(in->rfm.begin(), in->rfm.end());
  EXPECT_EQ(groups["champions"], 1);    // c1
  EXPECT_EQ(groups["new"], 1);          // c2
  EXPECT_EQ(groups["at_risk"], 1);      // c3
  EXPECT_EQ(groups["loyal"], 1);        // c4
  EXPECT_EQ(groups["hibernating"], 1);  // c5
  EXPECT_EQ(groups["cant_lose"], 0);
  EXPECT_EQ(in->without_scores, 0);
  ASSERT_TRUE(in->rfm_computed_at);

  // Not due again until a day has passed.
  auto again = insights_->StartRfmIfDue(*jobs_);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(*again);
  clock_.Advance(25 * 3600 * 1'000'000LL);
  again = insights_->StartRfmIfDue(*jobs_);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(*again);
}

TEST_P(Insights, ANewOrderIsPlacedByTheStoredBounds) {
  RunRfm();
  Order(2, "2024-12-15", 5000);  // c2's second order: frequency 2 ranks with c3's
  EXPECT_EQ(Scores(2), (std::vector<int64_t>{5, 3, 1}));
  Order(6, "2024-12-15", 1000);  // a first order: least frequent and smallest
  EXPECT_EQ(Scores(6), (std::vector<int64_t>{5, 1, 1}));
}

TEST_P(Insights, ActivityMonthsCohortsAndTheAtRiskWhoSpentMost) {
  auto in = insights_->Read();
  ASSERT_TRUE(in.ok()) << in.error().message;
  std::map<std::string, int64_t> levels(in->activity.begin(), in->activity.end());
  EXPECT_EQ(levels["active"], 1);           // c1
  EXPECT_EQ(levels["new"], 1);              // c2
  EXPECT_EQ(levels["lapsed"], 1);           // c3
  EXPECT_EQ(levels["at_risk"], 2);          // c4, c5
  EXPECT_EQ(levels["never_purchased"], 5);  // c6–c10
  EXPECT_EQ(in->without_scores, 5);

  ASSERT_EQ(in->months.size(), 12u);
  EXPECT_EQ(in->months.front().month, "2024-01");
  EXPECT_EQ(in->months.back().month, "2024-12");
  std::map<std::string, std::pair<int64_t, int64_t>> months;
  for (const auto& m : in->months) months[m.month] = {m.registrations, m.first_orders};
  EXPECT_EQ(months["2024-11"], std::make_pair(int64_t{5}, int64_t{0}));
  EXPECT_EQ(months["2024-02"], std::make_pair(int64_t{0}, int64_t{1}));  // c3
  EXPECT_EQ(months["2024-05"], std::make_pair(int64_t{0}, int64_t{2}));  // c1, c5
  EXPECT_EQ(months["2024-08"], std::make_pair(int64_t{0}, int64_t{1}));  // c4
  EXPECT_EQ(months["2024-12"], std::make_pair(int64_t{0}, int64_t{1}));  // c2

  std::map<std::string, customers::Insights::Cohort> cohorts;
  for (const auto& c : in->cohorts) cohorts[c.month] = c;
  EXPECT_EQ(cohorts["2024-02"].customers, 1);
  EXPECT_EQ(cohorts["2024-02"].buying,
            (std::vector<int64_t>{1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0}));  // again in April
  EXPECT_EQ(cohorts["2024-05"].customers, 2);
  EXPECT_EQ(cohorts["2024-05"].buying, (std::vector<int64_t>{2, 0, 1, 1, 0, 1, 0, 1}));
  EXPECT_EQ(cohorts["2024-08"].buying, (std::vector<int64_t>{1, 1, 0, 0, 0}));  // two in Sept: one
  EXPECT_EQ(cohorts["2024-12"].buying, (std::vector<int64_t>{1}));

  ASSERT_EQ(in->at_risk.size(), 2u);
  EXPECT_EQ(in->at_risk[0].public_id, ids_[4]);  // c5: 1,000.00
  EXPECT_EQ(in->at_risk[1].public_id, ids_[3]);  // c4: 900.00
}

INSTANTIATE_TEST_SUITE_P(Engines, Insights, ::testing::ValuesIn(clientele::testing::Engines()));

}  // namespace
}  // namespace clientele
