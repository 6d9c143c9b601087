// The admin API of exports (the columns, starting an export job, and its file) and of imports
// (uploading a file in parts, its plan, the fields a column may fill, starting an import job,
// and its error report).
#pragma once

#include "flows/transfer/export.hpp"
#include "flows/transfer/import.hpp"
#include "flows/transfer/import_files.hpp"
#include "modules/admins/guard.hpp"

namespace clientele::flows {

void RegisterTransferRoutes(admins::AdminApi& api, Export& exports, ImportFiles& uploads,
                            Import& imports);

}  // namespace clientele::flows
