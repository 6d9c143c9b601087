// The admin API of staff notes: /api/admin/customers/{id}/notes.
#pragma once

#include <nlohmann/json.hpp>

#include "modules/admins/guard.hpp"
#include "modules/notes/service.hpp"

namespace clientele::notes {

void RegisterRoutes(admins::AdminApi& api, Service& service);

// A note as the admin API shows it (also in the customer's data export).
nlohmann::json NoteJson(const Note& n);

}  // namespace clientele::notes
