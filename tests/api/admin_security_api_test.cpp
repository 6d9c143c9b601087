// Admin access under attack, over HTTP against the real binary on SQLite and PostgreSQL: tokens
// never exceed their holder, role changes and disables bite at once on every node, one's own
// second factor changes only with the password in a browser session, sign-in limits hold under
// parallel guesses, a TOTP code works once, login CSRF is refused, the HTTP parser refuses
// framing it does not understand, and bad input is a 4xx that never shows a driver's message.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>
#include <memory>
#include <thread>

#include "core/totp.hpp"
#include "db/database.hpp"
#include "harness.hpp"
#include "support/test_db.hpp"

namespace clientele::testing {
namespace {

using nlohmann::json;

const char* kOwnerPassword = "correct horse battery staple";

// The items of a list response (a copy: the response is a temporary).
json Items(const HttpResult& r) { return r.json()["items"]; }

class AdminSecurityApi : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { server_ = std::make_unique<ServerProcess>(FreshDatabaseUrl(GetParam())); }

  // Creates an admin with `role` and returns its id.
  std::string CreateAdmin(const std::string& email, const std::string& role,
                          const std::string& password) {
    auto r = server_->Admin("POST", "/api/admin/admins",
                            {{"email", email}, {"role", role}, {"password", password}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", "");
  }

  // A token made by the admin themselves, signed in with the browser; returns {id, secret}.
  std::pair<std::string, std::string> OwnToken(const BrowserSession& session,
                                               const json& body = {{"name", "script"}}) {
    auto r = server_->AsBrowser(session, "POST", "/api/admin/tokens", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return {r.json().value("id", ""), r.json().value("secret", "")};
  }

  // Turns TOTP on for a signed-in admin; returns the secret. The confirming code is of the
  // step before now, so later codes of the current step still sign in.
  std::string EnableTotp(const BrowserSession& session, const std::string& password) {
    auto setup =
        server_->AsBrowser(session, "POST", "/api/admin/me/totp", {{"password", password}});
    EXPECT_EQ(setup.status, 200) << setup.body;
    std::string secret = setup.json().value("secret", "");
    auto confirmed = server_->AsBrowser(session, "POST", "/api/admin/me/totp/confirm",
                                        {{"code", TotpCode(secret, time(nullptr) - 30)}});
    EXPECT_EQ(confirmed.status, 204) << confirmed.body;
    return secret;
  }

  std::unique_ptr<ServerProcess> server_;
};

TEST_P(AdminSecurityApi, ATokenNeverMintsCredentialsAboveItsOwnRole) {
  auto made = server_->Admin("POST", "/api/admin/tokens", {{"name", "deputy"}, {"role", "admin"}});
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string admin_token = made.json()["secret"];
  auto higher = server_->WithToken(admin_token, "POST", "/api/admin/tokens",
                                   {{"name", "escalate"}, {"role", "owner"}});
  EXPECT_EQ(higher.status, 403) << higher.body;
  EXPECT_EQ(higher.json()["code"], "role_too_high");
  // Without a role, a new token gets the caller's effective role, not the account's.
  auto same = server_->WithToken(admin_token, "POST", "/api/admin/tokens", {{"name", "same"}});
  ASSERT_EQ(same.status, 201) << same.body;
  EXPECT_EQ(same.json()["role"], "admin");
  auto owner_admin = server_->WithToken(
      admin_token, "POST", "/api/admin/admins",
      {{"email", "evil@example.com"}, {"role", "owner"}, {"password", "another long password"}});
  EXPECT_EQ(owner_admin.status, 403);
  auto owners = 0;
  for (const auto& a : Items(server_->Admin("GET", "/api/admin/admins"))) {
    owners += a["role"] == "owner";
  }
  EXPECT_EQ(owners, 1);
}

TEST_P(AdminSecurityApi, DemotionAndDisableBiteAtOnceOnEveryNode) {
  const std::string id = CreateAdmin("deputy@example.com", "admin", "deputy password 123");
  BrowserSession deputy = server_->SignedIn("deputy@example.com", "deputy password 123");
  auto [token_id, token] = OwnToken(deputy);
  auto other_node = server_->SecondNode();
  // The other node has just seen the token act as admin.
  ASSERT_EQ(other_node->WithToken(token, "GET", "/api/admin/admins").status, 200);

  ASSERT_EQ(server_->Admin("PATCH", "/api/admin/admins/" + id, {{"role", "viewer"}}).status, 200);
  // The very next request, on either node, acts as a viewer.
  EXPECT_EQ(other_node->WithToken(token, "GET", "/api/admin/admins").status, 403);
  EXPECT_EQ(server_->WithToken(token, "GET", "/api/admin/admins").status, 403);
  EXPECT_EQ(
      other_node->WithToken(token, "PATCH", "/api/admin/admins/" + id, {{"role", "admin"}}).status,
      403);
  EXPECT_EQ(server_->AsBrowser(deputy, "GET", "/api/admin/admins").status, 403);
  EXPECT_EQ(other_node->WithToken(token, "GET", "/api/admin/customers").status, 200);
  // The token was lowered for good: promoting the admin again does not raise it.
  ASSERT_EQ(server_->Admin("PATCH", "/api/admin/admins/" + id, {{"role", "admin"}}).status, 200);
  EXPECT_EQ(other_node->WithToken(token, "GET", "/api/admin/admins").status, 403);
  json listed;
  for (const auto& t : Items(server_->Admin("GET", "/api/admin/tokens"))) {
    if (t["id"] == token_id) listed = t;
  }
  EXPECT_EQ(listed["role"], "viewer");

  // Disabling ends sessions and revokes tokens; enabling again brings neither back.
  auto [kept_id, kept] = OwnToken(server_->SignedIn("deputy@example.com", "deputy password 123"));
  ASSERT_EQ(other_node->WithToken(kept, "GET", "/api/admin/admins").status, 200);
  ASSERT_EQ(server_->Admin("PATCH", "/api/admin/admins/" + id, {{"status", "disabled"}}).status,
            200);
  EXPECT_EQ(other_node->WithToken(kept, "GET", "/api/admin/customers").status, 401);
  ASSERT_EQ(server_->Admin("PATCH", "/api/admin/admins/" + id, {{"status", "active"}}).status, 200);
  EXPECT_EQ(other_node->WithToken(kept, "GET", "/api/admin/customers").status, 401);
  EXPECT_EQ(server_->WithToken(token, "GET", "/api/admin/customers").status, 401);
  EXPECT_EQ(server_->AsBrowser(deputy, "GET", "/api/admin/customers").status, 401);
  for (const auto& t : Items(server_->Admin("GET", "/api/admin/tokens"))) {
    if (t["id"] == kept_id) {
      EXPECT_FALSE(t["revoked_at"].is_null());
    }
  }
  // Signing in again works, with new credentials.
  EXPECT_EQ(server_->SignIn("deputy@example.com", "deputy password 123").status, 200);
}

TEST_P(AdminSecurityApi, OwnSecondFactorChangesNeedTheBrowserAndThePassword) {
  auto viewer = server_->Admin("POST", "/api/admin/tokens", {{"name", "ro"}, {"role", "viewer"}});
  const std::string viewer_token = viewer.json()["secret"];
  for (const char* path :
       {"/api/admin/me/totp", "/api/admin/me/totp/confirm", "/api/admin/me/totp/disable"}) {
    auto r = server_->WithToken(viewer_token, "POST", path,
                                {{"password", kOwnerPassword}, {"code", "123456"}});
    EXPECT_EQ(r.status, 403) << path;
    EXPECT_EQ(r.json()["code"], "session_required") << path;
    EXPECT_EQ(server_->Admin("POST", path, {{"password", kOwnerPassword}}).status, 403) << path;
  }
  BrowserSession owner = server_->SignedIn("owner@example.com", kOwnerPassword);
  auto no_password = server_->AsBrowser(owner, "POST", "/api/admin/me/totp", json::object());
  EXPECT_EQ(no_password.status, 422);
  EXPECT_EQ(no_password.json()["errors"][0]["field"], "password");
  auto wrong = server_->AsBrowser(owner, "POST", "/api/admin/me/totp",
                                  {{"password", "not my password at all"}});
  EXPECT_EQ(wrong.status, 422);
  EXPECT_EQ(wrong.json()["errors"][0]["code"], "wrong_password");

  const std::string secret = EnableTotp(owner, kOwnerPassword);
  // Replacing the app needs the current code too.
  auto no_code =
      server_->AsBrowser(owner, "POST", "/api/admin/me/totp", {{"password", kOwnerPassword}});
  EXPECT_EQ(no_code.status, 422);
  EXPECT_EQ(no_code.json()["errors"][0]["field"], "code");
  auto off_without_code = server_->AsBrowser(owner, "POST", "/api/admin/me/totp/disable",
                                             {{"password", kOwnerPassword}});
  EXPECT_EQ(off_without_code.status, 422);
  auto off =
      server_->AsBrowser(owner, "POST", "/api/admin/me/totp/disable",
                         {{"password", kOwnerPassword}, {"code", TotpCode(secret, time(nullptr))}});
  EXPECT_EQ(off.status, 204) << off.body;
  EXPECT_EQ(server_->SignIn("owner@example.com", kOwnerPassword).status, 200);
  auto again = server_->AsBrowser(owner, "POST", "/api/admin/me/totp/disable",
                                  {{"password", kOwnerPassword}});
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.json()["code"], "totp_off");
}

TEST_P(AdminSecurityApi, AdminsChangeTheirOwnPasswordWithTheCurrentOneAndKeepThisSession) {
  auto token = server_->Admin("POST", "/api/admin/me/password",
                              {{"password", kOwnerPassword}, {"new_password", "x"}});
  EXPECT_EQ(token.status, 403);
  EXPECT_EQ(token.json()["code"], "session_required");

  BrowserSession here = server_->SignedIn("owner@example.com", kOwnerPassword);
  BrowserSession elsewhere = server_->SignedIn("owner@example.com", kOwnerPassword);
  const std::string next = "a new long passphrase 2026";
  auto wrong = server_->AsBrowser(here, "POST", "/api/admin/me/password",
                                  {{"password", "not my password"}, {"new_password", next}});
  EXPECT_EQ(wrong.status, 422);
  EXPECT_EQ(wrong.json()["errors"][0]["code"], "wrong_password");
  auto weak = server_->AsBrowser(here, "POST", "/api/admin/me/password",
                                 {{"password", kOwnerPassword}, {"new_password", "short"}});
  EXPECT_EQ(weak.status, 422);
  EXPECT_EQ(weak.json()["errors"][0]["field"], "new_password");
  auto same = server_->AsBrowser(here, "POST", "/api/admin/me/password",
                                 {{"password", kOwnerPassword}, {"new_password", kOwnerPassword}});
  EXPECT_EQ(same.status, 422);
  EXPECT_EQ(same.json()["errors"][0]["code"], "same_password");
  auto missing =
      server_->AsBrowser(here, "POST", "/api/admin/me/password", {{"password", kOwnerPassword}});
  EXPECT_EQ(missing.json()["errors"][0]["field"], "new_password");
  EXPECT_EQ(server_->SignIn("owner@example.com", kOwnerPassword).status, 200);

  auto changed = server_->AsBrowser(here, "POST", "/api/admin/me/password",
                                    {{"password", kOwnerPassword}, {"new_password", next}});
  ASSERT_EQ(changed.status, 204) << changed.body;
  EXPECT_EQ(server_->AsBrowser(here, "GET", "/api/admin/customers").status, 200);
  EXPECT_EQ(server_->AsBrowser(elsewhere, "GET", "/api/admin/customers").status, 401);
  EXPECT_EQ(server_->SignIn("owner@example.com", kOwnerPassword).status, 401);
  EXPECT_EQ(server_->SignIn("owner@example.com", next).status, 200);
  auto audit = server_->Admin("GET", "/api/admin/audit?action=admin.password_changed");
  EXPECT_EQ(Items(audit).size(), 1u) << audit.body;
}

TEST_P(AdminSecurityApi, WrongCodesForOwnSecondFactorChangesCountAsFailedSignIns) {
  BrowserSession owner = server_->SignedIn("owner@example.com", kOwnerPassword);
  const std::string secret = EnableTotp(owner, kOwnerPassword);
  const std::string wrong = TotpCode(secret, time(nullptr) + 3600);
  for (int i = 0; i < 5; ++i) {
    auto r = server_->AsBrowser(owner, "POST", "/api/admin/me/totp/disable",
                                {{"password", kOwnerPassword}, {"code", wrong}});
    EXPECT_EQ(r.status, 422) << r.body;
  }
  auto locked = server_->AsBrowser(owner, "POST", "/api/admin/me/totp/disable",
                                   {{"password", kOwnerPassword}, {"code", wrong}});
  EXPECT_EQ(locked.status, 429);
  EXPECT_EQ(locked.json()["code"], "too_many_attempts");
}

TEST_P(AdminSecurityApi, ParallelGuessesGetNoMoreChecksThanTheLimit) {
  CreateAdmin("target@example.com", "viewer", "target password 123");
  constexpr int kGuesses = 16;
  std::vector<long> statuses(kGuesses);
  std::vector<std::thread> threads;
  std::atomic<int> ready{0};
  for (int i = 0; i < kGuesses; ++i) {
    threads.emplace_back([&, i] {
      ++ready;
      while (ready.load() < kGuesses) std::this_thread::yield();
      statuses[i] =
          server_->SignIn("target@example.com", "wrong guess number " + std::to_string(i)).status;
    });
  }
  for (auto& t : threads) t.join();
  int checked = 0, refused = 0;
  for (long s : statuses) {
    checked += s == 401;
    refused += s == 429;
  }
  EXPECT_EQ(checked, 5);
  EXPECT_EQ(refused, kGuesses - 5);
  auto failed = server_->Admin("GET", "/api/admin/audit?action=admin.login_failed");
  EXPECT_EQ(failed.json()["items"].size(), 5u);
  EXPECT_EQ(server_->SignIn("target@example.com", "target password 123").status, 429);
}

TEST_P(AdminSecurityApi, ATotpCodeWorksOnce) {
  BrowserSession owner = server_->SignedIn("owner@example.com", kOwnerPassword);
  const std::string secret = EnableTotp(owner, kOwnerPassword);
  // The code that confirmed the set-up does not sign in.
  auto confirming =
      server_->SignIn("owner@example.com", kOwnerPassword, TotpCode(secret, time(nullptr) - 30));
  EXPECT_EQ(confirming.status, 401);
  EXPECT_EQ(confirming.json()["code"], "invalid_totp");
  const std::string code = TotpCode(secret, time(nullptr));
  EXPECT_EQ(server_->SignIn("owner@example.com", kOwnerPassword, code).status, 200);
  auto replay = server_->SignIn("owner@example.com", kOwnerPassword, code);
  EXPECT_EQ(replay.status, 401);
  EXPECT_EQ(replay.json()["code"], "invalid_totp");
  // Nor does an older one.
  auto older =
      server_->SignIn("owner@example.com", kOwnerPassword, TotpCode(secret, time(nullptr) - 30));
  EXPECT_EQ(older.status, 401);
}

TEST_P(AdminSecurityApi, CrossSiteSignInsAndWritesAreRefused) {
  const std::string body =
      json{{"email", "owner@example.com"}, {"password", kOwnerPassword}}.dump();
  // What an HTML form can send: not JSON.
  auto form = server_->Call("POST", "/api/admin/session", body, {"Content-Type: text/plain"});
  EXPECT_EQ(form.status, 415);
  EXPECT_EQ(form.json()["code"], "unsupported_media_type");
  EXPECT_EQ(form.headers.count("set-cookie"), 0u);
  auto cross = server_->Call("POST", "/api/admin/session", body,
                             {"Content-Type: application/json", "Sec-Fetch-Site: cross-site"});
  EXPECT_EQ(cross.status, 403);
  EXPECT_EQ(cross.json()["code"], "cross_site_request");
  auto foreign = server_->Call("POST", "/api/admin/session", body,
                               {"Content-Type: application/json", "Origin: https://evil.example"});
  EXPECT_EQ(foreign.status, 403);
  const std::string own_origin = "Origin: http://127.0.0.1:" + std::to_string(server_->port());
  auto same =
      server_->Call("POST", "/api/admin/session", body,
                    {"Content-Type: application/json", own_origin, "Sec-Fetch-Site: same-origin"});
  EXPECT_EQ(same.status, 200) << same.body;

  BrowserSession owner = server_->SignedIn("owner@example.com", kOwnerPassword);
  auto forged = server_->AsBrowser(owner, "POST", "/api/admin/tags", {{"name", "forged"}},
                                   {"Sec-Fetch-Site: same-site"});
  EXPECT_EQ(forged.status, 403);
  EXPECT_EQ(
      server_->AsBrowser(owner, "POST", "/api/admin/tags", {{"name", "real"}}, {own_origin}).status,
      201);
  // Scripts send JSON too: a text body changes nothing.
  auto text =
      server_->Call("POST", "/api/admin/tags", R"({"name":"typed"})",
                    {"Authorization: Bearer " + server_->token(), "Content-Type: text/plain"});
  EXPECT_EQ(text.status, 415);
  auto tags = server_->Admin("GET", "/api/admin/tags").json()["items"];
  ASSERT_EQ(tags.size(), 1u);
  EXPECT_EQ(tags[0]["name"], "real");
}

TEST_P(AdminSecurityApi, TransferEncodingOtherThanChunkedIsRefused) {
  const std::string auth = "Authorization: Bearer " + server_->token() + "\r\n";
  const std::string smuggled = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
  for (const char* te :
       {"xchunked", "chunked, identity", "identity", "chunked\r\nTransfer-Encoding: chunked"}) {
    std::string answer = RawExchange(
        server_->port(), "POST /api/admin/customers HTTP/1.1\r\nHost: x\r\n" + auth +
                             "Content-Type: application/json\r\nTransfer-Encoding: " + te +
                             "\r\n\r\n" + smuggled);
    EXPECT_EQ(answer.rfind("HTTP/1.1 400", 0), 0u) << te << ": " << answer;
    // The smuggled request would have been answered 200.
    EXPECT_EQ(answer.find("HTTP/1.1 200"), std::string::npos) << te << ": " << answer;
    EXPECT_NE(answer.find("connection: close"), std::string::npos) << te;
  }
  // A plain chunked body is read as the body.
  const std::string customer = R"({"email":"chunked@example.com"})";
  char size[16];
  snprintf(size, sizeof size, "%zx", customer.size());
  std::string answer = RawExchange(
      server_->port(), "POST /api/admin/customers HTTP/1.1\r\nHost: x\r\n" + auth +
                           "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                           "Connection: close\r\n\r\n" +
                           size + "\r\n" + customer + "\r\n0\r\n\r\n");
  EXPECT_EQ(answer.rfind("HTTP/1.1 201", 0), 0u) << answer;
}

TEST_P(AdminSecurityApi, BadInputIsAClientErrorWithoutDriverMessages) {
  for (const char* path : {"/api/admin/customers?%ff=1", "/api/admin/audit?%ff=1",
                           "/api/admin/messages?%ff=1", "/api/admin/customers?q=%ff%fe"}) {
    auto r = server_->Admin("GET", path);
    EXPECT_EQ(r.status, 400) << path << ": " << r.body;
    EXPECT_EQ(r.json()["code"], "bad_query") << path;
  }
  auto nul = server_->Admin("GET", "/api/admin/customers?q=ab%00cd");
  EXPECT_EQ(nul.status, 400) << nul.body;
  EXPECT_EQ(nul.body.find("SQLite"), std::string::npos);
  EXPECT_EQ(nul.body.find("sqlite"), std::string::npos);
  EXPECT_EQ(server_->Admin("GET", "/api/admin/customers/cus%00x").status, 400);

  // A body over the limit is answered 413, and a client that sends the whole body before it
  // reads (as many do) still reads the answer rather than a reset connection.
  const std::string big(20 * 1024 * 1024, 'x');
  std::string answer = RawExchange(
      server_->port(),
      "POST /api/admin/customers HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + server_->token() +
          "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(big.size()) +
          "\r\n\r\n" + big);
  EXPECT_EQ(answer.rfind("HTTP/1.1 413", 0), 0u) << answer.substr(0, 200);
  EXPECT_NE(answer.find("payload_too_large"), std::string::npos);
  EXPECT_EQ(server_->Call("GET", "/healthz").status, 200);
}

TEST_P(AdminSecurityApi, TokenRevocationFollowsTheRolesOfAdmins) {
  CreateAdmin("deputy@example.com", "admin", "deputy password 123");
  BrowserSession deputy = server_->SignedIn("deputy@example.com", "deputy password 123");
  auto [deputy_token_id, deputy_token] = OwnToken(deputy);
  std::string owner_token_id;
  for (const auto& t : Items(server_->Admin("GET", "/api/admin/tokens"))) {
    if (t["name"] == "api tests") owner_token_id = t["id"];
  }
  ASSERT_FALSE(owner_token_id.empty());
  auto refused = server_->WithToken(deputy_token, "DELETE", "/api/admin/tokens/" + owner_token_id);
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.json()["code"], "role_too_high");
  EXPECT_EQ(server_->Admin("GET", "/api/admin/customers").status, 200);  // still works
  // One's own tokens, and those of lower roles, can be revoked.
  auto [second_id, second] = OwnToken(deputy);
  EXPECT_EQ(server_->WithToken(deputy_token, "DELETE", "/api/admin/tokens/" + second_id).status,
            204);
  EXPECT_EQ(server_->Admin("DELETE", "/api/admin/tokens/" + deputy_token_id).status, 204);
  EXPECT_EQ(server_->WithToken(deputy_token, "GET", "/api/admin/customers").status, 401);
}

TEST_P(AdminSecurityApi, ViewersSeeTheTimelineWithoutWhereAdminsActedFrom) {
  auto c = server_->Admin("POST", "/api/admin/customers", {{"email", "timeline@example.com"}});
  ASSERT_EQ(c.status, 201);
  const std::string path =
      "/api/admin/customers/" + c.json()["id"].get<std::string>() + "/activity";
  auto viewer = server_->Admin("POST", "/api/admin/tokens", {{"name", "ro"}, {"role", "viewer"}});
  auto support =
      server_->Admin("POST", "/api/admin/tokens", {{"name", "help"}, {"role", "support"}});
  auto as_viewer = server_->WithToken(viewer.json()["secret"], "GET", path);
  ASSERT_EQ(as_viewer.status, 200);
  json seen = as_viewer.json()["items"][0];
  EXPECT_EQ(seen["action"], "customer.created");
  EXPECT_EQ(seen["actor_name"], "api tests");
  EXPECT_TRUE(seen["ip"].is_null());
  EXPECT_TRUE(seen["user_agent"].is_null());
  EXPECT_EQ(seen["actor_id"], "");
  EXPECT_EQ(as_viewer.body.find("127.0.0.1"), std::string::npos);
  auto as_support = server_->WithToken(support.json()["secret"], "GET", path);
  EXPECT_EQ(as_support.json()["items"][0]["ip"], "127.0.0.1");
  EXPECT_EQ(server_->WithToken(viewer.json()["secret"], "GET", "/api/admin/audit").status, 403);
}

TEST_P(AdminSecurityApi, SecretsAtRest) {
  BrowserSession owner = server_->SignedIn("owner@example.com", kOwnerPassword);
  const std::string secret = EnableTotp(owner, kOwnerPassword);
  auto db = db::Open(server_->db_url());
  ASSERT_TRUE(db.ok());
  auto stored = (*db)->Read([](db::Connection& c) {
    return c.Query("SELECT totp_secret FROM admins WHERE totp_secret <> ''");
  });
  ASSERT_TRUE(stored.ok());
  ASSERT_EQ(stored->size(), 1u);
  const std::string sealed = (*stored)[0].Text(0);
  EXPECT_EQ(sealed.rfind("sb1:", 0), 0u);
  EXPECT_EQ(sealed.find(secret), std::string::npos);
  if (GetParam() == "sqlite") {
    const std::string file = server_->db_url().substr(7);
    for (const std::string& f : {file, file + "-wal", file + "-shm"}) {
      struct stat st {};
      ASSERT_EQ(stat(f.c_str(), &st), 0) << f;
      EXPECT_EQ(st.st_mode & 0777, 0600u) << f;
    }
    struct stat key {};
    const std::string key_file = file.substr(0, file.rfind('/')) + "/secret.key";
    ASSERT_EQ(stat(key_file.c_str(), &key), 0) << key_file;
    EXPECT_EQ(key.st_mode & 0777, 0600u);
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, AdminSecurityApi, ::testing::ValuesIn(Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace clientele::testing
