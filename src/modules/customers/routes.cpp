#include "modules/customers/routes.hpp"

#include "core/time.hpp"
#include "http/json_body.hpp"

namespace clientele::customers {
namespace {

using admins::ErrorResponse;
using admins::Permission;
using http::Request;
using http::Response;

nlohmann::json Instant(const std::optional<int64_t>& micros) {
  return micros ? nlohmann::json(FormatInstant(*micros)) : nlohmann::json(nullptr);
}

Response CustomerResponse(int status, const Customer& c) {
  Response r = http::JsonResponse(status, ToJson(c));
  r.headers.Set("etag", admins::ETagFor(c.version));
  return r;
}

// Reads the editable fields of a customer from a JSON object; records every problem.
Result<Patch> ReadPatch(const nlohmann::json& body, http::JsonFields& in) {
  Patch p;
  auto text = [&](const char* name, std::optional<std::string>& out) {
    auto f = in.String(name);
    if (f.present) out = f.is_null ? std::string() : f.value;
  };
  auto flag = [&](const char* name, std::optional<bool>& out) {
    auto f = in.Bool(name);
    if (f.present && !f.is_null) out = f.value;
    if (f.present && f.is_null) in.AddError(name, "invalid_type", "Must be true or false.");
  };
  text("first_name", p.first_name);
  text("last_name", p.last_name);
  text("email", p.email);
  text("phone", p.phone);
  text("country", p.country);
  text("language", p.language);
  text("company", p.company);
  text("fax", p.fax);
  text("note", p.note);
  text("group_id", p.group_id);
  if (p.group_id && p.group_id->empty()) {
    in.AddError("group_id", "required", "Choose a group; every customer belongs to one.");
  }
  if (auto f = in.StringMap("custom_fields"); f.present) p.custom_fields = f.value;
  if (auto f = in.StringList("tags"); f.present) p.tags = f.value;
  if (auto f = in.Number("commission_reduced_percent"); f.present) {
    p.commission_reduced_percent = f.is_null ? 0.0 : f.value;
  }
  flag("library_all_access", p.library_all_access);
  flag("member_directory_access", p.member_directory_access);
  flag("email_marketing_consent", p.consent_email);
  flag("sms_marketing_consent", p.consent_sms);
  flag("messenger_marketing_consent", p.consent_messenger);
  return p;
}

// Fields the API shows but no edit may set: named clearly instead of "unknown".
void RefuseReadOnly(const nlohmann::json& body, http::JsonFields& in) {
  for (const char* name : {"id", "kind", "status", "full_name", "group_name", "registered_at",
                           "registration_ip", "updated_at", "last_login_at", "last_login_ip",
                           "last_activity_at", "version"}) {
    if (body.contains(name)) {
      in.Ignore(name);
      in.AddError(name, "read_only", "This field cannot be changed here.");
    }
  }
}

Response Create(Request& req, const audit::Actor& actor, Service& service) {
  auto body = http::ParseJsonObject(req.body);
  if (!body.ok()) return ErrorResponse(body.error(), req);
  http::JsonFields in(*body);
  NewCustomer input;
  if (auto kind = in.String("kind"); kind.present && !kind.is_null) {
    if (auto k = ParseKind(kind.value)) input.kind = *k;
    else in.AddError("kind", "invalid_kind", "Use registered or guest.");
  }
  auto patch = ReadPatch(*body, in);
  if (auto done = in.Finish(); !done.ok()) return ErrorResponse(done.error(), req);
  input.fields = std::move(*patch);
  auto created = service.Create(actor, input);
  if (!created.ok()) return ErrorResponse(created.error(), req);
  Response r = CustomerResponse(201, *created);
  r.headers.Set("location", "/api/admin/customers/" + created->public_id);
  return r;
}

Response Update(Request& req, const audit::Actor& actor, Service& service) {
  auto version = admins::IfMatchVersion(req);
  if (!version.ok()) return ErrorResponse(version.error(), req);
  auto body = http::ParseJsonObject(req.body);
  if (!body.ok()) return ErrorResponse(body.error(), req);
  http::JsonFields in(*body);
  RefuseReadOnly(*body, in);
  auto patch = ReadPatch(*body, in);
  if (auto done = in.Finish(); !done.ok()) return ErrorResponse(done.error(), req);
  auto updated = service.Update(actor, *req.PathParam("id"), *patch, *version);
  if (!updated.ok()) return ErrorResponse(updated.error(), req);
  return CustomerResponse(200, *updated);
}

ListParams ParamsOf(const Request& req) {
  ListParams params;
  for (const auto& [k, v] : req.query) params.values.emplace(k, v);
  return params;
}

Response List(Request& req, Service& service) {
  auto page = service.List(ParamsOf(req));
  if (!page.ok()) return ErrorResponse(page.error(), req);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& c : page->items) items.push_back(ToJson(c));
  nlohmann::json out = {{"items", std::move(items)},
                        {"next_cursor", page->next_cursor ? nlohmann::json(*page->next_cursor)
                                                          : nlohmann::json(nullptr)}};
  if (page->total) {
    out["total"] = *page->total;
    out["total_exact"] = page->total_exact;
  }
  return http::JsonResponse(200, out);
}

}  // namespace

nlohmann::json ToJson(const Customer& c) {
  std::string full_name = c.first_name;
  if (!c.last_name.empty()) full_name += (full_name.empty() ? "" : " ") + c.last_name;
  nlohmann::json fields = nlohmann::json::object();
  for (const auto& [k, v] : c.custom_fields) fields[k] = v;
  return {
      {"id", c.public_id},
      {"kind", ToString(c.kind)},
      {"status", ToString(c.status)},
      {"first_name", c.first_name},
      {"last_name", c.last_name},
      {"full_name", full_name},
      {"email", c.email},
      {"phone", c.phone},
      {"country", c.country},
      {"language", c.language},
      {"company", c.company},
      {"fax", c.fax},
      {"note", c.note},
      {"custom_fields", std::move(fields)},
      {"commission_reduced_percent", static_cast<double>(c.commission_reduced_bp) / 100.0},
      {"library_all_access", c.library_all_access},
      {"member_directory_access", c.member_directory_access},
      {"email_marketing_consent", c.consent_email},
      {"sms_marketing_consent", c.consent_sms},
      {"messenger_marketing_consent", c.consent_messenger},
      {"group_id", c.group_public_id},
      {"group_name", c.group_name},
      {"tags", c.tags},
      {"registered_at", FormatInstant(c.registered_at)},
      {"registration_ip", c.registration_ip},
      {"updated_at", FormatInstant(c.updated_at)},
      {"last_login_at", Instant(c.last_login_at)},
      {"last_login_ip", c.last_login_ip},
      {"last_activity_at", Instant(c.last_activity_at)},
      {"version", c.version},
  };
}

void RegisterRoutes(admins::AdminApi& api, Service& service) {
  api.Add("GET", "/api/admin/customers", Permission::kViewCustomers,
          [&](Request& req, const audit::Actor&) { return List(req, service); });
  api.Add("GET", "/api/admin/customers/count", Permission::kViewCustomers,
          [&](Request& req, const audit::Actor&) {
            auto n = service.CountExact(ParamsOf(req));
            if (!n.ok()) return ErrorResponse(n.error(), req);
            return http::JsonResponse(200, {{"total", *n}, {"total_exact", true}});
          });
  api.Add("POST", "/api/admin/customers", Permission::kEditCustomers,
          [&](Request& req, const audit::Actor& actor) { return Create(req, actor, service); });
  api.Add("GET", "/api/admin/customers/{id}", Permission::kViewCustomers,
          [&](Request& req, const audit::Actor&) {
            auto c = service.Get(*req.PathParam("id"));
            if (!c.ok()) return ErrorResponse(c.error(), req);
            return CustomerResponse(200, *c);
          });
  api.Add("PATCH", "/api/admin/customers/{id}", Permission::kEditCustomers,
          [&](Request& req, const audit::Actor& actor) { return Update(req, actor, service); });
  auto status_change = [&](auto method) {
    return [&service, method](Request& req, const audit::Actor& actor) {
      auto version = admins::IfMatchVersion(req);
      if (!version.ok()) return ErrorResponse(version.error(), req);
      auto c = (service.*method)(actor, *req.PathParam("id"), *version);
      if (!c.ok()) return ErrorResponse(c.error(), req);
      return CustomerResponse(200, *c);
    };
  };
  api.Add("POST", "/api/admin/customers/{id}/deactivate", Permission::kEditCustomers,
          status_change(&Service::Deactivate));
  api.Add("POST", "/api/admin/customers/{id}/restore", Permission::kEditCustomers,
          status_change(&Service::Restore));
}

}  // namespace clientele::customers
