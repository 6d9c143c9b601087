// StoreApi registers the customer area's routes under /api/store/: public ones (sign-in,
// registration, links) and signed-in ones, authenticated by the shopper's session cookie (its
// own cookie, never the admin's). Signed-in writes must carry the session's X-CSRF-Token and
// come from this site. While the store has customer accounts disabled, every route but the
// configuration answers 403 "accounts_disabled".
#pragma once

#include <functional>
#include <string>

#include "http/router.hpp"
#include "modules/accounts/service.hpp"
#include "modules/audit/audit.hpp"

namespace clientele::accounts {

inline constexpr const char* kShopperCookie = "clientele_shopper";

struct ShopperCaller {
  audit::Actor actor;  // type "customer"
  Shopper shopper;
};

class StoreApi {
 public:
  using PublicHandler = std::function<http::Response(http::Request&, const audit::Actor&)>;
  using Handler = std::function<http::Response(http::Request&, const ShopperCaller&)>;

  StoreApi(http::Router& router, Service& service) : router_(router), service_(service) {}

  // Whether a route stays open to a shopper who must first replace a temporary password.
  enum class WhileTemporaryPassword { kRefuse, kAllow };

  // REQUIRES: pattern starts with /api/store/.
  void AddPublic(const std::string& method, const std::string& pattern, PublicHandler handler);
  // Whether a route is open to an admin signed in as the customer ("login as customer"): not
  // the customer's credentials (password, e-mail, second factor, recovery codes, sessions) nor
  // the decisions that are the customer's alone (data download, deletion, the switch for
  // login as customer).
  enum class WhileAssisted { kAllow, kRefuse };

  // A shopper with a temporary password gets 403 "password_change_required" from the routes
  // not marked kAllow; an assisted session gets 403 "assisted_session" from those marked
  // kRefuse.
  void AddSignedIn(const std::string& method, const std::string& pattern, Handler handler,
                   WhileTemporaryPassword temporary = WhileTemporaryPassword::kRefuse,
                   WhileAssisted assisted = WhileAssisted::kAllow);

 private:
  http::Router& router_;
  Service& service_;
};

// The shopper of a request's session cookie, with the same-site and CSRF checks for writes.
// Errors: kUnauthenticated, kPermissionDenied "cross_site_request", "csrf_failed".
Result<ShopperCaller> AuthenticateShopper(Service& service, const http::Request& request);

}  // namespace clientele::accounts
