// Login as customer over HTTP against the real binary on SQLite and PostgreSQL: an admin's
// browser session opens the customer area as the customer, every change made there is audited
// with both identities, the customer's credentials stay out of reach, and the session ends with
// the admin's own session or rights, the customer's switch, or a ban.
#include <gtest/gtest.h>

#include "harness.hpp"
#include "support/test_db.hpp"

namespace clientele::testing {
namespace {

using nlohmann::json;

constexpr const char* kPassword = "tulip garden 42";
constexpr const char* kAgentPassword = "a support agent's password";

class AssistanceApi : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>(FreshDatabaseUrl(GetParam()));
    auto agent = server_->Admin("POST", "/api/admin/admins",
                                {{"email", "sam@example.com"},
                                 {"name", "Sam Support"},
                                 {"role", "support"},
                                 {"password", kAgentPassword}});
    ASSERT_EQ(agent.status, 201) << agent.body;
    agent_id_ = agent.json().value("id", "");
    agent_ = server_->SignedIn("sam@example.com", kAgentPassword);
  }

  HttpResult Post(const std::string& path, const json& body) {
    return server_->Call("POST", path, body.dump(), {"Content-Type: application/json"});
  }

  static BrowserSession SessionOf(const HttpResult& r) {
    const std::string& set_cookie = r.headers.at("set-cookie");
    return {set_cookie.substr(0, set_cookie.find(';')), r.json().value("csrf_token", "")};
  }

  // A registered, confirmed and signed-in shopper Ann Lee; returns its session, sets `id`.
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

  HttpResult LoginAs(const std::string& customer_id) {
    return server_->AsBrowser(agent_, "POST", "/api/admin/customers/" + customer_id + "/login-as");
  }

  // The customer-area session a login as customer opened, with its CSRF token.
  BrowserSession Assisted(const std::string& customer_id) {
    auto opened = LoginAs(customer_id);
    EXPECT_EQ(opened.status, 200) << opened.body;
    if (opened.status != 200) return {};
    const std::string& set_cookie = opened.headers.at("set-cookie");
    BrowserSession s{set_cookie.substr(0, set_cookie.find(';')), ""};
    s.csrf = server_->AsBrowser(s, "GET", "/api/store/session").json().value("csrf_token", "");
    return s;
  }

  json Activity(const std::string& customer_id) {
    return server_->Admin("GET", "/api/admin/customers/" + customer_id + "/activity?limit=100")
        .json()["items"];
  }

  static const json* Find(const json& events, const std::string& action) {
    for (const auto& e : events) {
      if (e.value("action", "") == action) return &e;
    }
    return nullptr;
  }

  std::unique_ptr<ServerProcess> server_;
  std::string agent_id_;
  BrowserSession agent_;
};

TEST_P(AssistanceApi, AnAdminActsAsTheCustomerAndTheAuditNamesBoth) {
  std::string id;
  BrowserSession own = Shopper("ann@example.com", &id);

  auto opened = LoginAs(id);
  ASSERT_EQ(opened.status, 200) << opened.body;
  EXPECT_EQ(opened.json().value("url", ""), "/account/");
  const std::string& cookie = opened.headers.at("set-cookie");
  EXPECT_EQ(cookie.rfind("clientele_shopper=", 0), 0u) << cookie;
  EXPECT_NE(cookie.find("Max-Age=1800"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;

  BrowserSession as_ann{cookie.substr(0, cookie.find(';')), ""};
  auto session = server_->AsBrowser(as_ann, "GET", "/api/store/session");
  ASSERT_EQ(session.status, 200) << session.body;
  as_ann.csrf = session.json().value("csrf_token", "");
  EXPECT_EQ(session.json()["assisted"].value("admin_name", ""), "Sam Support");
  EXPECT_FALSE(session.json()["assisted"].value("expires_at", "").empty());
  const json me = session.json()["customer"];
  EXPECT_EQ(me.value("id", ""), id);
  EXPECT_EQ(me.value("first_name", ""), "Ann");
  // The customer's second factor and recovery codes are not shown.
  EXPECT_TRUE(me["second_factor"].is_null());
  EXPECT_TRUE(me["recovery_codes_left"].is_null());
  // The customer's own session knows nothing of it.
  EXPECT_TRUE(server_->AsBrowser(own, "GET", "/api/store/session").json()["assisted"].is_null());

  // What the customer could change, the admin changes for them; audited with both identities.
  auto edited = server_->AsBrowser(as_ann, "PATCH", "/api/store/me", {{"first_name", "Annie"}});
  ASSERT_EQ(edited.status, 200) << edited.body;
  auto book = server_->AsBrowser(as_ann, "POST", "/api/store/me/addresses",
                                 {{"first_name", "Annie"},
                                  {"last_name", "Lee"},
                                  {"line1", "1 High Street"},
                                  {"city", "Leeds"},
                                  {"postal_code", "LS1 1AA"},
                                  {"country", "GB"}});
  EXPECT_EQ(book.status, 201) << book.body;

  // The credentials and the customer's own decisions stay out of reach.
  for (const auto& [method, path] : std::vector<std::pair<std::string, std::string>>{
           {"POST", "/api/store/me/password"},
           {"POST", "/api/store/me/email"},
           {"GET", "/api/store/me/sessions"},
           {"POST", "/api/store/me/sessions/end-others"},
           {"POST", "/api/store/me/totp"},
           {"POST", "/api/store/me/sms"},
           {"POST", "/api/store/me/recovery-codes"},
           {"GET", "/api/store/me/export"},
           {"POST", "/api/store/me/deletion-request"},
           {"PUT", "/api/store/me/assistance"}}) {
    auto refused = server_->AsBrowser(as_ann, method, path, json::object());
    EXPECT_EQ(refused.status, 403) << method << " " << path << ": " << refused.body;
    EXPECT_EQ(refused.json().value("code", ""), "assisted_session") << path;
  }
  // Writes need the session's CSRF token like any shopper session.
  EXPECT_EQ(server_
                ->AsBrowser(as_ann, "PATCH", "/api/store/me", {{"first_name", "X"}}, {},
                            /*with_csrf=*/false)
                .status,
            403);

  // The customer sees the visit among their sessions.
  auto sessions = server_->AsBrowser(own, "GET", "/api/store/me/sessions").json()["items"];
  int assisted = 0;
  for (const auto& s : sessions) {
    if (s["assisted_by"].is_string() && s["assisted_by"] == "Sam Support") ++assisted;
  }
  EXPECT_EQ(assisted, 1) << sessions.dump();

  // "End" signs the tab out.
  EXPECT_EQ(server_->AsBrowser(as_ann, "POST", "/api/store/logout").status, 204);
  EXPECT_EQ(server_->AsBrowser(as_ann, "GET", "/api/store/session").status, 401);
  EXPECT_EQ(server_->AsBrowser(own, "GET", "/api/store/session").status, 200);

  const json events = Activity(id);
  const json* started = Find(events, "customer.assistance_started");
  ASSERT_NE(started, nullptr) << events.dump();
  EXPECT_EQ(started->value("actor_type", ""), "admin");
  EXPECT_EQ(started->value("actor_name", ""), "Sam Support");
  const json* updated = Find(events, "customer.updated");
  ASSERT_NE(updated, nullptr);
  EXPECT_EQ(updated->value("actor_type", ""), "customer");
  ASSERT_TRUE((*updated)["assisted_by"].is_object()) << updated->dump();
  EXPECT_EQ((*updated)["assisted_by"].value("name", ""), "Sam Support");
  EXPECT_EQ((*updated)["assisted_by"].value("id", ""), agent_id_);
  EXPECT_EQ((*updated)["changes"]["first_name"].value("to", ""), "Annie");
  const json* ended = Find(events, "customer.assistance_ended");
  ASSERT_NE(ended, nullptr);
  EXPECT_EQ((*ended)["assisted_by"].value("name", ""), "Sam Support");
  // The customer's own actions name nobody else.
  const json* verified = Find(events, "customer.logged_in");
  ASSERT_NE(verified, nullptr);
  EXPECT_TRUE((*verified)["assisted_by"].is_null());

  // The audit trail and its CSV carry both identities too.
  auto csv = server_->Admin("GET", "/api/admin/audit.csv?action=customer.updated");
  EXPECT_NE(csv.body.find("Sam Support"), std::string::npos) << csv.body;
}

TEST_P(AssistanceApi, OnlyActiveAccountsFromAnAdminsBrowserWithThePermission) {
  std::string id;
  Shopper("ann@example.com", &id);
  // An API token cannot do it, whatever its role.
  auto by_token = server_->Admin("POST", "/api/admin/customers/" + id + "/login-as");
  EXPECT_EQ(by_token.status, 403);
  EXPECT_EQ(by_token.json().value("code", ""), "session_required");
  // A viewer may not.
  ASSERT_EQ(
      server_
          ->Admin("POST", "/api/admin/admins",
                  {{"email", "vi@example.com"}, {"role", "viewer"}, {"password", kAgentPassword}})
          .status,
      201);
  BrowserSession viewer = server_->SignedIn("vi@example.com", kAgentPassword);
  EXPECT_EQ(server_->AsBrowser(viewer, "POST", "/api/admin/customers/" + id + "/login-as").status,
            403);
  // Nor from another site's page.
  EXPECT_EQ(server_
                ->AsBrowser(agent_, "POST", "/api/admin/customers/" + id + "/login-as", nullptr,
                            {"Sec-Fetch-Site: cross-site"})
                .status,
            403);

  auto guest = server_->Admin("POST", "/api/admin/guests", {{"email", "g@example.com"}});
  EXPECT_EQ(LoginAs(guest.json().value("id", "")).json().value("code", ""), "guest_record");
  EXPECT_EQ(LoginAs("cus_nonexistent").status, 404);

  std::string banned_id;
  Shopper("bo@example.com", &banned_id);
  ASSERT_EQ(
      server_
          ->Admin("POST", "/api/admin/customers/" + banned_id + "/ban", {{"reason", "fake_orders"}})
          .status,
      200);
  auto banned = LoginAs(banned_id);
  EXPECT_EQ(banned.status, 409);
  EXPECT_EQ(banned.json().value("code", ""), "customer_banned");

  std::string off_id;
  Shopper("cy@example.com", &off_id);
  ASSERT_EQ(server_->Admin("POST", "/api/admin/customers/" + off_id + "/deactivate").status, 200);
  auto off = LoginAs(off_id);
  EXPECT_EQ(off.status, 409);
  EXPECT_EQ(off.json().value("code", ""), "customer_inactive");
  EXPECT_EQ(Find(Activity(off_id), "customer.assistance_started"), nullptr);
}

TEST_P(AssistanceApi, TheCustomerAllowsItFirstWhenTheStoreSaysSo) {
  std::string id;
  BrowserSession own = Shopper("ann@example.com", &id);
  ASSERT_EQ(server_->Admin("PATCH", "/api/admin/settings", {{"assistance_requires_consent", true}})
                .status,
            200);
  EXPECT_TRUE(
      server_->Call("GET", "/api/store/config").json().value("assistance_requires_consent", false));
  auto refused = LoginAs(id);
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(refused.json().value("code", ""), "assistance_not_allowed");

  auto bad = server_->AsBrowser(own, "PUT", "/api/store/me/assistance", {{"allowed", "yes"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.json()["errors"][0].value("field", ""), "allowed");
  auto allowed = server_->AsBrowser(own, "PUT", "/api/store/me/assistance", {{"allowed", true}});
  ASSERT_EQ(allowed.status, 200) << allowed.body;
  EXPECT_TRUE(allowed.json().value("assistance_allowed", false));
  EXPECT_TRUE(server_->Admin("GET", "/api/admin/customers/" + id + "/account")
                  .json()
                  .value("assistance_allowed", false));

  BrowserSession as_ann = Assisted(id);
  EXPECT_EQ(server_->AsBrowser(as_ann, "GET", "/api/store/me").status, 200);
  // Taking it back ends the visit at once.
  ASSERT_EQ(server_->AsBrowser(own, "PUT", "/api/store/me/assistance", {{"allowed", false}}).status,
            200);
  EXPECT_EQ(server_->AsBrowser(as_ann, "GET", "/api/store/me").status, 401);
  EXPECT_EQ(LoginAs(id).json().value("code", ""), "assistance_not_allowed");
  const json events = Activity(id);
  EXPECT_NE(Find(events, "customer.assistance_allowed"), nullptr);
  const json* taken_back = Find(events, "customer.assistance_disallowed");
  ASSERT_NE(taken_back, nullptr);
  EXPECT_EQ((*taken_back)["changes"].value("sessions_ended", 0), 1);
}

TEST_P(AssistanceApi, TheVisitEndsWithTheAdminsSessionRightsOrABan) {
  std::string id;
  Shopper("ann@example.com", &id);
  // The admin signs out of the admin UI: the visit ends with it.
  BrowserSession as_ann = Assisted(id);
  ASSERT_EQ(server_->AsBrowser(as_ann, "GET", "/api/store/me").status, 200);
  ASSERT_EQ(server_->AsBrowser(agent_, "DELETE", "/api/admin/session").status, 204);
  EXPECT_EQ(server_->AsBrowser(as_ann, "GET", "/api/store/me").status, 401);

  // The admin loses the permission: the visit ends at the next request.
  agent_ = server_->SignedIn("sam@example.com", kAgentPassword);
  as_ann = Assisted(id);
  ASSERT_EQ(server_->AsBrowser(as_ann, "GET", "/api/store/me").status, 200);
  ASSERT_EQ(server_->Admin("PATCH", "/api/admin/admins/" + agent_id_, {{"role", "viewer"}}).status,
            200);
  EXPECT_EQ(server_->AsBrowser(as_ann, "GET", "/api/store/me").status, 401);

  // A ban ends it too.
  ASSERT_EQ(server_->Admin("PATCH", "/api/admin/admins/" + agent_id_, {{"role", "support"}}).status,
            200);
  as_ann = Assisted(id);
  ASSERT_EQ(server_->AsBrowser(as_ann, "GET", "/api/store/me").status, 200);
  ASSERT_EQ(
      server_
          ->Admin("POST", "/api/admin/customers/" + id + "/ban", {{"reason", "abusive_to_staff"}})
          .status,
      200);
  EXPECT_EQ(server_->AsBrowser(as_ann, "GET", "/api/store/me").status, 401);
}

INSTANTIATE_TEST_SUITE_P(Engines, AssistanceApi, ::testing::ValuesIn(Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace clientele::testing
