// Import plans for the header rows the platforms write (as ../formats documents them): each file
// is recognised and every column gets its target, or none with a reason; a file of another shape
// gets targets suggested by its column names; chosen mappings are checked.
#include "flows/transfer/import_plan.hpp"

#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "flows/transfer/columns.hpp"

namespace clientele::flows {
namespace {

std::vector<std::string> Split(const std::string& header_row) {
  std::vector<std::string> out;
  std::stringstream in(header_row);
  for (std::string h; std::getline(in, h, ',');) out.push_back(h);
  return out;
}

// header → target ("" when not imported) of the plan.
std::map<std::string, std::string> Targets(const ImportPlan& plan) {
  std::map<std::string, std::string> out;
  for (const auto& c : plan.columns) out[c.header] = c.target;
  return out;
}

std::string ReasonOf(const ImportPlan& plan, const std::string& header) {
  for (const auto& c : plan.columns) {
    if (c.header == header) return c.reason;
  }
  return "(no such column)";
}

TEST(ImportPlan, ShopifyCurrentExportWithAMetafield) {
  const ImportPlan plan = PlanImport(
      Split("\xEF\xBB\xBF"
            "Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Default "
            "Address Company,Default Address Address1,Default Address Address2,Default Address "
            "City,Default Address Province Code,Default Address Country Code,Default Address "
            "Zip,Default Address Phone,Phone,Accepts SMS Marketing,Total Spent,Total "
            "Orders,Note,Tax Exempt,Tags,Accepts WhatsApp Marketing,Birthday "
            "(customer.metafields.facts.birth_date)"));
  EXPECT_EQ(plan.format, "shopify");
  ASSERT_EQ(plan.columns.size(), 22u);
  EXPECT_EQ(plan.columns[0].header, "Customer ID") << "the byte-order mark is not part of it";
  auto t = Targets(plan);
  EXPECT_EQ(t["Customer ID"], "custom_fields.shopify_customer_id");
  EXPECT_EQ(t["Email"], "email");
  EXPECT_EQ(t["Accepts Email Marketing"], "consent_email");
  EXPECT_EQ(t["Default Address Address1"], "address_line1");
  EXPECT_EQ(t["Default Address Province Code"], "address_region_code");
  EXPECT_EQ(t["Default Address Country Code"], "address_country");
  EXPECT_EQ(t["Default Address Zip"], "address_postal_code");
  EXPECT_EQ(t["Phone"], "phone");
  EXPECT_EQ(t["Accepts WhatsApp Marketing"], "consent_messenger");
  EXPECT_EQ(t["Tags"], "tags");
  EXPECT_EQ(t["Note"], "note");
  EXPECT_EQ(t["Birthday (customer.metafields.facts.birth_date)"], "custom_fields.facts.birth_date");
  EXPECT_EQ(t["Total Spent"], "");
  EXPECT_NE(ReasonOf(plan, "Total Spent").find("report"), std::string::npos);
}

TEST(ImportPlan, ShopifyTemplateAndThe2022Export) {
  ImportPlan plan = PlanImport(Split(
      "First Name,Last Name,Email,Accepts Email Marketing,Default Address Company,Default Address "
      "Address1,Default Address Address2,Default Address City,Default Address Province "
      "Code,Default Address Country Code,Default Address Zip,Default Address Phone,Phone,Accepts "
      "SMS Marketing,Tags,Note,Tax Exempt"));
  EXPECT_EQ(plan.format, "shopify_template");
  EXPECT_EQ(Targets(plan)["Default Address City"], "address_city");

  plan = PlanImport(
      Split("Customer ID,First Name,Last Name,Email,Accepts Marketing,Company,Address1,Address2,"
            "City,Province,Province Code,Country,Country Code,Zip,Phone,Accepts SMS "
            "Marketing,Total Spent,Total Orders,Tags,Note,Tax Exempt"));
  EXPECT_EQ(plan.format, "shopify_2022");
  auto t = Targets(plan);
  EXPECT_EQ(t["Accepts Marketing"], "consent_email") << "the older single column";
  EXPECT_EQ(t["Company"], "address_company");
  EXPECT_EQ(t["Address1"], "address_line1");
  EXPECT_EQ(t["Province"], "address_region");
  EXPECT_EQ(t["Province Code"], "address_region_code");
  EXPECT_EQ(t["Country Code"], "address_country");
  EXPECT_EQ(t["Country"], "") << "the code is imported instead";
  EXPECT_EQ(t["Zip"], "address_postal_code");
}

TEST(ImportPlan, MagentoFiles) {
  ImportPlan plan = PlanImport(Split(
      "email,_website,_store,confirmation,created_at,created_in,disable_auto_group_change,dob,"
      "firstname,gender,group_id,lastname,middlename,password_hash,prefix,reward_update_"
      "notification,reward_warning_notification,rp_token,rp_token_created_at,store_id,suffix,"
      "taxvat,updated_at,website_id,password"));
  EXPECT_EQ(plan.format, "magento_customer");
  auto t = Targets(plan);
  EXPECT_EQ(t["email"], "email");
  EXPECT_EQ(t["firstname"], "first_name");
  EXPECT_EQ(t["created_at"], "registered_at");
  EXPECT_EQ(t["dob"], "custom_fields.dob");
  EXPECT_EQ(t["password_hash"], "");
  EXPECT_NE(ReasonOf(plan, "password_hash").find("reset link"), std::string::npos);
  for (const auto& c : plan.columns)
    EXPECT_NE(c.reason, "Not a column of this format.") << c.header;

  plan = PlanImport(Split(
      "_website,_email,_entity_id,city,company,country_id,fax,firstname,lastname,middlename,"
      "postcode,prefix,region,region_id,street,suffix,telephone,vat_id,vat_is_valid,vat_request_"
      "date,vat_request_id,vat_request_success,_address_default_billing_,_address_default_"
      "shipping_"));
  EXPECT_EQ(plan.format, "magento_customer_address");
  t = Targets(plan);
  EXPECT_EQ(t["_email"], "email");
  EXPECT_EQ(t["street"], "address_street");
  EXPECT_EQ(t["firstname"], "address_first_name");
  EXPECT_EQ(t["country_id"], "address_country");
  EXPECT_EQ(t["_address_default_billing_"], "address_default_billing");

  plan = PlanImport(Split(
      "email,_website,_store,confirmation,created_at,created_in,disable_auto_group_change,dob,"
      "firstname,gender,group_id,lastname,middlename,password_hash,prefix,rp_token,rp_token_"
      "created_at,store_id,suffix,taxvat,website_id,password,_address_city,_address_company,_"
      "address_country_id,_address_fax,_address_firstname,_address_lastname,_address_middlename,"
      "_address_postcode,_address_prefix,_address_region,_address_street,_address_suffix,_address_"
      "telephone,_address_vat_id,_address_default_billing_,_address_default_shipping_"));
  EXPECT_EQ(plan.format, "magento_customer_composite");
  t = Targets(plan);
  EXPECT_EQ(t["firstname"], "first_name");
  EXPECT_EQ(t["_address_firstname"], "address_first_name");
  EXPECT_EQ(t["_address_street"], "address_street");
  EXPECT_EQ(t["_address_telephone"], "address_phone");
  EXPECT_EQ(t["_address_default_shipping_"], "address_default_shipping");
  for (const auto& c : plan.columns)
    EXPECT_NE(c.reason, "Not a column of this format.") << c.header;
}

TEST(ImportPlan, WooCommerceReportKeepsNoAddressWithoutAStreet) {
  const ImportPlan plan =
      PlanImport(Split("Name,Username,Last Active,Sign Up,Email,Orders,Total Spend,AOV,Country / "
                       "Region,City,Region,Postal Code,Billing Phone,Shipping Phone,Role"));
  EXPECT_EQ(plan.format, "woocommerce_customers");
  auto t = Targets(plan);
  EXPECT_EQ(t["Name"], "name");
  EXPECT_EQ(t["Email"], "email");
  EXPECT_EQ(t["Sign Up"], "registered_at");
  EXPECT_EQ(t["Country / Region"], "country");
  EXPECT_EQ(t["Billing Phone"], "phone");
  EXPECT_EQ(t["City"], "");
  EXPECT_NE(ReasonOf(plan, "City").find("street"), std::string::npos);
  EXPECT_EQ(t["Total Spend"], "");
}

TEST(ImportPlan, ClienteleExportMapsToItself) {
  std::vector<std::string> headers;
  for (const auto& c : ExportColumns()) headers.push_back(c.key);
  const ImportPlan plan = PlanImport(headers);
  EXPECT_EQ(plan.format, "clientele");
  auto t = Targets(plan);
  EXPECT_EQ(t["email"], "email");
  EXPECT_EQ(t["billing_line1"], "billing_line1");
  EXPECT_EQ(t["shipping_postal_code"], "shipping_postal_code");
  EXPECT_EQ(t["group"], "group");
  EXPECT_EQ(t["total_spent"], "") << "a report";
  EXPECT_EQ(t["billing_address"], "") << "the written form; its parts are imported";
  EXPECT_TRUE(CheckMapping(plan.columns.size(),
                           [&] {
                             std::vector<std::string> m;
                             for (const auto& c : plan.columns) m.push_back(c.target);
                             return m;
                           }())
                  .empty());
}

TEST(ImportPlan, OtherFilesGetTargetsByTheirNames) {
  const ImportPlan plan = PlanImport({"E-Mail Address", "Given name", "Surname", "Mobile",
                                      "ZIP code", "Town", "Shoe size", "E-mail"});
  EXPECT_EQ(plan.format, "other");
  auto t = Targets(plan);
  EXPECT_EQ(t["E-Mail Address"], "email");
  EXPECT_EQ(t["Given name"], "first_name");
  EXPECT_EQ(t["Surname"], "last_name");
  EXPECT_EQ(t["Mobile"], "phone");
  EXPECT_EQ(t["ZIP code"], "address_postal_code");
  EXPECT_EQ(t["Town"], "address_city");
  EXPECT_EQ(t["Shoe size"], "");
  EXPECT_EQ(t["E-mail"], "") << "e-mail is already filled by the first column";
  EXPECT_NE(ReasonOf(plan, "E-mail").find("already"), std::string::npos);
}

TEST(ImportPlan, MappingsAreChecked) {
  EXPECT_TRUE(CheckMapping(3, {"email", "", "custom_fields.vip_since"}).empty());
  auto errors = CheckMapping(2, {"email"});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, "wrong_length");
  errors = CheckMapping(3, {"email", "shoe_size", "email"});
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].field, "mapping[1]");
  EXPECT_EQ(errors[0].code, "unknown_target");
  EXPECT_EQ(errors[1].field, "mapping[2]");
  EXPECT_EQ(errors[1].code, "duplicate_target");
  errors = CheckMapping(2, {"first_name", "custom_fields.bad key"});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, "unknown_target");
  errors = CheckMapping(1, {"first_name"});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, "no_key");
  EXPECT_TRUE(CheckMapping(1, {"id"}).empty());
}

}  // namespace
}  // namespace clientele::flows
