// The library's admin API (a customer's library, downloads and wishlist; rebuilds; the most
// wished products) and the customer area's (my library with signed download links, my wishlist,
// the product search to wish from), with the download link itself.
#pragma once

#include <nlohmann/json.hpp>

#include "http/router.hpp"
#include "modules/accounts/guard.hpp"
#include "modules/admins/guard.hpp"
#include "modules/jobs/service.hpp"
#include "modules/library/service.hpp"

namespace clientele::catalog {
class Service;
}

namespace clientele::library {

void RegisterRoutes(admins::AdminApi& api, Service& service, jobs::Service& jobs);
void RegisterStoreRoutes(http::Router& router, accounts::StoreApi& api, Service& service,
                         catalog::Service& catalog);

// A library entry, a download and a wishlist item as the admin API shows them.
nlohmann::json EntryJson(const Entry& e);
nlohmann::json DownloadJson(const store::Download& d);
nlohmann::json WishJson(const WishlistItem& w);

}  // namespace clientele::library
