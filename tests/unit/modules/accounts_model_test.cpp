// Shopper account rules: the password rules, device names from user agents, recovery codes.
#include <gtest/gtest.h>

#include <set>

#include "formats/qr_svg.hpp"
#include "modules/accounts/model.hpp"

namespace clientele::accounts {
namespace {

TEST(ShopperPasswords, RulesInTheOrderAShopperFixesThem) {
  struct Case {
    const char* password;
    const char* email;
    const char* code;  // nullptr: accepted
  } cases[] = {
      {"short", "ann@example.com", "password_too_short"},
      {"ninechars", "ann@example.com", "password_too_short"},
      {"ÄÖÜäöüßéè", "ann@example.com", "password_too_short"},  // nine code points
      {"qwertyuiop", "ann@example.com", "password_common"},
      {"QwertyUiop", "ann@example.com", "password_common"},  // any case
      {"my annabel password", "annabel@example.com", "password_contains_email"},
      {"MY-ANNABEL-2026", "annabel@example.com", "password_contains_email"},
      {"ann likes tea", "an@example.com", nullptr},  // a local part under 3 characters
      {"tulip garden 42", "ann@example.com", nullptr},
      {"ÄÖÜäöüßéèà", "ann@example.com", nullptr},  // ten code points
  };
  for (const auto& c : cases) {
    auto problem = PasswordProblem(c.password, c.email);
    if (c.code == nullptr) {
      EXPECT_FALSE(problem) << c.password << ": " << problem->code;
    } else {
      ASSERT_TRUE(problem) << c.password;
      EXPECT_EQ(problem->code, c.code) << c.password;
      EXPECT_EQ(problem->field, "password");
    }
  }
  EXPECT_EQ(PasswordProblem(std::string(1025, 'x'), "a@b.c")->code, "password_too_long");
}

TEST(ShopperPasswords, HashVerifiesOnlyItsPassword) {
  auto hash = HashPassword("tulip garden 42");
  ASSERT_TRUE(hash.ok());
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(VerifyPassword(*hash, "tulip garden 42"));
  EXPECT_FALSE(VerifyPassword(*hash, "tulip garden 43"));
  EXPECT_FALSE(VerifyPassword("", "tulip garden 42"));
}

TEST(Devices, NamedFromTheUserAgent) {
  EXPECT_EQ(DeviceName("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                       "Chrome/120.0.0.0 Safari/537.36"),
            "Chrome on Linux");
  EXPECT_EQ(
      DeviceName("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
                 "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"),
      "Safari on iPhone");
  EXPECT_EQ(DeviceName("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 "
                       "Firefox/121.0"),
            "Firefox on Windows");
  EXPECT_EQ(DeviceName("Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/120.0 "
                       "Safari/537.36 Edg/120.0"),
            "Edge on Windows");
  EXPECT_EQ(DeviceName("curl/8.0"), "Unknown device");
  EXPECT_EQ(DeviceName(""), "Unknown device");
}

TEST(RecoveryCodes, TenDistinctCodesThatSurviveHowTheyAreTyped) {
  auto codes = NewRecoveryCodes();
  ASSERT_EQ(codes.size(), 10u);
  std::set<std::string> distinct(codes.begin(), codes.end());
  EXPECT_EQ(distinct.size(), 10u);
  for (const auto& code : codes) {
    ASSERT_EQ(code.size(), 11u);
    EXPECT_EQ(code[5], '-');
    std::string typed = code;
    for (char& ch : typed) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    typed.insert(3, " ");
    EXPECT_EQ(NormalizeRecoveryCode(typed), NormalizeRecoveryCode(code));
    EXPECT_EQ(NormalizeRecoveryCode(code).size(), 10u);
  }
}

TEST(QrCodes, AnOtpauthUriBecomesAnSvg) {
  auto svg = formats::QrSvg("otpauth://totp/Store:ann%40example.com?secret=JBSWY3DPEHPK3PXP");
  ASSERT_TRUE(svg);
  EXPECT_EQ(svg->rfind("<svg", 0), 0u);
  EXPECT_NE(svg->find("<path"), std::string::npos);
  EXPECT_FALSE(formats::QrSvg(std::string(8000, 'x')));  // beyond what a QR code holds
}

}  // namespace
}  // namespace clientele::accounts
