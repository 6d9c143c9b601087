// The orders admin API (orders one by one and in batches, status, payments and refunds, a
// customer's orders and transactions, manual entries) and the customer area's order views (the
// public link, the shopper's own orders).
#pragma once

#include "modules/accounts/guard.hpp"
#include "modules/admins/guard.hpp"
#include "modules/orders/service.hpp"

namespace clientele::orders {

void RegisterRoutes(admins::AdminApi& api, Service& service);
void RegisterStoreRoutes(http::Router& router, accounts::StoreApi& api, Service& service);

}  // namespace clientele::orders
