// Likely duplicates over HTTP against the real binary on SQLite and PostgreSQL: e-mail
// addresses that differ only in case, Gmail dots or a +tag, the same phone, the same name with
// a postal code or city in common (and not the name alone), each with its reasons and score,
// on the profile and store-wide; a dismissed pair is remembered.
#include <gtest/gtest.h>

#include "harness.hpp"
#include "support/test_db.hpp"

namespace clientele::testing {
namespace {

using nlohmann::json;

class DuplicatesApi : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { server_ = std::make_unique<ServerProcess>(FreshDatabaseUrl(GetParam())); }

  std::string Customer(const json& body) {
    auto r = server_->Admin("POST", "/api/admin/customers", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", "");
  }
  void Address(const std::string& id, const std::string& postal, const std::string& city) {
    json a = {{"line1", "1 Test Street"}, {"city", city},         {"postal_code", postal},
              {"country", "GB"},          {"first_name", "Test"}, {"last_name", "Person"}};
    auto r = server_->Admin("POST", "/api/admin/customers/" + id + "/addresses", a);
    ASSERT_EQ(r.status, 201) << r.body;
  }
  // The reasons the profile of `id` gives for each candidate, by candidate id.
  std::map<std::string, std::vector<std::string>> Candidates(const std::string& id) {
    auto r = server_->Admin("GET", "/api/admin/customers/" + id + "/duplicates");
    EXPECT_EQ(r.status, 200) << r.body;
    std::map<std::string, std::vector<std::string>> out;
    const json body = r.json();
    for (const auto& c : body["items"]) {
      auto& reasons = out[c["customer"].value("id", "")];
      for (const auto& reason : c["reasons"]) reasons.push_back(reason.value("code", ""));
    }
    return out;
  }
  std::unique_ptr<ServerProcess> server_;
};

TEST_P(DuplicatesApi, FindsLikelyDuplicatesWithTheirReasons) {
  const std::string ann = Customer({{"email", "Ann.Lee@gmail.com"},
                                    {"first_name", "Ann"},
                                    {"last_name", "Lee"},
                                    {"phone", "+442079460958"}});
  const std::string tagged = Customer({{"email", "annlee+shop@googlemail.com"}, {"kind", "guest"}});
  const std::string same = Customer({{"email", "ann.lee@gmail.com"}, {"kind", "guest"}});
  const std::string phone = Customer({{"email", "office@example.com"}, {"phone", "+442079460958"}});
  const std::string other_domain = Customer({{"email", "annlee@example.com"}});
  EXPECT_EQ(Candidates(ann),
            (std::map<std::string, std::vector<std::string>>{
                {tagged, {"similar_email"}}, {same, {"same_email"}}, {phone, {"same_phone"}}}));
  EXPECT_TRUE(Candidates(other_domain).empty());

  // A name needs a place in common: the postal code counts more than the city.
  const std::string p1 = Customer(
      {{"first_name", "Priya"}, {"last_name", "Shah"}, {"email", "priya.one@example.com"}});
  const std::string p2 =
      Customer({{"first_name", "priya"}, {"last_name", "SHAH"}, {"email", "p.shah@example.net"}});
  const std::string p3 = Customer(
      {{"first_name", "Priya"}, {"last_name", "Shah"}, {"email", "priya.three@example.org"}});
  const std::string p4 = Customer(
      {{"first_name", "Priya"}, {"last_name", "Shah"}, {"email", "priya.four@example.org"}});
  Address(p1, "SW1A 1AA", "London");
  Address(p2, "sw1a1aa", "London");
  Address(p3, "E1 6AN", "london");
  EXPECT_EQ(Candidates(p1), (std::map<std::string, std::vector<std::string>>{
                                {p2, {"same_name_postal_code"}}, {p3, {"same_name_city"}}}));
  EXPECT_TRUE(Candidates(p4).empty()) << "the same name alone is not enough";

  auto all = server_->Admin("GET", "/api/admin/duplicates");
  ASSERT_EQ(all.status, 200) << all.body;
  json list = all.json();
  EXPECT_EQ(list.value("pairs_found", 0), 7) << list.dump();
  // Best first: the same address before the same address apart from dots.
  EXPECT_EQ(list["items"][0]["reasons"][0].value("code", ""), "same_email");
  EXPECT_GT(list["items"][0].value("score", 0.0), list["items"].back().value("score", 1.0));

  // Dismissed pairs are remembered, on both lists; bad requests change nothing.
  auto dismissed =
      server_->Admin("POST", "/api/admin/duplicates/dismiss", {{"customers", {ann, phone}}});
  ASSERT_EQ(dismissed.status, 204) << dismissed.body;
  EXPECT_FALSE(Candidates(ann).count(phone));
  EXPECT_FALSE(Candidates(phone).count(ann));
  EXPECT_EQ(server_->Admin("GET", "/api/admin/duplicates").json().value("pairs_found", 0), 6);
  EXPECT_EQ(server_->Admin("POST", "/api/admin/duplicates/dismiss", {{"customers", {ann}}}).status,
            422);
  EXPECT_EQ(
      server_->Admin("POST", "/api/admin/duplicates/dismiss", {{"customers", {ann, ann}}}).status,
      422);
  EXPECT_EQ(server_
                ->Admin("POST", "/api/admin/duplicates/dismiss",
                        {{"customers", {ann, "cus_doesnotexist000000"}}})
                .status,
            404);

  // Merged away, a duplicate is no longer one.
  ASSERT_EQ(
      server_->Admin("POST", "/api/admin/customers/" + ann + "/merge", {{"merge", {same}}}).status,
      200);
  EXPECT_FALSE(Candidates(ann).count(same));
}

INSTANTIATE_TEST_SUITE_P(Engines, DuplicatesApi, ::testing::ValuesIn(Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace clientele::testing
