// The Insights admin API: the page's figures, and starting the RFM recomputation.
#include "core/time.hpp"
#include "modules/customers/insights.hpp"
#include "modules/customers/routes.hpp"
#include "modules/jobs/routes.hpp"

namespace clientele::customers {
namespace {

using admins::ErrorResponse;
using admins::Permission;
using http::Request;

nlohmann::json Counts(const std::vector<std::pair<std::string, int64_t>>& counts, const char* key) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [name, n] : counts) out.push_back({{key, name}, {"customers", n}});
  return out;
}

nlohmann::json InsightsJson(const Insights& in) {
  nlohmann::json months = nlohmann::json::array(), cohorts = nlohmann::json::array(),
                 at_risk = nlohmann::json::array();
  for (const auto& m : in.months) {
    months.push_back(
        {{"month", m.month}, {"registrations", m.registrations}, {"first_orders", m.first_orders}});
  }
  for (const auto& c : in.cohorts) {
    cohorts.push_back({{"month", c.month}, {"customers", c.customers}, {"buying", c.buying}});
  }
  for (const auto& c : in.at_risk) {
    at_risk.push_back(
        {{"id", c.public_id},
         {"first_name", c.first_name},
         {"last_name", c.last_name},
         {"email", c.email},
         {"orders_count", c.orders_count},
         {"total_spent", c.total_spent},
         {"last_order_at", c.last_order_at ? nlohmann::json(FormatInstant(*c.last_order_at))
                                           : nlohmann::json(nullptr)}});
  }
  return {
      {"generated_at", FormatInstant(in.now)},
      {"rfm_computed_at", in.rfm_computed_at ? nlohmann::json(FormatInstant(*in.rfm_computed_at))
                                             : nlohmann::json(nullptr)},
      {"activity", Counts(in.activity, "level")},
      {"rfm", Counts(in.rfm, "group")},
      {"without_scores", in.without_scores},
      {"months", months},
      {"cohorts", cohorts},
      {"at_risk", at_risk}};
}

}  // namespace

void RegisterInsightsRoutes(admins::AdminApi& api, InsightsService& insights, jobs::Service& jobs) {
  api.Add("GET", "/api/admin/insights", Permission::kViewCustomers,
          [&insights](Request& req, const audit::Actor&) {
            auto data = insights.Read();
            if (!data.ok()) return ErrorResponse(data.error(), req);
            return http::JsonResponse(200, InsightsJson(*data));
          });
  api.AddForCaller("POST", "/api/admin/insights/rfm", Permission::kEditCustomers,
                   [&insights, &jobs](Request& req, const admins::Caller& caller) {
                     auto job = insights.StartRfm(jobs, caller.actor, caller.DisplayName());
                     if (!job.ok()) return ErrorResponse(job.error(), req);
                     return jobs::AcceptedResponse(*job);
                   });
}

}  // namespace clientele::customers
