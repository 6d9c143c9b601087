// The customer area's API over HTTP against the real binary on SQLite and PostgreSQL: answers
// that never tell whether an address has an account, the shopper's cookie and CSRF token, the
// second sign-in step, the store's account settings, guest checkouts from the store's back end
// and what the admin sees of an account.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <regex>

#include "core/totp.hpp"
#include "harness.hpp"
#include "support/test_db.hpp"

namespace clientele::testing {
namespace {

using nlohmann::json;

constexpr const char* kPassword = "tulip garden 42";

class StoreAccountsApi : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { server_ = std::make_unique<ServerProcess>(FreshDatabaseUrl(GetParam())); }

  HttpResult Post(const std::string& path, const json& body,
                  std::vector<std::string> headers = {}) {
    headers.push_back("Content-Type: application/json");
    return server_->Call("POST", path, body.dump(), headers);
  }

  json Registration(const std::string& email) {
    return {{"first_name", "Ann"}, {"last_name", "Lee"}, {"email", email}, {"password", kPassword}};
  }

  // Registers and confirms the address with the password, which signs the shopper in; returns
  // the shopper's cookie and CSRF token.
  BrowserSession SignedInShopper(const std::string& email) {
    EXPECT_EQ(Post("/api/store/register", Registration(email)).status, 202);
    auto r = Post("/api/store/verify",
                  {{"token", server_->LinkToken("verification", email)}, {"password", kPassword}});
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json().value("status", ""), "verified");
    BrowserSession s;
    const std::string& set_cookie = r.headers["set-cookie"];
    s.cookie = set_cookie.substr(0, set_cookie.find(';'));
    s.csrf = r.json().value("csrf_token", "");
    return s;
  }

  void SetSettings(const json& change) {
    auto r = server_->Admin("PATCH", "/api/admin/settings", change);
    ASSERT_EQ(r.status, 200) << r.body;
  }

  std::unique_ptr<ServerProcess> server_;
};

// Milliseconds a call takes, as the median of `n` tries.
template <typename F>
double MedianMillis(int n, F call) {
  std::vector<double> times;
  for (int i = 0; i < n; ++i) {
    auto start = std::chrono::steady_clock::now();
    call(i);
    times.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

json WithoutRequestId(json problem) {
  problem.erase("request_id");
  return problem;
}

TEST_P(StoreAccountsApi, AnswersNeverTellWhetherAnAddressHasAnAccount) {
  SignedInShopper("known@example.com");
  auto known = Post("/api/store/register", Registration("known@example.com"));
  auto fresh = Post("/api/store/register", Registration("fresh@example.com"));
  EXPECT_EQ(known.status, 202);
  EXPECT_EQ(known.status, fresh.status);
  EXPECT_EQ(known.body, fresh.body);

  for (const char* path : {"/api/store/password/forgot", "/api/store/verify/resend"}) {
    auto a = Post(path, {{"email", "known@example.com"}});
    auto b = Post(path, {{"email", "nobody@example.com"}});
    EXPECT_EQ(a.status, 202) << path;
    EXPECT_EQ(a.status, b.status) << path;
    EXPECT_EQ(a.body, b.body) << path;
  }

  // Registering an address with a password of one's own, then signing in with it, answers the
  // same whether or not the address had an account.
  json mine = Registration("known@example.com");
  mine["password"] = "a stranger's password";
  EXPECT_EQ(Post("/api/store/register", mine).status, 202);
  mine["email"] = "unknown@example.com";
  EXPECT_EQ(Post("/api/store/register", mine).status, 202);
  auto into_known =
      Post("/api/store/login", {{"email", "known@example.com"}, {"password", mine["password"]}});
  auto into_new =
      Post("/api/store/login", {{"email", "unknown@example.com"}, {"password", mine["password"]}});
  EXPECT_EQ(into_known.status, 401);
  EXPECT_EQ(into_known.status, into_new.status);
  EXPECT_EQ(WithoutRequestId(into_known.json()), WithoutRequestId(into_new.json()));

  auto wrong =
      Post("/api/store/login", {{"email", "known@example.com"}, {"password", "x-wrong-1"}});
  auto unknown =
      Post("/api/store/login", {{"email", "nobody@example.com"}, {"password", "x-wrong-1"}});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(wrong.status, unknown.status);
  EXPECT_EQ(WithoutRequestId(wrong.json()), WithoutRequestId(unknown.json()));

  // Both check a password hash: an unknown address is not answered faster. Different IPs'
  // limits do not matter here: four tries stay under every limit.
  const double known_ms = MedianMillis(3, [&](int) {
    Post("/api/store/login", {{"email", "known@example.com"}, {"password", "x-wrong-2"}});
  });
  const double unknown_ms = MedianMillis(3, [&](int i) {
    Post("/api/store/login",
         {{"email", "nobody" + std::to_string(i) + "@example.com"}, {"password", "x-wrong-2"}});
  });
  EXPECT_GT(unknown_ms, 0.4 * known_ms) << known_ms << " ms vs " << unknown_ms << " ms";
  EXPECT_GT(known_ms, 0.4 * unknown_ms) << known_ms << " ms vs " << unknown_ms << " ms";
}

TEST_P(StoreAccountsApi, TheShoppersCookieIsItsOwnAndWritesNeedTheCsrfToken) {
  EXPECT_EQ(Post("/api/store/register", Registration("ann@example.com")).status, 202);
  const std::string token = server_->LinkToken("verification", "ann@example.com");
  auto wrong = Post("/api/store/verify", {{"token", token}, {"password", "not the password"}});
  EXPECT_EQ(wrong.status, 422);
  EXPECT_EQ(wrong.json()["errors"][0].value("code", ""), "wrong_password");
  auto verified = Post("/api/store/verify", {{"token", token}, {"password", kPassword}});
  ASSERT_EQ(verified.status, 200) << verified.body;
  EXPECT_NE(verified.headers["set-cookie"].find("clientele_shopper="), std::string::npos);
  auto first = Post("/api/store/login", {{"email", "ann@example.com"}, {"password", kPassword}});
  ASSERT_EQ(first.status, 200) << first.body;
  const std::string set_cookie = first.headers["set-cookie"];
  EXPECT_NE(set_cookie.find("clientele_shopper="), std::string::npos);
  EXPECT_NE(set_cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(set_cookie.find("SameSite=Lax"), std::string::npos);
  EXPECT_EQ(first.json()["customer"].value("email", ""), "ann@example.com");
  BrowserSession s{set_cookie.substr(0, set_cookie.find(';')),
                   first.json().value("csrf_token", "")};

  // A new session id at every sign-in.
  auto second = Post("/api/store/login", {{"email", "ann@example.com"}, {"password", kPassword}});
  EXPECT_NE(second.headers["set-cookie"], set_cookie);

  EXPECT_EQ(server_->AsBrowser(s, "GET", "/api/store/me").status, 200);
  auto no_csrf = server_->AsBrowser(s, "PATCH", "/api/store/me", {{"first_name", "Anna"}}, {},
                                    /*with_csrf=*/false);
  EXPECT_EQ(no_csrf.status, 403);
  EXPECT_EQ(no_csrf.json()["code"], "csrf_failed");
  auto cross = server_->AsBrowser(s, "PATCH", "/api/store/me", {{"first_name", "Anna"}},
                                  {"Origin: https://evil.example", "Sec-Fetch-Site: cross-site"});
  EXPECT_EQ(cross.status, 403);
  EXPECT_EQ(cross.json()["code"], "cross_site_request");
  auto renamed = server_->AsBrowser(s, "PATCH", "/api/store/me", {{"first_name", "Anna"}});
  EXPECT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(renamed.json().value("first_name", ""), "Anna");
  auto read_only = server_->AsBrowser(s, "PATCH", "/api/store/me", {{"email", "x@example.com"}});
  EXPECT_EQ(read_only.status, 422);

  // The shopper's cookie opens nothing of the admin's, and the admin's token nothing here.
  EXPECT_EQ(server_->AsBrowser(s, "GET", "/api/admin/customers").status, 401);
  EXPECT_EQ(server_->Admin("GET", "/api/store/me").status, 401);

  auto sessions = server_->AsBrowser(s, "GET", "/api/store/me/sessions");
  ASSERT_EQ(sessions.status, 200);
  json items = sessions.json()["items"];
  EXPECT_EQ(items.size(), 3u);  // the confirmation's and the two sign-ins'
  auto ended = server_->AsBrowser(s, "POST", "/api/store/me/sessions/end-others");
  EXPECT_EQ(ended.json().value("ended", 0), 2);

  auto out = server_->AsBrowser(s, "POST", "/api/store/logout");
  EXPECT_EQ(out.status, 204);
  EXPECT_NE(out.headers["set-cookie"].find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(server_->AsBrowser(s, "GET", "/api/store/me").status, 401);
  // Signing out of a session that is gone still clears the cookie.
  auto again = server_->AsBrowser(s, "POST", "/api/store/logout");
  EXPECT_EQ(again.status, 204);
  EXPECT_NE(again.headers["set-cookie"].find("Max-Age=0"), std::string::npos);
}

TEST_P(StoreAccountsApi, SecondFactorSignInTakesACurrentCodeOnce) {
  BrowserSession s = SignedInShopper("ann@example.com");
  auto setup = server_->AsBrowser(s, "POST", "/api/store/me/totp", {{"password", kPassword}});
  ASSERT_EQ(setup.status, 200) << setup.body;
  const std::string secret = setup.json().value("secret", "");
  EXPECT_EQ(setup.json().value("qr_svg", "").rfind("<svg", 0), 0u);
  auto confirmed = server_->AsBrowser(s, "POST", "/api/store/me/totp/confirm",
                                      {{"code", TotpCode(secret, time(nullptr) - 30)}});
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  json codes = confirmed.json()["recovery_codes"];
  ASSERT_EQ(codes.size(), 10u);

  auto login = Post("/api/store/login", {{"email", "ann@example.com"}, {"password", kPassword}});
  ASSERT_EQ(login.status, 200) << login.body;
  EXPECT_EQ(login.headers.count("set-cookie"), 0u);  // no session before the second step
  const std::string challenge = login.json()["second_factor"].value("challenge", "");
  const std::string code = TotpCode(secret, time(nullptr));
  auto wrong = Post("/api/store/login/second-factor",
                    {{"challenge", challenge}, {"method", "totp"}, {"code", "000000"}});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(wrong.json()["code"], "invalid_code");
  auto done = Post("/api/store/login/second-factor",
                   {{"challenge", challenge}, {"method", "totp"}, {"code", code}});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_NE(done.headers["set-cookie"].find("clientele_shopper="), std::string::npos);
  EXPECT_EQ(done.json()["customer"].value("second_factor", ""), "totp");

  auto again = Post("/api/store/login", {{"email", "ann@example.com"}, {"password", kPassword}});
  auto replay = Post("/api/store/login/second-factor",
                     {{"challenge", again.json()["second_factor"].value("challenge", "")},
                      {"method", "totp"},
                      {"code", code}});
  EXPECT_EQ(replay.status, 401);
  EXPECT_EQ(replay.json()["code"], "invalid_code");
  auto recovery = Post("/api/store/login/second-factor",
                       {{"challenge", again.json()["second_factor"].value("challenge", "")},
                        {"method", "recovery_code"},
                        {"code", codes[0]}});
  EXPECT_EQ(recovery.status, 200) << recovery.body;
}

TEST_P(StoreAccountsApi, TheThreeCheckoutSettings) {
  const json guest = {
      {"email", "guest@example.com"},
      {"first_name", "Gus"},
      {"address",
       {{"line1", "1 Main St"}, {"city", "Berlin"}, {"postal_code", "10115"}, {"country", "DE"}}}};
  auto created = server_->Admin("POST", "/api/admin/guests", guest);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json().value("kind", ""), "guest");
  auto updated = server_->Admin("POST", "/api/admin/guests", guest);
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(updated.json().value("id", ""), created.json().value("id", ""));
  auto bad = server_->Admin("POST", "/api/admin/guests", {{"first_name", "No e-mail"}});
  EXPECT_EQ(bad.status, 422);

  SetSettings({{"account_mode", "required"}});
  auto refused = server_->Admin("POST", "/api/admin/guests", guest);
  EXPECT_EQ(refused.json().value("code", ""), "guest_checkout_off") << refused.body;
  EXPECT_EQ(Post("/api/store/register", Registration("ann@example.com")).status, 202);

  SetSettings({{"account_mode", "disabled"}});
  auto config = server_->Call("GET", "/api/store/config");
  ASSERT_EQ(config.status, 200);
  EXPECT_EQ(config.json().value("account_mode", ""), "disabled");
  for (const char* path : {"/api/store/register", "/api/store/login"}) {
    auto closed = Post(path, Registration("bob@example.com"));
    EXPECT_EQ(closed.status, 403) << path;
    EXPECT_EQ(closed.json().value("code", ""), "accounts_disabled") << path;
  }
  EXPECT_EQ(server_->Admin("POST", "/api/admin/guests", guest).status, 200);

  auto invalid = server_->Admin("PATCH", "/api/admin/settings", {{"account_mode", "sometimes"}});
  EXPECT_EQ(invalid.status, 422);
}

TEST_P(StoreAccountsApi, TheAdminSeesTheAccountAndFiltersByIt) {
  BrowserSession s = SignedInShopper("ann@example.com");
  auto me = server_->AsBrowser(s, "GET", "/api/store/me");
  const std::string id = me.json().value("id", "");
  EXPECT_EQ(Post("/api/store/register", Registration("unverified@example.com")).status, 202);

  auto state = server_->Admin("GET", "/api/admin/customers/" + id + "/account");
  ASSERT_EQ(state.status, 200) << state.body;
  EXPECT_TRUE(state.json().value("email_verified", false));
  EXPECT_EQ(state.json()["sessions"].value("active", 0), 1);
  EXPECT_EQ(state.json().value("second_factor", ""), "none");
  EXPECT_TRUE(state.json()["deletion_requested_at"].is_null());

  auto wrong = server_->AsBrowser(s, "POST", "/api/store/me/deletion-request",
                                  {{"password", "not the password"}});
  EXPECT_EQ(wrong.status, 422);
  auto asked =
      server_->AsBrowser(s, "POST", "/api/store/me/deletion-request", {{"password", kPassword}});
  ASSERT_EQ(asked.status, 202) << asked.body;
  state = server_->Admin("GET", "/api/admin/customers/" + id + "/account");
  EXPECT_TRUE(state.json()["deletion_requested_at"].is_string());

  auto requested = server_->Admin("GET", "/api/admin/customers?deletion_requested=true");
  ASSERT_EQ(requested.status, 200);
  json items = requested.json()["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].value("id", ""), id);
  auto unverified = server_->Admin("GET", "/api/admin/customers?verified=false");
  json rows = unverified.json()["items"];
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].value("email", ""), "unverified@example.com");
  EXPECT_EQ(server_->Admin("GET", "/api/admin/customers?verified=maybe").status, 422);

  auto data = server_->AsBrowser(s, "GET", "/api/store/me/export");
  ASSERT_EQ(data.status, 200);
  EXPECT_EQ(data.headers["content-disposition"], "attachment; filename=\"my-data.json\"");
  EXPECT_EQ(data.headers["cache-control"], "no-store");
  const json mine = data.json();
  EXPECT_EQ(mine["profile"].value("email", ""), "ann@example.com");
  // The fields the download always had, and every section the store keeps.
  for (const char* field : {"id", "first_name", "last_name", "email", "phone", "country",
                            "language", "company", "registered_at", "registration_ip",
                            "consent_email", "consent_sms", "email_verified", "second_factor"}) {
    EXPECT_TRUE(mine["profile"].contains(field)) << field;
  }
  EXPECT_TRUE(mine["profile"].value("email_verified", false));
  EXPECT_TRUE(mine["exported_at"].is_string());
  for (const char* list :
       {"addresses", "sessions", "consent_history", "messages", "orders",
        "transactions_without_order", "library", "downloads", "wishlist", "activity"}) {
    EXPECT_TRUE(mine[list].is_array()) << list;
  }
  EXPECT_TRUE(mine["account"].is_object());
  EXPECT_TRUE(mine["wallet"]["balances"].is_array());
  EXPECT_TRUE(mine["wallet"]["history"].is_array());
  EXPECT_FALSE(mine["messages"].empty()) << "the verification e-mail";
  EXPECT_FALSE(mine["activity"].empty());
  auto page = server_->AsBrowser(s, "GET", "/api/store/me/export?format=html");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.headers["content-type"], "text/html; charset=utf-8");
  EXPECT_EQ(page.headers["content-disposition"], "attachment; filename=\"my-data.html\"");
  EXPECT_NE(page.body.find("<h1>Data held about Ann Lee</h1>"), std::string::npos);
  EXPECT_NE(page.body.find("<h2>Orders</h2>"), std::string::npos);
}

TEST_P(StoreAccountsApi, TheAddressBookIsTheShoppersOwn) {
  BrowserSession ann = SignedInShopper("ann@example.com");
  BrowserSession bob = SignedInShopper("bob@example.com");
  auto added = server_->AsBrowser(
      ann, "POST", "/api/store/me/addresses",
      {{"line1", "1 Main St"}, {"city", "Berlin"}, {"postal_code", "10115"}, {"country", "DE"}});
  ASSERT_EQ(added.status, 201) << added.body;
  const std::string address = added.json().value("id", "");
  EXPECT_EQ(added.headers["location"], "/api/store/me/addresses/" + address);
  auto bad = server_->AsBrowser(
      ann, "POST", "/api/store/me/addresses",
      {{"line1", "1 Main St"}, {"city", "Berlin"}, {"postal_code", "1"}, {"country", "DE"}});
  EXPECT_EQ(bad.status, 422);
  // Another shopper cannot see or touch it.
  EXPECT_EQ(server_->AsBrowser(bob, "GET", "/api/store/me/addresses/" + address).status, 404);
  EXPECT_EQ(server_->AsBrowser(bob, "DELETE", "/api/store/me/addresses/" + address).status, 404);
  auto book = server_->AsBrowser(ann, "GET", "/api/store/me/addresses");
  json items = book.json()["items"];
  EXPECT_EQ(items.size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Engines, StoreAccountsApi, ::testing::ValuesIn(Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace clientele::testing
