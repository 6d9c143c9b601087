#include "modules/settings/routes.hpp"

#include "http/json_body.hpp"

namespace clientele::settings {
namespace {

using admins::ErrorResponse;
using http::Request;
using http::Response;

Response SettingsResponse(const Request& req, const Result<Settings>& s) {
  if (!s.ok()) return ErrorResponse(s.error(), req);
  return http::JsonResponse(200, {{"store_name", s->store_name},
                                  {"default_country", s->default_country},
                                  {"default_language", s->default_language},
                                  {"time_zone", s->time_zone},
                                  {"currency", s->currency},
                                  {"payment_url_template", s->payment_url_template},
                                  {"account_mode", s->account_mode},
                                  {"require_verification", s->require_verification},
                                  {"assistance_requires_consent", s->assistance_requires_consent},
                                  {"spam_threshold", s->spam_threshold}});
}

}  // namespace

void RegisterRoutes(admins::AdminApi& api, Service& service) {
  // Every admin reads the settings: the UI needs the store name and time zone.
  api.Add("GET", "/api/admin/settings", admins::Permission::kViewCustomers,
          [&service](Request& req, const audit::Actor&) {
            return SettingsResponse(req, service.Get());
          });
  api.Add("PATCH", "/api/admin/settings", admins::Permission::kManageSettings,
          [&service](Request& req, const audit::Actor& actor) {
            auto body = http::ParseJsonObject(req);
            if (!body.ok()) return ErrorResponse(body.error(), req);
            http::JsonFields in(*body);
            SettingsChange change;
            auto take = [&](const char* name, std::optional<std::string>& out) {
              auto f = in.String(name);
              if (f.present && f.is_null)
                in.AddError(name, "invalid_type", "Must be a string.");
              else if (f.present)
                out = f.value;
            };
            take("store_name", change.store_name);
            take("default_country", change.default_country);
            take("default_language", change.default_language);
            take("time_zone", change.time_zone);
            take("account_mode", change.account_mode);
            take("currency", change.currency);
            take("payment_url_template", change.payment_url_template);
            in.OptionalFlag("require_verification", change.require_verification);
            in.OptionalFlag("assistance_requires_consent", change.assistance_requires_consent);
            if (auto t = in.Int("spam_threshold"); t.present) {
              if (t.is_null)
                in.AddError("spam_threshold", "invalid_type", "Must be a whole number.");
              else
                change.spam_threshold = t.value;
            }
            if (auto done = in.Finish(); !done.ok()) return ErrorResponse(done.error(), req);
            return SettingsResponse(req, service.Update(actor, change));
          });
}

}  // namespace clientele::settings
