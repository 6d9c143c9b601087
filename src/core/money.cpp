#include "core/money.hpp"

#include <unicode/ucurr.h>
#include <unicode/uenum.h>

#include <set>

namespace clientele {
namespace {

// ICU's list of current ISO 4217 codes, read once.
const std::set<std::string>& Currencies() {
  static const std::set<std::string> codes = [] {
    std::set<std::string> out;
    UErrorCode status = U_ZERO_ERROR;
    UEnumeration* all = ucurr_openISOCurrencies(UCURR_COMMON | UCURR_NON_DEPRECATED, &status);
    if (U_FAILURE(status)) return out;
    int32_t length = 0;
    while (const char* code = uenum_next(all, &length, &status)) {
      if (U_FAILURE(status)) break;
      out.emplace(code, static_cast<size_t>(length));
    }
    uenum_close(all);
    return out;
  }();
  return codes;
}

}  // namespace

bool IsCurrency(std::string_view code) {
  return code.size() == 3 && Currencies().count(std::string(code)) == 1;
}

int CurrencyDigits(std::string_view code) {
  UChar iso[4] = {0, 0, 0, 0};
  for (size_t i = 0; i < 3 && i < code.size(); ++i) iso[i] = static_cast<UChar>(code[i]);
  UErrorCode status = U_ZERO_ERROR;
  int32_t digits = ucurr_getDefaultFractionDigits(iso, &status);
  return U_FAILURE(status) ? 2 : digits;
}

std::string FormatMoney(int64_t minor, std::string_view currency) {
  const int digits = CurrencyDigits(currency);
  const bool negative = minor < 0;
  // Unsigned, so the most negative value does not overflow.
  uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(minor) : static_cast<uint64_t>(minor);
  std::string text = std::to_string(magnitude);
  if (digits > 0) {
    if (text.size() <= static_cast<size_t>(digits)) {
      text.insert(0, static_cast<size_t>(digits) + 1 - text.size(), '0');
    }
    text.insert(text.size() - static_cast<size_t>(digits), ".");
  }
  return (negative ? "-" : "") + text + " " + std::string(currency);
}

}  // namespace clientele
