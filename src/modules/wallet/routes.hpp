// The wallet's admin API (a customer's wallet, manual credits and deductions, the store-wide
// history and its CSV) and the customer area's read of the shopper's own balance and history.
#pragma once

#include "core/time.hpp"
#include "modules/accounts/guard.hpp"
#include "modules/admins/guard.hpp"
#include "modules/wallet/service.hpp"

namespace clientele::wallet {

void RegisterRoutes(admins::AdminApi& api, Service& service, const Clock& clock);
void RegisterStoreRoutes(accounts::StoreApi& api, Service& service, const Clock& clock);

}  // namespace clientele::wallet
