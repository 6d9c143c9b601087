// Plain HTTP message helpers: header map, response constructors and the query-string decoder.
#include "http/message.hpp"

#include <algorithm>

namespace clientele::http {

namespace {

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c; }

void LowerInPlace(std::string& s) {
  for (char& c : s) c = AsciiLower(c);
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

}  // namespace

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  LowerInPlace(out);
  return out;
}

std::string_view TrimOws(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes into `out`. A malformed escape either fails (strict) or is copied through as text
// (lenient), so one bad '%' in a search term does not lose the whole query.
bool Decode(std::string_view in, bool plus_is_space, bool strict, std::string& out) {
  out.clear();
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      int hi = i + 2 < in.size() ? HexValue(in[i + 1]) : -1;
      int lo = i + 2 < in.size() ? HexValue(in[i + 2]) : -1;
      if (hi < 0 || lo < 0) {
        if (strict) return false;
        out.push_back(c);
        continue;
      }
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return true;
}

}  // namespace

void Headers::Set(std::string name, std::string value) {
  LowerInPlace(name);
  auto it = std::find_if(items_.begin(), items_.end(),
                         [&](const auto& item) { return item.first == name; });
  if (it == items_.end()) {
    items_.emplace_back(std::move(name), std::move(value));
    return;
  }
  it->second = std::move(value);
  // Set means "exactly one": drop any further values added earlier under the same name.
  items_.erase(std::remove_if(std::next(it), items_.end(),
                              [&](const auto& item) { return item.first == name; }),
               items_.end());
}

void Headers::Add(std::string name, std::string value) {
  LowerInPlace(name);
  items_.emplace_back(std::move(name), std::move(value));
}

std::optional<std::string> Headers::Get(std::string_view name) const {
  for (const auto& [key, value] : items_) {
    if (EqualsIgnoreCase(key, name)) return value;
  }
  return std::nullopt;
}

std::map<std::string, std::string> Request::QueryMap() const {
  std::map<std::string, std::string> out;
  for (const auto& [k, v] : query) out.emplace(k, v);
  return out;
}

std::optional<std::string> Request::Query(std::string_view name) const {
  auto it = query.find(std::string(name));
  if (it == query.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> Request::PathParam(std::string_view name) const {
  auto it = path_params.find(std::string(name));
  if (it == path_params.end()) return std::nullopt;
  return it->second;
}

Response Response::Json(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.headers.Set("content-type", "application/json");
  return r;
}

Response Response::Text(int status, std::string body, std::string content_type) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.headers.Set("content-type", std::move(content_type));
  return r;
}

Response Response::NoContent() {
  Response r;
  r.status = 204;
  return r;
}

Response Response::Defer(std::function<Response()> work) {
  Response r;
  r.deferred = std::move(work);
  return r;
}

Response Resolve(Response response) {
  while (response.deferred) {
    auto work = std::move(response.deferred);
    response = work();
  }
  return response;
}

std::multimap<std::string, std::string> ParseQueryString(std::string_view query) {
  std::multimap<std::string, std::string> result;
  std::string key;
  std::string value;
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;  // "a=1&&b=2" and a trailing '&' carry nothing
    size_t eq = pair.find('=');
    std::string_view raw_key = pair.substr(0, eq);
    std::string_view raw_value =
        eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
    Decode(raw_key, /*plus_is_space=*/true, /*strict=*/false, key);
    Decode(raw_value, /*plus_is_space=*/true, /*strict=*/false, value);
    result.emplace(std::move(key), std::move(value));
  }
  return result;
}

std::optional<std::string> PercentDecode(std::string_view in, bool plus_is_space) {
  std::string out;
  if (!Decode(in, plus_is_space, /*strict=*/true, out)) return std::nullopt;
  return out;
}

std::optional<std::string> CookieValue(const http::Request& request, std::string_view name) {
  auto header = request.headers.Get("cookie");
  if (!header) return std::nullopt;
  std::string_view rest = *header;
  while (!rest.empty()) {
    size_t semi = rest.find(';');
    std::string_view pair = rest.substr(0, semi);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    size_t eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) {
      return std::string(pair.substr(eq + 1));
    }
    if (semi == std::string_view::npos) break;
    rest.remove_prefix(semi + 1);
  }
  return std::nullopt;
}

}  // namespace clientele::http
