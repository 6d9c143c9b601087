// Currencies and amounts in minor units.
#include "core/money.hpp"

#include <gtest/gtest.h>

namespace clientele {
namespace {

TEST(Money, CurrenciesAreCurrentIsoCodes) {
  for (const char* code : {"EUR", "USD", "JPY", "KWD", "JOD", "GBP", "CHF"}) {
    EXPECT_TRUE(IsCurrency(code)) << code;
  }
  for (const char* code : {"", "eur", "EURO", "XYZ", "DEM", "E1R"}) {
    EXPECT_FALSE(IsCurrency(code)) << code;
  }
}

TEST(Money, MinorUnitsFollowTheCurrency) {
  EXPECT_EQ(CurrencyDigits("EUR"), 2);
  EXPECT_EQ(CurrencyDigits("JPY"), 0);
  EXPECT_EQ(CurrencyDigits("KWD"), 3);
  EXPECT_EQ(FormatMoney(1250, "EUR"), "12.50 EUR");
  EXPECT_EQ(FormatMoney(-5, "EUR"), "-0.05 EUR");
  EXPECT_EQ(FormatMoney(0, "USD"), "0.00 USD");
  EXPECT_EQ(FormatMoney(1200, "JPY"), "1200 JPY");
  EXPECT_EQ(FormatMoney(1500, "KWD"), "1.500 KWD");
  EXPECT_EQ(FormatMoney(INT64_MIN, "EUR"), "-92233720368547758.08 EUR");
}

}  // namespace
}  // namespace clientele
