// Admin access over HTTP: browser sessions with CSRF, throttled sign-in, admin users, API
// tokens, the audit trail, settings and bulk changes — on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <memory>

#include "core/totp.hpp"
#include "harness.hpp"
#include "support/test_db.hpp"

namespace clientele::testing {
namespace {

using nlohmann::json;

class AdminAccessApi : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { server_ = std::make_unique<ServerProcess>(FreshDatabaseUrl(GetParam())); }

  using Browser = BrowserSession;
  HttpResult SignIn(const std::string& email, const std::string& password) {
    return server_->SignIn(email, password);
  }
  Browser SignedIn(const std::string& email, const std::string& password) {
    return server_->SignedIn(email, password);
  }
  HttpResult AsBrowser(const Browser& b, const std::string& method, const std::string& path,
                       const json& body = nullptr, bool with_csrf = true) {
    return server_->AsBrowser(b, method, path, body, {}, with_csrf);
  }

  std::unique_ptr<ServerProcess> server_;
};

const char* kOwnerPassword = "correct horse battery staple";

TEST_P(AdminAccessApi, SessionCookieCsrfAndSignOut) {
  auto r = SignIn("owner@example.com", kOwnerPassword);
  ASSERT_EQ(r.status, 200) << r.body;
  std::string cookie = r.headers["set-cookie"];
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_EQ(r.json()["admin"]["role"], "owner");
  Browser b = SignedIn("owner@example.com", kOwnerPassword);
  EXPECT_NE(b.cookie, cookie.substr(0, cookie.find(';')));  // a new session at every sign-in

  EXPECT_EQ(AsBrowser(b, "GET", "/api/admin/session").json()["admin"]["email"],
            "owner@example.com");
  EXPECT_EQ(AsBrowser(b, "GET", "/api/admin/customers").status, 200);
  // A cookie write without the CSRF token is refused and changes nothing.
  auto forged = AsBrowser(b, "POST", "/api/admin/groups", {{"name", "Forged"}}, false);
  EXPECT_EQ(forged.status, 403);
  EXPECT_EQ(forged.json()["code"], "csrf_failed");
  EXPECT_EQ(AsBrowser(b, "POST", "/api/admin/groups", {{"name", "Real"}}).status, 201);
  auto groups = AsBrowser(b, "GET", "/api/admin/groups").json()["items"];
  EXPECT_EQ(groups.size(), 2u);

  EXPECT_EQ(AsBrowser(b, "DELETE", "/api/admin/session").status, 204);
  EXPECT_EQ(AsBrowser(b, "GET", "/api/admin/customers").status, 401);
  auto nobody = AsBrowser(b, "GET", "/api/admin/session");
  EXPECT_EQ(nobody.status, 200);
  EXPECT_TRUE(nobody.json()["admin"].is_null());
}

TEST_P(AdminAccessApi, WrongPasswordsAreThrottled) {
  auto unknown = SignIn("nobody@example.com", "whatever password");
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(unknown.json()["code"], "invalid_credentials");
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(SignIn("owner@example.com", "wrong password " + std::to_string(i)).status, 401);
  }
  // The account is locked for a while, even with the right password.
  auto locked = SignIn("owner@example.com", kOwnerPassword);
  EXPECT_EQ(locked.status, 429);
  EXPECT_EQ(locked.json()["code"], "too_many_attempts");
  EXPECT_FALSE(locked.headers["retry-after"].empty());
}

TEST_P(AdminAccessApi, AdminsAndTokens) {
  auto created = server_->Admin("POST", "/api/admin/admins",
                                {{"email", "help@example.com"},
                                 {"name", "Helper"},
                                 {"role", "support"},
                                 {"password", "support password 1"}});
  ASSERT_EQ(created.status, 201) << created.body;
  std::string id = created.json()["id"];
  auto weak =
      server_->Admin("POST", "/api/admin/admins",
                     {{"email", "weak@example.com"}, {"role", "viewer"}, {"password", "short"}});
  EXPECT_EQ(weak.status, 422);
  EXPECT_EQ(weak.json()["errors"][0]["field"], "password");

  Browser support = SignedIn("help@example.com", "support password 1");
  EXPECT_EQ(AsBrowser(support, "GET", "/api/admin/admins").status, 403);
  EXPECT_EQ(AsBrowser(support, "GET", "/api/admin/customers").status, 200);

  // Disabling ends their sessions at once.
  auto disabled = server_->Admin("PATCH", "/api/admin/admins/" + id, {{"status", "disabled"}});
  ASSERT_EQ(disabled.status, 200) << disabled.body;
  EXPECT_EQ(AsBrowser(support, "GET", "/api/admin/customers").status, 401);
  EXPECT_EQ(SignIn("help@example.com", "support password 1").status, 401);

  // The last owner cannot be demoted.
  auto admins = server_->Admin("GET", "/api/admin/admins").json()["items"];
  std::string owner_id;
  for (const auto& a : admins) {
    if (a["role"] == "owner") owner_id = a["id"];
  }
  auto demote = server_->Admin("PATCH", "/api/admin/admins/" + owner_id, {{"role", "viewer"}});
  EXPECT_EQ(demote.status, 409);
  EXPECT_EQ(demote.json()["code"], "last_owner");

  // Tokens: shown once, listed without the secret, revocable.
  auto token =
      server_->Admin("POST", "/api/admin/tokens", {{"name", "export"}, {"role", "viewer"}});
  ASSERT_EQ(token.status, 201) << token.body;
  std::string secret = token.json()["secret"];
  auto listed = server_->Admin("GET", "/api/admin/tokens");
  EXPECT_EQ(listed.body.find(secret), std::string::npos);
  auto as_viewer =
      server_->Call("GET", "/api/admin/customers", "", {"Authorization: Bearer " + secret});
  EXPECT_EQ(as_viewer.status, 200);
  auto viewer_write = server_->Call("POST", "/api/admin/tags", R"({"name":"x"})",
                                    {"Authorization: Bearer " + secret});
  EXPECT_EQ(viewer_write.status, 403);
  std::string token_id = token.json()["id"];
  EXPECT_EQ(server_->Admin("DELETE", "/api/admin/tokens/" + token_id).status, 204);
  EXPECT_EQ(
      server_->Call("GET", "/api/admin/customers", "", {"Authorization: Bearer " + secret}).status,
      401);
}

TEST_P(AdminAccessApi, AuditTrailRecordsChangesWithTheirActor) {
  auto c = server_->Admin("POST", "/api/admin/customers",
                          {{"email", "audited@example.com"}, {"first_name", "Ana"}});
  ASSERT_EQ(c.status, 201);
  std::string id = c.json()["id"];
  ASSERT_EQ(server_->Admin("PATCH", "/api/admin/customers/" + id, {{"company", "Acme"}}).status,
            200);
  auto activity = server_->Admin("GET", "/api/admin/customers/" + id + "/activity");
  ASSERT_EQ(activity.status, 200) << activity.body;
  json items = activity.json()["items"];
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0]["action"], "customer.updated");
  EXPECT_EQ(items[0]["changes"]["company"]["to"], "Acme");
  EXPECT_EQ(items[0]["actor_type"], "api_token");
  EXPECT_EQ(items[0]["actor_name"], "api tests");
  EXPECT_EQ(items[1]["action"], "customer.created");

  auto filtered = server_->Admin("GET", "/api/admin/audit?action=customer.&customer=" + id);
  EXPECT_EQ(filtered.json()["items"].size(), 2u);
  // Targets come with what they are called now: a customer's name, else its e-mail; a group's,
  // tag's and admin's name.
  EXPECT_EQ(filtered.json()["items"][0].value("target_name", ""), "Ana");
  auto nameless =
      server_->Admin("POST", "/api/admin/customers", {{"email", "no.name@example.com"}});
  ASSERT_EQ(nameless.status, 201);
  auto group = server_->Admin("POST", "/api/admin/groups", {{"name", "Audited wholesale"}});
  ASSERT_EQ(group.status, 201) << group.body;
  for (const auto& [target, name] : std::vector<std::pair<std::string, std::string>>{
           {nameless.json().value("id", ""), "no.name@example.com"},
           {group.json().value("id", ""), "Audited wholesale"}}) {
    auto events = server_->Admin("GET", "/api/admin/audit?limit=20");
    bool found = false;
    for (const auto& e : json(events.json()["items"])) {
      if (e.value("target_id", "") == target) {
        EXPECT_EQ(e.value("target_name", ""), name) << e.dump();
        found = true;
      }
    }
    EXPECT_TRUE(found) << target;
  }
  auto paged = server_->Admin("GET", "/api/admin/audit?limit=1");
  EXPECT_EQ(paged.json()["items"].size(), 1u);
  EXPECT_FALSE(paged.json()["next_cursor"].is_null());
  auto csv = server_->Admin("GET", "/api/admin/audit.csv?customer=" + id);
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.headers["content-type"], "text/csv; charset=utf-8");
  EXPECT_EQ(csv.body.rfind("id,occurred_at,actor_type", 0), 0u);
  EXPECT_NE(csv.body.find(",target_id,target_name,changes,"), std::string::npos);
  EXPECT_NE(csv.body.find("customer.updated"), std::string::npos);
  EXPECT_EQ(server_->Admin("GET", "/api/admin/audit?from=yesterday").status, 422);
}

TEST_P(AdminAccessApi, Settings) {
  auto s = server_->Admin("GET", "/api/admin/settings");
  EXPECT_EQ(s.json()["time_zone"], "UTC");
  auto bad = server_->Admin("PATCH", "/api/admin/settings",
                            {{"time_zone", "Mars/Olympus"}, {"default_country", "XX"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.json()["errors"].size(), 2u);
  auto ok = server_->Admin(
      "PATCH", "/api/admin/settings",
      {{"store_name", "Lumen Books"}, {"time_zone", "Europe/Berlin"}, {"default_country", "de"}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json()["default_country"], "DE");
  EXPECT_EQ(server_->Admin("GET", "/api/admin/settings").json()["store_name"], "Lumen Books");
}

TEST_P(AdminAccessApi, BulkChangesAreAllOrNothing) {
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) {
    auto c = server_->Admin("POST", "/api/admin/customers",
                            {{"email", "bulk" + std::to_string(i) + "@example.com"}});
    ids.push_back(c.json()["id"]);
  }
  auto tagged = server_->Admin("POST", "/api/admin/customers/bulk",
                               {{"ids", ids}, {"action", "add_tags"}, {"tags", {"vip"}}});
  ASSERT_EQ(tagged.status, 200) << tagged.body;
  EXPECT_EQ(tagged.json()["updated"], 3);
  auto with_bad = ids;
  with_bad.push_back("cus_00000000000000000000");
  auto refused = server_->Admin("POST", "/api/admin/customers/bulk",
                                {{"ids", with_bad}, {"action", "deactivate"}});
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(refused.json()["errors"][0]["field"], "ids[3]");
  auto still = server_->Admin("GET", "/api/admin/customers?status=inactive");
  EXPECT_EQ(still.json()["items"].size(), 0u);
  auto off =
      server_->Admin("POST", "/api/admin/customers/bulk", {{"ids", ids}, {"action", "deactivate"}});
  EXPECT_EQ(off.json()["updated"], 3);
  auto untag = server_->Admin("POST", "/api/admin/customers/bulk",
                              {{"ids", ids}, {"action", "remove_tags"}, {"tags", {"VIP"}}});
  EXPECT_EQ(untag.json()["updated"], 3);
  EXPECT_EQ(server_->Admin("GET", "/api/admin/customers/" + ids[0]).json()["tags"].size(), 0u);
  EXPECT_EQ(
      server_->Admin("POST", "/api/admin/customers/bulk", {{"ids", ids}, {"action", "explode"}})
          .status,
      422);
}

TEST_P(AdminAccessApi, TotpSecondFactor) {
  Browser owner = SignedIn("owner@example.com", kOwnerPassword);
  auto setup = AsBrowser(owner, "POST", "/api/admin/me/totp", {{"password", kOwnerPassword}});
  ASSERT_EQ(setup.status, 200) << setup.body;
  std::string secret = setup.json()["secret"];
  EXPECT_EQ(setup.json()["otpauth_url"].get<std::string>().rfind("otpauth://totp/", 0), 0u);
  // Not on until a first code confirms it.
  EXPECT_EQ(SignIn("owner@example.com", kOwnerPassword).status, 200);
  auto wrong = AsBrowser(owner, "POST", "/api/admin/me/totp/confirm", {{"code", "000000"}});
  EXPECT_EQ(wrong.status, 422);
  // Codes of the step before, so the sign-in below can use a later one.
  const int64_t now = time(nullptr);
  ASSERT_EQ(
      AsBrowser(owner, "POST", "/api/admin/me/totp/confirm", {{"code", TotpCode(secret, now - 30)}})
          .status,
      204);
  auto needs_code = SignIn("owner@example.com", kOwnerPassword);
  EXPECT_EQ(needs_code.status, 401);
  EXPECT_EQ(needs_code.json()["code"], "totp_required");
  auto with_code = server_->SignIn("owner@example.com", kOwnerPassword, TotpCode(secret, now));
  EXPECT_EQ(with_code.status, 200) << with_code.body;
  auto bad_code = server_->SignIn("owner@example.com", kOwnerPassword, "123");
  EXPECT_EQ(bad_code.json()["code"], "invalid_totp");
  // Another owner resets it for an admin who lost the phone; nobody resets their own.
  auto admins = server_->Admin("GET", "/api/admin/admins").json()["items"];
  std::string owner_id = admins[0]["id"];
  EXPECT_EQ(admins[0]["totp_enabled"], true);
  auto own = server_->Admin("POST", "/api/admin/admins/" + owner_id + "/totp/reset");
  EXPECT_EQ(own.status, 403);
  EXPECT_EQ(own.json()["code"], "own_account");
  EXPECT_EQ(server_
                ->Admin("POST", "/api/admin/admins/" + owner_id + "/password",
                        {{"password", "a brand new password"}})
                .status,
            403);
  ASSERT_EQ(server_
                ->Admin("POST", "/api/admin/admins",
                        {{"email", "backup@example.com"},
                         {"role", "owner"},
                         {"password", "backup owner password"}})
                .status,
            201);
  Browser backup = SignedIn("backup@example.com", "backup owner password");
  EXPECT_EQ(AsBrowser(backup, "POST", "/api/admin/admins/" + owner_id + "/totp/reset").status, 204);
  EXPECT_EQ(SignIn("owner@example.com", kOwnerPassword).status, 200);
}

INSTANTIATE_TEST_SUITE_P(Engines, AdminAccessApi, ::testing::ValuesIn(Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace clientele::testing
