#include "modules/accounts/guard.hpp"

#include <sodium.h>

#include "http/problem.hpp"
#include "http/same_origin.hpp"
#include "modules/accounts/internal.hpp"
#include "modules/audit/request_actor.hpp"

namespace clientele::accounts {
namespace {

bool IsWrite(const http::Request& req) { return req.method != "GET" && req.method != "HEAD"; }

// Whether the store has the customer area closed; read per request, so a change in Settings
// applies at once on every node.
bool Closed(Service& service) {
  auto config = service.Config();
  return config.ok() && config->mode == AccountMode::kDisabled;
}

}  // namespace

Result<ShopperCaller> AuthenticateShopper(Service& service, const http::Request& req) {
  auto cookie = http::CookieValue(req, kShopperCookie);
  if (!cookie) {
    return Error{ErrorCode::kUnauthenticated, "unauthenticated", "Sign in to continue.", {}};
  }
  ShopperCaller caller;
  ASSIGN_OR_RETURN(caller.shopper, service.Authenticate(*cookie));
  if (IsWrite(req)) {
    if (http::IsCrossSite(req)) {
      return Error{ErrorCode::kPermissionDenied,
                   "cross_site_request",
                   "Requests from pages of other sites cannot act with this browser's sign-in.",
                   {}};
    }
    auto sent = req.headers.Get("x-csrf-token").value_or("");
    const auto& expected = caller.shopper.csrf_token;
    if (sent.size() != expected.size() ||
        sodium_memcmp(sent.data(), expected.data(), expected.size()) != 0) {
      return Error{ErrorCode::kPermissionDenied,
                   "csrf_failed",
                   "The request lacks this session's X-CSRF-Token; reload the page.",
                   {}};
    }
  }
  caller.actor = AsCustomer(audit::RequestActor(req), caller.shopper.customer_public_id);
  caller.actor.assisted_by = caller.shopper.assisted_by;
  return caller;
}

void StoreApi::AddPublic(const std::string& method, const std::string& pattern,
                         PublicHandler handler) {
  router_.Add(method, pattern,
              [&service = service_, handler = std::move(handler)](http::Request& req) {
                if (Closed(service)) return http::ErrorResponse(AccountsDisabled(), req);
                // A page of another site must not sign this browser in or act for it.
                if (IsWrite(req) && http::IsCrossSite(req)) {
                  return http::ErrorResponse({ErrorCode::kPermissionDenied,
                                              "cross_site_request",
                                              "Requests from pages of other sites are refused.",
                                              {}},
                                             req);
                }
                return handler(req, audit::RequestActor(req));
              });
}

void StoreApi::AddSignedIn(const std::string& method, const std::string& pattern, Handler handler,
                           WhileTemporaryPassword temporary, WhileAssisted assisted) {
  router_.Add(
      method, pattern,
      [&service = service_, handler = std::move(handler), temporary, assisted](http::Request& req) {
        if (Closed(service)) return http::ErrorResponse(AccountsDisabled(), req);
        auto caller = AuthenticateShopper(service, req);
        if (!caller.ok()) return http::ErrorResponse(caller.error(), req);
        if (caller->shopper.assisted() && assisted == WhileAssisted::kRefuse) {
          return http::ErrorResponse({ErrorCode::kPermissionDenied,
                                      "assisted_session",
                                      "Store staff signed in as the customer cannot see or "
                                      "change the customer's password, e-mail address, second "
                                      "factor, recovery codes or sessions.",
                                      {}},
                                     req);
        }
        if (caller->shopper.must_change_password && temporary == WhileTemporaryPassword::kRefuse) {
          return http::ErrorResponse({ErrorCode::kPermissionDenied,
                                      "password_change_required",
                                      "Choose a new password first: the one you signed "
                                      "in with was temporary.",
                                      {}},
                                     req);
        }
        return handler(req, *caller);
      });
}

}  // namespace clientele::accounts
