#include "modules/admins/guard.hpp"

#include <sodium.h>

#include <charconv>

#include "http/problem.hpp"
#include "http/same_origin.hpp"

namespace clientele::admins {

http::Response ErrorResponse(const Error& error, const http::Request& request) {
  return http::Problem(error, request.request_id);
}

std::string ETagFor(int64_t version) {
  std::string tag = std::to_string(version);
  tag.insert(tag.begin(), '"');
  tag.push_back('"');
  return tag;
}

Result<std::optional<int64_t>> IfMatchVersion(const http::Request& request) {
  auto header = request.headers.Get("if-match");
  if (!header || *header == "*") return std::optional<int64_t>();
  std::string_view v = *header;
  if (v.rfind("W/", 0) == 0) v.remove_prefix(2);
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  int64_t version = 0;
  auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), version);
  if (ec != std::errc() || ptr != v.data() + v.size()) {
    return Error{ErrorCode::kInvalidArgument,
                 "invalid_if_match",
                 "If-Match must be the ETag of the record you loaded.",
                 {}};
  }
  return std::optional<int64_t>(version);
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

audit::Actor AnonymousActor(const http::Request& request) {
  audit::Actor actor;
  actor.type = "anonymous";
  actor.ip = request.remote_ip;
  actor.user_agent = request.headers.Get("user-agent").value_or("");
  actor.request_id = request.request_id;
  return actor;
}

Error CrossSiteRefused() {
  return {ErrorCode::kPermissionDenied,
          "cross_site_request",
          "Requests from pages of other sites cannot act with this browser's sign-in.",
          {}};
}

Result<Caller> Authenticate(Service& admins, const http::Request& req) {
  Caller caller;
  caller.actor = AnonymousActor(req);
  auto auth = req.headers.Get("authorization");
  const std::string bearer = "Bearer ";
  if (auth && auth->size() > bearer.size() && auth->compare(0, bearer.size(), bearer) == 0) {
    ASSIGN_OR_RETURN(caller.principal, admins.AuthenticateToken(auth->substr(bearer.size())));
    caller.actor.type = "api_token";
    caller.actor.id = caller.principal.token_public_id;
    return caller;
  }
  auto cookie = CookieValue(req, kSessionCookie);
  if (!cookie) {
    return Error{ErrorCode::kUnauthenticated,
                 "unauthenticated",
                 "Sign in, or send an API token: Authorization: Bearer <token>.",
                 {}};
  }
  ASSIGN_OR_RETURN(caller.principal, admins.AuthenticateSession(*cookie));
  if (req.method != "GET" && req.method != "HEAD") {
    if (http::IsCrossSite(req)) return CrossSiteRefused();
    // Cookies ride along on cross-site requests; the CSRF token only the admin's page knows.
    auto sent = req.headers.Get("x-csrf-token").value_or("");
    const auto& expected = caller.principal.csrf_token;
    if (sent.size() != expected.size() ||
        sodium_memcmp(sent.data(), expected.data(), expected.size()) != 0) {
      return Error{ErrorCode::kPermissionDenied,
                   "csrf_failed",
                   "The request lacks this session's X-CSRF-Token; reload the page.",
                   {}};
    }
  }
  caller.actor.type = "admin";
  caller.actor.id = caller.principal.admin_public_id;
  return caller;
}

void AdminApi::AddForCaller(const std::string& method, const std::string& pattern,
                            Permission permission, CallerHandler handler) {
  router_.Add(method, pattern,
              [&admins = admins_, permission, handler = std::move(handler)](http::Request& req) {
                auto caller = Authenticate(admins, req);
                if (!caller.ok()) return ErrorResponse(caller.error(), req);
                if (!RoleAllows(caller->principal.role, permission)) {
                  return ErrorResponse({ErrorCode::kPermissionDenied,
                                        "forbidden",
                                        "Your role does not allow this action.",
                                        {}},
                                       req);
                }
                return handler(req, *caller);
              });
}

void AdminApi::Add(const std::string& method, const std::string& pattern, Permission permission,
                   Handler handler) {
  AddForCaller(method, pattern, permission,
               [handler = std::move(handler)](http::Request& req, const Caller& caller) {
                 return handler(req, caller.actor);
               });
}

}  // namespace clientele::admins
