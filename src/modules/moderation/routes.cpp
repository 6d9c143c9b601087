#include "modules/moderation/routes.hpp"

#include "core/json_writer.hpp"
#include "http/json_body.hpp"
#include "modules/customers/routes.hpp"

namespace clientele::moderation {
namespace {

using http::ErrorResponse;
using http::Request;
using http::Response;

Response CustomerResponse(const customers::Customer& c) {
  JsonWriter w;
  customers::WriteJson(w, c);
  Response r = Response::Json(200, w.Take());
  r.headers.Set("etag", http::ETagFor(c.version));
  return r;
}

}  // namespace

void RegisterRoutes(admins::AdminApi& api, Service& service) {
  api.Add("POST", "/api/admin/customers/{id}/ban", admins::Permission::kEditCustomers,
          [&service](Request& req, const audit::Actor& actor) {
            auto version = http::IfMatchVersion(req);
            if (!version.ok()) return ErrorResponse(version.error(), req);
            auto body = http::ParseJsonObject(req);
            if (!body.ok()) return ErrorResponse(body.error(), req);
            http::JsonFields in(*body);
            std::optional<BanReason> reason;
            auto r = in.String("reason");
            if (!r.present || r.is_null || r.value.empty()) {
              in.AddError("reason", "required", "Choose a reason.");
            } else if (!(reason = ParseBanReason(r.value))) {
              in.AddError("reason", "invalid_reason",
                          "Use refused_deliveries, return_abuse, abusive_to_staff, fake_orders or "
                          "other.");
            }
            std::string note;
            if (auto f = in.String("note"); f.present && !f.is_null) note = f.value;
            if (auto done = in.Finish(); !done.ok()) return ErrorResponse(done.error(), req);
            auto banned = service.Ban(actor, *req.PathParam("id"), *reason, note, *version);
            if (!banned.ok()) return ErrorResponse(banned.error(), req);
            return CustomerResponse(*banned);
          });
  api.Add("POST", "/api/admin/customers/{id}/ban/lift", admins::Permission::kEditCustomers,
          [&service](Request& req, const audit::Actor& actor) {
            auto version = http::IfMatchVersion(req);
            if (!version.ok()) return ErrorResponse(version.error(), req);
            auto lifted = service.LiftBan(actor, *req.PathParam("id"), *version);
            if (!lifted.ok()) return ErrorResponse(lifted.error(), req);
            return CustomerResponse(*lifted);
          });
}

}  // namespace clientele::moderation
