// The demo store's bulk load on both engines: it drops the indexes of the tables it fills and
// builds them again after the rows are in, so the schema it leaves must be the schema the
// migrations made, and search must find what was loaded.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "flows/demo/demo.hpp"
#include "modules/customers/service.hpp"
#include "support/step_clock.hpp"
#include "support/test_db.hpp"

namespace clientele {
namespace {

class DemoBulkLoad : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = clientele::testing::FreshMigratedDatabase(GetParam());
    ASSERT_NE(db_, nullptr);
  }

  // Every index with its definition, as the engine reports it.
  std::vector<std::string> Indexes() {
    const char* sql = db_->dialect() == db::Dialect::kSqlite
                          ? "SELECT name || ': ' || sql FROM sqlite_schema"
                            " WHERE type = 'index' AND sql IS NOT NULL ORDER BY name"
                          : "SELECT indexname || ': ' || indexdef FROM pg_indexes"
                            " WHERE schemaname = current_schema() ORDER BY indexname";
    auto rows = db_->Read([&](db::Connection& c) { return c.Query(sql); });
    EXPECT_TRUE(rows.ok());
    std::vector<std::string> out;
    if (rows.ok()) {
      for (const auto& r : *rows) out.push_back(r.Text(0));
    }
    return out;
  }

  std::unique_ptr<db::Database> db_;
};

TEST_P(DemoBulkLoad, LeavesTheMigratedIndexesAndASearchableStore) {
  const std::vector<std::string> before = Indexes();
  ASSERT_FALSE(before.empty());
  demo::Options options;
  options.customers = 1500;
  options.seed = 11;
  options.now_micros = 1'763'900'000'000'000;
  auto report = demo::Load(*db_, options);
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->customers, 1500);
  EXPECT_EQ(Indexes(), before);

  // A loaded customer is found by a fragment of the surname, of the e-mail and of the phone.
  auto sample = db_->Read([](db::Connection& c) {
    return c.Query(
        "SELECT public_id, last_name, email_key, phone_digits FROM customers"
        " WHERE phone_digits <> '' AND last_name <> '' ORDER BY id LIMIT 1 OFFSET 700");
  });
  ASSERT_TRUE(sample.ok());
  ASSERT_EQ(sample->size(), 1u);
  const std::string public_id = sample->at(0).Text(0);
  const std::string email = sample->at(0).Text(2);
  const std::string digits = sample->at(0).Text(3);
  testing::StepClock clock;
  customers::Service service(*db_, clock);
  for (const std::string& q : {sample->at(0).Text(1), email.substr(0, email.find('@')),
                               digits.substr(digits.size() - 6)}) {
    bool found = false;
    std::string cursor;
    for (int page = 0; page < 40 && !found; ++page) {
      customers::ListParams params{{{"q", q}, {"limit", "200"}}};
      if (!cursor.empty()) params.values["cursor"] = cursor;
      auto listed = service.List(params);
      ASSERT_TRUE(listed.ok()) << q << ": " << listed.error().message;
      for (const auto& c : listed->items) found = found || c.public_id == public_id;
      if (!listed->next_cursor) break;
      cursor = *listed->next_cursor;
    }
    EXPECT_TRUE(found) << "search for " << q;
  }
}

// Paging through a search gives exactly the rows a full scan finds, newest first: common
// fragments (found among the newest rows), rare ones (found through the index) and the pages
// after the first.
TEST_P(DemoBulkLoad, SearchPagesMatchAFullScan) {
  demo::Options options;
  options.customers = 9000;
  options.seed = 5;
  options.now_micros = 1'763'900'000'000'000;
  ASSERT_TRUE(demo::Load(*db_, options).ok());
  testing::StepClock clock;
  customers::Service service(*db_, clock);
  const auto scan = [&](const std::string& column, const std::string& fragment) {
    std::vector<std::string> out;
    auto rows = db_->Read([&](db::Connection& c) {
      return c.Query(
          "SELECT public_id FROM customers WHERE " + column + " LIKE $1 ORDER BY id DESC",
          {"%" + fragment + "%"});
    });
    EXPECT_TRUE(rows.ok());
    if (rows.ok()) {
      for (const auto& r : *rows) out.push_back(r.Text(0));
    }
    return out;
  };
  const auto search = [&](const std::string& q) {
    std::vector<std::string> out;
    std::string cursor;
    for (int page = 0; page < 1000; ++page) {
      customers::ListParams params{{{"q", q}, {"limit", "50"}}};
      if (!cursor.empty()) params.values["cursor"] = cursor;
      auto listed = service.List(params);
      EXPECT_TRUE(listed.ok()) << q;
      if (!listed.ok()) break;
      for (const auto& c : listed->items) out.push_back(c.public_id);
      if (!listed->next_cursor) break;
      cursor = *listed->next_cursor;
    }
    return out;
  };
  for (const std::string q : {"gmail", "mail", "son", "ier@", "zzq"}) {
    const auto expected = scan("(search_text || place_text)", q);
    EXPECT_EQ(search(q), expected) << q << ": " << expected.size() << " matches";
  }
  for (const std::string q : {"555", "0123", "98765"}) {
    const auto expected = scan("(phone_digits || place_digits)", q);
    EXPECT_EQ(search(q), expected) << q << ": " << expected.size() << " matches";
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, DemoBulkLoad, ::testing::ValuesIn(clientele::testing::Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace clientele
