// The customer area's API under /api/store/ (JSON in, service call, JSON out), and the admin
// routes of shopper accounts: a customer's account state and the store's guest checkouts.
#pragma once

#include "http/router.hpp"
#include "modules/accounts/service.hpp"
#include "modules/addresses/service.hpp"
#include "modules/admins/guard.hpp"

namespace clientele::accounts {

void RegisterRoutes(http::Router& router, Service& service, addresses::Service& addresses,
                    bool secure_cookies);
void RegisterAdminRoutes(admins::AdminApi& api, Service& service, bool secure_cookies);

}  // namespace clientele::accounts
