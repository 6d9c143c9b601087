#include <gtest/gtest.h>

#include "modules/customers/model.hpp"

namespace clientele::customers {
namespace {

TEST(ApplyPatch, NormalisesEveryField) {
  Customer c;
  Patch p;
  p.first_name = "  Zoë ";
  p.last_name = "Ångström";
  p.email = "Zoe.A@Example.COM";
  p.country = "se";
  p.phone = "070-123 45 67";
  p.language = "sv_se";
  p.commission_reduced_percent = 12.5;
  p.custom_fields = std::map<std::string, std::string>{{"loyalty_id", "L-1"}};
  ASSERT_TRUE(ApplyPatch(p, c).ok());
  EXPECT_EQ(c.first_name, "Zoë");
  EXPECT_EQ(c.email, "Zoe.A@example.com");
  EXPECT_EQ(c.email_key, "zoe.a@example.com");
  EXPECT_EQ(c.country, "SE");
  EXPECT_EQ(c.phone, "+46701234567");
  EXPECT_EQ(c.language, "sv-SE");
  EXPECT_EQ(c.commission_reduced_bp, 1250);
  EXPECT_EQ(SearchText(c), "  zoe  angstrom  angstroem  zoe.a@example.com");
  EXPECT_EQ(PhoneDigits(c), "  46701234567  0701234567");
  EXPECT_EQ(NameSortKey(c), "angstrom zoe");
}

TEST(ApplyPatch, ReportsEveryBadFieldAndChangesNothing) {
  Customer c;
  c.first_name = "Keep";
  Patch p;
  p.first_name = "Changed";
  p.email = "nope";
  p.country = "XX";
  p.language = "klingon";
  p.commission_reduced_percent = 100.5;
  p.custom_fields = std::map<std::string, std::string>{{"bad key", "x"}};
  auto s = ApplyPatch(p, c);
  ASSERT_FALSE(s.ok());
  std::vector<std::string> fields;
  for (const auto& f : s.error().fields) fields.push_back(f.field);
  EXPECT_EQ(fields,
            (std::vector<std::string>{"country", "language", "email", "custom_fields.bad key",
                                      "commission_reduced_percent"}));
}

TEST(ApplyPatch, CommissionPrecision) {
  Customer c;
  Patch p;
  p.commission_reduced_percent = 7.25;
  EXPECT_TRUE(ApplyPatch(p, c).ok());
  EXPECT_EQ(c.commission_reduced_bp, 725);
  p.commission_reduced_percent = 7.255;
  EXPECT_FALSE(ApplyPatch(p, c).ok());
}

TEST(ApplyPatch, NationalPhoneNeedsCountry) {
  Customer c;
  Patch p;
  p.phone = "020 7946 0958";
  EXPECT_FALSE(ApplyPatch(p, c).ok());
  p.country = "GB";
  EXPECT_TRUE(ApplyPatch(p, c).ok());
  EXPECT_EQ(c.phone, "+442079460958");
}

TEST(CheckComplete, RegisteredNeedsEmail) {
  Customer c;
  EXPECT_FALSE(CheckComplete(c).ok());
  c.kind = Kind::kGuest;
  c.phone = "+442079460958";
  EXPECT_TRUE(CheckComplete(c).ok());
}

TEST(PlanSearch, WordsAreTermsInAnyOrder) {
  EXPECT_TRUE(PlanSearch("").empty());
  EXPECT_TRUE(PlanSearch("  ").empty());
  const SearchPlan two = PlanSearch("  James   SMITH ");
  ASSERT_EQ(two.terms.size(), 2u);
  EXPECT_FALSE(two.phone);
  EXPECT_EQ(two.terms[0].spellings, std::vector<std::string>{"james"});
  EXPECT_EQ(two.terms[1].spellings, std::vector<std::string>{"smith"});
  EXPECT_FALSE(two.terms[0].prefix);
  // One- and two-letter words match word starts; a repeated word counts once.
  const SearchPlan short_words = PlanSearch("jo 山 jo");
  ASSERT_EQ(short_words.terms.size(), 2u);
  EXPECT_TRUE(short_words.terms[0].prefix);
  EXPECT_TRUE(short_words.terms[1].prefix);
  EXPECT_EQ(PlanSearch("a b c d e f g h i j").terms.size(), 8u);
}

TEST(PlanSearch, OtherSpellingsOfAWord) {
  EXPECT_EQ(PlanSearch("Mül").terms[0].spellings, (std::vector<std::string>{"mul", "muel"}));
  EXPECT_EQ(PlanSearch("Müller").terms[0].spellings,
            (std::vector<std::string>{"muller", "mueller"}));
  EXPECT_EQ(PlanSearch("Николаев").terms[0].spellings,
            (std::vector<std::string>{"николаев", "nikolaev", "nikolayev"}));
  // Normalised kana lose their voicing marks as accents do (ダ → タ), on both sides.
  EXPECT_EQ(PlanSearch("ヤマダ").terms[0].spellings,
            (std::vector<std::string>{"ヤマタ", "yamada"}));
  EXPECT_EQ(PlanSearch("山崎翔").terms[0].spellings, std::vector<std::string>{"山崎翔"});
}

TEST(PlanSearch, PhonesAreDigits) {
  const SearchPlan phone = PlanSearch("+44 20 79");
  EXPECT_TRUE(phone.phone);
  ASSERT_EQ(phone.terms.size(), 1u);
  EXPECT_EQ(phone.terms[0].spellings, std::vector<std::string>{"442079"});
  EXPECT_EQ(PlanSearch("0044 20").terms[0].spellings, (std::vector<std::string>{"004420", "4420"}));
  EXPECT_TRUE(PlanSearch("07").terms[0].prefix);
}

TEST(TermMatches, SubstringsAndWordStarts) {
  SearchTerm sub{{"mit"}, false};
  EXPECT_TRUE(TermMatches(sub, "james smith"));
  EXPECT_FALSE(TermMatches(sub, "james jones"));
  SearchTerm start{{"sm"}, true};
  EXPECT_TRUE(TermMatches(start, "james smith"));
  EXPECT_TRUE(TermMatches(start, "  james  smith"));        // with word marks
  EXPECT_FALSE(TermMatches(start, "j.smith@example.com"));  // an e-mail address is one word
  EXPECT_FALSE(TermMatches(start, "jasmin"));
  EXPECT_TRUE(TermMatches(start, "sm"));
}

TEST(SearchKeys, WhatSearchLooksAt) {
  Customer c;
  c.first_name = "Jürgen";
  c.last_name = "Müller";
  c.company = "Acme GmbH";
  c.email_key = "j.mueller@example.de";
  c.phone = "+4917612345678";
  EXPECT_EQ(SearchText(c), "  jurgen  muller  juergen  mueller  acme  gmbh  j.mueller@example.de");
  EXPECT_EQ(PhoneDigits(c), "  4917612345678  017612345678");
  c.phone = "+96599887766";  // Kuwait dials no national prefix
  EXPECT_EQ(PhoneDigits(c), "  96599887766");
  c.phone = "+12125550123";  // NANP's "1" is the country code again
  EXPECT_EQ(PhoneDigits(c), "  12125550123");
  c.phone = "+79161234567";
  EXPECT_EQ(PhoneDigits(c), "  79161234567  89161234567");

  Customer jp;
  jp.first_name = "翔";
  jp.last_name = "山崎";
  EXPECT_EQ(SearchText(jp), "  翔  山崎  山崎翔");
  EXPECT_EQ(FullName(jp), "山崎 翔");
  Customer ru;
  ru.first_name = "Тарас";
  ru.last_name = "Шевченко";
  EXPECT_EQ(SearchText(ru), "  тарас  шевченко  taras  sevcenko  shevchenko");
  EXPECT_EQ(FullName(ru), "Тарас Шевченко");
  Customer gr;
  gr.first_name = "Δημήτρης";
  EXPECT_EQ(SearchText(gr), "  δημητρησ  demetres  dimitris");  // ς folds to σ
  Customer in;
  in.first_name = "राहुल";
  in.last_name = "शर्मा";
  // Normalising drops the non-spacing vowel signs and viramas, on both sides alike.
  EXPECT_EQ(SearchText(in), "  राहल  शरमा  rahula  rahul  sarma  sharma");
}

TEST(ExplainMatch, NamesTheFieldARowDoesNotShow) {
  Customer c;
  c.first_name = "Иван";
  c.last_name = "Николаев";
  c.email_key = "ivan@example.ru";
  c.company = "Werkzeuge GmbH";
  const std::vector<Place> places = {{"Berlin", "10115"}};
  EXPECT_FALSE(ExplainMatch(PlanSearch("ivan@"), c, places));
  EXPECT_FALSE(ExplainMatch(PlanSearch("николаев"), c, places));
  auto latin = ExplainMatch(PlanSearch("nikolaev"), c, places);
  ASSERT_TRUE(latin);
  EXPECT_EQ(latin->field, "latin_name");
  EXPECT_EQ(latin->value, "Ivan Nikolaev");
  EXPECT_EQ(ExplainMatch(PlanSearch("nikolayev"), c, places)->value, "Ivan Nikolayev");
  auto city = ExplainMatch(PlanSearch("иван berlin"), c, places);
  ASSERT_TRUE(city);
  EXPECT_EQ(city->field, "city");
  EXPECT_EQ(city->value, "Berlin");
  // Digits match phones and postal codes of digits.
  EXPECT_EQ(ExplainMatch(PlanSearch("101"), c, places)->field, "postal_code");
  c.phone = "+4930101234";
  EXPECT_EQ(ExplainMatch(PlanSearch("101"), c, places), std::nullopt);
  EXPECT_EQ(ExplainMatch(PlanSearch("werk"), c, places)->field, "company");
}

TEST(Keys, RegistrationOrder) {
  EXPECT_LT(KeyFor(1000, 1023), KeyFor(1001, 0));
  EXPECT_EQ(FirstKeyAt(1001), KeyFor(1001, 0));
  EXPECT_EQ(KeyFor(-5, 3), 3);
}

}  // namespace
}  // namespace clientele::customers
