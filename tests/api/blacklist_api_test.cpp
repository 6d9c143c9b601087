// The blacklist over HTTP against the real binary on SQLite and PostgreSQL: entries by phone
// (with its country code), e-mail, domain and IP range refuse registration, sign-in and guest
// records with a neutral message, each refusal counted on its entry; removing an entry lets the
// shopper back.
#include <gtest/gtest.h>

#include "harness.hpp"
#include "support/test_db.hpp"

namespace clientele::testing {
namespace {

using nlohmann::json;

constexpr const char* kPassword = "tulip garden 42";

class BlacklistApi : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { server_ = std::make_unique<ServerProcess>(FreshDatabaseUrl(GetParam())); }

  HttpResult Post(const std::string& path, const json& body) {
    return server_->Call("POST", path, body.dump(), {"Content-Type: application/json"});
  }
  HttpResult Register(const std::string& email, const std::string& phone = "") {
    json reg = {
        {"first_name", "Ann"}, {"last_name", "Lee"}, {"email", email}, {"password", kPassword}};
    if (!phone.empty()) reg["phone"] = phone;
    return Post("/api/store/register", reg);
  }
  std::string Add(const std::string& kind, const std::string& value) {
    auto r = server_->Admin("POST", "/api/admin/blacklist",
                            {{"kind", kind}, {"value", value}, {"reason", "fraud"}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", "");
  }
  int64_t Refusals(const std::string& id) {
    auto list = server_->Admin("GET", "/api/admin/blacklist");
    json items = list.json()["items"];
    for (const auto& e : items) {
      if (e.value("id", "") == id) return e.value("refusals", int64_t{-1});
    }
    return -1;
  }

  std::unique_ptr<ServerProcess> server_;
};

void ExpectRefused(const HttpResult& r) {
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_EQ(r.json().value("code", ""), "refused");
  EXPECT_EQ(r.json().value("detail", ""),
            "We can't complete this request. Please contact the store.");
}

TEST_P(BlacklistApi, EntriesAreCheckedAndNormalised) {
  auto national = server_->Admin("POST", "/api/admin/blacklist",
                                 {{"kind", "phone"}, {"value", "51234567"}, {"reason", "x"}});
  EXPECT_EQ(national.status, 422);
  EXPECT_NE(national.json()["errors"][0].value("message", "").find("country code"),
            std::string::npos);
  auto kuwait = server_->Admin("POST", "/api/admin/blacklist",
                               {{"kind", "phone"}, {"value", "+965 5123 4567"}});
  ASSERT_EQ(kuwait.status, 201) << kuwait.body;
  EXPECT_EQ(kuwait.json().value("value", ""), "+96551234567");
  auto again = server_->Admin("POST", "/api/admin/blacklist",
                              {{"kind", "phone"}, {"value", "+96551234567"}});
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.json().value("code", ""), "already_blacklisted");
  auto range =
      server_->Admin("POST", "/api/admin/blacklist", {{"kind", "ip"}, {"value", "2001:DB8::7/32"}});
  ASSERT_EQ(range.status, 201) << range.body;
  EXPECT_EQ(range.json().value("value", ""), "2001:db8::/32");
  EXPECT_EQ(
      server_->Admin("POST", "/api/admin/blacklist", {{"kind", "ip"}, {"value", "1.2.3"}}).status,
      422);
  auto domain = server_->Admin("POST", "/api/admin/blacklist",
                               {{"kind", "domain"}, {"value", "@Spam.Example"}});
  EXPECT_EQ(domain.json().value("value", ""), "spam.example");
  auto searched = server_->Admin("GET", "/api/admin/blacklist?q=spam");
  json items = searched.json()["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].value("kind", ""), "domain");
  EXPECT_EQ(server_->Admin("GET", "/api/admin/blacklist?kind=ip").json()["items"].size(), 1u);
  auto edited = server_->Admin("PATCH", "/api/admin/blacklist/" + domain.json().value("id", ""),
                               {{"reason", "bot sign-ups"}});
  EXPECT_EQ(edited.json().value("reason", ""), "bot sign-ups");
}

TEST_P(BlacklistApi, ABlacklistedShopperIsRefusedEverywhereUntilRemoved) {
  ASSERT_EQ(Register("ann@example.com").status, 202);
  ASSERT_EQ(
      Post("/api/store/verify", {{"token", server_->LinkToken("verification", "ann@example.com")},
                                 {"password", kPassword}})
          .status,
      200);
  const std::string email = Add("email", "ANN@example.com");
  ExpectRefused(Post("/api/store/login", {{"email", "ann@example.com"}, {"password", kPassword}}));
  ExpectRefused(Register("ann@example.com"));
  ExpectRefused(server_->Admin("POST", "/api/admin/guests", {{"email", "ann@example.com"}}));
  EXPECT_EQ(Refusals(email), 3);

  const std::string domain = Add("domain", "spam.example");
  ExpectRefused(Register("bot1@spam.example"));
  const std::string phone = Add("phone", "+962 7 9123 4567");
  ExpectRefused(Register("bob@example.com", "+962791234567"));
  // Typed in national form with the country, it is the same number.
  auto national = Post("/api/store/register", {{"first_name", "Bob"},
                                               {"last_name", "Lee"},
                                               {"email", "bob2@example.com"},
                                               {"password", kPassword},
                                               {"country", "JO"},
                                               {"phone", "07 9123 4567"}});
  ExpectRefused(national);
  EXPECT_EQ(Refusals(domain), 1);
  EXPECT_EQ(Refusals(phone), 2);

  // The tests' own address: everything from it is refused, then allowed again.
  const std::string ip = Add("ip", "127.0.0.0/8");
  ExpectRefused(Register("carol@example.com"));
  ASSERT_EQ(server_->Admin("DELETE", "/api/admin/blacklist/" + ip).status, 204);
  EXPECT_EQ(Register("carol@example.com").status, 202);

  ASSERT_EQ(server_->Admin("DELETE", "/api/admin/blacklist/" + email).status, 204);
  EXPECT_EQ(
      Post("/api/store/login", {{"email", "ann@example.com"}, {"password", kPassword}}).status,
      200);
  auto audit = server_->Admin("GET", "/api/admin/audit?action=blacklist.");
  EXPECT_NE(audit.body.find("blacklist.removed"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Engines, BlacklistApi, ::testing::ValuesIn(Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace clientele::testing
