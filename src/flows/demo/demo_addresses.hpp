// Constant data for the addresses of the demo store: per country, towns with their region and a
// postal code pattern, street names, and how the street line is written there (number before or
// after the street, flats, floors). Plain constant tables; thread-safe.
#pragma once

#include <span>
#include <string_view>

namespace clientele::demo::places {

struct Street {
  std::string_view name;
  std::string_view latin = {};  // romanised, for addresses written in Latin letters
};

struct Place {
  std::string_view city;
  // The region's code where the country's address rules list regions, its name otherwise
  // (may be empty).
  std::string_view region;
  // '#' stands for a random digit, '@' for a random letter; anything else is written as is.
  std::string_view postal_code;
  std::string_view latin_city = {};
  std::span<const Street> streets = {};  // the town's own streets; empty: the country's
};

// The addresses of one country; `key` is a country code, or a language tag for the customers of
// one language in a country with several ("fr-CA").
struct CountryPlaces {
  std::string_view key;
  std::span<const Place> places;
  std::span<const Street> streets;
  // Street lines: {street}, {n} (1–199), {m} (1–40), {s} (1–9), {L} (A–F).
  std::span<const std::string_view> line1;
  std::span<const std::string_view> line2;  // optional second lines
  std::span<const std::string_view> latin_line1 = {}, latin_line2 = {};
};

// The places of customers of `language` in `country`, or nullptr.
const CountryPlaces* PlacesFor(std::string_view country, std::string_view language);

// Every table, for tests.
std::span<const CountryPlaces> AllPlaces();

// Notes shoppers leave for the courier.
std::span<const std::string_view> DeliveryNotes();

}  // namespace clientele::demo::places
