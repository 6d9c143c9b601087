#include "core/totp.hpp"

#include <gtest/gtest.h>

namespace clientele {
namespace {

TEST(Totp, Rfc6238Vector) {
  // RFC 6238 appendix B: the ASCII secret "12345678901234567890", T = 59 s → 287082 (6 digits).
  const std::string secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
  EXPECT_EQ(TotpCode(secret, 59), "287082");
  EXPECT_TRUE(VerifyTotp(secret, "287082", 59));
  EXPECT_TRUE(VerifyTotp(secret, "287082", 59 + 30));  // one step of drift
  EXPECT_FALSE(VerifyTotp(secret, "287082", 59 + 120));
  EXPECT_FALSE(VerifyTotp(secret, "28708", 59));
  EXPECT_FALSE(VerifyTotp(secret, "abcdef", 59));
}

TEST(Totp, NewSecretsWork) {
  std::string secret = NewTotpSecret();
  EXPECT_EQ(secret.size(), 32u);
  EXPECT_NE(secret, NewTotpSecret());
  EXPECT_TRUE(VerifyTotp(secret, TotpCode(secret, 1'800'000'000), 1'800'000'000));
  EXPECT_EQ(TotpUri("Clientele", "a b@example.com", "ABC"),
            "otpauth://totp/Clientele:a%20b@example.com?secret=ABC&issuer=Clientele");
}

}  // namespace
}  // namespace clientele
