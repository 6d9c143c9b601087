// Constant data for the demo store: per-country name pools (in the script people of that country
// write their names in, with a romanisation where that script is not Latin), e-mail providers,
// company name patterns, and the mix of countries. Plain constant tables; thread-safe.
#pragma once

#include <span>
#include <string_view>

namespace clientele::demo::names {

// A name as its bearer writes it, and its usual romanisation (empty when `text` is already in
// Latin letters). The romanisation is what a customer types into a Latin-only form and what
// their e-mail address is derived from.
struct Name {
  std::string_view text;
  std::string_view latin = {};
};

// One kind of customer: a country with its language and name pools. A country may appear twice
// (India in Latin and in Devanagari, Canada in English and in French).
struct CountryProfile {
  std::string_view country;   // ISO 3166-1 alpha-2
  std::string_view language;  // canonical BCP 47 tag
  int weight;                 // relative share of customers
  // For pools in a non-Latin script: the share of customers who type their name in Latin letters.
  int latin_percent;
  // Spanish naming: the share of customers who give both surnames ("García López").
  int two_surnames_percent;
  std::span<const Name> male, female, last;
  // The female form of each surname, index for index with `last` (Иванов → Иванова,
  // Kowalski → Kowalska); empty where surnames do not change.
  std::span<const Name> last_female;
  std::span<const std::string_view> domains;  // local e-mail providers
  std::string_view tld;                       // of company domains: "co.uk", "de"
  // Company names, "{L}" standing for a surname in the script the customer writes in.
  std::span<const std::string_view> companies;
};

std::span<const CountryProfile> Countries();

// E-mail providers used in every country.
std::span<const std::string_view> GlobalDomains();

// Company name patterns for customers of non-Latin pools who write their name in Latin letters.
std::span<const std::string_view> LatinCompanies();

// Lower-case ASCII words for e-mail handles such as "sunny.fox.4821".
std::span<const std::string_view> HandleWords();

// Notes a store owner writes on a profile.
std::span<const std::string_view> Notes();

}  // namespace clientele::demo::names
