// Sign-in codes by SMS over HTTP against the real binary on SQLite and PostgreSQL, with a local
// receiver playing the store's SMS provider: requests are signed, every SMS is in the message
// log with the outbox's guarantees (retried when the provider fails, failed when it refuses),
// a code works once, and without a provider SMS cannot be chosen.
#include <gtest/gtest.h>

#include <regex>

#include "harness.hpp"
#include "sms_provider.hpp"
#include "support/test_db.hpp"

namespace clientele::testing {
namespace {

using nlohmann::json;

constexpr const char* kPassword = "tulip garden 42";
constexpr const char* kSecret = "sms-signing-secret-for-tests";
constexpr const char* kPhone = "+4917612345678";

std::string CodeIn(const std::string& text) {
  std::smatch m;
  return std::regex_search(text, m, std::regex("\\b([0-9]{6})\\b")) ? m[1].str() : "";
}

class StoreSmsApi : public ::testing::TestWithParam<std::string> {
 protected:
  void StartServer(bool with_provider) {
    std::vector<std::string> args;
    if (with_provider) {
      args = {"--sms-url", provider_.url(), "--sms-secret", kSecret, "--mail-retry-seconds", "1"};
    }
    server_ = std::make_unique<ServerProcess>(FreshDatabaseUrl(GetParam()), args);
  }

  HttpResult Post(const std::string& path, const json& body) {
    return server_->Call("POST", path, body.dump(), {"Content-Type: application/json"});
  }

  // A verified shopper with a phone, signed in by the confirmation.
  BrowserSession Shopper() {
    json reg = {{"first_name", "Ann"},
                {"last_name", "Lee"},
                {"email", "ann@example.com"},
                {"password", kPassword},
                {"phone", kPhone}};
    EXPECT_EQ(Post("/api/store/register", reg).status, 202);
    auto r =
        Post("/api/store/verify", {{"token", server_->LinkToken("verification", "ann@example.com")},
                                   {"password", kPassword}});
    EXPECT_EQ(r.status, 200) << r.body;
    const std::string& set_cookie = r.headers["set-cookie"];
    return {set_cookie.substr(0, set_cookie.find(';')), r.json().value("csrf_token", "")};
  }

  SmsProvider provider_{kSecret};
  std::unique_ptr<ServerProcess> server_;
};

TEST_P(StoreSmsApi, WithoutAProviderSmsCannotBeChosen) {
  StartServer(/*with_provider=*/false);
  EXPECT_FALSE(server_->Call("GET", "/api/store/config").json().value("sms_available", true));
  BrowserSession s = Shopper();
  auto refused = server_->AsBrowser(s, "POST", "/api/store/me/sms", {{"password", kPassword}});
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(refused.json().value("code", ""), "sms_unavailable");
  EXPECT_EQ(provider_.requests(), 0);
}

TEST_P(StoreSmsApi, SignedCodesTurnSmsOnAndSignInOnce) {
  StartServer(/*with_provider=*/true);
  EXPECT_TRUE(server_->Call("GET", "/api/store/config").json().value("sms_available", false));
  BrowserSession s = Shopper();
  auto started = server_->AsBrowser(s, "POST", "/api/store/me/sms", {{"password", kPassword}});
  ASSERT_EQ(started.status, 202) << started.body;
  auto received = provider_.WaitFor(1);
  ASSERT_EQ(received.size(), 1u);
  EXPECT_TRUE(received[0].signature_ok);
  EXPECT_EQ(received[0].to, kPhone);
  const std::string setup_code = CodeIn(received[0].text);
  ASSERT_FALSE(setup_code.empty()) << received[0].text;

  auto wrong = server_->AsBrowser(s, "POST", "/api/store/me/sms/confirm", {{"code", "000000"}});
  EXPECT_EQ(wrong.status, 422);
  auto confirmed =
      server_->AsBrowser(s, "POST", "/api/store/me/sms/confirm", {{"code", setup_code}});
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  json recovery = confirmed.json()["recovery_codes"];
  EXPECT_EQ(recovery.size(), 10u);
  auto me = server_->AsBrowser(s, "GET", "/api/store/me");
  EXPECT_EQ(me.json().value("second_factor", ""), "sms");

  auto login = Post("/api/store/login", {{"email", "ann@example.com"}, {"password", kPassword}});
  ASSERT_EQ(login.status, 200);
  json factor = login.json()["second_factor"];
  const std::string challenge = factor.value("challenge", "");
  json methods = factor["methods"];
  EXPECT_NE(std::find(methods.begin(), methods.end(), "sms"), methods.end()) << methods.dump();
  ASSERT_EQ(Post("/api/store/login/sms", {{"challenge", challenge}}).status, 202);
  received = provider_.WaitFor(2);
  ASSERT_EQ(received.size(), 2u);
  const std::string code = CodeIn(received[1].text);
  auto done = Post("/api/store/login/second-factor",
                   {{"challenge", challenge}, {"method", "sms"}, {"code", code}});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_NE(done.headers["set-cookie"].find("clientele_shopper="), std::string::npos);

  auto again = Post("/api/store/login", {{"email", "ann@example.com"}, {"password", kPassword}});
  auto replay = Post("/api/store/login/second-factor",
                     {{"challenge", again.json()["second_factor"].value("challenge", "")},
                      {"method", "sms"},
                      {"code", code}});
  EXPECT_EQ(replay.status, 401);
  EXPECT_EQ(replay.json().value("code", ""), "invalid_code");

  // Every SMS is in the customer's message log, sent, with its channel.
  const std::string id = me.json().value("id", "");
  auto log = server_->Admin("GET", "/api/admin/customers/" + id + "/messages");
  json items = log.json()["items"];
  int sms = 0;
  for (const auto& m : items) {
    if (m.value("channel", "") != "sms") continue;
    ++sms;
    EXPECT_EQ(m.value("to", ""), kPhone);
    EXPECT_EQ(m.value("status", ""), "sent") << m.dump();
  }
  EXPECT_EQ(sms, 2);

  // A new phone number turns SMS codes off until it is set up again.
  auto moved = server_->AsBrowser(s, "PATCH", "/api/store/me", {{"phone", "+4917698765432"}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_FALSE(moved.json().value("sms_enabled", true));
  EXPECT_EQ(moved.json().value("second_factor", ""), "none");
  EXPECT_EQ(moved.json().value("recovery_codes_left", -1), 0);  // nothing left to back up
  auto read_only = server_->AsBrowser(s, "PATCH", "/api/store/me", {{"sms_enabled", true}});
  EXPECT_EQ(read_only.status, 422);
  json errors = read_only.json()["errors"];
  EXPECT_EQ(errors[0].value("code", ""), "read_only");
}

TEST_P(StoreSmsApi, TheOutboxRetriesAFailingProviderAndGivesUpOnARefusal) {
  StartServer(/*with_provider=*/true);
  BrowserSession s = Shopper();
  provider_.RefuseNext({503});
  ASSERT_EQ(server_->AsBrowser(s, "POST", "/api/store/me/sms", {{"password", kPassword}}).status,
            202);
  auto received = provider_.WaitFor(1);  // the retry, a second after the 503
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(provider_.requests(), 2);

  provider_.RefuseNext({400});
  auto me = server_->AsBrowser(s, "GET", "/api/store/me");
  const std::string id = me.json().value("id", "");
  ASSERT_EQ(server_->AsBrowser(s, "POST", "/api/store/me/sms", {{"password", kPassword}}).status,
            202);
  // The one sender records each outcome before it sends the next message: once a later SMS
  // arrives, the refusal is in the log.
  ASSERT_EQ(server_->AsBrowser(s, "POST", "/api/store/me/sms", {{"password", kPassword}}).status,
            202);
  ASSERT_EQ(provider_.WaitFor(2).size(), 2u);
  // Refused for good: failed after one attempt, with the provider's answer in the log.
  json failed;
  json items = server_->Admin("GET", "/api/admin/messages?status=failed").json()["items"];
  if (!items.empty()) failed = items[0];
  ASSERT_FALSE(failed.is_null()) << "no failed SMS in the log";
  EXPECT_EQ(failed.value("channel", ""), "sms");
  EXPECT_EQ(failed.value("attempts", 0), 1);
  EXPECT_NE(failed.value("last_error", "").find("400"), std::string::npos) << failed.dump();
}

INSTANTIATE_TEST_SUITE_P(Engines, StoreSmsApi, ::testing::ValuesIn(Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace clientele::testing
