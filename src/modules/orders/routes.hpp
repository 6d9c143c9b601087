// The orders admin API (orders one by one and in batches, status, payments and refunds, a
// customer's orders and transactions, manual entries) and the customer area's order views (the
// public link, the shopper's own orders).
#pragma once

#include <nlohmann/json.hpp>

#include "modules/accounts/guard.hpp"
#include "modules/admins/guard.hpp"
#include "modules/orders/service.hpp"

namespace clientele::orders {

void RegisterRoutes(admins::AdminApi& api, Service& service);
void RegisterStoreRoutes(http::Router& router, accounts::StoreApi& api, Service& service);

// The order as the admin API shows it, with its items; `links` (the view and payment links,
// which carry the order's token) when the caller may copy them, else none.
nlohmann::json OrderJson(const Order& o, const Service::Links* links);
// A payment, refund or manual entry as the admin API shows it.
nlohmann::json TransactionJson(const Transaction& t);

}  // namespace clientele::orders
