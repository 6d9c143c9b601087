// AdminApi registers admin routes behind authentication and a permission check: every route
// under /api/admin/ names the Permission it needs. A request is authenticated by an API token
// (Authorization: Bearer) or by the browser's session cookie; cookie-authenticated writes must
// also carry the session's X-CSRF-Token. No credentials: 401; a role without the permission: 403.
#pragma once

#include <functional>
#include <string>

#include "http/problem.hpp"
#include "http/router.hpp"
#include "modules/admins/service.hpp"
#include "modules/audit/audit.hpp"

namespace clientele::admins {

inline constexpr const char* kSessionCookie = "clientele_session";

// The authenticated caller of an admin route.
struct Caller {
  audit::Actor actor;
  Principal principal;

  // How jobs and notes name the admin: the name, or the e-mail when there is none.
  const std::string& DisplayName() const {
    return principal.admin_name.empty() ? principal.admin_email : principal.admin_name;
  }
};

class AdminApi {
 public:
  using Handler = std::function<http::Response(http::Request&, const audit::Actor&)>;
  using CallerHandler = std::function<http::Response(http::Request&, const Caller&)>;

  AdminApi(http::Router& router, Service& admins) : router_(router), admins_(admins) {}

  // REQUIRES: pattern starts with /api/admin/.
  void Add(const std::string& method, const std::string& pattern, Permission permission,
           Handler handler);
  void AddForCaller(const std::string& method, const std::string& pattern, Permission permission,
                    CallerHandler handler);

 private:
  http::Router& router_;
  Service& admins_;
};

// Authenticates a request by token or session cookie (with the same-site and CSRF checks for
// writes). Errors: kUnauthenticated, kPermissionDenied "cross_site_request", "csrf_failed".
Result<Caller> Authenticate(Service& admins, const http::Request& request);

// The error for a cookie-authenticated write (or a sign-in) sent by a page of another site.
Error CrossSiteRefused();

// The request's actor before authentication (IP, user agent, request id).
audit::Actor AnonymousActor(const http::Request& request);

// Route helpers that live in http/, named here for the admin modules' routes.
using http::CookieValue;
using http::ErrorResponse;
using http::ETagFor;
using http::IfMatchVersion;

}  // namespace clientele::admins
