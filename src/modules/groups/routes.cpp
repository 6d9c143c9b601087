#include "modules/groups/routes.hpp"

#include "core/time.hpp"
#include "http/json_body.hpp"

namespace clientele::groups {
namespace {

using admins::ErrorResponse;
using admins::Permission;
using http::Request;
using http::Response;

nlohmann::json ToJson(const Group& g) {
  return {{"id", g.public_id},
          {"name", g.name},
          {"is_default", g.is_default},
          {"customer_count", g.customer_count},
          {"created_at", FormatInstant(g.created_at)},
          {"updated_at", FormatInstant(g.updated_at)}};
}

nlohmann::json ToJson(const Tag& t) {
  return {{"id", t.public_id},
          {"name", t.name},
          {"customer_count", t.customer_count},
          {"created_at", FormatInstant(t.created_at)}};
}

// Reads {"name": "..."} strictly.
Result<std::string> ReadName(const Request& req) {
  ASSIGN_OR_RETURN(nlohmann::json body, http::ParseJsonObject(req));
  http::JsonFields in(body);
  auto name = in.String("name");
  if (!name.present || name.is_null) in.AddError("name", "required", "A name is required.");
  RETURN_IF_ERROR(in.Finish());
  return name.value;
}

template <typename T>
Response ListResponse(const Request& req, const Result<std::vector<T>>& items) {
  if (!items.ok()) return ErrorResponse(items.error(), req);
  nlohmann::json out = nlohmann::json::array();
  for (const auto& item : *items) out.push_back(ToJson(item));
  return http::JsonResponse(200, {{"items", std::move(out)}});
}

template <typename T>
Response ItemResponse(const Request& req, int status, const Result<T>& item) {
  if (!item.ok()) return ErrorResponse(item.error(), req);
  return http::JsonResponse(status, ToJson(*item));
}

Response Deleted(const Request& req, const clientele::Status& status) {
  if (!status.ok()) return ErrorResponse(status.error(), req);
  return Response::NoContent();
}

}  // namespace

void RegisterRoutes(admins::AdminApi& api, Service& service) {
  api.Add(
      "GET", "/api/admin/groups", Permission::kViewCustomers,
      [&](Request& req, const audit::Actor&) { return ListResponse(req, service.ListGroups()); });
  api.Add("POST", "/api/admin/groups", Permission::kManageGroups,
          [&](Request& req, const audit::Actor& actor) {
            auto name = ReadName(req);
            if (!name.ok()) return ErrorResponse(name.error(), req);
            return ItemResponse(req, 201, service.CreateGroup(actor, *name));
          });
  api.Add("PATCH", "/api/admin/groups/{id}", Permission::kManageGroups,
          [&](Request& req, const audit::Actor& actor) {
            auto name = ReadName(req);
            if (!name.ok()) return ErrorResponse(name.error(), req);
            return ItemResponse(req, 200, service.RenameGroup(actor, *req.PathParam("id"), *name));
          });
  api.Add("DELETE", "/api/admin/groups/{id}", Permission::kManageGroups,
          [&](Request& req, const audit::Actor& actor) {
            return Deleted(req, service.DeleteGroup(actor, *req.PathParam("id")));
          });
  api.Add("GET", "/api/admin/tags", Permission::kViewCustomers,
          [&](Request& req, const audit::Actor&) { return ListResponse(req, service.ListTags()); });
  api.Add("POST", "/api/admin/tags", Permission::kManageGroups,
          [&](Request& req, const audit::Actor& actor) {
            auto name = ReadName(req);
            if (!name.ok()) return ErrorResponse(name.error(), req);
            return ItemResponse(req, 201, service.CreateTag(actor, *name));
          });
  api.Add("PATCH", "/api/admin/tags/{id}", Permission::kManageGroups,
          [&](Request& req, const audit::Actor& actor) {
            auto name = ReadName(req);
            if (!name.ok()) return ErrorResponse(name.error(), req);
            return ItemResponse(req, 200, service.RenameTag(actor, *req.PathParam("id"), *name));
          });
  api.Add("DELETE", "/api/admin/tags/{id}", Permission::kManageGroups,
          [&](Request& req, const audit::Actor& actor) {
            return Deleted(req, service.DeleteTag(actor, *req.PathParam("id")));
          });
}

}  // namespace clientele::groups
