// The settings API.
#pragma once

#include "modules/admins/guard.hpp"
#include "modules/settings/service.hpp"

namespace clientele::settings {

void RegisterRoutes(admins::AdminApi& api, Service& service);

}  // namespace clientele::settings
