// AdminApi registers admin routes behind authentication and a permission check: every route
// under /api/admin/ names the Permission it needs, so the whole table is visible in one place
// per module. A request without a valid token gets 401, one whose role lacks the permission 403.
#pragma once

#include <functional>
#include <string>

#include "http/router.hpp"
#include "modules/admins/service.hpp"
#include "modules/audit/audit.hpp"

namespace clientele::admins {

class AdminApi {
 public:
  using Handler = std::function<http::Response(http::Request&, const audit::Actor&)>;

  AdminApi(http::Router& router, Service& admins) : router_(router), admins_(admins) {}

  // REQUIRES: pattern starts with /api/admin/.
  void Add(const std::string& method, const std::string& pattern, Permission permission,
           Handler handler);

 private:
  http::Router& router_;
  Service& admins_;
};

// Helpers for route handlers: an error as a problem response, and ETag/If-Match handling.
http::Response ErrorResponse(const Error& error, const http::Request& request);
std::string ETagFor(int64_t version);
// The version named by If-Match ("3", "\"3\"", W/"3"); nullopt when absent or "*".
// Errors: kInvalidArgument "invalid_if_match".
Result<std::optional<int64_t>> IfMatchVersion(const http::Request& request);

}  // namespace clientele::admins
