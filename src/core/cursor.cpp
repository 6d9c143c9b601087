#include "core/cursor.hpp"

#include <sodium.h>

#include <charconv>
#include <nlohmann/json.hpp>
#include <vector>

namespace clientele {
namespace {

Error InvalidCursor() {
  std::string msg = "The cursor is not valid; start again from the first page.";
  return Error::Invalid(msg, {{"cursor", "invalid_cursor", msg}});
}

}  // namespace

std::string Base64UrlEncode(std::string_view bytes) {
  const int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_encoded_len(bytes.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), variant);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

Result<std::string> Base64UrlDecode(std::string_view text) {
  std::vector<unsigned char> bin(text.size());
  size_t len = 0;
  if (sodium_base642bin(bin.data(), bin.size(), text.data(), text.size(), nullptr, &len, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
    return InvalidCursor();
  }
  return std::string(reinterpret_cast<const char*>(bin.data()), len);
}

std::string EncodeCursor(const Cursor& cursor) {
  nlohmann::json j = {{"s", cursor.sort}, {"i", cursor.id}};
  if (const auto* n = std::get_if<int64_t>(&cursor.key)) {
    j["k"] = *n;
  } else {
    j["k"] = std::get<std::string>(cursor.key);
  }
  return Base64UrlEncode(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

Result<Cursor> DecodeCursor(std::string_view token) {
  if (token.empty() || token.size() > 2048) return InvalidCursor();
  auto raw = Base64UrlDecode(token);
  if (!raw.ok()) return InvalidCursor();
  auto j = nlohmann::json::parse(*raw, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return InvalidCursor();
  auto s = j.find("s"), i = j.find("i"), k = j.find("k");
  if (s == j.end() || !s->is_string() || i == j.end() || !i->is_number_integer() || k == j.end()) {
    return InvalidCursor();
  }
  Cursor c;
  c.sort = s->get<std::string>();
  c.id = i->get<int64_t>();
  if (k->is_number_integer()) {
    c.key = k->get<int64_t>();
  } else if (k->is_string()) {
    c.key = k->get<std::string>();
  } else {
    return InvalidCursor();
  }
  return c;
}

std::optional<int> ParsePageSize(std::string_view text, int max) {
  int size = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), size);
  if (ec != std::errc() || end != text.data() + text.size() || size < 1 || size > max) {
    return std::nullopt;
  }
  return size;
}

std::optional<int> ReadPageSize(std::string_view text, int max, std::vector<FieldError>& errors) {
  auto size = ParsePageSize(text, max);
  if (!size) {
    errors.push_back(
        {"limit", "invalid_limit", "Use a page size from 1 to " + std::to_string(max) + "."});
  }
  return size;
}

std::optional<Cursor> ReadCursor(std::string_view token, std::string_view sort,
                                 std::vector<FieldError>& errors) {
  auto cursor = DecodeCursor(token);
  if (!cursor.ok() || cursor->sort != sort) {
    errors.push_back({"cursor", "invalid_cursor",
                      "The cursor is not valid for this list; start again from the first page."});
    return std::nullopt;
  }
  return std::move(cursor).value();
}

Result<IdPage> ReadIdPage(const std::map<std::string, std::string>& params, std::string_view sort,
                          int max) {
  IdPage page;
  std::vector<FieldError> errors;
  for (const auto& [name, value] : params) {
    if (value.empty()) continue;
    if (name == "limit") {
      if (auto l = ReadPageSize(value, max, errors)) page.limit = *l;
    } else if (name == "cursor") {
      if (auto c = ReadCursor(value, sort, errors)) page.before_id = c->id;
    } else {
      errors.push_back({name, "unknown_parameter", "This parameter is not known here."});
    }
  }
  if (!errors.empty()) return Error::Invalid("Some parameters are not valid.", errors);
  return page;
}

}  // namespace clientele
