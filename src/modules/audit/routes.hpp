// The audit API: the store-wide log, its CSV export, and one customer's activity timeline.
#pragma once

#include "modules/admins/guard.hpp"
#include "modules/audit/service.hpp"

namespace clientele::audit {

void RegisterRoutes(admins::AdminApi& api, Service& service);

}  // namespace clientele::audit
