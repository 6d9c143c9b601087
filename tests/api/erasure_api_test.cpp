// Deleting a customer permanently over HTTP against the real binary: only who may erase can,
// with the typed e-mail; at once nothing of the customer but the deletion notice's recipient is
// left in the SQLite files (WAL included) or PostgreSQL's rows (tests/store/erasure_store_test
// shows the notice losing it once delivered); the event that says an admin deleted the account
// stays, and the address can register again.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "db/database.hpp"
#include "harness.hpp"
#include "support/test_db.hpp"

namespace clientele::testing {
namespace {

using nlohmann::json;

constexpr const char* kPassword = "tulip garden 42";
constexpr const char* kEmail = "erase.me.please@example.com";
constexpr const char* kPhone = "+4917699887766";

std::string FileBytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

class ErasureApi : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    url_ = FreshDatabaseUrl(GetParam());
    server_ = std::make_unique<ServerProcess>(url_);
  }

  HttpResult Post(const std::string& path, const json& body) {
    return server_->Call("POST", path, body.dump(), {"Content-Type: application/json"});
  }

  std::string url_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_P(ErasureApi, NothingOfTheCustomerIsLeftButTheEventThatTheyWereDeleted) {
  json reg = {{"first_name", "Erin"},  {"last_name", "Eraseme"}, {"email", kEmail},
              {"password", kPassword}, {"phone", kPhone},        {"consent_email", true}};
  ASSERT_EQ(Post("/api/store/register", reg).status, 202);
  auto verified = Post("/api/store/verify", {{"token", server_->LinkToken("verification", kEmail)},
                                             {"password", kPassword}});
  ASSERT_EQ(verified.status, 200) << verified.body;
  const std::string id = verified.json()["customer"].value("id", "");
  const std::string set_cookie = verified.headers["set-cookie"];
  BrowserSession s{set_cookie.substr(0, set_cookie.find(';')),
                   verified.json().value("csrf_token", "")};
  ASSERT_EQ(server_
                ->AsBrowser(s, "POST", "/api/store/me/addresses",
                            {{"line1", "Erasestrasse 1"},
                             {"city", "Berlin"},
                             {"postal_code", "10115"},
                             {"country", "DE"},
                             {"phone", kPhone}})
                .status,
            201);
  ASSERT_EQ(server_->Admin("PATCH", "/api/admin/customers/" + id, {{"note", kEmail}}).status, 200);
  ASSERT_EQ(Post("/api/store/login", {{"email", kEmail}, {"password", "a wrong password"}}).status,
            401);
  ASSERT_EQ(server_
                ->Admin("POST", "/api/admin/customers/" + id + "/messages",
                        {{"subject", "Hello"}, {"body", "Your number " + std::string(kPhone)}})
                .status,
            201);

  auto wrong = server_->Admin("POST", "/api/admin/customers/" + id + "/erase",
                              {{"confirm", "someone.else@example.com"}});
  EXPECT_EQ(wrong.status, 422);
  EXPECT_EQ(server_->Admin("GET", "/api/admin/customers/" + id).status, 200);
  auto support = server_->Admin("POST", "/api/admin/admins",
                                {{"email", "support@example.com"},
                                 {"role", "support"},
                                 {"password", "a support agent's password"}});
  ASSERT_EQ(support.status, 201);
  BrowserSession agent = server_->SignedIn("support@example.com", "a support agent's password");
  EXPECT_EQ(
      server_
          ->AsBrowser(agent, "POST", "/api/admin/customers/" + id + "/erase", {{"confirm", kEmail}})
          .status,
      403);  // support may edit customers, not erase them

  auto erased = server_->Admin("POST", "/api/admin/customers/" + id + "/erase",
                               {{"confirm", "ERASE.me.please@example.com"}});
  ASSERT_EQ(erased.status, 204) << erased.body;
  EXPECT_EQ(server_->Admin("GET", "/api/admin/customers/" + id).status, 404);
  EXPECT_EQ(server_->AsBrowser(s, "GET", "/api/store/me").status, 401);
  auto audit = server_->Admin("GET", "/api/admin/audit?action=customer.deleted");
  json events = audit.json()["items"];
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].value("target_id", ""), id);

  if (GetParam() == "sqlite") {
    const std::filesystem::path file = url_.substr(std::string("sqlite:").size());
    std::string bytes;
    for (const auto& suffix : {"", "-wal"}) {
      const std::filesystem::path p = file.string() + suffix;
      if (std::filesystem::exists(p)) bytes += FileBytes(p);
    }
    ASSERT_FALSE(bytes.empty());
    EXPECT_EQ(bytes.find(kPhone), std::string::npos) << "the phone is still in the file";
    EXPECT_EQ(bytes.find("Erasestrasse"), std::string::npos) << "the address is still there";
  } else {
    auto db = db::Open(url_);
    ASSERT_TRUE(db.ok());
    for (const char* sql :
         {"SELECT count(*) FROM customers WHERE email LIKE '%erase.me%' OR note LIKE '%erase.me%'",
          "SELECT count(*) FROM messages WHERE template <> 'account_deleted' AND"
          " (to_address LIKE '%erase.me%' OR body_text LIKE '%99887766%')",
          "SELECT count(*) FROM audit_events WHERE changes LIKE '%erase.me%'"
          " OR changes LIKE '%99887766%' OR changes LIKE '%Eraseme%'",
          "SELECT count(*) FROM customer_addresses WHERE line1 LIKE 'Erase%'",
          "SELECT count(*) FROM login_failures WHERE key LIKE '%erase.me%'",
          "SELECT count(*) FROM account_links WHERE email LIKE '%erase.me%'"}) {
      auto rows = (*db)->Read([&](db::Connection& c) { return c.Query(sql); });
      ASSERT_TRUE(rows.ok()) << sql;
      EXPECT_EQ(rows->at(0).Int(0), 0) << sql;
    }
  }

  // The address is free again.
  EXPECT_EQ(Post("/api/store/register", reg).status, 202);
  auto fresh = server_->Admin("GET", "/api/admin/customers?q=erase.me.please");
  json items = fresh.json()["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_NE(items[0].value("id", ""), id);
}

INSTANTIATE_TEST_SUITE_P(Engines, ErasureApi, ::testing::ValuesIn(Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace clientele::testing
