// The wallet's admin API (a customer's wallet, manual credits and deductions, the store-wide
// history and its CSV) and the customer area's read of the shopper's own balance and history.
#pragma once

#include <nlohmann/json.hpp>

#include "core/time.hpp"
#include "modules/accounts/guard.hpp"
#include "modules/admins/guard.hpp"
#include "modules/wallet/service.hpp"

namespace clientele::wallet {

void RegisterRoutes(admins::AdminApi& api, Service& service, const Clock& clock);
void RegisterStoreRoutes(accounts::StoreApi& api, Service& service, const Clock& clock);

// A ledger entry as the admin API shows it; a credit also says, as of `now`, whether it expired
// and what of it remains.
nlohmann::json EntryJson(const Entry& e, int64_t now);
// The wallet as the admin API shows it: each balance with its open credits, and the history.
nlohmann::json WalletJson(const Wallet& w, int64_t now);

}  // namespace clientele::wallet
