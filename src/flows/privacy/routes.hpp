// The customer's data export (see customer_data.hpp), for an admin answering an access request,
// GET /api/admin/customers/{id}/data-export, and for the signed-in shopper, GET
// /api/store/me/export; both take ?format=json (the default) or html and answer an attachment
// that no cache keeps.
#pragma once

#include "flows/privacy/customer_data.hpp"
#include "modules/accounts/guard.hpp"
#include "modules/admins/guard.hpp"

namespace clientele::flows {

void RegisterCustomerDataRoutes(admins::AdminApi& admin_api, accounts::StoreApi& store_api,
                                CustomerData& data);

}  // namespace clientele::flows
