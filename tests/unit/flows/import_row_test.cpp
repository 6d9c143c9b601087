// Reading one record of an import file: what each target fills, empty cells that ask for
// nothing, spreadsheet apostrophes, yes/no, dates, names split, phones read with the row's
// country, billing and shipping that are one address, and address-only rows.
#include "flows/transfer/import_row.hpp"

#include <gtest/gtest.h>

namespace clientele::flows {
namespace {

TEST(ImportRow, FillsTheFieldsOfItsTargets) {
  const ImportRow r = ReadImportRow(
      {"email", "first_name", "", "tags", "consent_email", "custom_fields.size", "group", "kind"},
      {" ana@example.com ", "Ana", "ignored", "vip, newsletter,,vip", "Yes", "M", "Wholesale",
       "guest"});
  EXPECT_TRUE(r.errors.empty());
  EXPECT_FALSE(r.blank);
  EXPECT_FALSE(r.continuation);
  EXPECT_EQ(r.fields.email, "ana@example.com");
  EXPECT_EQ(r.fields.first_name, "Ana");
  EXPECT_FALSE(r.fields.last_name) << "no column, no change";
  EXPECT_EQ(*r.fields.tags, (std::vector<std::string>{"vip", "newsletter"}));
  EXPECT_EQ(r.fields.consent_email, true);
  EXPECT_EQ(r.fields.custom_fields->at("size"), "M");
  EXPECT_EQ(r.group, "Wholesale");
  EXPECT_EQ(r.kind, customers::Kind::kGuest);
  EXPECT_EQ(r.columns.at("custom_fields.size"), 5u);
}

TEST(ImportRow, EmptyCellsAskForNothing) {
  const ImportRow r = ReadImportRow({"email", "note", "consent_sms"}, {"a@example.com", "", ""});
  EXPECT_FALSE(r.fields.note);
  EXPECT_FALSE(r.fields.consent_sms);
  const ImportRow blank = ReadImportRow({"email", "note"}, {"", " "});
  EXPECT_TRUE(blank.blank);
}

TEST(ImportRow, ApostrophesOfSpreadsheetsAreDropped) {
  EXPECT_EQ(ImportCell("'+44 7400 123456"), "+44 7400 123456");
  EXPECT_EQ(ImportCell("'7210448301122"), "7210448301122");
  EXPECT_EQ(ImportCell("'=1+1"), "=1+1") << "the export's formula guard";
  EXPECT_EQ(ImportCell("'tis the season"), "'tis the season") << "text keeps its apostrophe";
  EXPECT_EQ(ImportCell("  x  "), "x");
  const ImportRow r = ReadImportRow({"email", "address_line1", "address_postal_code", "note"},
                                    {"a@example.com", "1 High St", "'SW1A 1AA", "'quoted'"});
  EXPECT_EQ(r.addresses[0].patch.postal_code, "SW1A 1AA") << "Shopify's, before every code";
  EXPECT_EQ(r.fields.note, "'quoted'");
}

TEST(ImportRow, MistakesNameTheirColumn) {
  const ImportRow r =
      ReadImportRow({"email", "consent_email", "status", "registered_at", "id"},
                    {"a@example.com", "maybe", "asleep", "yesterday", "7210448301122"});
  ASSERT_EQ(r.errors.size(), 4u);
  EXPECT_EQ(r.errors[0].column, 1u);
  EXPECT_EQ(r.errors[0].message, "Write yes or no.");
  EXPECT_EQ(r.errors[1].column, 2u);
  EXPECT_EQ(r.errors[2].column, 3u);
  EXPECT_EQ(r.errors[3].column, 4u);
}

TEST(ImportRow, DatesAsThePlatformsWriteThem) {
  EXPECT_EQ(ParseImportDate("2026-11-23T10:54:12Z"), 1795431252000000);
  EXPECT_EQ(ParseImportDate("2026-11-23 10:54:12"), 1795431252000000);
  EXPECT_EQ(ParseImportDate("2026-11-23"), 1795392000000000);
  EXPECT_FALSE(ParseImportDate("23/11/2026"));
  EXPECT_EQ(ParseYesNo("TRUE"), true);
  EXPECT_EQ(ParseYesNo("0"), false);
  EXPECT_FALSE(ParseYesNo("maybe"));
}

TEST(ImportRow, AFullNameIsSplitAtItsLastSpace) {
  const ImportRow r = ReadImportRow({"email", "name"}, {"a@example.com", "Ana María López"});
  EXPECT_EQ(r.fields.first_name, "Ana María");
  EXPECT_EQ(r.fields.last_name, "López");
  const ImportRow one = ReadImportRow({"email", "name"}, {"b@example.com", "山崎翔"});
  EXPECT_EQ(one.fields.first_name, "山崎翔");
  EXPECT_FALSE(one.fields.last_name);
}

TEST(ImportRow, ANationalPhoneIsReadWithTheRowsCountry) {
  const ImportRow own =
      ReadImportRow({"email", "phone", "country"}, {"a@example.com", "0176 12345678", "DE"});
  EXPECT_EQ(own.fields.phone, "+4917612345678");
  const ImportRow from_address =
      ReadImportRow({"email", "phone", "address_line1", "address_city", "address_country"},
                    {"a@example.com", "07400 123456", "1 High St", "London", "GB"});
  EXPECT_EQ(from_address.fields.phone, "+447400123456");
  ASSERT_EQ(from_address.addresses.size(), 1u);
  EXPECT_EQ(from_address.addresses[0].patch.country, "GB");
  const ImportRow unknown = ReadImportRow({"email", "phone"}, {"a@example.com", "12"});
  ASSERT_EQ(unknown.errors.size(), 1u);
  EXPECT_EQ(unknown.errors[0].column, 1u);
}

TEST(ImportRow, BillingAndShippingTheSameAreOneAddress) {
  const std::vector<std::string> targets = {"email", "billing_line1", "billing_city",
                                            "shipping_line1", "shipping_city"};
  const ImportRow same =
      ReadImportRow(targets, {"a@example.com", "Damrak 1", "Amsterdam", "Damrak 1", "Amsterdam"});
  ASSERT_EQ(same.addresses.size(), 1u);
  EXPECT_EQ(same.addresses[0].patch.default_billing, true);
  EXPECT_EQ(same.addresses[0].patch.default_shipping, true);
  const ImportRow two =
      ReadImportRow(targets, {"a@example.com", "Damrak 1", "Amsterdam", "Dam 2", "Amsterdam"});
  ASSERT_EQ(two.addresses.size(), 2u);
  EXPECT_EQ(two.addresses[0].patch.default_billing, true);
  EXPECT_FALSE(two.addresses[0].patch.default_shipping);
  EXPECT_EQ(two.addresses[1].patch.default_shipping, true);
  EXPECT_EQ(two.addresses[1].columns.at("line1"), 3u);
}

TEST(ImportRow, AddressColumnsAloneContinueThePreviousCustomer) {
  const std::vector<std::string> targets = {"email", "address_street", "address_city",
                                            "address_default_billing"};
  const ImportRow r = ReadImportRow(targets, {"", "Via Roma 1\nScala B", "Milano", "1"});
  EXPECT_TRUE(r.continuation);
  ASSERT_EQ(r.addresses.size(), 1u);
  EXPECT_EQ(r.addresses[0].patch.line1, "Via Roma 1");
  EXPECT_EQ(r.addresses[0].patch.line2, "Scala B");
  EXPECT_EQ(r.addresses[0].patch.default_billing, true);
  // A country and a phone alone say nowhere: not an address.
  const ImportRow nowhere = ReadImportRow({"email", "address_country"}, {"a@example.com", "IT"});
  EXPECT_TRUE(nowhere.addresses.empty());
}

TEST(ImportRow, TheMatchKey) {
  const std::vector<std::string> targets = {"id", "email"};
  EXPECT_EQ(MatchKey(targets, {"cus_1", "Ana@Example.com"}, false), "ana@example.com");
  EXPECT_EQ(MatchKey(targets, {"cus_1", "not an address"}, false), "");
  EXPECT_EQ(MatchKey(targets, {"'cus_1", ""}, true), "");
  EXPECT_EQ(MatchKey(targets, {"cus_1", ""}, true), "cus_1");
}

}  // namespace
}  // namespace clientele::flows
