// The customers admin API: JSON in, service call, JSON out. No rules live here.
#pragma once

#include <nlohmann/json.hpp>

#include "core/json_writer.hpp"
#include "db/bulk.hpp"
#include "http/json_body.hpp"
#include "modules/addresses/service.hpp"
#include "modules/admins/guard.hpp"
#include "modules/audit/view_log.hpp"
#include "modules/customers/service.hpp"

namespace clientele::customers {

void RegisterRoutes(admins::AdminApi& api, Service& service, audit::ViewLog& views,
                    addresses::Service& addresses);

class SegmentService;
// Saved segments and the filter language's fields (segment_routes.cpp).
void RegisterSegmentRoutes(admins::AdminApi& api, SegmentService& segments);
}  // namespace clientele::customers
namespace clientele::jobs {
class Service;
}
namespace clientele::customers {
class InsightsService;
// The Insights page's figures and the RFM recomputation (insights_routes.cpp).
void RegisterInsightsRoutes(admins::AdminApi& api, InsightsService& insights, jobs::Service& jobs);
// A bulk change of every customer matching a filter, as a job (bulk_job.cpp).
void RegisterBulkJobRoutes(admins::AdminApi& api, Service& service, jobs::Service& jobs);

// How much of the address book a customer's record shows: the one-line summaries (lists), or
// also the default addresses themselves (one customer).
enum class AddressDetail { kSummary, kFull };

// Writes the customer as the API shows it, with its default addresses when `defaults` is given
// and what a search matched that the row does not show when `match` is.
void WriteJson(JsonWriter& writer, const Customer& c,
               const addresses::CustomerDefaults* defaults = nullptr,
               AddressDetail detail = AddressDetail::kSummary, const SearchMatch* match = nullptr);

// Bulk actions of other modules on a selection of the list: the "ids" of a request body (the
// caller finishes `in`), and the answer {"done", "results": {result: count}, "skipped": [{id,
// code, detail}]}.
std::vector<std::string> ReadBulkIds(http::JsonFields& in);
nlohmann::json BulkJson(const db::BulkOutcome& outcome);

}  // namespace clientele::customers
