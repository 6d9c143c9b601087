// The merge's admin API: preview and merge (permission merge_customers).
#pragma once

#include "flows/merge/merge.hpp"
#include "modules/admins/guard.hpp"

namespace clientele::flows {

void RegisterMergeRoutes(admins::AdminApi& api, Merge& merge);

}  // namespace clientele::flows
