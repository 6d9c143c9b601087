#include "modules/notes/routes.hpp"

#include "core/time.hpp"
#include "http/json_body.hpp"

namespace clientele::notes {
namespace {

using http::ErrorResponse;
using http::Request;
using http::Response;

Author AuthorOf(const admins::Caller& caller) {
  return {caller.principal.admin_public_id, caller.principal.token_public_id,
          caller.principal.role == admins::Role::kOwner};
}

// {"body": "..."}: the one field a note has; every other field refused.
Result<std::string> ReadBody(const Request& req) {
  ASSIGN_OR_RETURN(nlohmann::json body, http::ParseJsonObject(req));
  http::JsonFields in(body);
  auto text = in.String("body");
  if (!text.present || text.is_null) in.AddError("body", "required", "Write the note.");
  RETURN_IF_ERROR(in.Finish());
  return text.value;
}

Response NoteResponse(int status, const Note& n) {
  Response r = http::JsonResponse(status, NoteJson(n));
  r.headers.Set("etag", http::ETagFor(n.version));
  return r;
}

}  // namespace

nlohmann::json NoteJson(const Note& n) {
  return {{"id", n.public_id},
          {"body", n.body},
          {"author",
           {{"id", n.author_id},
            {"name", n.author_name},
            {"via_token",
             n.via_token.empty() ? nlohmann::json(nullptr) : nlohmann::json(n.via_token)}}},
          {"created_at", FormatInstant(n.created_at)},
          {"updated_at",
           n.updated_at ? nlohmann::json(FormatInstant(*n.updated_at)) : nlohmann::json(nullptr)},
          {"version", n.version}};
}

void RegisterRoutes(admins::AdminApi& api, Service& service) {
  using admins::Permission;
  api.Add("GET", "/api/admin/customers/{id}/notes", Permission::kViewCustomers,
          [&service](Request& req, const audit::Actor&) {
            auto page = service.List(*req.PathParam("id"), req.QueryMap());
            if (!page.ok()) return ErrorResponse(page.error(), req);
            nlohmann::json items = nlohmann::json::array();
            for (const auto& n : page->items) items.push_back(NoteJson(n));
            return http::JsonResponse(
                200, {{"items", items},
                      {"next_cursor", page->next_cursor ? nlohmann::json(*page->next_cursor)
                                                        : nlohmann::json(nullptr)}});
          });
  api.AddForCaller("POST", "/api/admin/customers/{id}/notes", Permission::kEditCustomers,
                   [&service](Request& req, const admins::Caller& caller) {
                     auto body = ReadBody(req);
                     if (!body.ok()) return ErrorResponse(body.error(), req);
                     auto n =
                         service.Add(AuthorOf(caller), caller.actor, *req.PathParam("id"), *body);
                     if (!n.ok()) return ErrorResponse(n.error(), req);
                     return NoteResponse(201, *n);
                   });
  api.AddForCaller("PATCH", "/api/admin/customers/{id}/notes/{note}", Permission::kEditCustomers,
                   [&service](Request& req, const admins::Caller& caller) {
                     auto version = http::IfMatchVersion(req);
                     if (!version.ok()) return ErrorResponse(version.error(), req);
                     auto body = ReadBody(req);
                     if (!body.ok()) return ErrorResponse(body.error(), req);
                     auto n = service.Edit(AuthorOf(caller), caller.actor, *req.PathParam("id"),
                                           *req.PathParam("note"), *body, *version);
                     if (!n.ok()) return ErrorResponse(n.error(), req);
                     return NoteResponse(200, *n);
                   });
  api.AddForCaller("DELETE", "/api/admin/customers/{id}/notes/{note}", Permission::kEditCustomers,
                   [&service](Request& req, const admins::Caller& caller) {
                     Status s = service.Delete(AuthorOf(caller), caller.actor, *req.PathParam("id"),
                                               *req.PathParam("note"));
                     if (!s.ok()) return ErrorResponse(s.error(), req);
                     return Response::NoContent();
                   });
}

}  // namespace clientele::notes
