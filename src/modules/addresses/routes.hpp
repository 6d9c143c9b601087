// The address-book admin API under /api/admin/customers/{id}/addresses: JSON in, service call,
// JSON out. No rules live here.
#pragma once

#include "core/json_writer.hpp"
#include "modules/addresses/service.hpp"
#include "modules/admins/guard.hpp"

namespace clientele::addresses {

void RegisterRoutes(admins::AdminApi& api, Service& service);

// Writes the address as the API shows it (also inside a customer's record).
void WriteJson(JsonWriter& writer, const Address& a);

}  // namespace clientele::addresses
