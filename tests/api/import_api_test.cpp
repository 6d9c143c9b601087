// Import uploads over HTTP against the real binary, on SQLite and PostgreSQL: a file sent in
// parts (each at the offset received so far, a repeated part taken once), the plan of the whole
// file (its platform, each column's target or why not, the first rows), and every bad upload
// refused with a clear error that changes nothing.
#include <gtest/gtest.h>

#include "harness.hpp"
#include "support/test_db.hpp"

namespace clientele::testing {
namespace {

using nlohmann::json;

// A Shopify export as Shopify writes it: a byte-order mark, CRLF, apostrophes before the id,
// the postal code and the phone, a note over two lines and an unknown metafield column.
const std::string kShopify =
    "\xEF\xBB\xBF"
    "Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Default Address "
    "Company,Default Address Address1,Default Address Address2,Default Address City,Default "
    "Address Province Code,Default Address Country Code,Default Address Zip,Default Address "
    "Phone,Phone,Accepts SMS Marketing,Total Spent,Total Orders,Note,Tax Exempt,Tags,Shoe size\r\n"
    "'7210448301122,Ann,Lee,ann@example.com,yes,,\"1 High St, Flat 2\",,London,,GB,'SW1A "
    "1AA,,'+447400123456,no,10.00,1,\"Line one\r\nline two\",no,\"vip, newsletter\",42\r\n"
    "'7210448301123,Bob,Stone,bob@example.com,no,,,,,,,,,,no,0.00,0,,no,,\r\n";

class ImportApi : public SharedServerSuite {
 protected:
  HttpResult Upload(const std::string& path, const std::string& bytes) {
    return server().Call("POST", path, bytes,
                         {"Authorization: Bearer " + server().token(), "Content-Type: text/csv"});
  }
};

TEST_P(ImportApi, AFileInPartsBecomesAPlan) {
  const size_t half = kShopify.size() / 2;
  auto first = Upload("/api/admin/imports/files?final=false", kShopify.substr(0, half));
  ASSERT_EQ(first.status, 201) << first.body;
  const std::string id = first.json().value("id", "");
  EXPECT_EQ(id.rfind("imf_", 0), 0u);
  EXPECT_EQ(first.json().value("size", 0), static_cast<int64_t>(half));
  EXPECT_FALSE(first.json().value("complete", true));

  // A part at the wrong offset is refused and says where the next one starts.
  auto wrong = Upload("/api/admin/imports/files/" + id + "/parts?offset=3", "xyz");
  EXPECT_EQ(wrong.status, 409) << wrong.body;
  EXPECT_NE(wrong.body.find("byte " + std::to_string(half)), std::string::npos) << wrong.body;
  // The first part again (its answer lost) is recognised: nothing is added.
  auto again = Upload("/api/admin/imports/files/" + id + "/parts?offset=0&final=false",
                      kShopify.substr(0, half));
  EXPECT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json().value("size", 0), static_cast<int64_t>(half));

  auto last = Upload("/api/admin/imports/files/" + id + "/parts?offset=" + std::to_string(half),
                     kShopify.substr(half));
  ASSERT_EQ(last.status, 200) << last.body;
  const json plan = last.json();
  EXPECT_TRUE(plan.value("complete", false));
  EXPECT_EQ(plan.value("size", 0), static_cast<int64_t>(kShopify.size()));
  EXPECT_EQ(plan.value("format", ""), "shopify");
  EXPECT_EQ(plan.value("separator", ""), ",");
  ASSERT_EQ(plan["columns"].size(), 21u);
  EXPECT_EQ(plan["columns"][0].value("header", ""), "Customer ID");
  EXPECT_EQ(plan["columns"][3].value("target", ""), "email");
  EXPECT_EQ(plan["columns"][15].value("target", ""), "") << "Total Spent is a report";
  EXPECT_FALSE(plan["columns"][15].value("reason", "").empty());
  EXPECT_EQ(plan["columns"][20].value("target", ""), "") << "Shoe size is not Shopify's";
  ASSERT_EQ(plan["sample"].size(), 2u);
  // The reader keeps a line break inside a field as one newline, whatever the file used.
  EXPECT_EQ(plan["sample"][0][17].get<std::string>(), "Line one\nline two");
  EXPECT_TRUE(plan["problem"].is_null());

  auto read = server().Admin("GET", "/api/admin/imports/files/" + id);
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(read.json(), plan);
  // Complete: no more parts.
  auto late =
      Upload("/api/admin/imports/files/" + id + "/parts?offset=" + std::to_string(kShopify.size()),
             "more");
  EXPECT_EQ(late.status, 409) << late.body;

  auto targets = server().Admin("GET", "/api/admin/imports/targets");
  ASSERT_EQ(targets.status, 200);
  EXPECT_GT(targets.json()["items"].size(), 40u);
}

TEST_P(ImportApi, ASemicolonFileWithABrokenQuoteSaysWhere) {
  auto r = Upload("/api/admin/imports/files",
                  "E-mail;Vorname;Nachname\nanna@example.de;Anna;M\xC3\xBCller\n"
                  "x@example.de;\"open;quote\n");
  ASSERT_EQ(r.status, 201) << r.body;
  const json plan = r.json();
  EXPECT_EQ(plan.value("format", ""), "other");
  EXPECT_EQ(plan.value("separator", ""), ";");
  EXPECT_EQ(plan["columns"][0].value("target", ""), "email");
  ASSERT_TRUE(plan["problem"].is_string()) << plan.dump();
  EXPECT_NE(plan["problem"].get<std::string>().find("line 3"), std::string::npos) << plan.dump();
}

TEST_P(ImportApi, BadUploadsAreRefused) {
  auto empty = Upload("/api/admin/imports/files", "");
  EXPECT_EQ(empty.status, 422) << empty.body;
  EXPECT_NE(empty.body.find("empty_file"), std::string::npos);
  EXPECT_EQ(Upload("/api/admin/imports/files?final=maybe", "a\n").status, 422);
  EXPECT_EQ(Upload("/api/admin/imports/files/imf_nope/parts?offset=0", "a").status, 404);
  EXPECT_EQ(Upload("/api/admin/imports/files/..%2Fsecret/parts?offset=0", "a").status, 404);
  EXPECT_EQ(server().Admin("GET", "/api/admin/imports/files/imf_nope").status, 404);
  auto open = Upload("/api/admin/imports/files?final=false", "email\n");
  ASSERT_EQ(open.status, 201);
  const std::string id = open.json().value("id", "");
  EXPECT_EQ(Upload("/api/admin/imports/files/" + id + "/parts", "a").status, 422)
      << "the offset is required";
  EXPECT_EQ(Upload("/api/admin/imports/files/" + id + "/parts?offset=-1", "a").status, 422);
  EXPECT_EQ(server().Admin("GET", "/api/admin/imports/files/" + id).json().value("size", 0), 6);
  // Without a credential, nothing.
  EXPECT_EQ(server().Call("POST", "/api/admin/imports/files", "email\n").status, 401);
}

INSTANTIATE_TEST_SUITE_P(Engines, ImportApi, ::testing::ValuesIn(Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace clientele::testing
