#include "modules/jobs/routes.hpp"

#include "core/time.hpp"
#include "http/json_body.hpp"

namespace clientele::jobs {
namespace {

using http::ErrorResponse;
using http::Request;
using http::Response;

nlohmann::json Instant(const std::optional<int64_t>& v) {
  return v ? nlohmann::json(FormatInstant(*v)) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json JobJson(const Job& j) {
  return {{"id", j.public_id},
          {"kind", j.kind},
          {"state", ToString(j.state)},
          {"done", j.done},
          {"total", j.total},
          {"params", j.params},
          {"result", j.result},
          {"error", j.error.empty() ? nlohmann::json(nullptr) : nlohmann::json(j.error)},
          {"cancel_requested", j.cancel_requested},
          {"resumed", j.runs > 1},
          {"started_by", {{"type", j.actor_type}, {"id", j.actor_id}, {"name", j.actor_name}}},
          {"created_at", FormatInstant(j.created_at)},
          {"started_at", Instant(j.started_at)},
          {"finished_at", Instant(j.finished_at)},
          {"updated_at", FormatInstant(j.updated_at)}};
}

Response AcceptedResponse(const Job& job) {
  Response r = http::JsonResponse(202, JobJson(job));
  r.headers.Set("location", "/api/admin/jobs/" + job.public_id);
  return r;
}

void RegisterRoutes(admins::AdminApi& api, Service& service) {
  using admins::Permission;
  api.Add("GET", "/api/admin/jobs", Permission::kViewCustomers,
          [&service](Request& req, const audit::Actor&) {
            auto page = service.List(req.QueryMap());
            if (!page.ok()) return ErrorResponse(page.error(), req);
            nlohmann::json items = nlohmann::json::array();
            for (const auto& j : page->items) items.push_back(JobJson(j));
            return http::JsonResponse(
                200, {{"items", items},
                      {"next_cursor", page->next_cursor ? nlohmann::json(*page->next_cursor)
                                                        : nlohmann::json(nullptr)}});
          });
  api.Add("GET", "/api/admin/jobs/{id}", Permission::kViewCustomers,
          [&service](Request& req, const audit::Actor&) {
            auto job = service.Get(*req.PathParam("id"));
            if (!job.ok()) return ErrorResponse(job.error(), req);
            return http::JsonResponse(200, JobJson(*job));
          });
  api.AddForCaller("POST", "/api/admin/jobs/{id}/cancel", Permission::kViewCustomers,
                   [&service](Request& req, const admins::Caller& caller) {
                     auto job = service.Get(*req.PathParam("id"));
                     if (!job.ok()) return ErrorResponse(job.error(), req);
                     const Kind* kind = service.FindKind(job->kind);
                     if (kind && !admins::RoleAllows(caller.principal.role, kind->permission)) {
                       return ErrorResponse(
                           Error{ErrorCode::kPermissionDenied,
                                 "forbidden",
                                 std::string("Cancelling this job needs the ") +
                                     admins::ToString(kind->permission) + " permission.",
                                 {}},
                           req);
                     }
                     auto cancelled = service.Cancel(caller.actor, job->public_id);
                     if (!cancelled.ok()) return ErrorResponse(cancelled.error(), req);
                     return http::JsonResponse(200, JobJson(*cancelled));
                   });
}

}  // namespace clientele::jobs
