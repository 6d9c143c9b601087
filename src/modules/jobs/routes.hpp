// The jobs' admin API: recent jobs, one job's state and progress (what a progress bar polls),
// and cancelling. Features start their jobs on routes of their own and answer with JobJson.
#pragma once

#include <nlohmann/json.hpp>

#include "modules/admins/guard.hpp"
#include "modules/jobs/service.hpp"

namespace clientele::jobs {

nlohmann::json JobJson(const Job& job);
// 202 with the job and a Location header pointing at it.
http::Response AcceptedResponse(const Job& job);

void RegisterRoutes(admins::AdminApi& api, Service& service);

}  // namespace clientele::jobs
