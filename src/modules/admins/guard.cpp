#include "modules/admins/guard.hpp"

#include <charconv>

#include "http/problem.hpp"

namespace clientele::admins {

http::Response ErrorResponse(const Error& error, const http::Request& request) {
  return http::Problem(error, request.request_id);
}

std::string ETagFor(int64_t version) { return "\"" + std::to_string(version) + "\""; }

Result<std::optional<int64_t>> IfMatchVersion(const http::Request& request) {
  auto header = request.headers.Get("if-match");
  if (!header || *header == "*") return std::optional<int64_t>();
  std::string_view v = *header;
  if (v.rfind("W/", 0) == 0) v.remove_prefix(2);
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  int64_t version = 0;
  auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), version);
  if (ec != std::errc() || ptr != v.data() + v.size()) {
    return Error{ErrorCode::kInvalidArgument, "invalid_if_match",
                 "If-Match must be the ETag of the record you loaded.", {}};
  }
  return std::optional<int64_t>(version);
}

void AdminApi::Add(const std::string& method, const std::string& pattern, Permission permission,
                   Handler handler) {
  router_.Add(method, pattern,
              [&admins = admins_, permission, handler = std::move(handler)](http::Request& req) {
                auto auth = req.headers.Get("authorization");
                const std::string prefix = "Bearer ";
                if (!auth || auth->size() <= prefix.size() ||
                    auth->compare(0, prefix.size(), prefix) != 0) {
                  return ErrorResponse({ErrorCode::kUnauthenticated, "unauthenticated",
                                        "Send an API token: Authorization: Bearer <token>.", {}},
                                       req);
                }
                auto principal = admins.AuthenticateToken(auth->substr(prefix.size()));
                if (!principal.ok()) return ErrorResponse(principal.error(), req);
                if (!RoleAllows(principal->role, permission)) {
                  return ErrorResponse({ErrorCode::kPermissionDenied, "forbidden",
                                        "Your role does not allow this action.", {}},
                                       req);
                }
                audit::Actor actor;
                actor.type = principal->token_public_id.empty() ? "admin" : "api_token";
                actor.id = principal->token_public_id.empty() ? principal->admin_public_id
                                                              : principal->token_public_id;
                actor.ip = req.remote_ip;
                actor.user_agent = req.headers.Get("user-agent").value_or("");
                actor.request_id = req.request_id;
                return handler(req, actor);
              });
}

}  // namespace clientele::admins
