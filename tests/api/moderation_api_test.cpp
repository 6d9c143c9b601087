// Bans over HTTP against the real binary on SQLite and PostgreSQL: a ban with a reason ends the
// shopper's sessions, e-mails the reason, refuses sign-in, registration and guest checkouts of
// the address; lifting it e-mails the customer and lets them back in; the list shows why.
#include <gtest/gtest.h>

#include "harness.hpp"
#include "support/test_db.hpp"

namespace clientele::testing {
namespace {

using nlohmann::json;

constexpr const char* kPassword = "tulip garden 42";

class ModerationApi : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { server_ = std::make_unique<ServerProcess>(FreshDatabaseUrl(GetParam())); }

  HttpResult Post(const std::string& path, const json& body) {
    return server_->Call("POST", path, body.dump(), {"Content-Type: application/json"});
  }

  // A registered, confirmed and signed-in shopper.
  BrowserSession Shopper(const std::string& email) {
    json reg = {
        {"first_name", "Ann"}, {"last_name", "Lee"}, {"email", email}, {"password", kPassword}};
    EXPECT_EQ(Post("/api/store/register", reg).status, 202);
    auto r = Post("/api/store/verify",
                  {{"token", server_->LinkToken("verification", email)}, {"password", kPassword}});
    EXPECT_EQ(r.status, 200) << r.body;
    const std::string& set_cookie = r.headers["set-cookie"];
    return {set_cookie.substr(0, set_cookie.find(';')), r.json().value("csrf_token", "")};
  }

  std::string NewestMessageText(const std::string& template_key) {
    auto list = server_->Admin("GET", "/api/admin/messages?template=" + template_key);
    json items = list.json()["items"];
    if (items.empty()) return "";
    return server_->Admin("GET", "/api/admin/messages/" + items[0].value("id", ""))
        .json()
        .value("body_text", "");
  }

  std::unique_ptr<ServerProcess> server_;
};

TEST_P(ModerationApi, ABanWithAReasonShutsTheShopperOutAndIsLifted) {
  BrowserSession s = Shopper("ann@example.com");
  const std::string id = server_->AsBrowser(s, "GET", "/api/store/me").json().value("id", "");

  auto bad = server_->Admin("POST", "/api/admin/customers/" + id + "/ban", {{"reason", "mood"}});
  EXPECT_EQ(bad.status, 422);
  auto no_note =
      server_->Admin("POST", "/api/admin/customers/" + id + "/ban", {{"reason", "other"}});
  EXPECT_EQ(no_note.status, 422);
  EXPECT_EQ(no_note.json()["errors"][0].value("field", ""), "note");

  auto banned = server_->Admin("POST", "/api/admin/customers/" + id + "/ban",
                               {{"reason", "refused_deliveries"}, {"note", "Three parcels"}});
  ASSERT_EQ(banned.status, 200) << banned.body;
  EXPECT_EQ(banned.json().value("status", ""), "banned");
  json ban = banned.json()["ban"];
  EXPECT_EQ(ban.value("reason", ""), "refused_deliveries");
  EXPECT_EQ(ban.value("note", ""), "Three parcels");
  EXPECT_EQ(ban["banned_by"].value("type", ""), "api_token");
  EXPECT_NE(NewestMessageText("ban_notice").find("Refused deliveries. Three parcels"),
            std::string::npos);
  EXPECT_EQ(
      server_->Admin("POST", "/api/admin/customers/" + id + "/ban", {{"reason", "fake_orders"}})
          .json()
          .value("code", ""),
      "already_banned");

  // Signed out everywhere; cannot sign in, register the address again or check out with it.
  EXPECT_EQ(server_->AsBrowser(s, "GET", "/api/store/me").status, 401);
  auto login = Post("/api/store/login", {{"email", "ann@example.com"}, {"password", kPassword}});
  EXPECT_EQ(login.status, 403);
  EXPECT_EQ(login.json().value("code", ""), "account_blocked");
  auto again = Post("/api/store/register", {{"first_name", "Ann"},
                                            {"last_name", "Lee"},
                                            {"email", "ANN@example.com"},
                                            {"password", "another good one"}});
  EXPECT_EQ(again.status, 403);
  EXPECT_EQ(again.json().value("code", ""), "refused");
  auto guest = server_->Admin("POST", "/api/admin/guests", {{"email", "ann@example.com"}});
  EXPECT_EQ(guest.status, 403);
  EXPECT_EQ(guest.json().value("code", ""), "refused");

  // The list of banned customers says why, who and when.
  auto list = server_->Admin("GET", "/api/admin/customers?status=banned");
  json items = list.json()["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["ban"].value("reason", ""), "refused_deliveries");
  EXPECT_TRUE(items[0]["ban"]["banned_at"].is_string());

  auto lifted = server_->Admin("POST", "/api/admin/customers/" + id + "/ban/lift");
  ASSERT_EQ(lifted.status, 200) << lifted.body;
  EXPECT_EQ(lifted.json().value("status", ""), "active");
  EXPECT_TRUE(lifted.json()["ban"].is_null());
  EXPECT_FALSE(NewestMessageText("ban_lifted").empty());
  EXPECT_EQ(
      Post("/api/store/login", {{"email", "ann@example.com"}, {"password", kPassword}}).status,
      200);
  EXPECT_EQ(
      server_->Admin("POST", "/api/admin/customers/" + id + "/ban/lift").json().value("code", ""),
      "not_banned");
  // Every step is audited on the customer.
  auto activity = server_->Admin("GET", "/api/admin/customers/" + id + "/activity");
  const std::string events = activity.body;
  EXPECT_NE(events.find("customer.banned"), std::string::npos);
  EXPECT_NE(events.find("customer.ban_lifted"), std::string::npos);
}

TEST_P(ModerationApi, DeactivatingSignsOutForGood) {
  BrowserSession s = Shopper("bob@example.com");
  const std::string id = server_->AsBrowser(s, "GET", "/api/store/me").json().value("id", "");
  ASSERT_EQ(server_->Admin("POST", "/api/admin/customers/" + id + "/deactivate").status, 200);
  EXPECT_EQ(server_->AsBrowser(s, "GET", "/api/store/me").status, 401);
  ASSERT_EQ(server_->Admin("POST", "/api/admin/customers/" + id + "/restore").status, 200);
  // Restoring the account does not bring the old session back.
  EXPECT_EQ(server_->AsBrowser(s, "GET", "/api/store/me").status, 401);
  EXPECT_EQ(
      Post("/api/store/login", {{"email", "bob@example.com"}, {"password", kPassword}}).status,
      200);
}

TEST_P(ModerationApi, OnlyRolesThatEditCustomersBan) {
  auto created = server_->Admin("POST", "/api/admin/customers",
                                {{"email", "cy@example.com"}, {"first_name", "Cy"}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = created.json().value("id", "");
  auto admin = server_->Admin("POST", "/api/admin/admins",
                              {{"email", "viewer@example.com"},
                               {"role", "viewer"},
                               {"password", "a viewer's long password"}});
  ASSERT_EQ(admin.status, 201) << admin.body;
  BrowserSession viewer = server_->SignedIn("viewer@example.com", "a viewer's long password");
  auto refused = server_->AsBrowser(viewer, "POST", "/api/admin/customers/" + id + "/ban",
                                    {{"reason", "fake_orders"}});
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(server_->Admin("GET", "/api/admin/customers/" + id).json().value("status", ""),
            "active");
}

INSTANTIATE_TEST_SUITE_P(Engines, ModerationApi, ::testing::ValuesIn(Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace clientele::testing
