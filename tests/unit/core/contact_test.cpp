#include "core/contact.hpp"

#include <gtest/gtest.h>

namespace clientele {
namespace {

struct EmailCase {
  const char* input;
  bool valid;
  const char* display;
  const char* key;
};

TEST(ParseEmail, Table) {
  const EmailCase cases[] = {
      {"ana@example.com", true, "ana@example.com", "ana@example.com"},
      {"  Ana.Lopez@Example.COM ", true, "Ana.Lopez@example.com", "ana.lopez@example.com"},
      {"o'brien+shop@mail.co.uk", true, "o'brien+shop@mail.co.uk", "o'brien+shop@mail.co.uk"},
      {"用户@例子.广告", true, "用户@例子.广告", "用户@例子.广告"},
      {"", false, "", ""},
      {"plain", false, "", ""},
      {"a@b", false, "", ""},
      {"@example.com", false, "", ""},
      {"a..b@example.com", false, "", ""},
      {"a b@example.com", false, "", ""},
      {"a@-example.com", false, "", ""},
      {"a@example..com", false, "", ""},
      {"a@exa_mple.com", false, "", ""},
  };
  for (const auto& c : cases) {
    auto r = ParseEmail(c.input);
    EXPECT_EQ(r.ok(), c.valid) << c.input;
    if (r.ok() && c.valid) {
      EXPECT_EQ(r->display, c.display);
      EXPECT_EQ(r->key, c.key);
    }
    if (!r.ok()) {
      ASSERT_EQ(r.error().fields.size(), 1u) << c.input;
      EXPECT_EQ(r.error().fields[0].field, "email");
    }
  }
}

TEST(ParseEmail, RejectsOverlongLocalPart) {
  EXPECT_FALSE(ParseEmail(std::string(65, 'a') + "@example.com").ok());
  EXPECT_TRUE(ParseEmail(std::string(64, 'a') + "@example.com").ok());
}

struct PhoneCase {
  const char* input;
  const char* country;
  const char* e164;  // nullptr: invalid
};

TEST(ParsePhone, Table) {
  const PhoneCase cases[] = {
      {"+44 20 7946 0958", "", "+442079460958"},
      {"020 7946 0958", "GB", "+442079460958"},
      {"0044 20 7946 0958", "", "+442079460958"},
      {"(415) 555-2671", "US", "+14155552671"},
      {"+1 415 555 2671", "DE", "+14155552671"},  // own country code wins
      {"030 901820", "DE", "+4930901820"},
      {"090-1234-5678", "JP", "+819012345678"},
      {"+962 7 9012 3456", "", "+962790123456"},
      {"020 7946 0958", "", nullptr},  // national number without a country
      {"12", "US", nullptr},
      {"+1 555", "", nullptr},
      {"not a phone", "US", nullptr},
  };
  for (const auto& c : cases) {
    auto r = ParsePhone(c.input, c.country);
    if (c.e164) {
      ASSERT_TRUE(r.ok()) << c.input << ": " << r.error().message;
      EXPECT_EQ(*r, c.e164);
    } else {
      EXPECT_FALSE(r.ok()) << c.input;
      if (!r.ok()) {
        EXPECT_EQ(r.error().fields.at(0).field, "phone");
      }
    }
  }
}

TEST(ParsePhone, MissingCountryExplainsWhatToDo) {
  auto r = ParsePhone("020 7946 0958", "");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().fields[0].code, "phone_country_unknown");
}

TEST(ParseCountry, Table) {
  EXPECT_EQ(*ParseCountry("de"), "DE");
  EXPECT_EQ(*ParseCountry(" JP "), "JP");
  EXPECT_FALSE(ParseCountry("XX").ok());
  EXPECT_FALSE(ParseCountry("DEU").ok());
  EXPECT_FALSE(ParseCountry("").ok());
}

TEST(ParseLanguage, Table) {
  EXPECT_EQ(*ParseLanguage("en"), "en");
  EXPECT_EQ(*ParseLanguage("en-us"), "en-US");
  EXPECT_EQ(*ParseLanguage("pt_BR"), "pt-BR");
  EXPECT_EQ(*ParseLanguage("zh-Hant-TW"), "zh-Hant-TW");
  EXPECT_FALSE(ParseLanguage("english").ok());
  EXPECT_FALSE(ParseLanguage("xx").ok());
  EXPECT_FALSE(ParseLanguage("en--US").ok());
  EXPECT_FALSE(ParseLanguage("").ok());
}

}  // namespace
}  // namespace clientele

namespace clientele {
namespace {

TEST(EmailMatchKey, DropsTagsAndGmailDots) {
  EXPECT_EQ(EmailMatchKey("ann.lee+shop@gmail.com"), "annlee@gmail.com");
  EXPECT_EQ(EmailMatchKey("a.n.n.lee@googlemail.com"), "annlee@gmail.com");
  EXPECT_EQ(EmailMatchKey("ann.lee+news@example.com"), "ann.lee@example.com");
  EXPECT_EQ(EmailMatchKey("plain@example.com"), "plain@example.com");
  EXPECT_EQ(EmailMatchKey("+only@example.com"), "+only@example.com");
  EXPECT_EQ(EmailMatchKey(""), "");
}

}  // namespace
}  // namespace clientele
