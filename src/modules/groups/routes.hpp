// The groups and tags admin API.
#pragma once

#include "modules/admins/guard.hpp"
#include "modules/groups/service.hpp"

namespace clientele::groups {

void RegisterRoutes(admins::AdminApi& api, Service& service);

}  // namespace clientele::groups
