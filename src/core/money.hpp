// Money as integer minor units with an ISO 4217 currency; never floating point. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace clientele {

// Whether `code` is a current ISO 4217 currency ("EUR", "JPY", "KWD"); upper case only.
bool IsCurrency(std::string_view code);

// The minor-unit digits of a currency: 2 for EUR, 0 for JPY, 3 for KWD. REQUIRES: IsCurrency.
int CurrencyDigits(std::string_view code);

// "12.50 EUR", "-1,200 JPY" is written "-1200 JPY": digits, the decimal point, the code.
std::string FormatMoney(int64_t minor, std::string_view currency);

// The largest amount an entry may carry: a trillion major units of a 3-digit currency fits
// with room to spare in 64 bits, and sums of many stay far from overflow.
inline constexpr int64_t kMaxMinorAmount = 1'000'000'000'000'000LL;

}  // namespace clientele
