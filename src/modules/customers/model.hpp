// The customer record and its rules, with no I/O: what a valid customer is, how input is
// normalised (names trimmed, e-mail keyed case-insensitively, phones in E.164, countries and
// languages canonical) and how the search and sort keys are derived from it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/result.hpp"
#include "modules/customers/filter.hpp"

namespace clientele::customers {

enum class AccountStatus { kActive, kInactive, kBanned };
enum class Kind { kRegistered, kGuest };

const char* ToString(AccountStatus s);
const char* ToString(Kind k);
std::optional<AccountStatus> ParseStatus(std::string_view s);
std::optional<Kind> ParseKind(std::string_view s);

// Why a banned customer is banned (filled on reads of banned customers).
struct Ban {
  std::string reason;  // refused_deliveries | return_abuse | abusive_to_staff | fake_orders | other
  std::string note;
  std::string actor_type, actor_id;  // who banned
  std::string actor_name;            // the admin's name, when an admin banned
  int64_t banned_at = 0;
};

// What two customers may share that makes them look like one person: the e-mail match key
// (EmailMatchKey), the phone number, the name (name_key).
enum class Shared { kEmailMatch, kPhone, kName };

struct Customer {
  int64_t id = 0;  // internal key; sorts in registration order
  std::string public_id;
  Kind kind = Kind::kRegistered;
  AccountStatus status = AccountStatus::kActive;
  std::string first_name, last_name;
  std::string email, email_key;
  std::string phone;  // E.164 or empty
  std::string country, language, company, fax, note;
  std::map<std::string, std::string> custom_fields;
  int64_t commission_reduced_bp = 0;  // basis points: 1250 = 12.50 %
  bool library_all_access = false;
  bool member_directory_access = false;
  bool consent_email = false, consent_sms = false, consent_messenger = false;
  // When each consent was last given or withdrawn; none when not known (kept by the store).
  std::optional<int64_t> consent_email_at, consent_sms_at, consent_messenger_at;
  int64_t group_id = 1;
  std::string group_public_id, group_name;  // filled on reads
  std::vector<std::string> tags;            // tag names, sorted
  int64_t registered_at = 0;
  std::string registration_ip;
  int64_t updated_at = 0;
  std::optional<int64_t> last_login_at;
  std::string last_login_ip;
  std::optional<int64_t> last_activity_at;
  int64_t version = 1;
  std::optional<Ban> ban;  // filled on reads when banned
  // Store credit held, by currency (booked balances, written by the wallet module); filled on
  // reads, without the currencies at zero.
  std::vector<std::pair<std::string, int64_t>> balances;
  // Orders that count (not cancelled), what they paid net of refunds in the store's currency,
  // and when the first and last were placed (kept by the orders module).
  int64_t orders_count = 0, total_spent = 0;
  std::optional<int64_t> first_order_at, last_order_at;
  // RFM scores 1–5 (recency, frequency, monetary) from the last recomputation; none without
  // orders (see RfmGroupOf).
  std::optional<int64_t> rfm_recency, rfm_frequency, rfm_monetary;
  // The default addresses' cities and postal codes as search matches them (written by the
  // addresses module; see addresses::Service::PlaceKeysOf), and their postal codes of digits;
  // set for bulk inserts, not read.
  std::string place_text, place_digits;
};

// The city and postal code of a default address, as written.
struct Place {
  std::string city, postal_code;
};

// A partial change: only the fields that are set change. Strings are raw input; Apply()
// validates and normalises them. An empty string clears an optional text field.
struct Patch {
  std::optional<std::string> first_name, last_name, email, phone, country, language, company, fax,
      note;
  std::optional<std::map<std::string, std::string>> custom_fields;
  std::optional<double> commission_reduced_percent;
  std::optional<bool> library_all_access, member_directory_access;
  std::optional<bool> consent_email, consent_sms, consent_messenger;
  std::optional<std::string> group_id;           // public id; resolved by the service
  std::optional<std::vector<std::string>> tags;  // names; resolved by the service

  bool empty() const;
};

// Validates `patch` against `current` and writes the normalised values into `current`.
// Phones typed in national form are read with the customer's (new or current) country.
// Group and tags are not touched here. Errors: kInvalidArgument with one FieldError per bad
// field (all of them, not just the first).
Status ApplyPatch(const Patch& patch, Customer& current);

// Checks the rules that span fields once a record is complete (a registered account needs an
// e-mail). Errors: kInvalidArgument.
Status CheckComplete(const Customer& c);

// Validates one tag name (trimmed, 1–64 characters, no commas) and returns it trimmed.
Result<std::string> ParseTagName(std::string_view name, const std::string& field);

// The name as shown: given name first, but family name first for Chinese, Japanese and Korean
// names ("山崎 翔", "황 하준"), as they are written.
std::string FullName(const std::string& first_name, const std::string& last_name);
inline std::string FullName(const Customer& c) { return FullName(c.first_name, c.last_name); }

// Derived keys stored beside the record.
// Normalised name (and for CJK names family and given name without a space, "山崎翔"), the name's
// other spellings (SpellingsForSearch), company and e-mail, with word marks (WithWordMarks).
std::string SearchText(const Customer& c);
// Digits of the E.164 phone without '+', and the digits as dialled inside its country when they
// are not part of those ("  447401223233  07401223233", with word marks).
std::string PhoneDigits(const Customer& c);
std::string NameSortKey(const Customer& c);  // normalised "last first"

// Retention: where a customer's orders place them. The filter language and the insights use the
// same rules in SQL (store::ActivityLevelSql, store::RfmGroupSql).
inline constexpr int64_t kDayMicros = 86'400'000'000LL;
// A first order this recent makes a new customer.
inline constexpr int64_t kNewCustomerWindow = 30 * kDayMicros;
// The usual interval between orders: the customer's own average, at least kMinOrderInterval
// (two orders on one day say little), or kFirstOrderInterval after a single order.
inline constexpr int64_t kMinOrderInterval = 30 * kDayMicros;
inline constexpr int64_t kFirstOrderInterval = 90 * kDayMicros;
// never_purchased: no order; new: the first order within kNewCustomerWindow; active: the last
// order within twice the usual interval; lapsed: none for four times the interval and no
// sign-in for twice the interval; at_risk: in between.
std::string ActivityLevelOf(const Customer& c, int64_t now);
// The RFM group of a customer's scores ("" without scores): champions (recency and frequency
// 4–5), loyal (both 3 or more), new (recency 4–5 after one order's worth of frequency),
// promising (recent, infrequent), cant_lose (not recent, frequent and big spenders), at_risk (not
// recent, frequency 3 or more), hibernating (neither recent nor frequent).
std::string RfmGroupOf(const Customer& c);

// Internal key for a customer registered at `registered_at` (µs): registration time in the high
// bits and `salt` (0..1023) in the low ten, so key order is registration order.
int64_t KeyFor(int64_t registered_at, int64_t salt);
// The smallest key of anyone registered at or after `micros`.
int64_t FirstKeyAt(int64_t micros);

}  // namespace clientele::customers

namespace clientele::customers {

enum class SortField {
  kRegistered,
  kName,
  kEmail,
  kLastActivity,
  kOrders,
  kTotalSpent,
  kLastOrder
};

// A list request after validation: filters combine with AND; ids are internal.
struct ListQuery {
  std::string search;  // raw `q`; see SearchPlan
  std::vector<AccountStatus> statuses;
  std::optional<Kind> kind;
  std::optional<int64_t> group_id;
  std::optional<int64_t> tag_id;
  std::string country, language;
  // The default billing or shipping address in effect is in this country / city (a CityKey).
  std::string address_country, address_city_key;
  std::optional<int64_t> registered_from, registered_to;  // [from, to) in µs
  std::optional<int64_t> active_from, active_to;
  std::optional<bool> verified;     // the account's e-mail address is (not) verified
  bool deletion_requested = false;  // the shopper asked for the account to be deleted
  // Store credit in `balance_currency` (the store's), booked balance in minor units: at least
  // `balance_min` / at most `balance_max` (a customer without a wallet holds 0).
  std::optional<int64_t> balance_min, balance_max;
  std::string balance_currency;
  // Order statistics on the row: at least / at most.
  std::optional<int64_t> orders_min, orders_max, spent_min, spent_max;
  std::optional<int64_t> last_order_from, last_order_to;  // [from, to) in µs
  std::optional<int64_t> bought_product_id;               // has an order with this product
  // Segment filters (ParseFilter; names resolved to ids, texts normalised by the service), all
  // of which hold; `now` for relative tests such as activity levels.
  std::vector<FilterNode> filters;
  int64_t now = 0;
  // SQLite, pages of filters in registration order: how many rows on from the cursor are read
  // for a page before it is picked from every match instead (store::List).
  int64_t filter_window = 20'000;
  SortField sort = SortField::kRegistered;
  bool descending = true;
  // Keyset position: rows strictly after (key, id) in sort order.
  std::optional<std::variant<int64_t, std::string>> after_key;
  int64_t after_id = 0;
  int limit = 50;  // 1..200
};

// How a search string is matched. Its words match in any order, each anywhere in what search
// looks at (names, their other spellings, company, e-mail, and the default addresses' city and
// postal code): as a substring when it has three characters or more (via trigrams), else at the
// start of a word (words are separated by spaces: an e-mail address is one word). Phone-like input
// (digits, spaces, + - ( ) .) is one term of digits, matched against phone numbers (in E.164 and as
// dialled inside their country) and postal codes made of digits.
struct SearchTerm {
  std::vector<std::string> spellings;  // normalised; any one of them matches
  bool prefix = false;                 // matched at the start of a word
};
struct SearchPlan {
  bool phone = false;
  std::vector<SearchTerm> terms;  // all of them must match; empty: no search
  bool empty() const { return terms.empty(); }
};
SearchPlan PlanSearch(std::string_view q);

// Whether `term` matches the normalised `text` (a substring, or the start of one of its
// space-separated words; stored keys have word marks, see WithWordMarks).
bool TermMatches(const SearchTerm& term, std::string_view text);

// Which field a search matched that a list row does not show: the company, a default address's
// city or postal code, or the Latin spelling of a name in another script. nullopt when every
// term matched the name, e-mail or phone (or nothing: `places` may be stale).
struct SearchMatch {
  std::string field;  // company | city | postal_code | latin_name
  std::string value;  // as stored (the city as written), or the Latin spelling
};
std::optional<SearchMatch> ExplainMatch(const SearchPlan& plan, const Customer& c,
                                        const std::vector<Place>& places);

}  // namespace clientele::customers

namespace clientele::customers {

// A saved segment: a name and a filter in the segment filter language (filter.hpp).
struct Segment {
  int64_t id = 0;
  std::string public_id;  // seg_…
  std::string name;
  std::string filter;                            // as written
  std::string actor_type, actor_id, actor_name;  // who created it
  int64_t created_at = 0, updated_at = 0;
  int64_t version = 1;
};

struct SegmentChange {
  std::optional<std::string> name, filter;
};

}  // namespace clientele::customers
