// The segment filter language: a small boolean language over the customer list's fields, typed
// by store owners ("orders >= 2 AND last_order < -90d AND tag = 'vip'"). ParseFilter checks a
// filter and turns it into a tree whose values are typed (instants, minor units, codes); the
// customers store turns the tree into bound SQL. Pure and thread-safe: the names of groups, tags
// and products are resolved by the service, and the clock, time zone and currency come in as a
// FilterContext.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.hpp"

namespace clientele::customers {

enum class FilterField {
  kStatus,
  kKind,
  kGroup,
  kTag,
  kCountry,
  kLanguage,
  kAddressCountry,
  kCity,
  kEmail,
  kName,
  kPhone,
  kRegistered,
  kLastActivity,
  kVerified,
  kDeletionRequested,
  kOrders,
  kTotalSpent,
  kFirstOrder,
  kLastOrder,
  kBought,
  kBalance,
  kEmailConsent,
  kSmsConsent,
  kMessengerConsent,
  kSpamScore,
  kRecency,
  kFrequency,
  kMonetary,
  kRfmGroup,
  kActivity,
};

// What a field holds, which decides its operators and how its values are written:
// kEnum: one of `values` (status = active); kName: the name of a group or tag, or a product's SKU
// (resolved by the service); kCountry / kLanguage: an ISO code ('DE', 'pt-BR'); kText: a text,
// compared ignoring case and accents (= and CONTAINS); kDate: a calendar day (2026-01-01, in the
// store's time zone), an instant (2026-01-01T10:00Z) or a relative time (-90d, -2w, -6m, -1y);
// kFragment: a text found inside the field (CONTAINS only); kNumber: a whole number; kMoney: an
// amount in the store's currency (500, 19.99); kBool: the field alone, NOT field, or = true /
// false.
enum class FilterType {
  kEnum,
  kName,
  kCountry,
  kLanguage,
  kText,
  kFragment,
  kDate,
  kNumber,
  kMoney,
  kBool
};

struct FilterFieldInfo {
  std::string_view name;
  FilterField field;
  FilterType type;
  bool nullable;                         // IS NULL and IS NOT NULL apply
  std::vector<std::string_view> values;  // kEnum: every value
  std::string_view about;                // for people: what the field is
};
// Every field, in the order the editor offers them.
const std::vector<FilterFieldInfo>& FilterFields();
const FilterFieldInfo& InfoOf(FilterField field);

// The RFM groups and activity levels (see RfmGroupOf and ActivityLevelOf in insights).
inline constexpr std::string_view kRfmGroups[] = {"champions", "loyal",   "new",        "promising",
                                                  "cant_lose", "at_risk", "hibernating"};
inline constexpr std::string_view kActivityLevels[] = {"new", "active", "at_risk", "lapsed",
                                                       "never_purchased"};

// kEq..kGe compare with values[0]; kIn with any of values; kContains: values[0] is in the text;
// kIsNull: the field is empty; kDay: values[0] <= field < values[1] (a calendar day).
// "!=", NOT IN and IS NOT NULL are kNot nodes around kEq, kIn and kIsNull. A test on an empty
// field is false (not unknown), so NOT turns it true: country != 'DE' holds customers without a
// country.
enum class FilterOp { kEq, kLt, kLe, kGt, kGe, kIn, kContains, kIsNull, kDay };
using FilterValue = std::variant<int64_t, std::string>;

struct FilterNode {
  enum class Kind { kAnd, kOr, kNot, kTest };
  Kind kind = Kind::kTest;
  std::vector<FilterNode> children;  // kAnd, kOr: two or more; kNot: one
  // kTest:
  FilterField field = FilterField::kStatus;
  FilterOp op = FilterOp::kEq;
  // Typed: int64_t for numbers, minor units, instants (µs) and booleans (0/1); strings for
  // enums, codes, names and texts (as typed; kText is normalised by the service).
  std::vector<FilterValue> values;
  std::vector<int> positions;  // of each value: the 1-based character in the filter text
};

struct FilterContext {
  int64_t now = 0;          // µs
  int currency_digits = 2;  // of the store's currency, for money amounts
  // The instant a calendar day (days since 1970-01-01) begins in the store's time zone.
  std::function<int64_t(int64_t day)> midnight;
};

// Limits that keep one filter cheap to check and to run.
inline constexpr size_t kMaxFilterChars = 2000;
inline constexpr int kMaxFilterDepth = 32;
inline constexpr int kMaxFilterTests = 64;
inline constexpr size_t kMaxInValues = 100;

// Parses and checks `text`. Keywords (AND OR NOT IN IS NULL CONTAINS TRUE FALSE) and field names
// are case-insensitive; texts are in single quotes ('O''Brien'); AND binds tighter than OR.
// Errors: kInvalidArgument with one field error on `field` whose message says what is wrong,
// where (the 1-based character, also in `position`) and, for a misspelt field or value, what was
// probably meant ("unknown field 'oders' at 1: did you mean 'orders'?").
Result<FilterNode> ParseFilter(std::string_view text, const FilterContext& context,
                               const std::string& field = "filter");

// The known word closest to `word` (ignoring case), when it is close enough to be a likely typo;
// "" otherwise.
std::string ClosestWord(std::string_view word, const std::vector<std::string>& known);

// The error ParseFilter and the service report for a mistake at `position`.
Error FilterMistake(const std::string& field, int position, std::string message);

// Calls `fn` on every test of the tree, for the service to resolve names and normalise texts.
void ForEachTest(FilterNode& node, const std::function<void(FilterNode&)>& fn);

}  // namespace clientele::customers
