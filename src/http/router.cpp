// Route matching walks the pattern and the raw request path segment by segment with string_views,
// so a dispatch allocates nothing until the winning route's parameters are decoded.
#include "http/router.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "http/problem.hpp"

namespace clientele::http {

namespace {

// Paths deeper than this cannot match any route we register; they are answered 404.
constexpr size_t kMaxSegments = 32;

struct Segments {
  std::array<std::string_view, kMaxSegments> items;
  size_t size = 0;
  bool overflow = false;
};

// "/a/b/" → {"a", "b", ""}; "/" → {""}. The leading '/' is required and skipped.
Segments Split(std::string_view path) {
  Segments out;
  if (path.empty() || path.front() != '/') {
    out.overflow = true;  // not an origin-form path: nothing can match
    return out;
  }
  path.remove_prefix(1);
  while (true) {
    if (out.size == kMaxSegments) {
      out.overflow = true;
      return out;
    }
    size_t slash = path.find('/');
    out.items[out.size++] = path.substr(0, slash);
    if (slash == std::string_view::npos) return out;
    path.remove_prefix(slash + 1);
  }
}

bool IsParam(std::string_view segment) {
  return segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
}

// Compares a literal pattern segment with a raw path segment; escapes in the path are decoded so
// "/api/%61dmin" and "/api/admin" are the same resource.
bool LiteralMatches(std::string_view literal, std::string_view raw) {
  if (raw.find('%') == std::string_view::npos) return literal == raw;
  auto decoded = PercentDecode(raw, /*plus_is_space=*/false);
  return decoded && *decoded == literal;
}

// Matches `pattern` against the request segments. On success returns a rank whose bits mark the
// literal segments, the first segment in the highest bit: a larger rank means a literal matched
// where the other route had a parameter at the earliest point where they differ.
std::optional<uint64_t> Match(std::string_view pattern, const Segments& path) {
  Segments pat = Split(pattern);
  if (pat.overflow || pat.size != path.size) return std::nullopt;
  uint64_t rank = 0;
  for (size_t i = 0; i < pat.size; ++i) {
    rank <<= 1;
    if (IsParam(pat.items[i])) {
      if (path.items[i].empty()) return std::nullopt;  // "/customers/" has no id
    } else {
      if (!LiteralMatches(pat.items[i], path.items[i])) return std::nullopt;
      rank |= 1;
    }
  }
  return rank;
}

void FillParams(std::string_view pattern, const Segments& path, Request& request) {
  Segments pat = Split(pattern);
  request.path_params.clear();
  for (size_t i = 0; i < pat.size; ++i) {
    std::string_view seg = pat.items[i];
    if (!IsParam(seg)) continue;
    std::string name(seg.substr(1, seg.size() - 2));
    // A malformed escape is kept as typed; the handler's own validation rejects it.
    auto decoded = PercentDecode(path.items[i], /*plus_is_space=*/false);
    request.path_params[std::move(name)] =
        decoded ? std::move(*decoded) : std::string(path.items[i]);
  }
}

// The raw (still encoded) path: from the target when the server filled it, so an encoded '/'
// inside a parameter does not split it; otherwise the path as given.
std::string_view RawPath(const Request& request) {
  if (request.target.empty()) return request.path;
  std::string_view target = request.target;
  return target.substr(0, target.find('?'));
}

Response MethodNotAllowed(const std::string& allow, const Request& request) {
  Error error{ErrorCode::kNotFound,
              "method_not_allowed",
              "This resource does not support the " + request.method + " method.",
              {}};
  Response r = Problem(error, request.request_id);
  r.status = 405;
  // The problem body repeats the status: keep it equal to the one on the wire.
  auto body = nlohmann::json::parse(r.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_object()) {
    body["status"] = 405;
    body["title"] = "Method not allowed";
    r.body = body.dump();
  }
  r.headers.Set("allow", allow);
  return r;
}

}  // namespace

void Router::Add(std::string method, std::string pattern, Handler handler) {
  assert(!pattern.empty() && pattern.front() == '/');
  routes_.push_back(Route{std::move(method), std::move(pattern), std::move(handler)});
}

Response Router::Dispatch(Request& request) const {
  Segments path = Split(RawPath(request));
  const Route* best = nullptr;
  uint64_t best_rank = 0;
  const Route* best_get = nullptr;  // HEAD falls back to GET; the server drops the body
  uint64_t best_get_rank = 0;
  bool path_known = false;
  const bool is_head = request.method == "HEAD";

  if (!path.overflow) {
    for (const Route& route : routes_) {
      auto rank = Match(route.pattern, path);
      if (!rank) continue;
      path_known = true;
      if (route.method == request.method) {
        // Strictly greater: on a tie the route registered first wins.
        if (best == nullptr || *rank > best_rank) {
          best = &route;
          best_rank = *rank;
        }
      } else if (is_head && route.method == "GET") {
        if (best_get == nullptr || *rank > best_get_rank) {
          best_get = &route;
          best_get_rank = *rank;
        }
      }
    }
  }
  if (best == nullptr) best = best_get;

  if (best != nullptr) {
    FillParams(best->pattern, path, request);
    return best->handler(request);
  }

  if (!path_known) {
    return Problem(Error::NotFound("route_not_found", "No resource exists at this path."),
                   request.request_id);
  }

  // Allow lists every method registered for a matching pattern, once each, in registration order.
  std::vector<std::string_view> methods;
  for (const Route& route : routes_) {
    if (!Match(route.pattern, path)) continue;
    if (std::find(methods.begin(), methods.end(), route.method) == methods.end()) {
      methods.push_back(route.method);
    }
  }
  bool has_get = std::find(methods.begin(), methods.end(), "GET") != methods.end();
  bool has_head = std::find(methods.begin(), methods.end(), "HEAD") != methods.end();
  if (has_get && !has_head) methods.push_back("HEAD");
  std::string allow;
  for (std::string_view m : methods) {
    if (!allow.empty()) allow += ", ";
    allow += m;
  }
  return MethodNotAllowed(allow, request);
}

}  // namespace clientele::http
