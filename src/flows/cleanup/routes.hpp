// The admin API of audit and cleanup: metrics, the spam scan, the review of candidates, the
// cleanup job and its deletion report, and the networks that registered spam.
#pragma once

#include "flows/cleanup/cleanup.hpp"
#include "modules/admins/guard.hpp"

namespace clientele::flows {

void RegisterCleanupRoutes(admins::AdminApi& api, Cleanup& cleanup);

}  // namespace clientele::flows
