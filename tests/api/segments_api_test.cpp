// Segments over HTTP against the real binary on SQLite and PostgreSQL: the filter language on
// the customer list, its count and exports; saved segments created, renamed, refiltered (with
// If-Match) and deleted, each in the audit trail; mistakes reported as problem details with the
// position and a suggestion, changing nothing.
#include <gtest/gtest.h>

#include <set>

#include "harness.hpp"
#include "support/test_db.hpp"

namespace clientele::testing {
namespace {

using nlohmann::json;

class SegmentsApi : public SharedServerSuite {
 protected:
  std::string Customer(const json& body) {
    auto r = server().Admin("POST", "/api/admin/customers", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", "");
  }
  static std::string Encode(const std::string& s) {
    std::string out;
    const char* hex = "0123456789ABCDEF";
    for (unsigned char ch : s) {
      if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.') {
        out += static_cast<char>(ch);
      } else {
        out += '%';
        out += hex[ch >> 4];
        out += hex[ch & 15];
      }
    }
    return out;
  }
  std::set<std::string> Listed(const std::string& query) {
    auto r = server().Admin("GET", "/api/admin/customers?limit=200&" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    std::set<std::string> out;
    const json body = r.json();
    for (const auto& c : body["items"]) out.insert(c.value("email", ""));
    return out;
  }
  int64_t Count(const std::string& query) {
    auto r = server().Admin("GET", "/api/admin/customers/count?" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().value("total", int64_t{-1});
  }
  std::string Email(const std::string& who) { return who + "." + GetParam() + "@segments.test"; }
};

TEST_P(SegmentsApi, TheListItsCountAndExportsTakeAFilter) {
  const std::string tag = "seg-vip-" + GetParam();
  Customer({{"email", Email("ada")}, {"first_name", "Ada"}, {"country", "DE"}, {"tags", {tag}}});
  Customer({{"email", Email("bo")}, {"first_name", "Bo"}, {"country", "AT"}, {"tags", {tag}}});
  Customer({{"email", Email("cy")}, {"first_name", "Cy"}, {"country", "DE"}});
  const std::string filter = "tag = '" + tag + "' AND country IN ('DE', 'CH')";
  EXPECT_EQ(Listed("filter=" + Encode(filter)), (std::set<std::string>{Email("ada")}));
  EXPECT_EQ(Count("filter=" + Encode(filter)), 1);
  EXPECT_EQ(Count("filter=" + Encode("tag = '" + tag + "' OR (country = 'DE' AND email CONTAINS '" +
                                     GetParam() + "@segments.test')")),
            3);

  auto r =
      server().Admin("POST", "/api/admin/exports",
                     {{"format", "csv"}, {"columns", {"email"}}, {"filter", {{"filter", filter}}}});
  ASSERT_EQ(r.status, 202) << r.body;
  json job = WaitForJob(server(), r.json().value("id", ""), [](const json& j) {
    return j.value("state", "") != "queued" && j.value("state", "") != "running";
  });
  ASSERT_EQ(job.value("state", ""), "succeeded") << job.dump();
  EXPECT_EQ(job["result"].value("rows", 0), 1);
  auto file = server().Admin("GET", job["result"].value("download", ""));
  EXPECT_NE(file.body.find(Email("ada")), std::string::npos);
  EXPECT_EQ(file.body.find(Email("bo")), std::string::npos);
}

TEST_P(SegmentsApi, MistakesNameTheirPositionAndSuggestAFix) {
  auto r = server().Admin("GET", "/api/admin/customers?filter=" + Encode("oders >= 2"));
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.headers["content-type"], "application/problem+json");
  const json e = r.json()["errors"][0];
  EXPECT_EQ(e.value("field", ""), "filter");
  EXPECT_EQ(e.value("code", ""), "invalid_filter");
  EXPECT_EQ(e.value("message", ""), "unknown field 'oders' at 1: did you mean 'orders'?");
  EXPECT_EQ(e.value("position", 0), 1);

  auto count = server().Admin(
      "GET", "/api/admin/customers/count?filter=" + Encode("orders >= 2 AND status = activ"));
  ASSERT_EQ(count.status, 422) << count.body;
  EXPECT_EQ(count.json()["errors"][0].value("position", 0), 26);
  EXPECT_NE(count.json()["errors"][0].value("message", "").find("did you mean 'active'?"),
            std::string::npos);

  auto tag = server().Admin(
      "GET", "/api/admin/customers?filter=" + Encode("tag = 'no-such-tag-" + GetParam() + "'"));
  EXPECT_EQ(tag.status, 422) << tag.body;
  auto segment = server().Admin("GET", "/api/admin/customers?segment=seg_nope");
  ASSERT_EQ(segment.status, 422) << segment.body;
  EXPECT_EQ(segment.json()["errors"][0].value("field", ""), "segment");
  EXPECT_EQ(segment.json()["errors"][0].value("code", ""), "unknown_segment");
}

TEST_P(SegmentsApi, SavedSegmentsAreCreatedEditedAndDeletedWithAnAuditTrail) {
  const std::string tag = "seg-saved-" + GetParam();
  Customer({{"email", Email("dee")}, {"first_name", "Dee"}, {"tags", {tag}}});
  Customer({{"email", Email("eli")}, {"first_name", "Eli"}, {"tags", {tag}}, {"country", "FR"}});
  const std::string name = "Tagged " + GetParam();

  auto created = server().Admin("POST", "/api/admin/segments",
                                {{"name", "  " + name + " "}, {"filter", "tag = '" + tag + "'"}});
  ASSERT_EQ(created.status, 201) << created.body;
  const json seg = created.json();
  const std::string id = seg.value("id", "");
  EXPECT_EQ(id.rfind("seg_", 0), 0u);
  EXPECT_EQ(seg.value("name", ""), name);
  EXPECT_EQ(seg["created_by"].value("type", ""), "api_token");
  EXPECT_EQ(seg["created_by"].value("name", ""), "api tests");
  EXPECT_EQ(created.headers["etag"], "\"1\"");

  EXPECT_EQ(Listed("segment=" + id), (std::set<std::string>{Email("dee"), Email("eli")}));
  EXPECT_EQ(Count("segment=" + id), 2);
  EXPECT_EQ(Count("segment=" + id + "&country=FR"), 1);

  auto listed = server().Admin("GET", "/api/admin/segments");
  ASSERT_EQ(listed.status, 200);
  bool found = false;
  const json segments = listed.json();
  for (const auto& s : segments["items"]) found = found || s.value("id", "") == id;
  EXPECT_TRUE(found) << listed.body;

  // The same name in other letter case is taken; a bad filter is refused; nothing changes.
  auto taken =
      server().Admin("POST", "/api/admin/segments", {{"name", name}, {"filter", "orders > 1"}});
  EXPECT_EQ(taken.status, 409) << taken.body;
  EXPECT_EQ(taken.json()["errors"][0].value("code", ""), "segment_name_taken");
  auto bad = server().Admin("POST", "/api/admin/segments",
                            {{"name", "Bad " + GetParam()}, {"filter", "orders >"}});
  ASSERT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(bad.json()["errors"][0].value("field", ""), "filter");
  EXPECT_EQ(bad.json()["errors"][0].value("position", 0), 9);
  auto missing = server().Admin("POST", "/api/admin/segments", json::object());
  ASSERT_EQ(missing.status, 422);
  EXPECT_EQ(missing.json()["errors"].size(), 2u);

  const std::string path = "/api/admin/segments/" + id;
  auto edited = server().Admin(
      "PATCH", path, {{"filter", "tag = '" + tag + "' AND country = 'FR'"}}, {"If-Match: \"1\""});
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(edited.json().value("version", 0), 2);
  EXPECT_EQ(Listed("segment=" + id), (std::set<std::string>{Email("eli")}));
  auto stale = server().Admin("PATCH", path, {{"name", "Other"}}, {"If-Match: \"1\""});
  EXPECT_EQ(stale.status, 412) << stale.body;
  auto broken = server().Admin("PATCH", path, {{"filter", "country = 'Germany'"}});
  EXPECT_EQ(broken.status, 422) << broken.body;
  EXPECT_EQ(server().Admin("GET", path).json().value("version", 0), 2);

  auto audit = server().Admin("GET", "/api/admin/audit?action=segment.&limit=100");
  ASSERT_EQ(audit.status, 200);
  int created_events = 0, updated_events = 0;
  const json events = audit.json();
  for (const auto& e : events["items"]) {
    if (e.value("target_id", "") != id) continue;
    created_events += e.value("action", "") == "segment.created";
    if (e.value("action", "") == "segment.updated") {
      ++updated_events;
      EXPECT_EQ(e["changes"]["filter"].value("from", ""), "tag = '" + tag + "'");
    }
  }
  EXPECT_EQ(created_events, 1) << audit.body;
  EXPECT_EQ(updated_events, 1) << audit.body;

  ASSERT_EQ(server().Admin("DELETE", path).status, 204);
  EXPECT_EQ(server().Admin("GET", path).status, 404);
  EXPECT_EQ(server().Admin("GET", "/api/admin/customers?segment=" + id).status, 422);
  auto deleted = server().Admin("GET", "/api/admin/audit?action=segment.deleted&limit=100");
  EXPECT_NE(deleted.body.find(id), std::string::npos);
}

TEST_P(SegmentsApi, TheFieldListDescribesEveryFieldForTheEditor) {
  auto r = server().Admin("GET", "/api/admin/filter-fields");
  ASSERT_EQ(r.status, 200);
  std::map<std::string, json> fields;
  const json body = r.json();
  for (const auto& f : body["items"]) fields[f.value("name", "")] = f;
  ASSERT_TRUE(fields.count("orders"));
  EXPECT_EQ(fields["orders"].value("type", ""), "number");
  EXPECT_EQ(fields["status"]["values"], json({"active", "inactive", "banned"}));
  EXPECT_EQ(fields["email_consent"].value("type", ""), "boolean");
  EXPECT_EQ(fields["rfm_group"]["values"][0], "champions");
  EXPECT_NE(fields["last_order"]["operators"].dump().find("IS NULL"), std::string::npos);
  EXPECT_FALSE(fields["total_spent"].value("about", "").empty());
}

TEST_P(SegmentsApi, InsightsAndTheRfmRecomputationOverHttp) {
  const std::string id = Customer({{"email", Email("rfm")}, {"first_name", "Rae"}});
  auto order = server().Admin("POST", "/api/admin/orders",
                              {{"number", "RFM-" + GetParam()},
                               {"customer_id", id},
                               {"items", {{{"name", "Thing"}, {"unit_price", 2500}}}},
                               {"payments", {{{"amount", 2500}, {"method", "card"}}}}});
  ASSERT_EQ(order.status, 201) << order.body;

  auto started = server().Admin("POST", "/api/admin/insights/rfm");
  ASSERT_EQ(started.status, 202) << started.body;
  json job = WaitForJob(server(), started.json().value("id", ""), [](const json& j) {
    return j.value("state", "") != "queued" && j.value("state", "") != "running";
  });
  ASSERT_EQ(job.value("state", ""), "succeeded") << job.dump();
  EXPECT_EQ(job.value("kind", ""), "rfm_scores");
  EXPECT_GE(job["result"].value("scored", 0), 1);

  auto customer =
      server().Admin("GET", "/api/admin/customers?filter=" +
                                Encode("recency IS NOT NULL AND email = '" + Email("rfm") + "'"));
  ASSERT_EQ(customer.status, 200) << customer.body;
  EXPECT_EQ(customer.json()["items"].size(), 1u);

  auto r = server().Admin("GET", "/api/admin/insights");
  ASSERT_EQ(r.status, 200) << r.body;
  const json in = r.json();
  EXPECT_FALSE(in["rfm_computed_at"].is_null());
  EXPECT_EQ(in["activity"].size(), 5u);
  EXPECT_EQ(in["rfm"].size(), 7u);
  EXPECT_EQ(in["months"].size(), 12u);
  EXPECT_EQ(in["cohorts"].size(), 12u);
  int64_t levels = 0;
  for (const auto& a : in["activity"]) levels += a.value("customers", int64_t{0});
  EXPECT_EQ(levels, Count(""));  // every customer has one level
  EXPECT_GE(in["months"].back().value("first_orders", 0), 1);
  EXPECT_GE(in["cohorts"].back()["buying"][0].get<int64_t>(), 1);
}

TEST_P(SegmentsApi, ABulkChangeReachesEveryCustomerOfAFilterOrSegmentAsAJob) {
  const std::string tag = "seg-bulk-" + GetParam(), added = "seg-bulk-added-" + GetParam();
  std::vector<std::string> ids;
  for (const char* who : {"fa", "fb", "fc"}) {
    ids.push_back(Customer({{"email", Email(who)}, {"first_name", "F"}, {"tags", {tag}}}));
  }
  Customer({{"email", Email("fd")}, {"first_name", "Other"}});
  auto wait = [&](const json& started) {
    return WaitForJob(server(), started.value("id", ""), [](const json& j) {
      return j.value("state", "") != "queued" && j.value("state", "") != "running";
    });
  };
  auto started = server().Admin(
      "POST", "/api/admin/customers/bulk/matching",
      {{"action", "add_tags"}, {"tags", {added}}, {"filter", {{"filter", "tag = '" + tag + "'"}}}});
  ASSERT_EQ(started.status, 202) << started.body;
  EXPECT_EQ(started.json().value("total", 0), 3);
  json job = wait(started.json());
  ASSERT_EQ(job.value("state", ""), "succeeded") << job.dump();
  EXPECT_EQ(job.value("kind", ""), "customer_bulk");
  EXPECT_EQ(job.value("done", 0), 3);
  EXPECT_EQ(job["result"].value("changed", 0), 3);
  EXPECT_EQ(Count("filter=" + Encode("tag = '" + added + "'")), 3);
  // Each customer's change is in its activity, as a single edit would be.
  auto activity = server().Admin("GET", "/api/admin/customers/" + ids[0] + "/activity");
  EXPECT_NE(activity.body.find(added), std::string::npos);

  // By a saved segment: deactivate them; a banned one keeps its ban.
  ASSERT_EQ(
      server()
          .Admin("POST", "/api/admin/customers/" + ids[2] + "/ban", {{"reason", "fake_orders"}})
          .status,
      200);
  auto seg = server().Admin("POST", "/api/admin/segments",
                            {{"name", "Bulk " + GetParam()}, {"filter", "tag = '" + added + "'"}});
  ASSERT_EQ(seg.status, 201) << seg.body;
  auto off = server().Admin(
      "POST", "/api/admin/customers/bulk/matching",
      {{"action", "deactivate"}, {"filter", {{"segment", seg.json().value("id", "")}}}});
  ASSERT_EQ(off.status, 202) << off.body;
  const json off_job = wait(off.json());
  ASSERT_EQ(off_job.value("state", ""), "succeeded") << off_job.dump();
  EXPECT_EQ(off_job["result"].value("changed", 0), 2);
  EXPECT_EQ(off_job["result"].value("skipped_banned", 0), 1);
  EXPECT_EQ(Count("status=inactive&filter=" + Encode("tag = '" + tag + "'")), 2);
  EXPECT_EQ(Count("status=banned&filter=" + Encode("tag = '" + tag + "'")), 1);
  EXPECT_EQ(Count("status=inactive&filter=" + Encode("email = '" + Email("fd") + "'")), 0);

  // Bad requests start nothing.
  auto bad_filter = server().Admin("POST", "/api/admin/customers/bulk/matching",
                                   {{"action", "restore"}, {"filter", {{"filter", "tag = "}}}});
  ASSERT_EQ(bad_filter.status, 422) << bad_filter.body;
  EXPECT_EQ(bad_filter.json()["errors"][0].value("field", ""), "filter.filter");
  auto no_action =
      server().Admin("POST", "/api/admin/customers/bulk/matching", {{"filter", {{"tag", tag}}}});
  EXPECT_EQ(no_action.status, 422) << no_action.body;
  auto no_group = server().Admin("POST", "/api/admin/customers/bulk/matching",
                                 {{"action", "assign_group"}, {"group_id", "grp_nope"}});
  EXPECT_EQ(no_group.status, 422) << no_group.body;
  auto paging = server().Admin("POST", "/api/admin/customers/bulk/matching",
                               {{"action", "restore"}, {"filter", {{"limit", "5"}}}});
  EXPECT_EQ(paging.status, 422) << paging.body;
}

INSTANTIATE_TEST_SUITE_P(Engines, SegmentsApi, ::testing::ValuesIn(Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace clientele::testing
