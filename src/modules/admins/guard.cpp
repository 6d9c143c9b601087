#include "modules/admins/guard.hpp"

#include <sodium.h>

#include "http/problem.hpp"
#include "http/same_origin.hpp"
#include "modules/audit/request_actor.hpp"

namespace clientele::admins {

audit::Actor AnonymousActor(const http::Request& request) { return audit::RequestActor(request); }

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
