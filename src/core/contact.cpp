#include "core/contact.hpp"

#include <phonenumbers/phonenumberutil.h>
#include <unicode/locid.h>
#include <unicode/uloc.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <unordered_map>

#include "core/text.hpp"

namespace clientele {
namespace {

Error FieldInvalid(const std::string& field, std::string code, std::string message) {
  return Error::Invalid(message, {{field, std::move(code), message}});
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool ValidDomain(std::string_view domain) {
  if (domain.empty() || domain.size() > 253) return false;
  size_t labels = 0;
  size_t start = 0;
  while (start <= domain.size()) {
    size_t dot = domain.find('.', start);
    std::string_view label =
        domain.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
      return false;
    }
    for (unsigned char c : label) {
      if (!(std::isalnum(c) || c == '-' || c >= 0x80)) return false;
    }
    ++labels;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return labels >= 2;
}

const std::set<std::string>& IsoCountries() {
  static const std::set<std::string> codes = [] {
    std::set<std::string> out;
    for (const char* const* c = uloc_getISOCountries(); *c; ++c) out.insert(*c);
    return out;
  }();
  return codes;
}

const std::set<std::string>& IsoLanguages() {
  static const std::set<std::string> codes = [] {
    std::set<std::string> out;
    for (const char* const* c = uloc_getISOLanguages(); *c; ++c) out.insert(*c);
    return out;
  }();
  return codes;
}

}  // namespace

std::string EmailMatchKey(std::string_view email_key) {
  const size_t at = email_key.rfind('@');
  if (at == std::string_view::npos) return std::string(email_key);
  std::string local(email_key.substr(0, std::min(at, email_key.find('+'))));
  std::string domain(email_key.substr(at + 1));
  if (domain == "googlemail.com") domain = "gmail.com";
  if (domain == "gmail.com") local.erase(std::remove(local.begin(), local.end(), '.'), local.end());
  if (local.empty()) return std::string(email_key);  // "+x@…" has nothing else to compare
  return local + "@" + domain;
}

Result<Email> ParseEmail(std::string_view input, const std::string& field) {
  std::string email = Trim(input);
  const auto invalid = [&] {
    return FieldInvalid(field, "invalid_email",
                        "This is not a valid e-mail address (expected name@example.com).");
  };
  if (email.empty()) return FieldInvalid(field, "required", "An e-mail address is required.");
  if (email.size() > 254 || !IsCleanUtf8(email, false)) return invalid();
  size_t at = email.rfind('@');
  if (at == std::string::npos || at == 0 || at > 64) return invalid();
  std::string_view local(email.data(), at);
  std::string_view domain(email.data() + at + 1, email.size() - at - 1);
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) {
    return invalid();
  }
  for (unsigned char c : local) {
    if (c <= ' ' || c == '@' || c == '"' || c == '(' || c == ')' || c == ',' || c == ':' ||
        c == ';' || c == '<' || c == '>' || c == '[' || c == ']' || c == '\\') {
      return invalid();
    }
  }
  if (!ValidDomain(domain)) return invalid();
  Email out;
  out.display = std::string(local) + "@" + Lower(domain);
  out.key = Lower(email);
  return out;
}

Result<std::string> ParsePhone(std::string_view input, std::string_view country,
                               const std::string& field) {
  using i18n::phonenumbers::PhoneNumber;
  using i18n::phonenumbers::PhoneNumberUtil;
  std::string text = Trim(input);
  if (text.empty()) return FieldInvalid(field, "required", "A phone number is required.");
  if (text.size() > 40 || !IsCleanUtf8(text, false)) {
    return FieldInvalid(field, "invalid_phone", "This is not a valid phone number.");
  }
  if (text.rfind("00", 0) == 0) {  // the international prefix: "0044..." is "+44..."
    text.erase(0, 1);
    text[0] = '+';
  }
  const PhoneNumberUtil* util = PhoneNumberUtil::GetInstance();
  std::string region = country.empty() ? "ZZ" : std::string(country);
  PhoneNumber number;
  auto rc = util->Parse(text, region, &number);
  if (rc == PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR) {
    return FieldInvalid(field, "phone_country_unknown",
                        "Add the country code (for example +44 20 7946 0958) or set the "
                        "customer's country first.");
  }
  if (rc != PhoneNumberUtil::NO_PARSING_ERROR || !util->IsValidNumber(number)) {
    std::string where = country.empty() ? "" : " for country " + std::string(country);
    return FieldInvalid(
        field, "invalid_phone",
        "This is not a valid phone number" + where + "; check the digits and the country code.");
  }
  std::string e164;
  util->Format(number, PhoneNumberUtil::E164, &e164);
  return e164;
}

namespace {

// Each calling code's national prefix ("0" for 44, "8" for 7), from its main country's metadata;
// built once.
const std::unordered_map<int, std::string>& NationalPrefixes() {
  static const std::unordered_map<int, std::string> prefixes = [] {
    using i18n::phonenumbers::PhoneNumberUtil;
    const PhoneNumberUtil* util = PhoneNumberUtil::GetInstance();
    std::set<std::string> regions;
    util->GetSupportedRegions(&regions);
    std::unordered_map<int, std::string> out;
    for (const std::string& region : regions) {
      const int code = util->GetCountryCodeForRegion(region);
      std::string main_region;
      util->GetRegionCodeForCountryCode(code, &main_region);
      if (main_region != region) continue;
      std::string prefix;
      util->GetNddPrefixForRegion(region, /*strip_non_digits=*/true, &prefix);
      if (!prefix.empty()) out.emplace(code, prefix);
    }
    return out;
  }();
  return prefixes;
}

}  // namespace

std::string NationalDialDigits(std::string_view e164) {
  const std::string digits = DigitsOnly(e164);
  const auto& prefixes = NationalPrefixes();
  // Calling codes are one to three digits and none is the start of another.
  for (size_t length = 1; length <= 3 && length < digits.size(); ++length) {
    auto it = prefixes.find(std::stoi(digits.substr(0, length)));
    if (it == prefixes.end()) continue;
    std::string national = it->second + digits.substr(length);
    // NANP's "1" gives the E.164 digits back: nothing to add.
    return digits.find(national) == std::string::npos ? national : "";
  }
  return "";
}

Result<std::string> ParseCountry(std::string_view input, const std::string& field) {
  std::string code = Trim(input);
  std::transform(code.begin(), code.end(), code.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (code.size() != 2 || !IsoCountries().count(code)) {
    return FieldInvalid(field, "invalid_country",
                        "Use a two-letter ISO 3166-1 country code, such as US, DE or JP.");
  }
  return code;
}

Result<std::string> ParseLanguage(std::string_view input, const std::string& field) {
  std::string tag = Trim(input);
  std::replace(tag.begin(), tag.end(), '_', '-');
  const auto invalid = [&] {
    return FieldInvalid(field, "invalid_language",
                        "Use a BCP 47 language tag, such as en, en-GB, pt-BR or zh-Hant.");
  };
  if (tag.empty() || tag.size() > 35) return invalid();
  for (unsigned char c : tag) {
    if (!(std::isalnum(c) || c == '-')) return invalid();
  }
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale locale = icu::Locale::forLanguageTag(tag, status);
  if (U_FAILURE(status) || locale.isBogus()) return invalid();
  if (!IsoLanguages().count(locale.getLanguage())) return invalid();
  std::string canonical = locale.toLanguageTag<std::string>(status);
  if (U_FAILURE(status) || canonical.empty()) return invalid();
  return canonical;
}

}  // namespace clientele
