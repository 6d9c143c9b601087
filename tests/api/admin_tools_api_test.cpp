// The admin's tools on a customer's account over HTTP against the real binary on SQLite and
// PostgreSQL: invitations and sign-in instructions, reset links, temporary passwords that must
// be replaced, second-factor resets, recovery codes the customer collects at the next sign-in,
// and the customer's sessions.
#include <gtest/gtest.h>

#include "core/totp.hpp"
#include "harness.hpp"
#include "support/test_db.hpp"

namespace clientele::testing {
namespace {

using nlohmann::json;

constexpr const char* kPassword = "tulip garden 42";

class AdminToolsApi : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { server_ = std::make_unique<ServerProcess>(FreshDatabaseUrl(GetParam())); }

  HttpResult Post(const std::string& path, const json& body) {
    return server_->Call("POST", path, body.dump(), {"Content-Type: application/json"});
  }

  static BrowserSession SessionOf(const HttpResult& r) {
    const std::string& set_cookie = r.headers.at("set-cookie");
    return {set_cookie.substr(0, set_cookie.find(';')), r.json().value("csrf_token", "")};
  }

  // A registered, confirmed and signed-in shopper; returns its session and sets `id`.
  BrowserSession Shopper(const std::string& email, std::string* id) {
    EXPECT_EQ(Post("/api/store/register", {{"first_name", "Ann"},
                                           {"last_name", "Lee"},
                                           {"email", email},
                                           {"password", kPassword}})
                  .status,
              202);
    auto r = Post("/api/store/verify",
                  {{"token", server_->LinkToken("verification", email)}, {"password", kPassword}});
    EXPECT_EQ(r.status, 200) << r.body;
    *id = r.json()["customer"].value("id", "");
    return SessionOf(r);
  }

  std::unique_ptr<ServerProcess> server_;
};

TEST_P(AdminToolsApi, AnInvitationLetsAHandMadeAccountChooseItsPassword) {
  auto created = server_->Admin("POST", "/api/admin/customers",
                                {{"email", "cy@example.com"}, {"first_name", "Cy"}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = created.json().value("id", "");
  auto invited = server_->Admin("POST", "/api/admin/customers/" + id + "/login-email");
  ASSERT_EQ(invited.status, 202) << invited.body;
  EXPECT_EQ(invited.json().value("sent", ""), "invitation");
  const std::string token = server_->LinkToken("invitation", "cy@example.com");
  ASSERT_FALSE(token.empty());
  ASSERT_EQ(Post("/api/store/password/reset", {{"token", token}, {"password", kPassword}}).status,
            200);
  EXPECT_EQ(Post("/api/store/login", {{"email", "cy@example.com"}, {"password", kPassword}}).status,
            200);
  // Once a password is set, the same tool sends sign-in instructions.
  auto again = server_->Admin("POST", "/api/admin/customers/" + id + "/login-email");
  EXPECT_EQ(again.json().value("sent", ""), "sign_in_instructions");
  // A reset link by the admin works like the shopper's own.
  ASSERT_EQ(server_->Admin("POST", "/api/admin/customers/" + id + "/password-reset").status, 202);
  EXPECT_FALSE(server_->LinkToken("password_reset", "cy@example.com").empty());

  auto guest = server_->Admin("POST", "/api/admin/guests", {{"email", "g@example.com"}});
  const std::string guest_id = guest.json().value("id", "");
  auto refused = server_->Admin("POST", "/api/admin/customers/" + guest_id + "/login-email");
  EXPECT_EQ(refused.json().value("code", ""), "guest_record");
  // "Convert to account": the guest record becomes an account and gets the invitation.
  auto converted = server_->Admin("POST", "/api/admin/customers/" + guest_id + "/convert");
  ASSERT_EQ(converted.status, 200) << converted.body;
  EXPECT_EQ(converted.json().value("kind", ""), "registered");
  EXPECT_EQ(converted.json().value("id", ""), guest_id);
  EXPECT_FALSE(server_->LinkToken("invitation", "g@example.com").empty());
  EXPECT_EQ(server_->Admin("POST", "/api/admin/customers/" + guest_id + "/convert")
                .json()
                .value("code", ""),
            "not_a_guest");
}

TEST_P(AdminToolsApi, ConsentsAreWithdrawnWithARecord) {
  json reg = {{"first_name", "Ann"},   {"last_name", "Lee"},    {"email", "ann@example.com"},
              {"password", kPassword}, {"consent_email", true}, {"consent_sms", true}};
  ASSERT_EQ(Post("/api/store/register", reg).status, 202);
  auto verified = Post(
      "/api/store/verify",
      {{"token", server_->LinkToken("verification", "ann@example.com")}, {"password", kPassword}});
  const std::string id = verified.json()["customer"].value("id", "");
  BrowserSession s = SessionOf(verified);
  auto withdrawn = server_->Admin("POST", "/api/admin/customers/" + id + "/consents/sms/withdraw");
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  EXPECT_FALSE(withdrawn.json().value("sms_marketing_consent", true));
  EXPECT_TRUE(withdrawn.json().value("email_marketing_consent", false));
  EXPECT_EQ(server_->Admin("POST", "/api/admin/customers/" + id + "/consents/fax/withdraw").status,
            422);
  // Withdrawing it again changes nothing.
  auto again = server_->Admin("POST", "/api/admin/customers/" + id + "/consents/sms/withdraw");
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(again.json().value("version", 0), withdrawn.json().value("version", -1));
  // The shopper's data download shows when, how and where each consent changed.
  auto data = server_->AsBrowser(s, "GET", "/api/store/me/export");
  json history = data.json()["consent_history"];
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history[2].value("channel", ""), "sms");
  EXPECT_FALSE(history[2].value("granted", true));
  EXPECT_EQ(history[2].value("source", ""), "admin");
  auto activity = server_->Admin("GET", "/api/admin/customers/" + id + "/activity");
  EXPECT_NE(activity.body.find("sms_marketing_consent"), std::string::npos);
}

TEST_P(AdminToolsApi, ATemporaryPasswordMustBeReplacedFirst) {
  std::string id;
  BrowserSession before = Shopper("ann@example.com", &id);
  auto set = server_->Admin("POST", "/api/admin/customers/" + id + "/temporary-password");
  ASSERT_EQ(set.status, 200) << set.body;
  const std::string temporary = set.json().value("password", "");
  ASSERT_EQ(temporary.size(), 19u);                                           // xxxx-xxxx-xxxx-xxxx
  EXPECT_EQ(server_->AsBrowser(before, "GET", "/api/store/me").status, 401);  // signed out
  EXPECT_EQ(
      Post("/api/store/login", {{"email", "ann@example.com"}, {"password", kPassword}}).status,
      401);
  auto login = Post("/api/store/login", {{"email", "ann@example.com"}, {"password", temporary}});
  ASSERT_EQ(login.status, 200) << login.body;
  EXPECT_TRUE(login.json()["customer"].value("must_change_password", false));
  BrowserSession s = SessionOf(login);
  EXPECT_EQ(server_->AsBrowser(s, "GET", "/api/store/me").status, 200);
  auto blocked = server_->AsBrowser(s, "GET", "/api/store/me/addresses");
  EXPECT_EQ(blocked.status, 403);
  EXPECT_EQ(blocked.json().value("code", ""), "password_change_required");
  ASSERT_EQ(server_
                ->AsBrowser(s, "POST", "/api/store/me/password",
                            {{"current_password", temporary}, {"new_password", "my own new one"}})
                .status,
            204);
  EXPECT_EQ(server_->AsBrowser(s, "GET", "/api/store/me/addresses").status, 200);
  auto state = server_->Admin("GET", "/api/admin/customers/" + id + "/account");
  EXPECT_FALSE(state.json().value("must_change_password", true));
}

TEST_P(AdminToolsApi, ATemporaryPasswordSignsInAHandMadeAccount) {
  // Made by an admin, never confirmed: the temporary password vouches for the customer.
  auto created = server_->Admin("POST", "/api/admin/customers",
                                {{"email", "dee@example.com"}, {"first_name", "Dee"}});
  const std::string id = created.json().value("id", "");
  auto set = server_->Admin("POST", "/api/admin/customers/" + id + "/temporary-password");
  ASSERT_EQ(set.status, 200) << set.body;
  auto login = Post("/api/store/login",
                    {{"email", "dee@example.com"}, {"password", set.json().value("password", "")}});
  ASSERT_EQ(login.status, 200) << login.body;
  EXPECT_TRUE(login.json()["customer"].value("must_change_password", false));
}

TEST_P(AdminToolsApi, SecondFactorResetAndRecoveryCodesForTheNextSignIn) {
  std::string id;
  BrowserSession s = Shopper("ann@example.com", &id);
  auto setup = server_->AsBrowser(s, "POST", "/api/store/me/totp", {{"password", kPassword}});
  const std::string secret = setup.json().value("secret", "");
  ASSERT_EQ(server_
                ->AsBrowser(s, "POST", "/api/store/me/totp/confirm",
                            {{"code", TotpCode(secret, time(nullptr) - 30)}})
                .status,
            200);

  // New codes the admin never sees; the customer gets them once, at the next sign-in.
  auto made = server_->Admin("POST", "/api/admin/customers/" + id + "/recovery-codes");
  ASSERT_EQ(made.status, 202) << made.body;
  EXPECT_FALSE(made.json().contains("recovery_codes"));
  auto login = Post("/api/store/login", {{"email", "ann@example.com"}, {"password", kPassword}});
  auto done = Post("/api/store/login/second-factor",
                   {{"challenge", login.json()["second_factor"].value("challenge", "")},
                    {"method", "totp"},
                    {"code", TotpCode(secret, time(nullptr))}});
  ASSERT_EQ(done.status, 200) << done.body;
  json codes = done.json()["recovery_codes"];
  ASSERT_EQ(codes.size(), 10u);
  auto next = Post("/api/store/login", {{"email", "ann@example.com"}, {"password", kPassword}});
  auto with_code = Post("/api/store/login/second-factor",
                        {{"challenge", next.json()["second_factor"].value("challenge", "")},
                         {"method", "recovery_code"},
                         {"code", codes[0]}});
  ASSERT_EQ(with_code.status, 200) << with_code.body;
  EXPECT_FALSE(with_code.json().contains("recovery_codes"));  // shown once only

  // The customer lost the phone: the admin turns TOTP off.
  ASSERT_EQ(server_->Admin("POST", "/api/admin/customers/" + id + "/totp/reset").status, 204);
  auto plain = Post("/api/store/login", {{"email", "ann@example.com"}, {"password", kPassword}});
  EXPECT_TRUE(plain.json().contains("customer")) << plain.body;
  EXPECT_EQ(
      server_->Admin("POST", "/api/admin/customers/" + id + "/totp/reset").json().value("code", ""),
      "totp_off");
  // Without an SMS provider, the admin cannot turn SMS codes on either.
  auto sms =
      server_->Admin("PUT", "/api/admin/customers/" + id + "/sms", {{"phone", "+4917612345678"}});
  EXPECT_EQ(sms.json().value("code", ""), "sms_unavailable");
}

TEST_P(AdminToolsApi, TheAdminSeesAndEndsTheCustomersSessions) {
  std::string id;
  BrowserSession first = Shopper("ann@example.com", &id);
  auto second = Post("/api/store/login", {{"email", "ann@example.com"}, {"password", kPassword}});
  BrowserSession other = SessionOf(second);
  auto list = server_->Admin("GET", "/api/admin/customers/" + id + "/sessions");
  ASSERT_EQ(list.status, 200);
  json items = list.json()["items"];
  ASSERT_EQ(items.size(), 2u);
  auto one = server_->Admin("DELETE",
                            "/api/admin/customers/" + id + "/sessions/" + items[0].value("id", ""));
  EXPECT_EQ(one.status, 204);
  auto all = server_->Admin("DELETE", "/api/admin/customers/" + id + "/sessions");
  EXPECT_EQ(all.json().value("ended", -1), 1);
  EXPECT_EQ(server_->AsBrowser(first, "GET", "/api/store/me").status, 401);
  EXPECT_EQ(server_->AsBrowser(other, "GET", "/api/store/me").status, 401);
  auto activity = server_->Admin("GET", "/api/admin/customers/" + id + "/activity");
  EXPECT_NE(activity.body.find("customer.sessions_ended_by_admin"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Engines, AdminToolsApi, ::testing::ValuesIn(Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace clientele::testing
