// Rules for the contact data of a person: e-mail addresses, phone numbers (E.164 through
// libphonenumber), ISO 3166-1 countries and BCP 47 language tags. Pure functions, thread-safe.
// Errors are kInvalidArgument with a FieldError naming `field`, in words a store owner reads.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace clientele {

struct Email {
  std::string display;  // as entered, trimmed, domain lower-cased: "Ana.Lopez@example.com"
  std::string key;      // the whole address lower-cased: unique among registered accounts
};

// Validates an e-mail address (local@domain with a dotted domain, lengths per RFC 5321).
Result<Email> ParseEmail(std::string_view input, const std::string& field = "email");

// The key duplicate detection compares e-mail addresses by: the lower-cased address without a
// "+tag" in the local part, and for Gmail (gmail.com, googlemail.com) without its dots too, as
// Gmail delivers "A.B+shop@googlemail.com" to "ab@gmail.com". "" for "".
std::string EmailMatchKey(std::string_view email_key);

// Parses a phone number into E.164 ("+442079460958"). Input with a leading + or 00 keeps its own
// country code; national input ("020 7946 0958") is read with `country` (ISO 3166-1 alpha-2,
// may be empty). Refuses numbers libphonenumber does not consider valid.
Result<std::string> ParsePhone(std::string_view input, std::string_view country,
                               const std::string& field = "phone");

// The digits of an E.164 number ("+447401223233") as dialled inside its country, with the
// national (trunk) prefix: "07401223233"; for Russia "89161234567". "" when the country has no
// such prefix (the national number is then part of the E.164 digits already) or `e164` has no
// known country code.
std::string NationalDialDigits(std::string_view e164);

// Upper-cases and checks an ISO 3166-1 alpha-2 code ("de" → "DE"); refuses unknown codes.
Result<std::string> ParseCountry(std::string_view input, const std::string& field = "country");

// Canonicalises a well-formed BCP 47 tag with a known language ("en-us" → "en-US",
// "pt_BR" → "pt-BR"); refuses malformed tags and unknown languages.
Result<std::string> ParseLanguage(std::string_view input, const std::string& field = "language");

}  // namespace clientele
