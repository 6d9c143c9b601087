#include "modules/addresses/model.hpp"

#include <unicode/locid.h>
#include <unicode/uloc.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/contact.hpp"
#include "core/text.hpp"

// src/modules/addresses/address_rules.json, compiled in by cmake/embed.cmake.
extern const char* const kAddressRulesJson;

namespace clientele::addresses {

const char* ToString(Kind k) { return k == Kind::kBusiness ? "business" : "residential"; }

std::optional<Kind> ParseKind(std::string_view s) {
  if (s == "residential") return Kind::kResidential;
  if (s == "business") return Kind::kBusiness;
  return std::nullopt;
}

namespace {

// ---------------------------------------------------------------------------------------------
// The rule table.

using Json = nlohmann::json;

// `over`'s keys replace `base`'s; the nested postal_code and region objects merge key by key.
Json Merge(const Json& base, const Json& over) {
  Json out = base;
  for (const auto& [key, value] : over.items()) {
    if ((key == "postal_code" || key == "region") && value.is_object() && out[key].is_object()) {
      for (const auto& [k, v] : value.items()) out[key][k] = v;
    } else {
      out[key] = value;
    }
  }
  return out;
}

std::vector<std::string> Strings(const Json& j, const char* key) {
  std::vector<std::string> out;
  if (j.contains(key)) {
    for (const auto& s : j.at(key)) out.push_back(s.get<std::string>());
  }
  return out;
}

LineTemplate ParseTemplate(std::string_view line) {
  LineTemplate t;
  std::string literal;
  size_t i = 0;
  while (i < line.size()) {
    if (line[i] == '{') {
      const size_t close = line.find('}', i);
      if (close == std::string_view::npos) throw std::logic_error("unclosed placeholder");
      if (t.fields.empty()) {
        t.prefix = literal;
      } else {
        t.separators.push_back(literal);
      }
      literal.clear();
      t.fields.emplace_back(line.substr(i + 1, close - i - 1));
      i = close + 1;
    } else {
      literal += line[i++];
    }
  }
  if (t.fields.empty()) {
    t.prefix = literal;
  } else {
    t.suffix = literal;
  }
  return t;
}

CountryRules Build(const std::string& country, const Json& j) {
  CountryRules r;
  r.country = country;
  r.format = Strings(j, "format");
  r.latin_format = Strings(j, "latin_format");
  for (const auto& line : r.format) r.format_lines.push_back(ParseTemplate(line));
  for (const auto& line : r.latin_format) r.latin_format_lines.push_back(ParseTemplate(line));
  r.required = Strings(j, "required");
  r.upper = Strings(j, "upper");
  r.family_name_first = j.value("family_name_first", false);
  r.city_label = j.value("city_label", "City");
  const Json& p = j.at("postal_code");
  r.postal_code.used = p.value("used", true);
  r.postal_code.required = r.postal_code.used && p.value("required", false);
  r.postal_code.label = p.value("label", "Postal code");
  r.postal_code.example = p.value("example", "");
  r.postal_code.pattern = p.value("pattern", "");
  r.postal_code.formats = Strings(p, "formats");
  if (!r.postal_code.pattern.empty()) {
    r.postal_code.regex.emplace(r.postal_code.pattern, std::regex::ECMAScript);
  }
  const Json& g = j.at("region");
  r.region.used = g.value("used", true);
  r.region.required = r.region.used && g.value("required", false);
  r.region.label = g.value("label", "Region");
  if (g.contains("codes")) {
    for (const auto& entry : g.at("codes")) {
      Region region;
      region.code = entry.at(0).get<std::string>();
      region.name = entry.at(1).get<std::string>();
      if (entry.size() > 2) region.local_name = entry.at(2).get<std::string>();
      r.region.regions.push_back(std::move(region));
    }
  }
  return r;
}

struct RuleTable {
  CountryRules fallback;
  std::map<std::string, CountryRules, std::less<>> countries;
};

// The table is part of the program: a malformed one is a bug, found by the unit tests.
const RuleTable& Table() {
  static const RuleTable table = [] {
    const Json doc = Json::parse(kAddressRulesJson);
    RuleTable t;
    const Json& fallback = doc.at("default");
    t.fallback = Build("", fallback);
    for (const auto& [code, entry] : doc.at("countries").items()) {
      t.countries.emplace(code, Build(code, Merge(fallback, entry)));
    }
    return t;
  }();
  return table;
}

// ---------------------------------------------------------------------------------------------
// Text helpers.

std::string Upper(std::string_view text) {
  if (std::all_of(text.begin(), text.end(), [](unsigned char c) { return c < 0x80; })) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
  }
  std::string out;
  icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())))
      .toUpper(icu::Locale::getRoot())
      .toUTF8String(out);
  return out;
}

// True when every letter of `text` is Latin (digits, punctuation and marks are neutral).
bool IsLatin(std::string_view text) {
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0x80) continue;
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(c, &status);
    if (U_FAILURE(status)) continue;
    if (script != USCRIPT_LATIN && script != USCRIPT_COMMON && script != USCRIPT_INHERITED) {
      return false;
    }
  }
  return true;
}

bool IsLatinAddress(const Address& a) {
  for (const std::string* s :
       {&a.first_name, &a.last_name, &a.company, &a.line1, &a.line2, &a.city, &a.region}) {
    if (!IsLatin(*s)) return false;
  }
  return true;
}

bool Contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// Spaces and hyphens removed, letters upper-cased: "sw1a 1aa" → "SW1A1AA".
std::string CompactPostalCode(std::string_view input) {
  std::string out;
  for (char ch : input) {
    if (ch == ' ' || ch == '-' || ch == '\t') continue;
    out += (ch >= 'a' && ch <= 'z') ? static_cast<char>(ch - 'a' + 'A') : ch;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Line templates.

std::string FieldValue(const Address& a, const CountryRules& rules, bool local,
                       const std::string& field) {
  std::string v;
  if (field == "name") {
    const bool family_first = local && rules.family_name_first;
    const std::string& first = family_first ? a.last_name : a.first_name;
    const std::string& second = family_first ? a.first_name : a.last_name;
    // Names in Han, kana or hangul are written without a space between family and given name.
    const char* space = family_first && !IsLatin(first + second) ? "" : " ";
    v = first.empty() ? second : (second.empty() ? first : first + space + second);
  } else if (field == "company") {
    v = a.company;
  } else if (field == "line1") {
    v = a.line1;
  } else if (field == "line2") {
    v = a.line2;
  } else if (field == "city") {
    v = a.city;
  } else if (field == "region") {
    v = a.region;
  } else if (field == "region_code") {
    v = a.region_code.empty() ? a.region : a.region_code;
  } else if (field == "postal_code") {
    v = a.postal_code;
  }
  if (!v.empty() && Contains(rules.upper, field)) v = Upper(v);
  return v;
}

std::string Render(const LineTemplate& t, const Address& a, const CountryRules& rules, bool local,
                   bool with_recipient) {
  std::string out;
  int last = -1;
  const int n = static_cast<int>(t.fields.size());
  for (int i = 0; i < n; ++i) {
    const std::string& field = t.fields[static_cast<size_t>(i)];
    if (!with_recipient && (field == "name" || field == "company")) continue;
    std::string v = FieldValue(a, rules, local, field);
    if (v.empty()) continue;
    if (last < 0) {
      if (i == 0) out += t.prefix;
    } else {
      out += t.separators[static_cast<size_t>(last)];
    }
    out += v;
    last = i;
  }
  if (last >= 0 && last == n - 1) out += t.suffix;
  // Values are trimmed on input; only the template's own spaces can be left at the ends.
  const size_t first = out.find_first_not_of(' ');
  if (first == std::string::npos) return {};
  return out.substr(first, out.find_last_not_of(' ') - first + 1);
}

std::vector<std::string> Lines(const Address& a, bool with_recipient) {
  const CountryRules& rules = RulesFor(a.country);
  const bool latin = !rules.latin_format_lines.empty() && IsLatinAddress(a);
  const auto& format = latin ? rules.latin_format_lines : rules.format_lines;
  std::vector<std::string> out;
  for (const auto& line : format) {
    std::string text = Render(line, a, rules, !latin, with_recipient);
    if (!text.empty()) out.push_back(std::move(text));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Validation.

Error FieldInvalid(const std::string& field, std::string code, std::string message) {
  return Error::Invalid(message, {{field, std::move(code), message}});
}

// A label inside a sentence: "Postal code" → "postal code", but "ZIP code" and "CEP" stay.
std::string Lower(std::string label) {
  if (label.size() >= 2 && std::isupper(static_cast<unsigned char>(label[0])) &&
      !std::isupper(static_cast<unsigned char>(label[1]))) {
    label[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(label[0])));
  }
  return label;
}

// "in Japan", "in the United States": for messages.
std::string InCountry(const std::string& country) {
  const std::string name = CountryName(country);
  const bool the = name.rfind("United ", 0) == 0 || name == "Netherlands" ||
                   name == "Philippines" || name == "Bahamas" || name == "Maldives" ||
                   name == "Dominican Republic" || name == "Czech Republic";
  return std::string("in ") + (the ? "the " : "") + name;
}

const Region* FindRegion(const RegionRule& rule, const std::string& code, const std::string& text) {
  if (!code.empty()) {
    const std::string want = Upper(Trim(code));
    for (const auto& r : rule.regions) {
      if (r.code == want) return &r;
    }
    return nullptr;
  }
  const std::string key = NormalizeForSearch(Trim(text));
  for (const auto& r : rule.regions) {
    if (NormalizeForSearch(r.code) == key || NormalizeForSearch(r.name) == key ||
        (!r.local_name.empty() && NormalizeForSearch(r.local_name) == key)) {
      return &r;
    }
  }
  return nullptr;
}

// Resolves and checks the region of `a` against `rules`; records problems in `errors`.
void CheckRegion(const CountryRules& rules, Address& a, std::vector<FieldError>& errors) {
  const RegionRule& rule = rules.region;
  const std::string where = InCountry(a.country);
  const std::string label = Lower(rule.label);
  if (!rule.used) {
    if (!a.region.empty() || !a.region_code.empty()) {
      errors.push_back(
          {"region", "not_used", "Addresses " + where + " have no " + label + "; leave it empty."});
    }
    return;
  }
  if (rule.regions.empty()) {
    if (!a.region_code.empty()) {
      errors.push_back(
          {"region_code", "not_used",
           "There are no " + label + " codes " + where + "; write the " + label + " in region."});
    } else if (rule.required && a.region.empty()) {
      errors.push_back({"region", "required", "Enter the " + label + "."});
    }
    return;
  }
  if (a.region.empty() && a.region_code.empty()) {
    if (rule.required) {
      errors.push_back(
          {"region", "required", "Choose the " + label + " (required " + where + ")."});
    }
    return;
  }
  const Region* found = FindRegion(rule, a.region_code, a.region);
  if (!found) {
    const Region& sample = rule.regions.front();
    const std::string field = a.region_code.empty() ? "region" : "region_code";
    errors.push_back({field, "unknown_region",
                      "This is not a " + label + " " + where + "; use its name or code, such as " +
                          sample.name + " or " + sample.code + "."});
    return;
  }
  a.region_code = found->code;
  // Written in the address's script: 東京都 in a Japanese address, Tokyo in a romanised one.
  a.region = !found->local_name.empty() && !IsLatinAddress(a) ? found->local_name : found->name;
}

}  // namespace

// ---------------------------------------------------------------------------------------------

const CountryRules& RulesFor(std::string_view country) {
  const RuleTable& t = Table();
  auto it = t.countries.find(country);
  return it == t.countries.end() ? t.fallback : it->second;
}

std::vector<std::string> CountriesWithRules() {
  std::vector<std::string> out;
  for (const auto& [code, rules] : Table().countries) out.push_back(code);
  return out;
}

Result<std::string> NormalizePostalCode(const CountryRules& rules, std::string_view input,
                                        const std::string& field) {
  const PostalCodeRule& rule = rules.postal_code;
  const std::string label = Lower(rule.label);
  std::string text = Trim(input);
  if (!rule.used) {
    if (text.empty()) return std::string();
    return FieldInvalid(
        field, "not_used",
        "Addresses " + InCountry(rules.country) + " have no " + label + "; leave it empty.");
  }
  if (text.empty()) {
    if (rule.required) {
      return FieldInvalid(field, "required",
                          "Enter the " + label + " (required " + InCountry(rules.country) + ").");
    }
    return std::string();
  }
  if (CodePointCount(text) > 20 || !IsCleanUtf8(text, false)) {
    return FieldInvalid(field, "invalid_postal_code", "This is not a valid " + label + ".");
  }
  if (!rule.regex) {
    // No known shape: keep what was typed, with its letters in capitals.
    std::string out;
    for (char ch : text) out += (ch >= 'a' && ch <= 'z') ? static_cast<char>(ch - 'a' + 'A') : ch;
    return out;
  }
  const std::string compact = CompactPostalCode(text);
  if (!std::regex_match(compact, *rule.regex)) {
    return FieldInvalid(field, "invalid_postal_code",
                        "This is not a valid " + label + " " + InCountry(rules.country) +
                            (rule.example.empty() ? "." : " (for example " + rule.example + ")."));
  }
  for (const auto& format : rule.formats) {
    if (static_cast<size_t>(std::count(format.begin(), format.end(), '#')) != compact.size()) {
      continue;
    }
    std::string out;
    size_t next = 0;
    for (char ch : format) out += ch == '#' ? compact[next++] : ch;
    return out;
  }
  return compact;
}

Status ApplyPatch(const Patch& p, Address& a) {
  std::vector<FieldError> errors;
  auto text = [&](const std::optional<std::string>& in, const char* field, size_t max,
                  bool multiline, std::string& out) {
    if (!in) return;
    // Address text is trimmed even when it spans lines (a delivery note).
    if (auto v = CleanText(*in, field, max, multiline, errors)) out = multiline ? Trim(*v) : *v;
  };
  text(p.label, "label", 50, false, a.label);
  text(p.first_name, "first_name", 100, false, a.first_name);
  text(p.last_name, "last_name", 100, false, a.last_name);
  text(p.company, "company", 200, false, a.company);
  text(p.line1, "line1", 200, false, a.line1);
  text(p.line2, "line2", 200, false, a.line2);
  text(p.city, "city", 100, false, a.city);
  text(p.delivery_note, "delivery_note", 500, true, a.delivery_note);
  // A region named anew replaces the old one by either of its names.
  if (p.region && !p.region_code) a.region_code.clear();
  if (p.region_code && !p.region) a.region.clear();
  text(p.region, "region", 100, false, a.region);
  text(p.region_code, "region_code", 10, false, a.region_code);
  std::string raw_postal = a.postal_code;
  text(p.postal_code, "postal_code", 40, false, raw_postal);
  if (p.kind) {
    if (auto k = ParseKind(*p.kind)) {
      a.kind = *k;
    } else {
      errors.push_back({"kind", "invalid_kind", "Use residential or business."});
    }
  }
  bool country_ok = true;
  if (p.country) {
    if (Trim(*p.country).empty()) {
      a.country.clear();
    } else if (auto c = ParseCountry(*p.country, "country"); c.ok()) {
      a.country = *c;
    } else {
      for (const auto& f : c.error().fields) errors.push_back(f);
      country_ok = false;
    }
  }
  if (country_ok && a.country.empty()) {
    errors.push_back({"country", "required", "Choose the country."});
    country_ok = false;
  }
  if (p.phone) {
    if (Trim(*p.phone).empty()) {
      a.phone.clear();
    } else if (auto v = ParsePhone(*p.phone, country_ok ? a.country : "", "phone"); v.ok()) {
      a.phone = *v;
    } else {
      for (const auto& f : v.error().fields) errors.push_back(f);
    }
  }

  // The rules of the whole address, once its fields are known.
  if (a.first_name.empty() && a.last_name.empty() && a.company.empty()) {
    errors.push_back({"last_name", "required", "Name the recipient: a name or a company."});
  }
  if (country_ok) {
    const CountryRules& rules = RulesFor(a.country);
    for (const char* field : {"line1", "city"}) {
      const std::string& value = std::string_view(field) == "line1" ? a.line1 : a.city;
      if (value.empty() && Contains(rules.required, field)) {
        const bool already = std::any_of(errors.begin(), errors.end(),
                                         [&](const FieldError& e) { return e.field == field; });
        if (!already) {
          errors.push_back({field, "required",
                            std::string_view(field) == "line1"
                                ? "Enter the street address."
                                : "Enter the " + Lower(rules.city_label) + "."});
        }
      }
    }
    if (auto postal = NormalizePostalCode(rules, raw_postal); postal.ok()) {
      a.postal_code = *postal;
    } else {
      for (const auto& f : postal.error().fields) errors.push_back(f);
    }
    CheckRegion(rules, a, errors);
  }
  if (!errors.empty()) return Error::Invalid("Some address fields are not valid.", errors);
  return OkStatus();
}

std::vector<std::string> FormatLines(const Address& a) { return Lines(a, true); }

std::vector<std::string> FormatForDisplay(const Address& a) {
  std::vector<std::string> out = Lines(a, true);
  if (!a.country.empty()) out.push_back(CountryName(a.country));
  return out;
}

std::string OneLine(const Address& a) {
  std::string out;
  for (const auto& line : Lines(a, false)) out += (out.empty() ? "" : ", ") + line;
  if (!a.country.empty()) out += (out.empty() ? "" : ", ") + CountryName(a.country);
  return out;
}

std::string CountryName(std::string_view code) {
  // Every name once, on first use: asking ICU per address costs more than the rest of a list.
  static const std::map<std::string, std::string, std::less<>> names = [] {
    std::map<std::string, std::string, std::less<>> out;
    for (const char* const* c = uloc_getISOCountries(); *c; ++c) {
      icu::UnicodeString name;
      icu::Locale("und", *c).getDisplayCountry(icu::Locale::getEnglish(), name);
      std::string text;
      name.toUTF8String(text);
      if (!text.empty()) out.emplace(*c, std::move(text));
    }
    return out;
  }();
  auto it = names.find(code);
  return it == names.end() ? std::string(code) : it->second;
}

std::string CityKey(std::string_view city) { return NormalizeForSearch(Trim(city)); }

// ---------------------------------------------------------------------------------------------

Result<Defaults> ChangeDefaults(const Defaults& current, const DefaultsChange& change) {
  if (change.shipping && *change.shipping && change.same_as_billing.value_or(false)) {
    std::string msg =
        "Choose a default shipping address or \"shipping same as billing\", not both.";
    return Error::Invalid(msg, {{"shipping_same_as_billing", "conflicting_defaults", msg}});
  }
  Defaults next = current;
  if (change.billing) next.billing = *change.billing;
  if (change.shipping) {
    next.shipping = *change.shipping;
    next.same_as_billing = false;
  }
  if (change.same_as_billing) next.same_as_billing = *change.same_as_billing;
  return next;
}

DefaultsChange FlagsChange(const Defaults& current, int64_t id, std::optional<bool> billing,
                           std::optional<bool> shipping) {
  DefaultsChange change;
  if (billing) {
    if (*billing) {
      change.billing = std::optional<int64_t>(id);
    } else if (current.billing == id) {
      change.billing = std::optional<int64_t>();
    }
  }
  if (shipping) {
    if (*shipping) {
      change.shipping = std::optional<int64_t>(id);
    } else if (current.EffectiveShipping() == id) {
      if (current.same_as_billing) {
        // It ships because it bills: stop that, and keep the shipping address chosen before
        // unless that is this one too.
        change.same_as_billing = false;
        if (current.shipping == id) change.shipping = std::optional<int64_t>();
      } else {
        change.shipping = std::optional<int64_t>();
      }
    }
  }
  return change;
}

Defaults AfterDelete(const Defaults& current, int64_t deleted, std::optional<int64_t> move_to) {
  Defaults next = current;
  if (move_to == deleted) move_to.reset();
  if (next.billing == deleted) next.billing = move_to;
  if (next.shipping == deleted) next.shipping = move_to;
  return next;
}

}  // namespace clientele::addresses
