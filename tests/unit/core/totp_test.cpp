#include "core/totp.hpp"

#include <gtest/gtest.h>

namespace clientele {
namespace {

TEST(Totp, Rfc6238Vector) {
  // RFC 6238 appendix B: the ASCII secret "12345678901234567890", T = 59 s → 287082 (6 digits).
  const std::string secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
  EXPECT_EQ(TotpCode(secret, 59), "287082");
  // The code's step is 59 / 30 = 1, whether it is checked in its own step or one later.
  EXPECT_EQ(MatchTotpStep(secret, "287082", 59), 1);
  EXPECT_EQ(MatchTotpStep(secret, "287082", 59 + 30), 1);  // one step of drift
  EXPECT_EQ(MatchTotpStep(secret, "287082", 59 + 120), std::nullopt);
  EXPECT_EQ(MatchTotpStep(secret, "28708", 59), std::nullopt);
  EXPECT_EQ(MatchTotpStep(secret, "abcdef", 59), std::nullopt);
}

TEST(Totp, NewSecretsWork) {
  std::string secret = NewTotpSecret();
  EXPECT_EQ(secret.size(), 32u);
  EXPECT_NE(secret, NewTotpSecret());
  EXPECT_EQ(MatchTotpStep(secret, TotpCode(secret, 1'800'000'000), 1'800'000'000),
            1'800'000'000 / 30);
  EXPECT_EQ(TotpUri("Clientele", "a b@example.com", "ABC"),
            "otpauth://totp/Clientele:a%20b@example.com?secret=ABC&issuer=Clientele");
}

}  // namespace
}  // namespace clientele
