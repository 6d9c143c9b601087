// The demo store loader on real SQLite files: what it loads (counts, valid phones, unique
// e-mail addresses, registration order, variety of countries and scripts), that a seed repeats,
// and that it refuses a store that already has customers.
#include "flows/demo/demo.hpp"

#include <gtest/gtest.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/contact.hpp"
#include "core/ids.hpp"
#include "db/database.hpp"
#include "support/test_db.hpp"

namespace clientele {
namespace {

constexpr int64_t kCustomers = 2000;
constexpr int64_t kNow = 1'763'900'000'000'000;  // 2025-11-23
constexpr int64_t kFiveYears = (5 * 365 + 1) * 86'400'000'000LL;

struct Row {
  int64_t id = 0;
  int64_t registered_at = 0;
  std::string public_id, kind, first_name, last_name, email, email_key, phone, fax, country,
      language;

  bool operator==(const Row&) const = default;
};

std::unique_ptr<db::Database> FreshDatabase() {
  return clientele::testing::FreshMigratedDatabase("sqlite");
}

demo::Options Options(uint64_t seed) {
  demo::Options o;
  o.customers = kCustomers;
  o.seed = seed;
  o.now_micros = kNow;
  return o;
}

db::Rows Query(db::Database& db, const std::string& sql) {
  auto rows = db.Read([&](db::Connection& c) { return c.Query(sql); });
  EXPECT_TRUE(rows.ok()) << rows.error().message;
  return rows.ok() ? std::move(rows).value() : db::Rows{};
}

std::vector<Row> Customers(db::Database& db) {
  std::vector<Row> out;
  for (const auto& r : Query(db,
                             "SELECT id, registered_at, public_id, kind, first_name, last_name,"
                             " email, email_key, phone, fax, country, language FROM customers"
                             " ORDER BY id")) {
    out.push_back({r.Int(0), r.Int(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6),
                   r.Text(7), r.Text(8), r.Text(9), r.Text(10), r.Text(11)});
  }
  return out;
}

// Two stores loaded with the same seed, shared by the tests (loading is the slow part).
class DemoLoad : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    first_ = FreshDatabase().release();
    second_ = FreshDatabase().release();
    ASSERT_NE(first_, nullptr);
    ASSERT_NE(second_, nullptr);
    int64_t last_progress = 0;
    auto report = demo::Load(*first_, Options(7), [&](int64_t done) { last_progress = done; });
    ASSERT_TRUE(report.ok()) << report.error().message;
    report_ = *report;
    EXPECT_EQ(last_progress, kCustomers);
    auto again = demo::Load(*second_, Options(7));
    ASSERT_TRUE(again.ok()) << again.error().message;
    rows_ = new std::vector<Row>(Customers(*first_));
  }
  static void TearDownTestSuite() {
    delete first_;
    delete second_;
    delete rows_;
  }

  static db::Database* first_;
  static db::Database* second_;
  static demo::Report report_;
  static std::vector<Row>* rows_;
};

db::Database* DemoLoad::first_ = nullptr;
db::Database* DemoLoad::second_ = nullptr;
demo::Report DemoLoad::report_;
std::vector<Row>* DemoLoad::rows_ = nullptr;

TEST_F(DemoLoad, LoadsTheRequestedCustomersGroupsAndTags) {
  EXPECT_EQ(report_.customers, kCustomers);
  EXPECT_EQ(report_.groups, 5);
  EXPECT_EQ(report_.tags, 15);
  EXPECT_EQ(rows_->size(), static_cast<size_t>(kCustomers));
  EXPECT_EQ(Query(*first_, "SELECT count(*) FROM customer_groups")[0].Int(0), 6);
  EXPECT_EQ(Query(*first_, "SELECT count(*) FROM tags")[0].Int(0), 15);
  // Most customers are in Default, some in each demo group; 0–3 tags each.
  EXPECT_GT(Query(*first_, "SELECT count(DISTINCT group_id) FROM customers")[0].Int(0), 4);
  EXPECT_GT(Query(*first_, "SELECT count(*) FROM customers WHERE group_id = 1")[0].Int(0),
            kCustomers * 3 / 4);
  EXPECT_GT(Query(*first_, "SELECT count(*) FROM customer_tags")[0].Int(0), kCustomers / 4);
  EXPECT_LE(
      Query(*first_,
            "SELECT max(n) FROM (SELECT count(*) AS n FROM customer_tags GROUP BY customer_id)")[0]
          .Int(0),
      3);
}

TEST_F(DemoLoad, TheSameSeedGivesTheSameCustomers) { EXPECT_EQ(*rows_, Customers(*second_)); }

TEST_F(DemoLoad, AnotherSeedGivesOtherCustomers) {
  auto db = FreshDatabase();
  ASSERT_NE(db, nullptr);
  auto report = demo::Load(*db, Options(8));
  ASSERT_TRUE(report.ok()) << report.error().message;
  const auto other = Customers(*db);
  ASSERT_EQ(other.size(), rows_->size());
  size_t same_email = 0;
  for (size_t i = 0; i < other.size(); ++i) same_email += other[i].email == (*rows_)[i].email;
  EXPECT_LT(same_email, other.size() / 10);
}

TEST_F(DemoLoad, PhonesAreValidE164NumbersOfTheCustomersCountry) {
  size_t phones = 0;
  for (const auto& r : *rows_) {
    for (const std::string* number : {&r.phone, &r.fax}) {
      if (number->empty()) continue;
      auto parsed = ParsePhone(*number, r.country);
      ASSERT_TRUE(parsed.ok()) << *number << " (" << r.country << ")";
      EXPECT_EQ(*parsed, *number);
    }
    phones += !r.phone.empty();
  }
  // About 85 % have a phone.
  EXPECT_GT(phones, rows_->size() * 3 / 4);
  EXPECT_LT(phones, rows_->size() * 95 / 100);
}

TEST_F(DemoLoad, EmailsAreValidUniqueAndKeyedInLowerCase) {
  std::set<std::string> keys;
  for (const auto& r : *rows_) {
    if (r.kind == "registered") {
      ASSERT_FALSE(r.email.empty());
    }
    if (r.email.empty()) {
      EXPECT_FALSE(r.phone.empty()) << "a guest needs an e-mail address or a phone";
      continue;
    }
    auto parsed = ParseEmail(r.email);
    ASSERT_TRUE(parsed.ok()) << r.email;
    EXPECT_EQ(parsed->key, r.email_key);
    for (char ch : r.email) EXPECT_LT(static_cast<unsigned char>(ch), 0x80) << r.email;
    EXPECT_TRUE(keys.insert(r.email_key).second) << "duplicate " << r.email_key;
  }
}

TEST_F(DemoLoad, IdsFollowRegistrationOverTheLastFiveYears) {
  std::set<std::string> public_ids;
  for (size_t i = 0; i < rows_->size(); ++i) {
    const Row& r = (*rows_)[i];
    EXPECT_EQ(r.id >> 10, r.registered_at);
    EXPECT_GE(r.registered_at, kNow - kFiveYears);
    EXPECT_LT(r.registered_at, kNow);
    if (i > 0) {
      EXPECT_GT(r.registered_at, (*rows_)[i - 1].registered_at);
    }
    EXPECT_TRUE(IsPublicId(r.public_id, "cus")) << r.public_id;
    EXPECT_TRUE(public_ids.insert(r.public_id).second);
  }
  // Spread over the whole period, not bunched at one end.
  const int64_t middle = kNow - kFiveYears / 2;
  const auto before = std::count_if(rows_->begin(), rows_->end(),
                                    [&](const Row& r) { return r.registered_at < middle; });
  EXPECT_GT(before, kCustomers / 5);
  EXPECT_LT(before, kCustomers * 4 / 5);
}

TEST_F(DemoLoad, CustomersComeFromManyCountriesAndScripts) {
  std::set<std::string> countries;
  std::set<int> scripts;
  for (const auto& r : *rows_) {
    countries.insert(r.country);
    auto country = ParseCountry(r.country);
    ASSERT_TRUE(country.ok()) << r.country;
    auto language = ParseLanguage(r.language);
    ASSERT_TRUE(language.ok()) << r.language;
    EXPECT_EQ(*language, r.language);
    const std::string name = r.first_name + r.last_name;
    int32_t i = 0;
    const int32_t n = static_cast<int32_t>(name.size());
    while (i < n) {
      UChar32 c;
      U8_NEXT(reinterpret_cast<const uint8_t*>(name.data()), i, n, c);
      UErrorCode status = U_ZERO_ERROR;
      const UScriptCode script = uscript_getScript(c, &status);
      if (U_SUCCESS(status) && script != USCRIPT_COMMON && script != USCRIPT_INHERITED) {
        scripts.insert(script);
      }
    }
  }
  EXPECT_GT(countries.size(), 20u);
  for (UScriptCode script : {USCRIPT_LATIN, USCRIPT_HAN, USCRIPT_CYRILLIC, USCRIPT_ARABIC}) {
    EXPECT_TRUE(scripts.count(script)) << uscript_getName(script);
  }
  EXPECT_GE(scripts.size(), 8u);
}

TEST_F(DemoLoad, SearchIndexesAreConsistent) {
  for (const char* table : {"customer_search", "customer_phone_search"}) {
    auto checked = first_->Transaction([&](db::Connection& c) -> Status {
      RETURN_IF_ERROR(c.Execute(std::string("INSERT INTO ") + table + "(" + table +
                                ") VALUES ('integrity-check')"));
      return OkStatus();
    });
    EXPECT_TRUE(checked.ok()) << table << ": " << checked.error().message;
  }
}

TEST_F(DemoLoad, RefusesAStoreThatHasCustomers) {
  auto again = demo::Load(*first_, Options(9));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(again.error().slug, "store_not_empty");
  EXPECT_EQ(Query(*first_, "SELECT count(*) FROM customers")[0].Int(0), kCustomers);
}

TEST(DemoOptions, NeedTheCurrentTimeAndACountInRange) {
  auto db = FreshDatabase();
  ASSERT_NE(db, nullptr);
  demo::Options no_time;
  EXPECT_EQ(demo::Load(*db, no_time).error().code, ErrorCode::kInvalidArgument);
  demo::Options negative = Options(1);
  negative.customers = -1;
  EXPECT_EQ(demo::Load(*db, negative).error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace clientele
