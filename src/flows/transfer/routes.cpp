#include "flows/transfer/routes.hpp"

#include "flows/transfer/columns.hpp"
#include "flows/transfer/import_plan.hpp"
#include "flows/transfer/log_sources.hpp"
#include "http/file_response.hpp"
#include "http/json_body.hpp"
#include "modules/jobs/routes.hpp"

namespace clientele::flows {

using admins::ErrorResponse;
using admins::Permission;
using http::Request;

namespace {

nlohmann::json FileJson(const ImportFile& f) {
  nlohmann::json out = {{"id", f.id}, {"size", f.size}, {"complete", f.complete}};
  if (!f.complete) return out;
  out["separator"] = std::string(1, f.separator);
  out["format"] = f.plan.format;
  out["format_name"] = f.plan.format_name;
  nlohmann::json columns = nlohmann::json::array();
  for (const auto& c : f.plan.columns) {
    columns.push_back({{"header", c.header}, {"target", c.target}, {"reason", c.reason}});
  }
  out["columns"] = columns;
  out["sample"] = f.sample;
  out["problem"] = f.problem ? nlohmann::json(*f.problem) : nlohmann::json();
  return out;
}

// ?final=true|false (default true: the part is the whole rest of the file).
Result<bool> FinalOf(const Request& req) {
  const std::string value = req.Query("final").value_or("true");
  if (value == "true") return true;
  if (value == "false") return false;
  return Error::Invalid("Some parameters are not valid.",
                        {{"final", "invalid_boolean", "Use true or false."}});
}

}  // namespace

void RegisterTransferRoutes(admins::AdminApi& api, Export& exports, ImportFiles& uploads,
                            Import& imports) {
  api.Add("GET", "/api/admin/imports/targets", Permission::kImportCustomers,
          [](Request&, const audit::Actor&) {
            nlohmann::json items = nlohmann::json::array();
            for (const auto& t : ImportTargets()) {
              items.push_back({{"key", t.key}, {"label", t.label}});
            }
            return http::JsonResponse(200, {{"items", items}});
          });
  api.Add("POST", "/api/admin/imports/files", Permission::kImportCustomers,
          [&uploads](Request& req, const audit::Actor&) {
            auto final = FinalOf(req);
            if (!final.ok()) return ErrorResponse(final.error(), req);
            auto file = uploads.Create(req.body, *final);
            if (!file.ok()) return ErrorResponse(file.error(), req);
            return http::JsonResponse(201, FileJson(*file));
          });
  api.Add(
      "POST", "/api/admin/imports/files/{id}/parts", Permission::kImportCustomers,
      [&uploads](Request& req, const audit::Actor&) {
        auto final = FinalOf(req);
        if (!final.ok()) return ErrorResponse(final.error(), req);
        const std::string offset_text = req.Query("offset").value_or("");
        int64_t offset = -1;
        if (!offset_text.empty() && offset_text.size() <= 12 &&
            offset_text.find_first_not_of("0123456789") == std::string::npos) {
          offset = std::stoll(offset_text);
        }
        if (offset < 0) {
          return ErrorResponse(
              Error::Invalid("Some parameters are not valid.",
                             {{"offset", "invalid_offset",
                               "Give the byte the part starts at (the size received so far)."}}),
              req);
        }
        auto file = uploads.Append(*req.PathParam("id"), offset, req.body, *final);
        if (!file.ok()) return ErrorResponse(file.error(), req);
        return http::JsonResponse(200, FileJson(*file));
      });
  api.Add("GET", "/api/admin/imports/files/{id}", Permission::kImportCustomers,
          [&uploads](Request& req, const audit::Actor&) {
            auto file = uploads.Get(*req.PathParam("id"));
            if (!file.ok()) return ErrorResponse(file.error(), req);
            return http::JsonResponse(200, FileJson(*file));
          });
  api.AddForCaller("POST", "/api/admin/imports", Permission::kImportCustomers,
                   [&imports](Request& req, const admins::Caller& caller) {
                     auto body = http::ParseJsonObject(req);
                     if (!body.ok()) return ErrorResponse(body.error(), req);
                     http::JsonFields in(*body);
                     ImportRequest request;
                     request.file_id = in.String("file_id").value;
                     request.mapping = in.StringList("mapping").value;
                     if (auto f = in.Bool("dry_run"); f.present && !f.is_null) {
                       request.dry_run = f.value;
                     }
                     if (auto f = in.Bool("all_or_nothing"); f.present && !f.is_null) {
                       request.all_or_nothing = f.value;
                     }
                     if (auto f = in.String("match_by"); f.present && !f.is_null) {
                       request.match_by = f.value;
                     }
                     if (Status s = in.Finish(); !s.ok()) return ErrorResponse(s.error(), req);
                     auto job = imports.Start(caller.actor, caller.DisplayName(), request);
                     if (!job.ok()) return ErrorResponse(job.error(), req);
                     return jobs::AcceptedResponse(*job);
                   });
  api.Add("GET", "/api/admin/imports/{id}/errors", Permission::kImportCustomers,
          [&imports](Request& req, const audit::Actor&) {
            auto file = imports.ErrorsOf(*req.PathParam("id"));
            if (!file.ok()) return ErrorResponse(file.error(), req);
            return http::FileResponse(req, file->path, file->media_type, file->name, nullptr);
          });
  api.Add(
      "GET", "/api/admin/exports/columns", Permission::kExportCustomers,
      [](Request& req, const audit::Actor&) {
        const std::string source = req.Query("source").value_or("customers");
        nlohmann::json items = nlohmann::json::array();
        if (const LogSource* log = FindLogSource(source)) {
          for (const auto& c : log->columns) {
            items.push_back({{"key", c.key}, {"label", c.label}, {"default", true}});
          }
        } else if (source == "customers") {
          for (const auto& c : ExportColumns()) {
            items.push_back({{"key", c.key}, {"label", c.label}, {"default", c.by_default}});
          }
        } else {
          return ErrorResponse(
              Error::Invalid("Some parameters are not valid.",
                             {{"source", "invalid_source", "Choose customers, wallet or audit."}}),
              req);
        }
        return http::JsonResponse(200, {{"items", items}});
      });
  api.AddForCaller("POST", "/api/admin/exports", Permission::kExportCustomers,
                   [&exports](Request& req, const admins::Caller& caller) {
                     auto body = http::ParseJsonObject(req);
                     if (!body.ok()) return ErrorResponse(body.error(), req);
                     http::JsonFields in(*body);
                     ExportRequest request;
                     if (auto f = in.String("source"); f.present && !f.is_null) {
                       request.source = f.value;
                     }
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
                     // The audit log is for those who may read it.
                     if (request.source == "audit" &&
                         !admins::RoleAllows(caller.principal.role, Permission::kViewAudit)) {
                       return ErrorResponse(
                           Error{ErrorCode::kPermissionDenied,
                                 "forbidden",
                                 "Exporting the audit log needs the view_audit permission.",
                                 {}},
                           req);
                     }
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
