// Keyset-pagination cursors: an opaque, URL-safe token holding the sort it belongs to and the
// position (sort key and id) of the last row of a page. Decoding a tampered or foreign cursor
// is an error, never a crash. Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.hpp"

namespace clientele {

struct Cursor {
  std::string sort;                        // the sort the cursor was made for, e.g. "-registered"
  std::variant<int64_t, std::string> key;  // the sort column's value in the last row
  int64_t id = 0;                          // tie-breaker: the last row's internal id
};

std::string EncodeCursor(const Cursor& cursor);

// Errors: kInvalidArgument "invalid_cursor" with a field error on "cursor".
Result<Cursor> DecodeCursor(std::string_view token);

// A page size from a query parameter: a whole number from 1 to `max`; nullopt otherwise.
std::optional<int> ParsePageSize(std::string_view text, int max);

// The `limit` and `cursor` query parameters of a list. Each records a field error ("limit" /
// "cursor") and returns nullopt when its parameter is not valid; a cursor is valid only for the
// sort order it was made for.
std::optional<int> ReadPageSize(std::string_view text, int max, std::vector<FieldError>& errors);
std::optional<Cursor> ReadCursor(std::string_view token, std::string_view sort,
                                 std::vector<FieldError>& errors);

// The query parameters of a list paged by id, newest first, that takes no others: `limit`
// (1–`max`, default 50) and `cursor` (made for `sort`), as the id to read below. Errors:
// kInvalidArgument with a field error per bad or unknown parameter.
struct IdPage {
  int limit = 50;
  std::optional<int64_t> before_id;
};
Result<IdPage> ReadIdPage(const std::map<std::string, std::string>& params, std::string_view sort,
                          int max);

// URL-safe base64 without padding.
std::string Base64UrlEncode(std::string_view bytes);
Result<std::string> Base64UrlDecode(std::string_view text);

}  // namespace clientele
