// The customers admin API: JSON in, service call, JSON out. No rules live here.
#pragma once

#include <nlohmann/json.hpp>

#include "modules/admins/guard.hpp"
#include "modules/customers/service.hpp"

namespace clientele::customers {

void RegisterRoutes(admins::AdminApi& api, Service& service);

// The customer as the API shows it (also used by exports later).
nlohmann::json ToJson(const Customer& c);

}  // namespace clientele::customers
