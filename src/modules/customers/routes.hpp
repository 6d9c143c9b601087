// The customers admin API: JSON in, service call, JSON out. No rules live here.
#pragma once

#include "core/json_writer.hpp"
#include "modules/admins/guard.hpp"
#include "modules/audit/view_log.hpp"
#include "modules/customers/service.hpp"

namespace clientele::customers {

void RegisterRoutes(admins::AdminApi& api, Service& service, audit::ViewLog& views);

// Writes the customer as the API shows it.
void WriteJson(JsonWriter& writer, const Customer& c);

}  // namespace clientele::customers
