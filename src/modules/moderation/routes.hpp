// The moderation admin API: ban a customer with a reason, lift the ban; the blacklist.
#pragma once

#include "modules/admins/guard.hpp"
#include "modules/moderation/blacklist.hpp"
#include "modules/moderation/service.hpp"

namespace clientele::moderation {

void RegisterRoutes(admins::AdminApi& api, Service& service);
// The blacklist: GET|POST /api/admin/blacklist, PATCH|DELETE /api/admin/blacklist/{id}.
void RegisterBlacklistRoutes(admins::AdminApi& api, Blacklist& blacklist);

}  // namespace clientele::moderation
