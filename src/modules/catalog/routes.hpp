// The catalog's admin API: products one by one and in batches (JSON in, service call, JSON out).
#pragma once

#include "modules/admins/guard.hpp"
#include "modules/catalog/service.hpp"

namespace clientele::catalog {

void RegisterRoutes(admins::AdminApi& api, Service& service);

}  // namespace clientele::catalog
