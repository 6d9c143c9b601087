// The admin API of exports: the columns, starting an export job, and its file.
#pragma once

#include "flows/transfer/export.hpp"
#include "modules/admins/guard.hpp"

namespace clientele::flows {

void RegisterTransferRoutes(admins::AdminApi& api, Export& exports);

}  // namespace clientele::flows
