// The customers admin API: JSON in, service call, JSON out. No rules live here.
#pragma once

#include "core/json_writer.hpp"
#include "modules/addresses/service.hpp"
#include "modules/admins/guard.hpp"
#include "modules/audit/view_log.hpp"
#include "modules/customers/service.hpp"

namespace clientele::customers {

void RegisterRoutes(admins::AdminApi& api, Service& service, audit::ViewLog& views,
                    addresses::Service& addresses);

// How much of the address book a customer's record shows: the one-line summaries (lists), or
// also the default addresses themselves (one customer).
enum class AddressDetail { kSummary, kFull };

// Writes the customer as the API shows it, with its default addresses when `defaults` is given.
void WriteJson(JsonWriter& writer, const Customer& c,
               const addresses::CustomerDefaults* defaults = nullptr,
               AddressDetail detail = AddressDetail::kSummary);

}  // namespace clientele::customers
