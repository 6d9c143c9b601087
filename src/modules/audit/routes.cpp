#include "modules/audit/routes.hpp"

#include "core/json_writer.hpp"
#include "core/time.hpp"

namespace clientele::audit {
namespace {

using admins::ErrorResponse;
using admins::Permission;
using http::Request;
using http::Response;

EventDetail DetailFor(admins::Role role) {
  return admins::RoleAllows(role, Permission::kViewAudit) ? EventDetail::kFull
                                                          : EventDetail::kTimeline;
}

Response PageResponse(const Request& req, const Result<EventPage>& page, EventDetail detail) {
  if (!page.ok()) return ErrorResponse(page.error(), req);
  JsonWriter w;
  w.BeginObject().Key("items").BeginArray();
  for (const auto& e : page->items) WriteEventJson(w, e, detail);
  w.EndArray().Key("next_cursor");
  if (page->next_cursor)
    w.String(*page->next_cursor);
  else
    w.Null();
  w.EndObject();
  return Response::Json(200, w.Take());
}

}  // namespace

void WriteEventJson(JsonWriter& w, const EventView& e, EventDetail detail) {
  // Where the customer acted from is theirs to see; where staff acted from is not.
  const bool own = e.actor_type == "customer" && e.assisted_by.empty();
  const bool whole = detail == EventDetail::kFull || (detail == EventDetail::kSubject && own);
  w.BeginObject();
  w.Key("id").Int(e.id);
  w.Key("occurred_at").String(FormatInstant(e.occurred_at));
  w.Key("actor_type").String(e.actor_type);
  w.Key("actor_id").String(whole ? e.actor_id : "");
  w.Key("actor_name").String(e.actor_name);
  // An admin signed in as the customer: both identities.
  w.Key("assisted_by");
  if (e.assisted_by.empty()) {
    w.Null();
  } else {
    w.BeginObject();
    w.Key("id").String(detail == EventDetail::kFull ? e.assisted_by : "");
    w.Key("name").String(e.assisted_by_name);
    w.EndObject();
  }
  w.Key("action").String(e.action);
  w.Key("target_type").String(e.target_type);
  w.Key("target_id").String(e.target_id);
  w.Key("target_name").String(e.target_name);
  w.Key("changes").Raw(e.changes.empty() ? "{}" : e.changes);
  if (whole) {
    w.Key("ip").String(e.ip);
    w.Key("user_agent").String(e.user_agent);
  } else {
    w.Key("ip").Null();
    w.Key("user_agent").Null();
  }
  w.EndObject();
}

void RegisterRoutes(admins::AdminApi& api, Service& service) {
  api.Add("GET", "/api/admin/audit", Permission::kViewAudit,
          [&service](Request& req, const Actor&) {
            return PageResponse(req, service.List(req.QueryMap()), EventDetail::kFull);
          });
  api.Add("GET", "/api/admin/audit.csv", Permission::kViewAudit,
          [&service](Request& req, const Actor&) {
            auto csv = service.ExportCsv(req.QueryMap());
            if (!csv.ok()) return ErrorResponse(csv.error(), req);
            Response r = Response::Text(200, std::move(*csv), "text/csv; charset=utf-8");
            r.headers.Set("content-disposition", "attachment; filename=\"audit-log.csv\"");
            return r;
          });
  api.AddForCaller("GET", "/api/admin/customers/{id}/activity", Permission::kViewCustomers,
                   [&service](Request& req, const admins::Caller& caller) {
                     return PageResponse(
                         req, service.History("customer", *req.PathParam("id"), req.QueryMap()),
                         DetailFor(caller.principal.role));
                   });
}

}  // namespace clientele::audit
