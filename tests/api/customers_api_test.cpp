// The admin API over HTTP against the real binary, on SQLite and on PostgreSQL.
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <random>

#include "harness.hpp"
#include "support/test_db.hpp"

namespace clientele::testing {
namespace {

using nlohmann::json;

class CustomersApi : public SharedServerSuite {
 protected:
  static std::string UniqueEmail(const std::string& name) {
    static std::atomic<int> n{0};
    return name + "." + std::to_string(++n) + "." + std::to_string(getpid()) + "@example.com";
  }

  json CreateCustomer(json body) {
    auto r = server().Admin("POST", "/api/admin/customers", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json();
  }
};

std::vector<std::string> FieldsOf(const json& problem) {
  std::vector<std::string> out;
  for (const auto& e : problem.value("errors", json::array())) out.push_back(e["field"]);
  return out;
}

TEST_P(CustomersApi, HealthAndReadiness) {
  auto h = server().Call("GET", "/healthz");
  EXPECT_EQ(h.status, 200);
  EXPECT_FALSE(h.headers["x-request-id"].empty());
  EXPECT_EQ(server().Call("GET", "/readyz").status, 200);
  auto doc = server().Call("GET", "/api/openapi.json");
  EXPECT_EQ(doc.status, 200);
  EXPECT_EQ(doc.json()["openapi"], "3.1.0");
}

TEST_P(CustomersApi, AdminRoutesNeedAToken) {
  auto none = server().Call("GET", "/api/admin/customers");
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(none.headers["content-type"], "application/problem+json");
  EXPECT_EQ(none.json()["code"], "unauthenticated");
  auto wrong = server().Call("GET", "/api/admin/customers", "",
                             {"Authorization: Bearer clt_notarealtokenatall"});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(server().Admin("GET", "/api/admin/customers").status, 200);
}

TEST_P(CustomersApi, CreateReadUpdateWithETags) {
  std::string email = UniqueEmail("ana");
  auto created = server().Admin("POST", "/api/admin/customers",
                                {{"first_name", "Ana"},
                                 {"last_name", "López"},
                                 {"email", email},
                                 {"country", "es"},
                                 {"phone", "612 34 56 78"},
                                 {"language", "es-es"},
                                 {"tags", {"vip"}},
                                 {"custom_fields", {{"loyalty_id", "L-1"}}},
                                 {"commission_reduced_percent", 12.5},
                                 {"email_marketing_consent", true}});
  ASSERT_EQ(created.status, 201) << created.body;
  json c = created.json();
  EXPECT_EQ(c["phone"], "+34612345678");
  EXPECT_EQ(c["country"], "ES");
  EXPECT_EQ(c["language"], "es-ES");
  EXPECT_EQ(c["full_name"], "Ana López");
  EXPECT_EQ(c["group_name"], "Default");
  EXPECT_EQ(c["tags"], json({"vip"}));
  EXPECT_EQ(c["commission_reduced_percent"], 12.5);
  EXPECT_EQ(created.headers["location"], "/api/admin/customers/" + c["id"].get<std::string>());
  std::string path = created.headers["location"];
  std::string etag = created.headers["etag"];
  EXPECT_EQ(etag, "\"1\"");

  auto read = server().Admin("GET", path);
  EXPECT_EQ(read.status, 200);
  EXPECT_EQ(read.json()["email"], email);
  EXPECT_EQ(read.headers["etag"], etag);

  auto edited = server().Admin("PATCH", path, {{"company", "Acme"}}, {"If-Match: " + etag});
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(edited.headers["etag"], "\"2\"");
  EXPECT_EQ(edited.json()["company"], "Acme");

  // A second admin still holding version 1 is refused and nothing of theirs is written.
  auto stale = server().Admin("PATCH", path, {{"company", "Other"}}, {"If-Match: " + etag});
  EXPECT_EQ(stale.status, 412);
  EXPECT_EQ(stale.json()["code"], "stale_version");
  EXPECT_EQ(server().Admin("GET", path).json()["company"], "Acme");
}

TEST_P(CustomersApi, ValidationErrorsNameEveryField) {
  auto r = server().Admin("POST", "/api/admin/customers",
                          {{"email", "not-an-email"},
                           {"phone", "12"},
                           {"country", "XX"},
                           {"language", "klingon"},
                           {"commission_reduced_percent", 101},
                           {"first_name", 5},
                           {"surprise", true}});
  ASSERT_EQ(r.status, 422) << r.body;
  json p = r.json();
  EXPECT_EQ(p["status"], 422);
  EXPECT_EQ(p["code"], "validation_failed");
  auto fields = FieldsOf(p);
  for (const char* f : {"first_name", "surprise"}) {
    EXPECT_NE(std::find(fields.begin(), fields.end(), f), fields.end()) << f << " in " << r.body;
  }
  // Once the shape is right, every rule is checked and reported at once.
  r = server().Admin("POST", "/api/admin/customers",
                     {{"email", "not-an-email"},
                      {"country", "XX"},
                      {"language", "klingon"},
                      {"commission_reduced_percent", 101}});
  fields = FieldsOf(r.json());
  EXPECT_EQ(fields, (std::vector<std::string>{"country", "language", "email",
                                              "commission_reduced_percent"}));
  auto malformed = server().Call(
      "POST", "/api/admin/customers", "{nope",
      {"Authorization: Bearer " + server().token(), "Content-Type: application/json"});
  EXPECT_EQ(malformed.status, 400);
  auto listed = server().Admin("GET", "/api/admin/customers?q=" + std::string("not-an-email"));
  EXPECT_EQ(listed.json()["items"].size(), 0u);  // nothing was created
}

TEST_P(CustomersApi, ReadOnlyFieldsAreRefusedOnEdit) {
  json c = CreateCustomer({{"email", UniqueEmail("ro")}});
  auto r = server().Admin("PATCH", "/api/admin/customers/" + c["id"].get<std::string>(),
                          {{"status", "banned"}, {"registered_at", "2020-01-01"}});
  EXPECT_EQ(r.status, 422);
  auto fields = FieldsOf(r.json());
  std::sort(fields.begin(), fields.end());
  EXPECT_EQ(fields, (std::vector<std::string>{"registered_at", "status"}));
}

TEST_P(CustomersApi, DuplicateEmailIsAConflict) {
  std::string email = UniqueEmail("dup");
  CreateCustomer({{"email", email}});
  auto r = server().Admin("POST", "/api/admin/customers", {{"email", email}});
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.json()["code"], "email_taken");
}

TEST_P(CustomersApi, SearchFilterAndPaginate) {
  std::string marker = "Zqx" + std::to_string(getpid() % 1000);
  for (int i = 0; i < 5; ++i) {
    CreateCustomer({{"first_name", marker},
                    {"last_name", "Person" + std::to_string(i)},
                    {"email", UniqueEmail("page")},
                    {"country", i % 2 ? "FR" : "DE"}});
  }
  auto all = server().Admin("GET", "/api/admin/customers?q=" + marker + "&include_total=true");
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(all.json()["total"], 5);
  EXPECT_EQ(all.json()["total_exact"], true);
  auto de = server().Admin("GET", "/api/admin/customers?q=" + marker + "&country=DE");
  EXPECT_EQ(de.json()["items"].size(), 3u);
  std::set<std::string> seen;
  std::string next = "/api/admin/customers?q=" + marker + "&limit=2&sort=name";
  for (int pages = 0; pages < 5; ++pages) {
    auto page = server().Admin("GET", next);
    ASSERT_EQ(page.status, 200) << page.body;
    const json body = page.json();  // the items must outlive the loop over them
    for (const auto& item : body["items"]) seen.insert(item["id"].get<std::string>());
    if (body["next_cursor"].is_null()) break;
    next = "/api/admin/customers?q=" + marker +
           "&limit=2&sort=name&cursor=" + body["next_cursor"].get<std::string>();
  }
  EXPECT_EQ(seen.size(), 5u);
  auto count = server().Admin("GET", "/api/admin/customers/count?q=" + marker);
  EXPECT_EQ(count.json()["total"], 5);
  auto bad = server().Admin("GET", "/api/admin/customers?limit=0&sort=age");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(FieldsOf(bad.json()), (std::vector<std::string>{"sort", "limit"}));
}

TEST_P(CustomersApi, DeactivateAndRestore) {
  json c = CreateCustomer({{"email", UniqueEmail("off")}, {"first_name", "Off"}});
  std::string path = "/api/admin/customers/" + c["id"].get<std::string>();
  auto off = server().Admin("POST", path + "/deactivate", nullptr, {"If-Match: \"1\""});
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_EQ(off.json()["status"], "inactive");
  auto stale = server().Admin("POST", path + "/restore", nullptr, {"If-Match: \"1\""});
  EXPECT_EQ(stale.status, 412);
  auto on = server().Admin("POST", path + "/restore");
  EXPECT_EQ(on.json()["status"], "active");
  EXPECT_EQ(on.json()["first_name"], "Off");
}

TEST_P(CustomersApi, GroupsAndTags) {
  std::string name = "Wholesale " + std::to_string(getpid());
  auto g = server().Admin("POST", "/api/admin/groups", {{"name", name}});
  ASSERT_EQ(g.status, 201) << g.body;
  std::string gid = g.json()["id"];
  EXPECT_EQ(server().Admin("POST", "/api/admin/groups", {{"name", name}}).status, 409);
  json c = CreateCustomer({{"email", UniqueEmail("grp")}, {"group_id", gid}});
  EXPECT_EQ(c["group_name"], name);
  auto renamed = server().Admin("PATCH", "/api/admin/groups/" + gid, {{"name", name + "!"}});
  EXPECT_EQ(renamed.status, 200);
  EXPECT_EQ(server().Admin("DELETE", "/api/admin/groups/" + gid).status, 204);
  auto after = server().Admin("GET", "/api/admin/customers/" + c["id"].get<std::string>());
  EXPECT_EQ(after.json()["group_name"], "Default");
  EXPECT_EQ(server().Admin("DELETE", "/api/admin/groups/grp_default").status, 409);
  EXPECT_EQ(server().Admin("DELETE", "/api/admin/groups/grp_nope").status, 404);
  auto t = server().Admin("POST", "/api/admin/tags", {{"name", "Newsletter " + name}});
  ASSERT_EQ(t.status, 201);
  auto tags = server().Admin("GET", "/api/admin/tags");
  EXPECT_GE(tags.json()["items"].size(), 1u);
  EXPECT_EQ(server().Admin("POST", "/api/admin/tags", {{"name", "a,b"}}).status, 422);
}

TEST_P(CustomersApi, UnknownRoutesAndMethods) {
  EXPECT_EQ(server().Admin("GET", "/api/admin/nothing-here").status, 404);
  auto r = server().Admin("DELETE", "/api/admin/customers");
  EXPECT_EQ(r.status, 405);
  EXPECT_FALSE(r.headers["allow"].empty());
  EXPECT_EQ(server().Admin("GET", "/api/admin/customers/cus_00000000000000000000").status, 404);
}

TEST_P(CustomersApi, GarbageNeverCrashesOrWrites) {
  auto before = server().Admin("GET", "/api/admin/customers/count").json()["total"];
  std::mt19937 rng(7);
  const std::string pieces[] = {"{",       "}",    "[",    "]",     "\"",        ":",
                                ",",       "null", "true", "1e999", "\"email\"", "\"phone\"",
                                "\\u0000", "\xff", "-",    "0",     " "};
  for (int i = 0; i < 200; ++i) {
    std::string body;
    int n = rng() % 12;
    for (int k = 0; k < n; ++k) body += pieces[rng() % std::size(pieces)];
    auto r = server().Call(
        "POST", "/api/admin/customers", body,
        {"Authorization: Bearer " + server().token(), "Content-Type: application/json"});
    EXPECT_TRUE(r.status == 400 || r.status == 422) << body << " -> " << r.status;
  }
  EXPECT_EQ(server().Admin("GET", "/api/admin/customers/count").json()["total"], before);
  EXPECT_EQ(server().Call("GET", "/healthz").status, 200);
}

INSTANTIATE_TEST_SUITE_P(Engines, CustomersApi, ::testing::ValuesIn(Engines()),
                         [](const auto& info) { return info.param; });

TEST(ServerLifecycle, StopsCleanlyOnSigterm) {
  ServerProcess server(FreshDatabaseUrl("sqlite"));
  ASSERT_EQ(server.Call("GET", "/healthz").status, 200);
  EXPECT_EQ(server.Stop(), 0);
}

}  // namespace
}  // namespace clientele::testing
