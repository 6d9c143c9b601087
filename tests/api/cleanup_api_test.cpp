// Audit and cleanup over HTTP against the real binary on SQLite and PostgreSQL: the spam scan
// scores accounts with named signals, metrics count active, unused and suspected spam with the
// threshold a setting; the networks behind the spam; a cleanup deletes exactly the chosen
// accounts, never one with orders or money, checks the typed count, keeps a report, and when
// the server is killed half-way resumes and reports exactly what it deleted.
#include <gtest/gtest.h>

#include <sstream>

#include "harness.hpp"
#include "support/test_db.hpp"

namespace clientele::testing {
namespace {

using nlohmann::json;

class CleanupApi : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { url_ = FreshDatabaseUrl(GetParam()); }
  void Start() { server_ = std::make_unique<ServerProcess>(url_, ServeArgs()); }
  static std::vector<std::string> ServeArgs() { return {"--job-lease-seconds", "1"}; }

  std::string Customer(const std::string& first, const std::string& last,
                       const std::string& email) {
    auto r = server_->Admin("POST", "/api/admin/customers",
                            {{"first_name", first}, {"last_name", last}, {"email", email}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", "");
  }
  void Order(const std::string& id, const std::string& number) {
    auto r = server_->Admin("POST", "/api/admin/orders",
                            {{"number", number},
                             {"customer_id", id},
                             {"currency", "EUR"},
                             {"items", json::array({{{"sku", "MUG"}, {"quantity", 1}}})}});
    ASSERT_EQ(r.status, 201) << r.body;
  }
  void Credit(const std::string& id) {
    auto r = server_->Admin("POST", "/api/admin/customers/" + id + "/wallet",
                            {{"amount", 500}, {"currency", "EUR"}, {"reason", "goodwill"}});
    ASSERT_EQ(r.status, 201) << r.body;
  }
  void Catalog() {
    json mug = {{"sku", "MUG"}, {"name", "Mug"}, {"price", 1200}, {"currency", "EUR"}};
    ASSERT_EQ(server_->Admin("POST", "/api/admin/products", mug).status, 201);
  }
  json WaitFor(const std::string& job, const std::function<bool(const json&)>& done) {
    return WaitForJob(*server_, job, done);
  }
  static bool Succeeded(const json& j) { return j.value("state", "") == "succeeded"; }
  json Scan() {
    auto r = server_->Admin("POST", "/api/admin/cleanup/scan");
    EXPECT_EQ(r.status, 202) << r.body;
    return WaitFor(r.json().value("id", ""), Succeeded);
  }
  json Metrics(const std::string& query = "") {
    auto r = server_->Admin("GET", "/api/admin/cleanup/metrics" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }
  // Candidate id -> signal codes.
  std::map<std::string, std::vector<std::string>> Candidates(const std::string& scope,
                                                             int64_t* matching = nullptr) {
    auto r = server_->Admin("GET", "/api/admin/cleanup/candidates?limit=200&scope=" + scope);
    EXPECT_EQ(r.status, 200) << r.body;
    const json body = r.json();
    if (matching) *matching = body.value("matching", -1);
    std::map<std::string, std::vector<std::string>> out;
    for (const auto& c : body["items"]) {
      auto& codes = out[c.value("id", "")];
      for (const auto& s : c["signals"]) codes.push_back(s.value("code", ""));
    }
    return out;
  }
  int Status(const std::string& id) {
    return server_->Admin("GET", "/api/admin/customers/" + id).status;
  }
  // The report's rows: customer id -> "outcome/kept_because".
  std::map<std::string, std::string> Report(const std::string& job) {
    auto r = server_->Admin("GET", "/api/admin/cleanup/reports/" + job);
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_NE(r.headers["content-type"].find("text/csv"), std::string::npos);
    std::map<std::string, std::string> out;
    std::istringstream lines(r.body);
    std::string line;
    auto next = [&] {
      if (!std::getline(lines, line)) return false;
      if (!line.empty() && line.back() == '\r') line.pop_back();  // RFC 4180 line ends
      return true;
    };
    next();
    EXPECT_EQ(line, "customer_id,outcome,reasons,kept_because,processed_at");
    while (next()) {
      std::vector<std::string> cells;
      std::stringstream cellstream(line);
      std::string cell;
      while (std::getline(cellstream, cell, ',')) cells.push_back(cell);
      if (cells.size() >= 4) out[cells[0]] = cells[1] + "/" + cells[3];
    }
    return out;
  }

  std::string url_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_P(CleanupApi, TheScanScoresSpamAndTheMetricsCountActivity) {
  Start();
  Catalog();
  const std::string ann = Customer("Ann", "Lee", "ann@example.com");
  Order(ann, "C-1");
  const std::string bob = Customer("Bob", "Stone", "bob@example.com");
  const std::string link = Customer("Visit", "cheap-pills.ru", "link@example.com");
  const std::string noise = Customer("Xkqzpt", "Bbvcxz", "x@yopmail.com");
  const std::string mia = Customer("Mia", "Park", "mia@mailinator.com");
  const std::string jo = Customer("Jo", "Jo", "jo@example.com");
  // Ten registrations from one network within minutes: a burst.
  for (int i = 0; i < 10; ++i) {
    auto r = server_->Call("POST", "/api/store/register",
                           json{{"first_name", "Reg"},
                                {"last_name", "Number" + std::to_string(i)},
                                {"email", "reg" + std::to_string(i) + "@example.org"},
                                {"password", "correct horse battery staple"}}
                               .dump(),
                           {"Content-Type: application/json"});
    ASSERT_EQ(r.status, 202) << r.body;
  }
  json before = Metrics();
  EXPECT_EQ(before.value("suspected_spam", -1), 0) << "nothing is scored before a scan";
  EXPECT_TRUE(before["last_scan"].is_null());

  json scan = Scan();
  EXPECT_EQ(scan["result"].value("scanned", 0), 16);
  json m = Metrics("?interval=day");
  EXPECT_EQ(m.value("total", 0), 16);
  EXPECT_EQ(m.value("active", 0), 1) << "Ann has an order";
  EXPECT_EQ(m.value("unused", 0), 15);
  EXPECT_EQ(m.value("suspected_spam", 0), 13) << m.dump();
  EXPECT_EQ(m["percent"].value("active", 0.0), 6.3);
  EXPECT_EQ(m.value("spam_threshold", 0), 50);
  EXPECT_EQ(m["last_scan"].value("id", ""), scan.value("id", ""));
  ASSERT_EQ(m["registrations"].size(), 30u);
  EXPECT_EQ(m.value("time_zone", ""), "UTC");
  EXPECT_EQ(m["registrations"].back().value("date", "").size(), 10u);
  EXPECT_EQ(m["registrations"].back().value("registrations", 0), 16);
  EXPECT_EQ(m["registrations"].back().value("suspected_spam", 0), 13);
  EXPECT_EQ(Metrics("?interval=week")["registrations"].size(), 26u);
  EXPECT_EQ(Metrics()["registrations"].size(), 24u) << "months by default";

  int64_t matching = 0;
  auto spam = Candidates("spam", &matching);
  EXPECT_EQ(matching, 13);
  EXPECT_EQ(spam[link], (std::vector<std::string>{"url_in_name", "no_activity"}));
  EXPECT_EQ(spam[noise],
            (std::vector<std::string>{"disposable_email", "random_name", "no_activity"}));
  EXPECT_EQ(spam[mia], (std::vector<std::string>{"disposable_email", "no_activity"}));
  EXPECT_FALSE(spam.count(ann));
  EXPECT_FALSE(spam.count(jo)) << "35 points is below the threshold";
  size_t bursts = 0;
  for (const auto& [id, codes] : spam) {
    bursts += std::count(codes.begin(), codes.end(), "ip_burst");
  }
  EXPECT_EQ(bursts, 10u);
  auto unused = Candidates("unused", &matching);
  EXPECT_EQ(matching, 15);
  EXPECT_TRUE(unused.count(bob));
  EXPECT_FALSE(unused.count(ann));

  // The networks behind the spam, and whether the blacklist holds them.
  auto offenders = server_->Admin("GET", "/api/admin/cleanup/offenders").json();
  ASSERT_EQ(offenders["items"].size(), 1u) << offenders.dump();
  EXPECT_EQ(offenders["items"][0].value("subnet", ""), "127.0.0.0/24");
  EXPECT_EQ(offenders["items"][0].value("accounts", 0), 10);
  EXPECT_TRUE(offenders["items"][0]["blocked_by"].is_null());
  ASSERT_EQ(server_
                ->Admin("POST", "/api/admin/blacklist",
                        {{"kind", "ip"}, {"value", "127.0.0.0/24"}, {"reason", "Spam bots"}})
                .status,
            201);
  offenders = server_->Admin("GET", "/api/admin/cleanup/offenders").json();
  EXPECT_EQ(offenders["items"][0]["blocked_by"].value("value", ""), "127.0.0.0/24");

  // The threshold is a setting: it applies at once, without another scan.
  auto patched = server_->Admin("PATCH", "/api/admin/settings", {{"spam_threshold", 61}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(Metrics().value("suspected_spam", 0), 2);
  Candidates("spam", &matching);
  EXPECT_EQ(matching, 2);
  EXPECT_EQ(server_->Admin("PATCH", "/api/admin/settings", {{"spam_threshold", 0}}).status, 422);

  // Bad input names the parameter.
  auto bad = server_->Admin("GET", "/api/admin/cleanup/metrics?interval=year");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.json()["errors"][0].value("field", ""), "interval");
  bad = server_->Admin("GET", "/api/admin/cleanup/candidates");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.json()["errors"][0].value("field", ""), "scope");
  bad = server_->Admin("GET", "/api/admin/cleanup/candidates?scope=spam&older_than_days=0");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.json()["errors"][0].value("field", ""), "older_than_days");
  Candidates("unused", &matching);
  auto older =
      server_->Admin("GET", "/api/admin/cleanup/candidates?scope=unused&older_than_days=1");
  EXPECT_EQ(older.json().value("matching", -1), 0) << "everyone registered today";
}

TEST_P(CleanupApi, TheDisposableDomainListCanBeEdited) {
  Start();
  auto listing = server_->Admin("GET", "/api/admin/cleanup/disposable-domains?q=mailinator");
  ASSERT_EQ(listing.status, 200) << listing.body;
  json l = listing.json();
  EXPECT_GT(l.value("shipped", 0), 1000);
  EXPECT_EQ(l.value("listed", 0), l.value("shipped", 0));
  EXPECT_NE(std::find(l["matches"].begin(), l["matches"].end(), "mailinator.com"),
            l["matches"].end());

  const std::string mia = Customer("Mia", "Park", "mia@mailinator.com");
  const std::string tom = Customer("Tom", "Hale", "tom@throwaway.example");
  EXPECT_EQ(server_
                ->Admin("PUT", "/api/admin/cleanup/disposable-domains/mailinator.com",
                        {{"listed", false}})
                .status,
            200);
  auto added = server_->Admin("PUT", "/api/admin/cleanup/disposable-domains/@Throwaway.Example",
                              {{"listed", true}});
  ASSERT_EQ(added.status, 200) << added.body;
  EXPECT_EQ(added.json().value("domain", ""), "throwaway.example");
  EXPECT_FALSE(added.json().value("shipped", true));
  auto invalid = server_->Admin("PUT", "/api/admin/cleanup/disposable-domains/not_a_domain",
                                {{"listed", true}});
  EXPECT_EQ(invalid.status, 422);
  EXPECT_EQ(invalid.json()["errors"][0].value("field", ""), "domain");

  Scan();
  auto spam = Candidates("spam");
  EXPECT_FALSE(spam.count(mia)) << "the owner took mailinator.com off the list";
  EXPECT_EQ(spam[tom], (std::vector<std::string>{"disposable_email", "no_activity"}));

  l = server_->Admin("GET", "/api/admin/cleanup/disposable-domains").json();
  EXPECT_EQ(l["changes"].size(), 2u);
  EXPECT_EQ(l.value("listed", 0), l.value("shipped", 0)) << "one off, one on";
  EXPECT_EQ(server_->Admin("DELETE", "/api/admin/cleanup/disposable-domains/mailinator.com").status,
            204);
  EXPECT_EQ(server_->Admin("DELETE", "/api/admin/cleanup/disposable-domains/mailinator.com").status,
            404);
  auto audit = server_->Admin("GET", "/api/admin/audit?action=spam.domain_listed").json();
  EXPECT_EQ(audit["items"].size(), 1u) << audit.dump();
}

TEST_P(CleanupApi, ACleanupDeletesTheChosenAccountsButNeverOrdersOrMoney) {
  Start();
  Catalog();
  const std::string a = Customer("Visit", "cheap-pills.ru", "a@example.com");
  const std::string b = Customer("Visit", "casino.top", "b@example.com");
  const std::string c = Customer("Visit", "bonus.xyz", "c@example.com");
  const std::string buyer = Customer("Visit", "deals.biz", "buyer@example.com");
  Order(buyer, "C-2");
  const std::string saver = Customer("Visit", "money.click", "saver@example.com");
  Credit(saver);
  Scan();
  int64_t matching = 0;
  auto spam = Candidates("spam", &matching);
  EXPECT_EQ(matching, 3) << "orders and money keep an account out of the cleanup";
  EXPECT_FALSE(spam.count(buyer));
  EXPECT_FALSE(spam.count(saver));

  json body = {{"scope", "spam"}, {"all", true}, {"except", {c}}, {"confirm", 3}};
  auto wrong = server_->Admin("POST", "/api/admin/cleanup", body);
  ASSERT_EQ(wrong.status, 422) << wrong.body;
  EXPECT_EQ(wrong.json()["errors"][0].value("code", ""), "count_mismatch");
  EXPECT_NE(wrong.json().value("detail", "").find("type 2"), std::string::npos) << wrong.body;
  EXPECT_EQ(server_->Admin("GET", "/api/admin/jobs?kind=cleanup").json()["items"].size(), 0u)
      << "a refused cleanup leaves no job behind";
  auto none = server_->Admin("POST", "/api/admin/cleanup",
                             {{"scope", "spam"}, {"ids", {buyer}}, {"confirm", 1}});
  EXPECT_EQ(none.status, 422) << "an account with orders is never chosen";
  EXPECT_EQ(server_->Admin("POST", "/api/admin/cleanup", {{"scope", "junk"}, {"confirm", 1}})
                .json()["errors"][0]
                .value("field", ""),
            "scope");

  body["confirm"] = 2;
  auto started = server_->Admin("POST", "/api/admin/cleanup", body);
  ASSERT_EQ(started.status, 202) << started.body;
  const std::string job = started.json().value("id", "");
  json done = WaitFor(job, Succeeded);
  EXPECT_EQ(done.value("total", 0), 2);
  EXPECT_EQ(done["result"].value("deleted", 0), 2) << done.dump();
  EXPECT_EQ(Status(a), 404);
  EXPECT_EQ(Status(b), 404);
  EXPECT_EQ(Status(c), 200);
  EXPECT_EQ(Status(buyer), 200);
  EXPECT_EQ(Status(saver), 200);
  EXPECT_EQ(Report(job), (std::map<std::string, std::string>{{a, "deleted/"}, {b, "deleted/"}}));
  auto audit = server_->Admin("GET", "/api/admin/audit?action=customer.deleted").json();
  ASSERT_EQ(audit["items"].size(), 2u) << audit.dump();
  EXPECT_EQ(audit["items"][0]["changes"].value("cleanup", ""), job);
  EXPECT_EQ(server_->Admin("GET", "/api/admin/cleanup/reports/nope").status, 404);
}

TEST_P(CleanupApi, ACleanupKilledHalfWayResumesAndReportsExactlyWhatItDeleted) {
  // The runner stops after its first chunk (200 accounts) as if the machine hung.
  ::setenv("CLIENTELE_JOBS_STALL_AFTER_CHUNKS_FOR_TEST", "1", 1);
  Start();
  ::unsetenv("CLIENTELE_JOBS_STALL_AFTER_CHUNKS_FOR_TEST");
  Catalog();
  std::vector<std::string> ids;
  for (int i = 0; i < 450; ++i) {
    ids.push_back(Customer("Quiet", "Person", "quiet" + std::to_string(i) + "@example.com"));
  }
  int64_t matching = 0;
  Candidates("unused", &matching);
  ASSERT_EQ(matching, 450);
  auto started = server_->Admin("POST", "/api/admin/cleanup",
                                {{"scope", "unused"}, {"all", true}, {"confirm", 450}});
  ASSERT_EQ(started.status, 202) << started.body;
  const std::string job = started.json().value("id", "");
  json halfway = WaitFor(job, [](const json& j) { return j.value("done", 0) == 200; });
  EXPECT_EQ(halfway.value("state", ""), "running");
  EXPECT_EQ(halfway["result"].value("deleted", 0), 200);
  // While it hangs, two of the accounts still to come buy something and get store credit.
  Order(ids[300], "C-3");
  Credit(ids[400]);

  server_->Kill();
  server_->Start(ServeArgs());
  json finished = WaitFor(job, Succeeded);
  EXPECT_TRUE(finished.value("resumed", false));
  EXPECT_EQ(finished.value("done", 0), 450);
  EXPECT_EQ(finished["result"].value("deleted", 0), 448) << finished.dump();
  EXPECT_EQ(finished["result"]["kept"].value("has_orders", 0), 1);
  EXPECT_EQ(finished["result"]["kept"].value("has_money", 0), 1);
  auto report = Report(job);
  ASSERT_EQ(report.size(), 450u);
  EXPECT_EQ(report[ids[0]], "deleted/");
  EXPECT_EQ(report[ids[300]], "kept/has_orders");
  EXPECT_EQ(report[ids[400]], "kept/has_money");
  EXPECT_EQ(Status(ids[0]), 404);
  EXPECT_EQ(Status(ids[300]), 200);
  EXPECT_EQ(Status(ids[449]), 404);
  auto left = server_->Admin("GET", "/api/admin/customers?limit=10").json();
  EXPECT_EQ(left["items"].size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Engines, CleanupApi, ::testing::ValuesIn(Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace clientele::testing
