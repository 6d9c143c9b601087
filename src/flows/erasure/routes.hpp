// POST /api/admin/customers/{id}/erase {"confirm": "<the customer's e-mail>"}: delete the
// customer permanently (see erasure.hpp).
#pragma once

#include "flows/erasure/erasure.hpp"
#include "modules/admins/guard.hpp"

namespace clientele::flows {

void RegisterErasureRoutes(admins::AdminApi& api, Erasure& erasure);

}  // namespace clientele::flows
