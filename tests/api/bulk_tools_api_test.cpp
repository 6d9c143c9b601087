// The account tools on a selection of the customer list, over HTTP against the real binary on
// SQLite and PostgreSQL: login e-mails, reset links, guest conversions, bans and lifting them.
// Each runs on one transaction; customers a tool does not apply to are skipped with the reason,
// and a bad request changes nothing.
#include <gtest/gtest.h>

#include "harness.hpp"
#include "support/test_db.hpp"

namespace clientele::testing {
namespace {

using nlohmann::json;

class BulkToolsApi : public SharedServerSuite {
 protected:
  // A customer made by hand (no password yet), or a guest record.
  std::string Customer(const std::string& email) {
    auto r =
        server().Admin("POST", "/api/admin/customers", {{"email", email}, {"first_name", "A"}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", "");
  }
  std::string Guest(const std::string& email) {
    auto r = server().Admin("POST", "/api/admin/guests", {{"email", email}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", "");
  }
  // How many e-mails of `template_key` the customer got.
  int64_t Messages(const std::string& template_key, const std::string& customer_id) {
    auto r = server().Admin(
        "GET", "/api/admin/messages?template=" + template_key + "&customer=" + customer_id);
    EXPECT_EQ(r.status, 200) << r.body;
    return static_cast<int64_t>(r.json()["items"].size());
  }
  std::string Status(const std::string& id) {
    return server().Admin("GET", "/api/admin/customers/" + id).json().value("status", "");
  }
  static const json* Skipped(const json& answer, const std::string& id) {
    for (const auto& s : answer.at("skipped")) {
      if (s.value("id", "") == id) return &s;
    }
    return nullptr;
  }
};

TEST_P(BulkToolsApi, LoginEmailsAndResetLinksGoToEveryAccountAndSkipTheRest) {
  const std::string a = Customer("bulk-a@example.com");
  const std::string b = Customer("bulk-b@example.com");
  const std::string g = Guest("bulk-g@example.com");
  auto sent = server().Admin("POST", "/api/admin/customers/bulk/login-email",
                             {{"ids", {a, b, g, a, "cus_nonexistent"}}});
  ASSERT_EQ(sent.status, 200) << sent.body;
  EXPECT_EQ(sent.json().value("done", 0), 2);
  EXPECT_EQ(sent.json()["results"].value("invitation", 0), 2);
  ASSERT_NE(Skipped(sent.json(), g), nullptr) << sent.body;
  EXPECT_EQ(Skipped(sent.json(), g)->value("code", ""), "guest_record");
  EXPECT_EQ(Skipped(sent.json(), "cus_nonexistent")->value("code", ""), "customer_not_found");
  EXPECT_EQ(sent.json()["skipped"].size(), 2u);  // the repeated id counts once
  EXPECT_EQ(Messages("invitation", a), 1);
  EXPECT_EQ(Messages("invitation", b), 1);

  auto reset =
      server().Admin("POST", "/api/admin/customers/bulk/password-reset", {{"ids", {a, b}}});
  ASSERT_EQ(reset.status, 200) << reset.body;
  EXPECT_EQ(reset.json()["results"].value("password_reset", 0), 2);
  EXPECT_EQ(Messages("password_reset", b), 1);
  auto audit = server().Admin("GET", "/api/admin/customers/" + b + "/activity");
  const json items = audit.json()["items"];
  int events = 0;
  for (const auto& e : items) {
    const std::string action = e.value("action", "");
    events += action == "customer.login_email_sent" || action == "customer.password_reset_sent";
  }
  EXPECT_EQ(events, 2) << audit.body;
}

TEST_P(BulkToolsApi, GuestsBecomeAccountsWithTheirInvitations) {
  const std::string g1 = Guest("bulk-g1@example.com");
  const std::string g2 = Guest("bulk-g2@example.com");
  const std::string account = Customer("bulk-c@example.com");
  auto converted =
      server().Admin("POST", "/api/admin/customers/bulk/convert", {{"ids", {g1, g2, account}}});
  ASSERT_EQ(converted.status, 200) << converted.body;
  EXPECT_EQ(converted.json()["results"].value("converted", 0), 2);
  EXPECT_EQ(Skipped(converted.json(), account)->value("code", ""), "not_a_guest");
  EXPECT_EQ(server().Admin("GET", "/api/admin/customers/" + g2).json().value("kind", ""),
            "registered");
  EXPECT_EQ(Messages("invitation", g1), 1);
}

TEST_P(BulkToolsApi, BansWithOneReasonAndLiftingThem) {
  const std::string a = Customer("bulk-ban-a@example.com");
  const std::string b = Customer("bulk-ban-b@example.com");
  // A bad request changes nothing.
  auto no_reason = server().Admin("POST", "/api/admin/customers/bulk/ban", {{"ids", {a, b}}});
  EXPECT_EQ(no_reason.status, 422);
  auto other = server().Admin("POST", "/api/admin/customers/bulk/ban",
                              {{"ids", {a, b}}, {"reason", "other"}});
  EXPECT_EQ(other.status, 422);
  EXPECT_EQ(other.json()["errors"][0].value("field", ""), "note");
  EXPECT_EQ(server()
                .Admin("POST", "/api/admin/customers/bulk/ban", {{"reason", "fake_orders"}})
                .json()["errors"][0]
                .value("field", ""),
            "ids");
  std::vector<std::string> too_many(501, a);
  EXPECT_EQ(server()
                .Admin("POST", "/api/admin/customers/bulk/ban",
                       {{"ids", too_many}, {"reason", "fake_orders"}})
                .status,
            422);
  EXPECT_EQ(Status(a), "active");

  ASSERT_EQ(server()
                .Admin("POST", "/api/admin/customers/" + b + "/ban", {{"reason", "return_abuse"}})
                .status,
            200);
  auto banned = server().Admin("POST", "/api/admin/customers/bulk/ban",
                               {{"ids", {a, b}}, {"reason", "fake_orders"}, {"note", "Batch 7"}});
  ASSERT_EQ(banned.status, 200) << banned.body;
  EXPECT_EQ(banned.json()["results"].value("banned", 0), 1);
  EXPECT_EQ(Skipped(banned.json(), b)->value("code", ""), "already_banned");
  EXPECT_EQ(Status(a), "banned");
  auto record = server().Admin("GET", "/api/admin/customers/" + a).json();
  EXPECT_EQ(record["ban"].value("reason", ""), "fake_orders");
  EXPECT_EQ(record["ban"].value("note", ""), "Batch 7");
  EXPECT_EQ(Messages("ban_notice", a), 1);

  auto lifted = server().Admin("POST", "/api/admin/customers/bulk/ban/lift",
                               {{"ids", {a, b, Customer("bulk-ban-c@example.com")}}});
  ASSERT_EQ(lifted.status, 200) << lifted.body;
  EXPECT_EQ(lifted.json()["results"].value("lifted", 0), 2);
  EXPECT_EQ(lifted.json()["skipped"][0].value("code", ""), "not_banned");
  EXPECT_EQ(Status(a), "active");
  EXPECT_EQ(Status(b), "active");
  EXPECT_EQ(Messages("ban_lifted", b), 1);
}

TEST_P(BulkToolsApi, TheBlacklistNamesWhoAddedAnEntry) {
  auto added =
      server().Admin("POST", "/api/admin/blacklist",
                     {{"kind", "domain"}, {"value", "bulk-spam.example"}, {"reason", "x"}});
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(added.json()["added_by"].value("type", ""), "api_token");
  EXPECT_EQ(added.json()["added_by"].value("name", ""), "api tests");
  auto listed = server().Admin("GET", "/api/admin/blacklist?q=bulk-spam");
  ASSERT_EQ(listed.json()["items"].size(), 1u);
  EXPECT_EQ(listed.json()["items"][0]["added_by"].value("name", ""), "api tests");
}

INSTANTIATE_TEST_SUITE_P(Engines, BulkToolsApi, ::testing::ValuesIn(Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace clientele::testing
