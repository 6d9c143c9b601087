#include "flows/transfer/routes.hpp"

#include "flows/transfer/columns.hpp"
#include "http/file_response.hpp"
#include "http/json_body.hpp"
#include "modules/jobs/routes.hpp"

namespace clientele::flows {

using admins::ErrorResponse;
using admins::Permission;
using http::Request;

void RegisterTransferRoutes(admins::AdminApi& api, Export& exports) {
  api.Add("GET", "/api/admin/exports/columns", Permission::kExportCustomers,
          [](Request&, const audit::Actor&) {
            nlohmann::json items = nlohmann::json::array();
            for (const auto& c : ExportColumns()) {
              items.push_back({{"key", c.key}, {"label", c.label}, {"default", c.by_default}});
            }
            return http::JsonResponse(200, {{"items", items}});
          });
  api.AddForCaller("POST", "/api/admin/exports", Permission::kExportCustomers,
                   [&exports](Request& req, const admins::Caller& caller) {
                     auto body = http::ParseJsonObject(req);
                     if (!body.ok()) return ErrorResponse(body.error(), req);
                     http::JsonFields in(*body);
                     ExportRequest request;
                     request.format = in.String("format").value;
                     if (auto c = in.StringList("columns"); c.present && !c.is_null) {
                       request.columns = c.value;
                     }
                     if (auto f = in.StringMap("filter"); f.present && !f.is_null) {
                       request.filter = f.value;
                     }
                     if (auto ids = in.StringList("ids"); ids.present && !ids.is_null) {
                       request.ids = ids.value;
                     }
                     if (Status s = in.Finish(); !s.ok()) return ErrorResponse(s.error(), req);
                     auto job = exports.Start(caller.actor, caller.DisplayName(), request);
                     if (!job.ok()) return ErrorResponse(job.error(), req);
                     return jobs::AcceptedResponse(*job);
                   });
  api.Add("GET", "/api/admin/exports/{id}/file", Permission::kExportCustomers,
          [&exports](Request& req, const audit::Actor&) {
            auto file = exports.FileOf(*req.PathParam("id"));
            if (!file.ok()) return ErrorResponse(file.error(), req);
            return http::FileResponse(req, file->path, file->media_type, file->name, nullptr);
          });
}

}  // namespace clientele::flows
