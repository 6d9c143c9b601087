// The moderation admin API: ban a customer with a reason, lift the ban.
#pragma once

#include "modules/admins/guard.hpp"
#include "modules/moderation/service.hpp"

namespace clientele::moderation {

void RegisterRoutes(admins::AdminApi& api, Service& service);

}  // namespace clientele::moderation
