// A customer's postal address and the per-country rules it follows, with no I/O: what a valid
// address is in each country (required fields, postal code shapes, regions), how input is
// normalised, how an address is written in the country's own line order, and how the default
// billing and shipping choices of an address book change. The per-country rules are data
// (address_rules.json, compiled into the binary and imported by the admin UI), not code branches.
// Everything here is pure and thread-safe; the rule table is parsed once, on first use.
#pragma once

#include <cstdint>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace clientele::addresses {

enum class Kind { kResidential, kBusiness };
const char* ToString(Kind k);
std::optional<Kind> ParseKind(std::string_view s);

struct Address {
  int64_t id = 0;  // internal key
  std::string public_id;
  int64_t customer_id = 0;
  std::string customer_public_id;
  std::string label;  // "Home", "Office"
  std::string first_name, last_name, company;
  Kind kind = Kind::kResidential;
  std::string line1, line2, city;
  std::string region;       // name as written ("California", "東京都"), or free text
  std::string region_code;  // ISO 3166-2 subdivision without the country ("CA", "13"); may be ""
  std::string postal_code;  // in the country's written form ("SW1A 1AA", "100-0005")
  std::string country;      // ISO 3166-1 alpha-2
  std::string phone;        // E.164 or empty
  std::string delivery_note;
  // Whether this address is the customer's default billing / shipping address. As stored these
  // are the choices made; the service reports them as they take effect (with "shipping same as
  // billing" on, the billing address is the shipping one).
  bool default_billing = false, default_shipping = false;
  int64_t created_at = 0, updated_at = 0;
  int64_t version = 1;  // bumped by every edit of the address's own fields
};

// A partial change, as raw input; only the fields that are set change. An empty string clears a
// text field. `region` may be a region's code or its name; `region_code` names a region by code.
struct Patch {
  std::optional<std::string> label, first_name, last_name, company, kind, line1, line2, city,
      region, region_code, postal_code, country, phone, delivery_note;
  std::optional<bool> default_billing, default_shipping;
};

// Applies `patch` to `address`, then validates the whole address against its country's rules
// (a country change re-checks postal code and region) and normalises it: text trimmed, postal
// code in the country's written form, region resolved to its name and code, phone in E.164
// (national numbers read with the address's country). Default flags are not touched here.
// Errors: kInvalidArgument with one FieldError per bad field, all at once.
Status ApplyPatch(const Patch& patch, Address& address);

// ---------------------------------------------------------------------------------------------
// The per-country rules.

struct Region {
  std::string code, name, local_name;  // local_name: in the country's script, may be ""
};

struct PostalCodeRule {
  bool used = true, required = false;
  std::string label, example, pattern;
  std::vector<std::string> formats;  // '#' stands for one character of the compact code
  std::optional<std::regex> regex;   // compiled `pattern`; none: any shape
};

struct RegionRule {
  bool used = true, required = false;
  std::string label;
  std::vector<Region> regions;  // empty: free text
};

// One line of a format, parsed once: the text before its first placeholder (shown only with
// it), the placeholders with the text between them (shown only between two present values) and
// the text after the last (shown only with it).
struct LineTemplate {
  std::string prefix, suffix;
  std::vector<std::string> fields;
  std::vector<std::string> separators;  // separators[i] follows fields[i]
};

struct CountryRules {
  std::string country;                    // "" for the fallback rules
  std::vector<std::string> format;        // lines with {placeholders}
  std::vector<std::string> latin_format;  // for addresses in Latin letters; empty: `format`
  std::vector<LineTemplate> format_lines, latin_format_lines;  // the same, parsed
  std::vector<std::string> required;                           // among line1, city
  std::vector<std::string> upper;                              // fields written in capitals
  bool family_name_first = false;  // with `format`, the name reads "last first"
  std::string city_label;
  PostalCodeRule postal_code;
  RegionRule region;
};

// The rules of `country` (ISO 3166-1 alpha-2), or the fallback rules for countries the table
// does not list.
const CountryRules& RulesFor(std::string_view country);

// Countries the table lists, sorted.
std::vector<std::string> CountriesWithRules();

// The postal code in the country's written form ("sw1a1aa" → "SW1A 1AA" for GB).
// Errors: kInvalidArgument on `field`: "required", "not_used" (the country has none) or
// "invalid_postal_code" (wrong shape, with an example).
Result<std::string> NormalizePostalCode(const CountryRules& rules, std::string_view input,
                                        const std::string& field = "postal_code");

// ---------------------------------------------------------------------------------------------
// Writing addresses.

// The address's lines in the country's order, without the country (Japanese postal order
// "〒100-0005 / 東京都千代田区丸の内1-1 / …", British town then postcode, US "City, ST 12345").
// Lines whose fields are all empty are left out.
std::vector<std::string> FormatLines(const Address& a);

// FormatLines followed by the country's name: how the address is printed on a parcel sent
// across borders and shown in the admin UI.
std::vector<std::string> FormatForDisplay(const Address& a);

// One line without recipient name and company, ending with the country's name:
// "Hauptstraße 5, 10115 Berlin, Germany". Used for list summaries.
std::string OneLine(const Address& a);

// The English name of an ISO 3166-1 country ("DE" → "Germany"); the code when unknown.
std::string CountryName(std::string_view code);

// The key the customer list filters cities by: trimmed, case- and accent-insensitive.
std::string CityKey(std::string_view city);

// ---------------------------------------------------------------------------------------------
// Default addresses of one address book.

// The defaults as chosen. With `same_as_billing`, the billing address is also the shipping one
// and `shipping` (kept for when it is turned off) does not take effect.
struct Defaults {
  std::optional<int64_t> billing, shipping;  // internal address ids
  bool same_as_billing = false;

  std::optional<int64_t> EffectiveShipping() const { return same_as_billing ? billing : shipping; }
  bool operator==(const Defaults&) const = default;
};

// What a request asks of the defaults. Each part is optional; an inner nullopt clears.
struct DefaultsChange {
  std::optional<std::optional<int64_t>> billing, shipping;
  std::optional<bool> same_as_billing;
};

// Applies `change` to `current`. Choosing a shipping address (or clearing it) turns "shipping
// same as billing" off, since the shipping address is then chosen explicitly.
// Errors: kInvalidArgument when the change asks for a shipping address and for "same as
// billing" at once.
Result<Defaults> ChangeDefaults(const Defaults& current, const DefaultsChange& change);

// The change an address's own flags ask for (`default_billing`/`default_shipping` on a create or
// edit of address `id`): true makes it the default, false stops it from being one (as it takes
// effect: turning off the shipping role of a billing address that also ships turns "same as
// billing" off).
DefaultsChange FlagsChange(const Defaults& current, int64_t id, std::optional<bool> billing,
                           std::optional<bool> shipping);

// The defaults after address `deleted` is deleted: each default it held moves to `move_to`, or
// is cleared when there is none. Never leaves a default pointing at the deleted address.
Defaults AfterDelete(const Defaults& current, int64_t deleted, std::optional<int64_t> move_to);

// What search matches of a customer's default addresses, with word marks (WithWordMarks): their
// normalised cities and postal codes, each once ("  berlin  10115"), and the postal codes made
// of digits alone, as digits ("  10115"), which search beside phone numbers.
struct PlaceKeys {
  std::string text, digits;
};

}  // namespace clientele::addresses
