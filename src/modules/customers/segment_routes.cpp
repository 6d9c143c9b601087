// The saved segments admin API and the filter language's field list (for the editor's
// completion): JSON in, service call, JSON out.
#include "core/time.hpp"
#include "http/json_body.hpp"
#include "modules/customers/routes.hpp"
#include "modules/customers/segments.hpp"

namespace clientele::customers {
namespace {

using admins::ErrorResponse;
using admins::Permission;
using http::Request;
using http::Response;

nlohmann::json ToJson(const Segment& s) {
  return {{"id", s.public_id},
          {"name", s.name},
          {"filter", s.filter},
          {"created_by", {{"type", s.actor_type}, {"id", s.actor_id}, {"name", s.actor_name}}},
          {"created_at", FormatInstant(s.created_at)},
          {"updated_at", FormatInstant(s.updated_at)},
          {"version", s.version}};
}

Response SegmentResponse(const Request& req, int status, const Result<Segment>& s) {
  if (!s.ok()) return ErrorResponse(s.error(), req);
  Response r = http::JsonResponse(status, ToJson(*s));
  r.headers.Set("etag", admins::ETagFor(s->version));
  return r;
}

Result<SegmentChange> ReadChange(const Request& req) {
  ASSIGN_OR_RETURN(nlohmann::json body, http::ParseJsonObject(req));
  http::JsonFields in(body);
  SegmentChange change;
  in.OptionalText("name", change.name);
  in.OptionalText("filter", change.filter);
  RETURN_IF_ERROR(in.Finish());
  return change;
}

const char* TypeName(FilterType t) {
  switch (t) {
    case FilterType::kEnum:
      return "enum";
    case FilterType::kName:
      return "name";
    case FilterType::kCountry:
      return "country";
    case FilterType::kLanguage:
      return "language";
    case FilterType::kText:
      return "text";
    case FilterType::kFragment:
      return "fragment";
    case FilterType::kDate:
      return "date";
    case FilterType::kNumber:
      return "number";
    case FilterType::kMoney:
      return "money";
    case FilterType::kBool:
      return "boolean";
  }
  return "text";
}

nlohmann::json OperatorsOf(const FilterFieldInfo& f) {
  nlohmann::json ops;
  switch (f.type) {
    case FilterType::kNumber:
      ops = {"=", "!=", "<", "<=", ">", ">=", "IN", "NOT IN"};
      break;
    case FilterType::kMoney:
    case FilterType::kDate:
      ops = {"=", "!=", "<", "<=", ">", ">="};
      break;
    case FilterType::kText:
      ops = {"=", "!=", "IN", "NOT IN", "CONTAINS"};
      break;
    case FilterType::kFragment:
      ops = {"CONTAINS"};
      break;
    case FilterType::kBool:
      ops = {"=", "!="};
      break;
    default:
      ops = {"=", "!=", "IN", "NOT IN"};
  }
  if (f.nullable) {
    ops.push_back("IS NULL");
    ops.push_back("IS NOT NULL");
  }
  return ops;
}

nlohmann::json FieldsJson() {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& f : FilterFields()) {
    nlohmann::json values = nlohmann::json::array();
    for (auto v : f.values) values.push_back(std::string(v));
    if (f.type == FilterType::kBool) values = {"true", "false"};
    items.push_back({{"name", std::string(f.name)},
                     {"type", TypeName(f.type)},
                     {"operators", OperatorsOf(f)},
                     {"values", values},
                     {"about", std::string(f.about)}});
  }
  return {{"items", items}};
}

}  // namespace

void RegisterSegmentRoutes(admins::AdminApi& api, SegmentService& segments) {
  api.Add("GET", "/api/admin/filter-fields", Permission::kViewCustomers,
          [](Request&, const audit::Actor&) { return http::JsonResponse(200, FieldsJson()); });
  api.Add("GET", "/api/admin/segments", Permission::kViewCustomers,
          [&](Request& req, const audit::Actor&) {
            auto list = segments.List();
            if (!list.ok()) return ErrorResponse(list.error(), req);
            nlohmann::json items = nlohmann::json::array();
            for (const auto& s : *list) items.push_back(ToJson(s));
            return http::JsonResponse(200, {{"items", items}});
          });
  api.Add("POST", "/api/admin/segments", Permission::kManageGroups,
          [&](Request& req, const audit::Actor& actor) {
            auto change = ReadChange(req);
            if (!change.ok()) return ErrorResponse(change.error(), req);
            return SegmentResponse(req, 201, segments.Create(actor, *change));
          });
  api.Add("GET", "/api/admin/segments/{id}", Permission::kViewCustomers,
          [&](Request& req, const audit::Actor&) {
            return SegmentResponse(req, 200, segments.Get(*req.PathParam("id")));
          });
  api.Add("PATCH", "/api/admin/segments/{id}", Permission::kManageGroups,
          [&](Request& req, const audit::Actor& actor) {
            auto version = admins::IfMatchVersion(req);
            if (!version.ok()) return ErrorResponse(version.error(), req);
            auto change = ReadChange(req);
            if (!change.ok()) return ErrorResponse(change.error(), req);
            return SegmentResponse(req, 200,
                                   segments.Update(actor, *req.PathParam("id"), *change, *version));
          });
  api.Add("DELETE", "/api/admin/segments/{id}", Permission::kManageGroups,
          [&](Request& req, const audit::Actor& actor) {
            auto done = segments.Delete(actor, *req.PathParam("id"));
            if (!done.ok()) return ErrorResponse(done.error(), req);
            return Response::NoContent();
          });
}

}  // namespace clientele::customers
