// The address rules: per-country validation and normalisation, the country's own line order,
// the rule table itself, and how default billing/shipping choices change.
#include <gtest/gtest.h>

#include <set>

#include "modules/addresses/model.hpp"

namespace clientele::addresses {
namespace {

std::vector<std::string> FieldsOf(const Status& s) {
  std::vector<std::string> out;
  if (!s.ok()) {
    for (const auto& f : s.error().fields) out.push_back(f.field + ":" + f.code);
  }
  return out;
}

Patch Base(const std::string& country) {
  Patch p;
  p.first_name = "Ana";
  p.last_name = "Example";
  p.line1 = "1 Test Street";
  p.city = "Testville";
  p.country = country;
  return p;
}

// One row per country the issue names: a postal code as people type it and its written form, a
// badly shaped one, and the region a valid address needs ("" when none).
struct PostalCase {
  const char* country;
  const char* typed;
  const char* written;
  const char* bad;
  const char* region;
};

const PostalCase kPostalCases[] = {
    {"US", "94043-1351", "94043-1351", "9404", "CA"},
    {"CA", "k1a0b1", "K1A 0B1", "K1A 0B", "ON"},
    {"GB", "sw1a1aa", "SW1A 1AA", "SW1A 1A", ""},
    {"DE", "10115", "10115", "1011", ""},
    {"FR", "75 001", "75001", "750011", ""},
    {"NL", "1012js", "1012 JS", "0123 AB", ""},
    {"JP", "1000005", "100-0005", "100-005", "Tokyo"},
    {"CN", "100000", "100000", "10000", "Beijing"},
    {"IN", "110 001", "110001", "011001", "Delhi"},
    {"BR", "01310100", "01310-100", "0131010", "SP"},
    {"AU", "2000", "2000", "200", "NSW"},
    {"KW", "13001", "13001", "1300", ""},
    {"SA", "12271", "12271", "122", ""},
    {"JO", "11181", "11181", "1118", ""},
};

TEST(AddressRules, PostalCodesAreRequiredAndShapedPerCountry) {
  for (const auto& c : kPostalCases) {
    SCOPED_TRACE(c.country);
    Patch p = Base(c.country);
    p.region = c.region;
    p.postal_code = c.typed;
    Address a;
    ASSERT_TRUE(ApplyPatch(p, a).ok()) << FieldsOf(ApplyPatch(p, a)).front();
    EXPECT_EQ(a.postal_code, c.written);

    p.postal_code = c.bad;
    Address bad;
    EXPECT_EQ(FieldsOf(ApplyPatch(p, bad)),
              std::vector<std::string>{"postal_code:invalid_postal_code"});
    p.postal_code = "";
    Address missing;
    EXPECT_EQ(FieldsOf(ApplyPatch(p, missing)), std::vector<std::string>{"postal_code:required"});
  }
}

TEST(AddressRules, TheEmiratesHaveNoPostalCodesButNeedAnEmirate) {
  Patch p = Base("AE");
  Address a;
  EXPECT_EQ(FieldsOf(ApplyPatch(p, a)), std::vector<std::string>{"region:required"});
  p.region = "dubai";
  ASSERT_TRUE(ApplyPatch(p, a).ok());
  EXPECT_EQ(a.region, "Dubai");
  EXPECT_EQ(a.region_code, "DU");
  EXPECT_EQ(a.postal_code, "");
  p.postal_code = "00000";
  Address with_postal;
  EXPECT_EQ(FieldsOf(ApplyPatch(p, with_postal)), std::vector<std::string>{"postal_code:not_used"});
}

TEST(AddressRules, RegionsAreRequiredWhereTheCountryNeedsThem) {
  for (const char* country : {"US", "CA", "JP", "CN", "IN", "BR", "AU", "AE", "MX"}) {
    SCOPED_TRACE(country);
    EXPECT_TRUE(RulesFor(country).region.required);
    Patch p = Base(country);
    p.postal_code = RulesFor(country).postal_code.example;
    Address a;
    EXPECT_EQ(FieldsOf(ApplyPatch(p, a)), std::vector<std::string>{"region:required"});
    p.region = "Atlantis";
    EXPECT_EQ(FieldsOf(ApplyPatch(p, a)), std::vector<std::string>{"region:unknown_region"});
  }
  for (const char* country : {"GB", "DE", "FR", "NL", "KW", "SA", "JO"}) {
    SCOPED_TRACE(country);
    EXPECT_FALSE(RulesFor(country).region.required);
  }
}

TEST(AddressRules, RegionsResolveByCodeOrNameInTheAddressScript) {
  Patch p = Base("US");
  p.postal_code = "94043";
  p.region = "california";
  Address a;
  ASSERT_TRUE(ApplyPatch(p, a).ok());
  EXPECT_EQ(a.region, "California");
  EXPECT_EQ(a.region_code, "CA");
  // A new region by name replaces the old code too.
  Patch texas;
  texas.region = "TX";
  ASSERT_TRUE(ApplyPatch(texas, a).ok());
  EXPECT_EQ(a.region, "Texas");
  EXPECT_EQ(a.region_code, "TX");
  Patch by_code;
  by_code.region_code = "ny";
  ASSERT_TRUE(ApplyPatch(by_code, a).ok());
  EXPECT_EQ(a.region, "New York");

  Patch jp;
  jp.first_name = "太郎";
  jp.last_name = "山田";
  jp.line1 = "丸の内1-1-1";
  jp.city = "千代田区";
  jp.country = "JP";
  jp.postal_code = "100-0005";
  jp.region_code = "13";
  Address tokyo;
  ASSERT_TRUE(ApplyPatch(jp, tokyo).ok());
  EXPECT_EQ(tokyo.region, "東京都");
  jp.region_code.reset();
  jp.region = "Tokyo";
  jp.line1 = "1-1-1 Marunouchi";
  jp.city = "Chiyoda-ku";
  jp.first_name = "Taro";
  jp.last_name = "Yamada";
  Address latin;
  ASSERT_TRUE(ApplyPatch(jp, latin).ok());
  EXPECT_EQ(latin.region, "Tokyo");
  EXPECT_EQ(latin.region_code, "13");
}

TEST(AddressRules, ACountryChangeChecksTheAddressAgain) {
  Patch p = Base("US");
  p.postal_code = "94043-1351";
  p.region = "CA";
  Address a;
  ASSERT_TRUE(ApplyPatch(p, a).ok());
  Patch to_germany;
  to_germany.country = "DE";
  EXPECT_EQ(FieldsOf(ApplyPatch(to_germany, a)),
            (std::vector<std::string>{"postal_code:invalid_postal_code", "region:not_used"}));
  to_germany.postal_code = "10115";
  to_germany.region = "";
  Address b = a;
  ASSERT_TRUE(ApplyPatch(to_germany, b).ok());
  EXPECT_EQ(b.country, "DE");
  EXPECT_EQ(b.region_code, "");
}

TEST(AddressRules, EveryProblemIsReportedAtOnce) {
  Patch p;
  p.first_name = "";
  p.last_name = "";
  p.country = "XX";
  p.kind = "castle";
  p.label = std::string(51, 'x');
  p.phone = "12";
  Address a;
  EXPECT_EQ(
      FieldsOf(ApplyPatch(p, a)),
      (std::vector<std::string>{"label:too_long", "kind:invalid_kind", "country:invalid_country",
                                "phone:phone_country_unknown", "last_name:required"}));
  Patch empty;
  Address b;
  EXPECT_EQ(FieldsOf(ApplyPatch(empty, b)),
            (std::vector<std::string>{"country:required", "last_name:required"}));
  Patch gb = Base("GB");
  gb.line1 = "";
  gb.city = "";
  gb.postal_code = "EC1A 1BB";
  EXPECT_EQ(FieldsOf(ApplyPatch(gb, b)),
            (std::vector<std::string>{"line1:required", "city:required"}));
}

TEST(AddressRules, PhonesAreReadWithTheAddressCountry) {
  Patch p = Base("GB");
  p.postal_code = "EC1A 1BB";
  p.phone = "020 7946 0958";
  Address a;
  ASSERT_TRUE(ApplyPatch(p, a).ok());
  EXPECT_EQ(a.phone, "+442079460958");
  EXPECT_EQ(a.kind, Kind::kResidential);
}

// ---------------------------------------------------------------------------------------------

Address Make(const char* country, const char* first, const char* last, const char* line1,
             const char* city, const char* region, const char* postal, const char* company = "") {
  Patch p;
  p.first_name = first;
  p.last_name = last;
  p.company = company;
  p.line1 = line1;
  p.city = city;
  p.region = region;
  p.postal_code = postal;
  p.country = country;
  Address a;
  auto s = ApplyPatch(p, a);
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().fields.front().message);
  return a;
}

TEST(AddressFormat, UsCityStateZip) {
  Address a = Make("US", "Ana", "Lopez", "1600 Amphitheatre Pkwy", "Mountain View", "California",
                   "94043", "Example Inc.");
  EXPECT_EQ(FormatForDisplay(a),
            (std::vector<std::string>{"Ana Lopez", "Example Inc.", "1600 Amphitheatre Pkwy",
                                      "Mountain View, CA 94043", "United States"}));
  EXPECT_EQ(OneLine(a), "1600 Amphitheatre Pkwy, Mountain View, CA 94043, United States");
}

TEST(AddressFormat, BritishTownThenPostcode) {
  Address a = Make("GB", "Oliver", "Smith", "10 Downing Street", "London", "", "sw1a2aa");
  EXPECT_EQ(FormatLines(a),
            (std::vector<std::string>{"Oliver Smith", "10 Downing Street", "LONDON", "SW1A 2AA"}));
}

TEST(AddressFormat, JapanesePostalOrderAndRomanisedOrder) {
  Address a = Make("JP", "太郎", "山田", "丸の内1-1-1", "千代田区", "13", "1000005");
  EXPECT_EQ(
      FormatForDisplay(a),
      (std::vector<std::string>{"〒100-0005", "東京都千代田区丸の内1-1-1", "山田太郎", "Japan"}));
  Address b = Make("JP", "Taro", "Yamada", "1-1-1 Marunouchi", "Chiyoda-ku", "13", "1000005");
  EXPECT_EQ(FormatLines(b), (std::vector<std::string>{"Taro Yamada", "1-1-1 Marunouchi",
                                                      "Chiyoda-ku, Tokyo", "100-0005"}));
}

TEST(AddressFormat, PostalCodeBeforeTheTownInEurope) {
  Address de = Make("DE", "Max", "Müller", "Hauptstraße 5", "Berlin", "", "10115");
  EXPECT_EQ(OneLine(de), "Hauptstraße 5, 10115 Berlin, Germany");
  Address fr = Make("FR", "Léa", "Martin", "12 rue de la Paix", "Saint-Étienne", "", "42000");
  EXPECT_EQ(FormatLines(fr).back(), "42000 SAINT-ÉTIENNE");
}

TEST(AddressFormat, OtherCountries) {
  Address ca = Make("CA", "Emma", "Tremblay", "24 Sussex Drive", "Ottawa", "Ontario", "K1M1M4");
  EXPECT_EQ(FormatLines(ca).back(), "OTTAWA ON  K1M 1M4");
  Address br = Make("BR", "João", "Silva", "Avenida Paulista, 1578", "São Paulo", "SP", "01310200");
  EXPECT_EQ(FormatLines(br), (std::vector<std::string>{"João Silva", "Avenida Paulista, 1578",
                                                       "São Paulo - SP", "01310-200"}));
  Address cn = Make("CN", "伟", "王", "建国路88号", "朝阳区", "北京市", "100022");
  EXPECT_EQ(FormatLines(cn),
            (std::vector<std::string>{"100022", "北京市朝阳区建国路88号", "王伟"}));
  Address ae = Make("AE", "Omar", "Haddad", "Villa 12, Street 4", "Dubai", "DU", "");
  EXPECT_EQ(OneLine(ae), "Villa 12, Street 4, Dubai, Dubai, United Arab Emirates");
  // Countries the table does not list: the common European order.
  Address pt = Make("PT", "Rui", "Costa", "Rua Augusta 10", "Lisboa", "", "1100-053");
  EXPECT_EQ(OneLine(pt), "Rua Augusta 10, 1100-053 Lisboa, Portugal");
}

// ---------------------------------------------------------------------------------------------

TEST(AddressRuleTable, IsConsistent) {
  const std::set<std::string> fields = {"name", "company", "line1",       "line2",
                                        "city", "region",  "region_code", "postal_code"};
  for (const auto& code : CountriesWithRules()) {
    SCOPED_TRACE(code);
    const CountryRules& r = RulesFor(code);
    EXPECT_EQ(r.country, code);
    EXPECT_FALSE(r.format.empty());
    for (const auto* format : {&r.format, &r.latin_format}) {
      for (const auto& line : *format) {
        for (size_t at = line.find('{'); at != std::string::npos; at = line.find('{', at + 1)) {
          EXPECT_TRUE(fields.count(line.substr(at + 1, line.find('}', at) - at - 1))) << line;
        }
      }
    }
    if (!r.postal_code.example.empty()) {
      auto example = NormalizePostalCode(r, r.postal_code.example);
      ASSERT_TRUE(example.ok()) << r.postal_code.example;
      EXPECT_EQ(*example, r.postal_code.example) << "examples are in the written form";
    }
    if (r.postal_code.regex) {
      EXPECT_FALSE(r.postal_code.formats.empty());
    }
    std::set<std::string> codes;
    for (const auto& region : r.region.regions) {
      EXPECT_TRUE(codes.insert(region.code).second) << region.code;
      EXPECT_FALSE(region.name.empty());
    }
  }
  EXPECT_GE(CountriesWithRules().size(), 30u);
  EXPECT_EQ(RulesFor("US").region.regions.size(), 59u);
  EXPECT_EQ(RulesFor("JP").region.regions.size(), 47u);
  EXPECT_EQ(RulesFor("ZZ").country, "");  // the fallback
  EXPECT_EQ(CountryName("JP"), "Japan");
  EXPECT_EQ(CityKey("  São PAULO "), "sao paulo");
}

// ---------------------------------------------------------------------------------------------

TEST(AddressDefaults, ChoosingAndClearing) {
  Defaults d{1, 2, false};
  auto next = ChangeDefaults(d, {std::optional<int64_t>(3), std::nullopt, std::nullopt});
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(*next, (Defaults{3, 2, false}));
  // Shipping same as billing keeps the old shipping choice for when it is turned off.
  next = ChangeDefaults(d, {std::nullopt, std::nullopt, true});
  EXPECT_EQ(*next, (Defaults{1, 2, true}));
  EXPECT_EQ(next->EffectiveShipping(), 1);
  next = ChangeDefaults(*next, {std::nullopt, std::nullopt, false});
  EXPECT_EQ(next->EffectiveShipping(), 2);
  // Choosing a shipping address turns it off; asking for both is refused.
  next = ChangeDefaults({1, 2, true}, {std::nullopt, std::optional<int64_t>(5), std::nullopt});
  EXPECT_EQ(*next, (Defaults{1, 5, false}));
  EXPECT_FALSE(ChangeDefaults(d, {std::nullopt, std::optional<int64_t>(5), true}).ok());
  next = ChangeDefaults(d, {std::optional<int64_t>(), std::optional<int64_t>(), std::nullopt});
  EXPECT_EQ(*next, (Defaults{std::nullopt, std::nullopt, false}));
}

TEST(AddressDefaults, FlagsOfOneAddress) {
  const Defaults d{1, 2, false};
  auto apply = [](const Defaults& from, const DefaultsChange& c) {
    return ChangeDefaults(from, c).value();
  };
  EXPECT_EQ(apply(d, FlagsChange(d, 7, true, true)), (Defaults{7, 7, false}));
  EXPECT_EQ(apply(d, FlagsChange(d, 1, false, std::nullopt)), (Defaults{std::nullopt, 2, false}));
  EXPECT_EQ(apply(d, FlagsChange(d, 7, false, false)), d) << "not a default: nothing to clear";
  // The billing address that ships because of "same as billing" stops shipping.
  const Defaults same{1, 2, true};
  EXPECT_EQ(apply(same, FlagsChange(same, 1, std::nullopt, false)), (Defaults{1, 2, false}));
  const Defaults same_one{1, 1, true};
  EXPECT_EQ(apply(same_one, FlagsChange(same_one, 1, std::nullopt, false)),
            (Defaults{1, std::nullopt, false}));
}

TEST(AddressDefaults, DeletingNeverLeavesADanglingDefault) {
  const Defaults d{1, 1, false};
  EXPECT_EQ(AfterDelete(d, 1, std::nullopt), (Defaults{std::nullopt, std::nullopt, false}));
  EXPECT_EQ(AfterDelete(d, 1, 4), (Defaults{4, 4, false}));
  EXPECT_EQ(AfterDelete({1, 2, false}, 2, std::nullopt), (Defaults{1, std::nullopt, false}));
  EXPECT_EQ(AfterDelete({1, 2, true}, 3, 4), (Defaults{1, 2, true})) << "not a default";
  EXPECT_EQ(AfterDelete(d, 1, 1), (Defaults{std::nullopt, std::nullopt, false}));
}

}  // namespace
}  // namespace clientele::addresses
