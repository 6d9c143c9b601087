// Import jobs over HTTP against the real binary, on SQLite and PostgreSQL: a dry run that counts
// and reports without writing, the import that then writes what it said, an upsert that changes
// only what the file fills, all-or-nothing, Magento's address rows, in-file duplicates, a file
// that breaks off, and a Clientele export that imports back into an empty store unchanged.
#include <gtest/gtest.h>

#include "harness.hpp"
#include "support/test_db.hpp"

namespace clientele::testing {
namespace {

using nlohmann::json;

bool Ended(const json& job) {
  const std::string state = job.value("state", "");
  return state == "succeeded" || state == "failed" || state == "cancelled";
}

HttpResult Upload(const ServerProcess& server, const std::string& bytes) {
  return server.Call("POST", "/api/admin/imports/files", bytes,
                     {"Authorization: Bearer " + server.token(), "Content-Type: text/csv"});
}

// Uploads `csv` and runs an import of it with the file's own plan (or `mapping`); returns the
// job as it ended.
json RunImport(const ServerProcess& server, const std::string& csv, json options = json::object(),
               std::vector<std::string> mapping = {}) {
  auto file = Upload(server, csv);
  EXPECT_EQ(file.status, 201) << file.body;
  const json plan = file.json();
  if (mapping.empty()) {
    for (const auto& c : plan["columns"]) mapping.push_back(c.value("target", ""));
  }
  json body = {{"file_id", plan.value("id", "")}, {"mapping", mapping}};
  for (const auto& [k, v] : options.items()) body[k] = v;
  auto started = server.Admin("POST", "/api/admin/imports", body);
  EXPECT_EQ(started.status, 202) << started.body;
  if (started.status != 202) return json::object();
  EXPECT_EQ(started.json().value("kind", ""), "customer_import");
  return WaitForJob(server, started.json().value("id", ""), Ended);
}

json FindByEmail(const ServerProcess& server, const std::string& email) {
  auto list = server.Admin("GET", "/api/admin/customers?q=" + email);
  EXPECT_EQ(list.status, 200) << list.body;
  const json items = list.json()["items"];
  for (const auto& c : items) {
    if (c.value("email", "") == email) {
      return server.Admin("GET", "/api/admin/customers/" + c.value("id", "")).json();
    }
  }
  return nullptr;
}

std::string ErrorReport(const ServerProcess& server, const json& job) {
  auto r = server.Admin("GET", job["result"].value("errors_download", "/none"));
  EXPECT_EQ(r.status, 200) << r.body;
  return r.body;
}

class ImportJobApi : public SharedServerSuite {};

// Shopify's export: a byte-order mark, CRLF, apostrophes before ids, postal codes and phones, a
// national phone number read with the address's country, a note over two lines, an invalid
// e-mail address and the same customer twice.
const std::string kShopify =
    "\xEF\xBB\xBF"
    "Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Default Address "
    "Company,Default Address Address1,Default Address Address2,Default Address City,Default "
    "Address Province Code,Default Address Country Code,Default Address Zip,Default Address "
    "Phone,Phone,Accepts SMS Marketing,Total Spent,Total Orders,Note,Tax Exempt,Tags\r\n"
    "'7210448301122,Ann,Lee,ann.lee@shop-import.example,yes,,\"1 High St, Flat 2\",,London,,GB,"
    "'SW1A 1AA,,'07400 123456,no,10.00,1,\"Line one\r\nline two\",no,\"vip, newsletter\"\r\n"
    "'7210448301123,Bob,Stone,not-an-email,no,,,,,,,,,,no,0.00,0,,no,\r\n"
    "'7210448301124,Cem,Kaya,cem.kaya@shop-import.example,no,,Hauptstr. 5,,Berlin,,DE,'10115,,"
    "'+49 30 1234567,no,0.00,0,,yes,\r\n"
    "'7210448301125,Ann,Again,ANN.LEE@shop-import.example,no,,,,,,,,,,no,0.00,0,,no,\r\n";

TEST_P(ImportJobApi, ADryRunReportsWhatTheImportThenDoes) {
  const json dry = RunImport(server(), kShopify, {{"dry_run", true}});
  ASSERT_EQ(dry.value("state", ""), "succeeded") << dry.dump();
  const json& counts = dry["result"];
  EXPECT_TRUE(counts.value("dry_run", false));
  EXPECT_EQ(counts.value("rows", 0), 4);
  EXPECT_EQ(counts.value("created", 0), 2);
  EXPECT_EQ(counts.value("skipped", 0), 2) << counts.dump();
  EXPECT_EQ(dry.value("done", 0), 4);
  EXPECT_EQ(dry.value("total", 0), 4);
  const std::string report = ErrorReport(server(), dry);
  EXPECT_EQ(report.rfind("row,column,value,message\r\n", 0), 0u) << report;
  EXPECT_NE(report.find("3,Email,not-an-email,"), std::string::npos) << report;
  EXPECT_NE(report.find("5,Email,ANN.LEE@shop-import.example,The same e-mail address as row 2"),
            std::string::npos)
      << report;
  EXPECT_TRUE(FindByEmail(server(), "ann.lee@shop-import.example").is_null())
      << "a dry run writes nothing";

  const json done = RunImport(server(), kShopify);
  ASSERT_EQ(done.value("state", ""), "succeeded") << done.dump();
  EXPECT_FALSE(done["result"].value("dry_run", true));
  EXPECT_EQ(done["result"].value("created", 0), 2);
  EXPECT_EQ(done["result"].value("skipped", 0), 2);

  const json ann = FindByEmail(server(), "ann.lee@shop-import.example");
  ASSERT_TRUE(ann.is_object());
  EXPECT_EQ(ann.value("first_name", ""), "Ann");
  EXPECT_EQ(ann.value("phone", ""), "+447400123456") << "read with the address's country";
  EXPECT_EQ(ann.value("country", ""), "GB");
  EXPECT_EQ(ann.value("note", ""), "Line one\nline two");
  EXPECT_TRUE(ann.value("email_marketing_consent", false));
  EXPECT_EQ(ann["custom_fields"].value("shopify_customer_id", ""), "7210448301122");
  EXPECT_EQ(ann["tags"], json::array({"newsletter", "vip"}));
  auto book = server().Admin("GET", "/api/admin/customers/" + ann.value("id", "") + "/addresses");
  ASSERT_EQ(book.json()["items"].size(), 1u) << book.body;
  const json address = book.json()["items"][0];
  EXPECT_EQ(address.value("line1", ""), "1 High St, Flat 2");
  EXPECT_EQ(address.value("postal_code", ""), "SW1A 1AA");
  EXPECT_TRUE(address.value("default_billing", false)) << address.dump();
  const json cem = FindByEmail(server(), "cem.kaya@shop-import.example");
  ASSERT_TRUE(cem.is_object());
  EXPECT_EQ(cem.value("phone", ""), "+49301234567");
  EXPECT_EQ(cem["custom_fields"].value("tax_exempt", ""), "yes");

  // The activity says where the customer came from.
  auto activity =
      server().Admin("GET", "/api/admin/customers/" + ann.value("id", "") + "/activity");
  EXPECT_NE(activity.body.find("customer.imported"), std::string::npos) << activity.body;

  // The same file again changes nothing.
  const json again = RunImport(server(), kShopify);
  EXPECT_EQ(again["result"].value("created", -1), 0) << again.dump();
  EXPECT_EQ(again["result"].value("unchanged", 0), 2) << again.dump();
  EXPECT_EQ(FindByEmail(server(), "ann.lee@shop-import.example").value("version", 0),
            ann.value("version", -1))
      << "an unchanged row is not written";
}

TEST_P(ImportJobApi, AnUpsertChangesOnlyWhatTheFileFills) {
  auto created = server().Admin("POST", "/api/admin/customers",
                                {{"first_name", "Dora"},
                                 {"last_name", "Berg"},
                                 {"email", "dora@upsert.example"},
                                 {"phone", "+4915112345678"},
                                 {"note", "Prefers mornings"},
                                 {"tags", {"old"}}});
  ASSERT_EQ(created.status, 201) << created.body;
  const json job = RunImport(server(),
                             "email,last_name,tags,note,status\n"
                             "dora@upsert.example,Berg-Hansen,new,,inactive\n");
  ASSERT_EQ(job.value("state", ""), "succeeded") << job.dump();
  EXPECT_EQ(job["result"].value("updated", 0), 1) << job.dump();
  const json dora = FindByEmail(server(), "dora@upsert.example");
  EXPECT_EQ(dora.value("first_name", ""), "Dora");
  EXPECT_EQ(dora.value("last_name", ""), "Berg-Hansen");
  EXPECT_EQ(dora.value("note", ""), "Prefers mornings") << "an empty cell clears nothing";
  EXPECT_EQ(dora.value("phone", ""), "+4915112345678");
  EXPECT_EQ(dora["tags"], json::array({"new", "old"})) << "tags are added";
  EXPECT_EQ(dora.value("status", ""), "inactive");
}

TEST_P(ImportJobApi, AllOrNothingImportsNothingWhenARowIsWrong) {
  const json job = RunImport(server(),
                             "email,first_name,country\n"
                             "all1@nothing.example,Eva,DE\n"
                             "all2@nothing.example,Finn,XX\n",
                             {{"all_or_nothing", true}});
  ASSERT_EQ(job.value("state", ""), "failed") << job.dump();
  EXPECT_NE(job.value("error", "").find("Nothing was imported"), std::string::npos) << job.dump();
  EXPECT_NE(ErrorReport(server(), job).find("3,country,XX,"), std::string::npos);
  EXPECT_TRUE(FindByEmail(server(), "all1@nothing.example").is_null());

  const json good = RunImport(server(),
                              "email,first_name,country\n"
                              "all1@nothing.example,Eva,DE\n"
                              "all2@nothing.example,Finn,AT\n",
                              {{"all_or_nothing", true}});
  ASSERT_EQ(good.value("state", ""), "succeeded") << good.dump();
  EXPECT_EQ(good["result"].value("created", 0), 2);
  EXPECT_EQ(good.value("done", 0), 4) << "checked, then written";
  EXPECT_EQ(FindByEmail(server(), "all2@nothing.example").value("country", ""), "AT");
}

TEST_P(ImportJobApi, MagentoAddressRowsAddToTheCustomerBeforeThem) {
  const json job = RunImport(
      server(),
      "email,_website,firstname,lastname,group_id,_address_firstname,_address_lastname,"
      "_address_street,_address_city,_address_postcode,_address_country_id,_address_telephone,"
      "_address_default_billing_,_address_default_shipping_\n"
      "mage@composite.example,base,Gina,Rossi,1,Gina,Rossi,\"Via Roma 1\nScala B\",Milano,20121,"
      "IT,02 1234567,1,0\n"
      ",,,,,Gina,Rossi,Via Po 2,Torino,10123,IT,,0,1\n"
      ",,,,,Gina,Rossi,Via Po 2,Torino,ABC,IT,,0,0\n");
  ASSERT_EQ(job.value("state", ""), "succeeded") << job.dump();
  EXPECT_EQ(job["result"].value("created", 0), 1);
  EXPECT_EQ(job["result"].value("skipped", 0), 1) << "the address with a bad postal code";
  EXPECT_NE(ErrorReport(server(), job).find("4,_address_postcode,ABC,"), std::string::npos);
  const json gina = FindByEmail(server(), "mage@composite.example");
  ASSERT_TRUE(gina.is_object());
  auto book = server().Admin("GET", "/api/admin/customers/" + gina.value("id", "") + "/addresses");
  const json items = book.json()["items"];
  ASSERT_EQ(items.size(), 2u) << book.body;
  EXPECT_EQ(items[0].value("line1", ""), "Via Roma 1");
  EXPECT_EQ(items[0].value("line2", ""), "Scala B");
  EXPECT_EQ(items[0].value("phone", ""), "+39021234567");
  EXPECT_TRUE(items[0].value("default_billing", false)) << book.body;
  EXPECT_FALSE(items[0].value("default_shipping", true)) << book.body;
  EXPECT_TRUE(items[1].value("default_shipping", false)) << book.body;
}

TEST_P(ImportJobApi, BadRequestsAndBrokenFilesChangeNothing) {
  auto file = Upload(server(), "email,first_name\nbroken@file.example,Hal\n");
  const std::string id = file.json().value("id", "");
  auto wrong = server().Admin("POST", "/api/admin/imports",
                              {{"file_id", id}, {"mapping", {"email", "email"}}});
  EXPECT_EQ(wrong.status, 422) << wrong.body;
  EXPECT_NE(wrong.body.find("mapping[1]"), std::string::npos) << wrong.body;
  auto none = server().Admin("POST", "/api/admin/imports",
                             {{"file_id", id}, {"mapping", {"", "first_name"}}});
  EXPECT_EQ(none.status, 422) << none.body;
  auto by_id = server().Admin("POST", "/api/admin/imports",
                              {{"file_id", id}, {"mapping", {"email", ""}}, {"match_by", "id"}});
  EXPECT_EQ(by_id.status, 422) << by_id.body;
  EXPECT_NE(by_id.body.find("customer ids"), std::string::npos) << by_id.body;
  auto missing = server().Admin("POST", "/api/admin/imports",
                                {{"file_id", "imf_nothing"}, {"mapping", {"email"}}});
  EXPECT_EQ(missing.status, 422) << missing.body;
  EXPECT_NE(missing.body.find("file_id"), std::string::npos);

  // A quote left open among the first rows: the upload's plan says so, and no import starts.
  auto early = Upload(server(), "email,first_name\nearly@file.example,\"Open\n");
  auto refused = server().Admin(
      "POST", "/api/admin/imports",
      {{"file_id", early.json().value("id", "")}, {"mapping", {"email", "first_name"}}});
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_NE(refused.body.find("unreadable_file"), std::string::npos) << refused.body;
  // Further on: the job fails before writing any of the rows before it.
  std::string late = "email,first_name\n";
  for (int i = 0; i < 6; ++i) late += "broken" + std::to_string(i) + "@file.example,Hal\n";
  late += "other@file.example,\"Open\n";
  const json broken = RunImport(server(), late);
  ASSERT_EQ(broken.value("state", ""), "failed") << broken.dump();
  EXPECT_NE(broken.value("error", "").find("row 8"), std::string::npos) << broken.dump();
  EXPECT_TRUE(FindByEmail(server(), "broken0@file.example").is_null());
  EXPECT_EQ(server().Admin("GET", "/api/admin/imports/job_nothing/errors").status, 404);
}

// The other platforms' files, recognised and imported without a mapping: WooCommerce's
// customers report (guests have no username), Magento's customer file and then its address file
// (rows for customers the store has), and Shopify's import template with a blank e-mail.
TEST_P(ImportJobApi, OtherPlatformsFilesImportAsTheyAre) {
  const json woo = RunImport(
      server(),
      "Name,Username,Last Active,Sign Up,Email,Orders,Total Spend,AOV,Country / Region,City,"
      "Region,Postal Code,Billing Phone,Shipping Phone,Role\n"
      "Jana Nováková,jana,2026-11-01,2024-03-05 09:15:00,jana@woo-import.example,3,120.00,40.00,"
      "CZ,Praha,,11000,602 123 456,,customer\n"
      "Guest Buyer,,2026-10-02,,guest@woo-import.example,1,15.00,15.00,CZ,Brno,,60200,,,\n");
  ASSERT_EQ(woo.value("state", ""), "succeeded") << woo.dump();
  EXPECT_EQ(woo["result"].value("created", 0), 2) << woo.dump();
  const json jana = FindByEmail(server(), "jana@woo-import.example");
  EXPECT_EQ(jana.value("first_name", ""), "Jana");
  EXPECT_EQ(jana.value("last_name", ""), "Nováková");
  EXPECT_EQ(jana.value("kind", ""), "registered");
  EXPECT_EQ(jana.value("phone", ""), "+420602123456") << "read with the row's country";
  EXPECT_EQ(jana.value("registered_at", ""), "2024-03-05T09:15:00Z");
  EXPECT_EQ(jana["custom_fields"].value("username", ""), "jana");
  EXPECT_EQ(FindByEmail(server(), "guest@woo-import.example").value("kind", ""), "guest");

  const json customers = RunImport(
      server(),
      "email,_website,_store,confirmation,created_at,created_in,disable_auto_group_change,dob,"
      "firstname,gender,group_id,lastname,middlename,password_hash,prefix,rp_token,"
      "rp_token_created_at,store_id,suffix,taxvat,updated_at,website_id,password\n"
      "luca@mage-import.example,base,default,,2015-10-30 12:49:47,Default Store View,0,"
      "1990-01-31,Luca,Male,1,Bianchi,,abc:2,,,,1,,IT123,2016-01-01 00:00:00,1,\n");
  ASSERT_EQ(customers.value("state", ""), "succeeded") << customers.dump();
  EXPECT_EQ(customers["result"].value("created", 0), 1) << customers.dump();
  const json luca = FindByEmail(server(), "luca@mage-import.example");
  EXPECT_EQ(luca.value("registered_at", ""), "2015-10-30T12:49:47Z");
  EXPECT_EQ(luca["custom_fields"].value("gender", ""), "Male");
  EXPECT_EQ(luca["custom_fields"].value("taxvat", ""), "IT123");
  const json addresses = RunImport(
      server(),
      "_website,_email,_entity_id,city,company,country_id,fax,firstname,lastname,middlename,"
      "postcode,prefix,region,region_id,street,suffix,telephone,vat_id,vat_is_valid,"
      "vat_request_date,vat_request_id,vat_request_success,_address_default_billing_,"
      "_address_default_shipping_\n"
      "base,luca@mage-import.example,7,Roma,,IT,,Luca,Bianchi,,00184,,,,\"Via Nazionale 1\","
      ",312 345 6789,,,,,,1,1\n"
      "base,nobody@mage-import.example,8,Roma,,IT,,No,Body,,00184,,,,Via Po 2,,,,,,,,1,\n");
  ASSERT_EQ(addresses.value("state", ""), "succeeded") << addresses.dump();
  EXPECT_EQ(addresses["result"].value("updated", 0), 1) << addresses.dump();
  EXPECT_EQ(addresses["result"].value("skipped", 0), 1) << addresses.dump();
  EXPECT_NE(ErrorReport(server(), addresses).find("import the customer file first"),
            std::string::npos);
  auto book = server().Admin("GET", "/api/admin/customers/" + luca.value("id", "") + "/addresses");
  ASSERT_EQ(book.json()["items"].size(), 1u) << book.body;
  EXPECT_TRUE(book.json()["items"][0].value("default_shipping", false)) << book.body;

  const json shopify = RunImport(
      server(),
      "First Name,Last Name,Email,Accepts Email Marketing,Default Address Company,Default "
      "Address Address1,Default Address Address2,Default Address City,Default Address Province "
      "Code,Default Address Country Code,Default Address Zip,Default Address Phone,Phone,Accepts "
      "SMS Marketing,Tags,Note,Tax Exempt\n"
      "Mia,Sanders,,no,,12 Bay St,,Sydney,NSW,AU,'2000,,'+61412000999,yes,phone-only,,no\n");
  ASSERT_EQ(shopify.value("state", ""), "succeeded") << shopify.dump();
  EXPECT_EQ(shopify["result"].value("created", 0), 1) << shopify.dump();
  auto mia = server().Admin("GET", "/api/admin/customers?q=61412000999");
  ASSERT_EQ(mia.json()["items"].size(), 1u) << mia.body;
  EXPECT_EQ(mia.json()["items"][0].value("kind", ""), "guest") << "no e-mail, no account";
}

// A row that fails after it began to write (here: a customer who has 100 addresses already, so
// the change of name is written before the address is refused) leaves nothing behind, and the
// rows around it are imported.
TEST_P(ImportJobApi, ARowRefusedHalfWayLeavesNothingBehind) {
  auto full = server().Admin("POST", "/api/admin/customers",
                             {{"first_name", "Full"},
                              {"last_name", "Book"},
                              {"email", "full.book@half.example"},
                              {"country", "DE"}});
  ASSERT_EQ(full.status, 201) << full.body;
  const std::string id = full.json().value("id", "");
  for (int i = 0; i < 100; ++i) {
    auto a = server().Admin("POST", "/api/admin/customers/" + id + "/addresses",
                            {{"line1", "Weg " + std::to_string(i + 1)},
                             {"city", "Berlin"},
                             {"postal_code", "10115"},
                             {"country", "DE"}});
    ASSERT_EQ(a.status, 201) << a.body;
  }
  const json job = RunImport(server(),
                             "email,last_name,address_line1,address_city,address_postal_code,"
                             "address_country\n"
                             "before@half.example,Before,Weg 1,Berlin,10115,DE\n"
                             "full.book@half.example,Changed,Neuer Weg 1,Berlin,10115,DE\n"
                             "after@half.example,After,Weg 2,Berlin,10115,DE\n");
  ASSERT_EQ(job.value("state", ""), "succeeded") << job.dump();
  EXPECT_EQ(job["result"].value("created", 0), 2) << job.dump();
  EXPECT_EQ(job["result"].value("skipped", 0), 1) << job.dump();
  EXPECT_NE(ErrorReport(server(), job).find("3,"), std::string::npos);
  const json after = FindByEmail(server(), "full.book@half.example");
  EXPECT_EQ(after.value("last_name", ""), "Book") << "the name written first is undone";
  EXPECT_EQ(after.value("version", 0), full.json().value("version", -1));
  EXPECT_TRUE(FindByEmail(server(), "before@half.example").is_object());
  EXPECT_TRUE(FindByEmail(server(), "after@half.example").is_object());
}

// A Clientele export of customers with their addresses, imported into an empty store, exports
// again as the same file. Stores of its own: on PostgreSQL a fresh store resets the one database.
class ImportRoundTrip : public ::testing::TestWithParam<std::string> {};

TEST_P(ImportRoundTrip, AClientelExportImportsBackUnchanged) {
  auto source = std::make_unique<ServerProcess>(FreshDatabaseUrl(GetParam()));
  auto server = [&]() -> const ServerProcess& { return *source; };
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) {
    auto c = server().Admin("POST", "/api/admin/customers",
                            {{"first_name", i == 1 ? "Zoë" : "Ivo"},
                             {"last_name", "Round " + std::to_string(i)},
                             {"email", "round" + std::to_string(i) + "@trip.example"},
                             {"phone", i == 2 ? "" : "+3161234567" + std::to_string(i)},
                             {"country", "NL"},
                             {"note", i == 0 ? "=1+1 is not a formula\nsecond line" : ""},
                             {"tags", {"roundtrip", "batch " + std::to_string(i)}},
                             {"email_marketing_consent", i == 1},
                             {"custom_fields", {{"size", "M"}}}});
    ASSERT_EQ(c.status, 201) << c.body;
    auto a =
        server().Admin("POST", "/api/admin/customers/" + c.json().value("id", "") + "/addresses",
                       {{"line1", "Damrak " + std::to_string(i + 1)},
                        {"city", "Amsterdam"},
                        {"postal_code", "1012 LG"},
                        {"country", "NL"}});
    ASSERT_EQ(a.status, 201) << a.body;
    ids.push_back(c.json().value("id", ""));
  }
  // A group and a ban: the empty store gets the group, and the customer banned.
  auto group = server().Admin("POST", "/api/admin/groups", {{"name", "Round-trip wholesale"}});
  ASSERT_EQ(group.status, 201) << group.body;
  ASSERT_EQ(server()
                .Admin("PATCH", "/api/admin/customers/" + ids[0],
                       {{"group_id", group.json().value("id", "")}})
                .status,
            200);
  ASSERT_EQ(server()
                .Admin("POST", "/api/admin/customers/" + ids[1] + "/ban",
                       {{"reason", "other"}, {"note", "Chargebacks"}})
                .status,
            200);
  std::vector<std::string> columns;
  const json all = server().Admin("GET", "/api/admin/exports/columns").json()["items"];
  for (const auto& c : all) {
    columns.push_back(c.value("key", ""));
  }
  auto export_csv = [&](const ServerProcess& from) {
    auto started = from.Admin("POST", "/api/admin/exports",
                              {{"format", "csv"},
                               {"columns", columns},
                               {"filter", {{"tag", "roundtrip"}, {"sort", "email"}}}});
    EXPECT_EQ(started.status, 202) << started.body;
    const json job = WaitForJob(from, started.json().value("id", ""), Ended);
    return from.Admin("GET", "/api/admin/exports/" + job.value("id", "") + "/file").body;
  };
  const std::string first = export_csv(server());
  ASSERT_NE(first.find("round2@trip.example"), std::string::npos) << first;

  source.reset();
  ServerProcess empty(FreshDatabaseUrl(GetParam()));
  const json job = RunImport(empty, first, {{"match_by", "id"}});
  ASSERT_EQ(job.value("state", ""), "succeeded") << job.dump();
  EXPECT_EQ(job["result"].value("created", 0), 3) << job.dump();
  EXPECT_EQ(job["result"].value("errors", -1), 0) << job.dump();
  EXPECT_EQ(export_csv(empty), first);
  EXPECT_NE(first.find("Round-trip wholesale"), std::string::npos);
  EXPECT_NE(first.find(",banned,"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Engines, ImportRoundTrip, ::testing::ValuesIn(Engines()),
                         [](const auto& info) { return info.param; });
INSTANTIATE_TEST_SUITE_P(Engines, ImportJobApi, ::testing::ValuesIn(Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace clientele::testing
