#include "modules/settings/routes.hpp"

#include "core/contact.hpp"
#include "core/ids.hpp"
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

Response EmailResponse(const Request& req, const Result<EmailSettings>& s, mail::SmtpSwitch& smtp) {
  if (!s.ok()) return ErrorResponse(s.error(), req);
  auto current = smtp.Current();
  return http::JsonResponse(200, {{"host", s->host},
                                  {"port", s->port},
                                  {"tls", s->tls},
                                  {"user", s->user},
                                  {"password_set", s->password_set},
                                  {"from_address", s->from_address},
                                  {"from_name", s->from_name},
                                  {"overridden", smtp.fixed()},
                                  {"configured", current.has_value()},
                                  {"server", current ? mail::DescribeServer(*current) : ""}});
}

Result<EmailSettingsChange> ParseEmailChange(const Request& req) {
  ASSIGN_OR_RETURN(nlohmann::json body, http::ParseJsonObject(req));
  http::JsonFields in(body);
  EmailSettingsChange change;
  auto text = [&](const char* name, std::string& out, bool required) {
    auto f = in.String(name);
    if (f.present && f.is_null) {
      in.AddError(name, "invalid_type", "Must be a string.");
    } else if (f.present) {
      out = f.value;
    } else if (required) {
      in.AddError(name, "required", "This field is required.");
    }
  };
  text("host", change.host, true);
  text("tls", change.tls, false);
  text("user", change.user, false);
  text("from_address", change.from_address, true);
  text("from_name", change.from_name, false);
  if (auto port = in.Int("port"); port.present && !port.is_null) {
    change.port = port.value;
  } else if (port.present) {
    in.AddError("port", "invalid_type", "Must be a whole number.");
  }
  if (auto password = in.String("password"); password.present && password.is_null) {
    in.AddError("password", "invalid_type", "Must be a string (\"\" removes the password).");
  } else if (password.present) {
    change.password = password.value;
  }
  RETURN_IF_ERROR(in.Finish());
  return change;
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

void RegisterEmailRoutes(admins::AdminApi& api, EmailSettingsService& email, Service& settings,
                         mail::SmtpSwitch& smtp, const Clock& clock) {
  api.Add("GET", "/api/admin/settings/email", admins::Permission::kManageSettings,
          [&](Request& req, const audit::Actor&) { return EmailResponse(req, email.Get(), smtp); });
  api.Add("PUT", "/api/admin/settings/email", admins::Permission::kManageSettings,
          [&](Request& req, const audit::Actor& actor) {
            auto change = ParseEmailChange(req);
            if (!change.ok()) return ErrorResponse(change.error(), req);
            auto saved = email.Update(actor, *change);
            if (saved.ok()) smtp.Reload();
            return EmailResponse(req, saved, smtp);
          });
  // Sends at once (not through the outbox), so the owner sees the server's answer.
  api.Add(
      "POST", "/api/admin/settings/email/test", admins::Permission::kManageSettings,
      [&](Request& req, const audit::Actor& actor) {
        // Off the server threads: a slow or unreachable mail server takes up to a minute.
        return Response::Defer([req, actor, &email, &settings, &smtp, &clock]() mutable {
          auto body = http::ParseJsonObject(req);
          if (!body.ok()) return ErrorResponse(body.error(), req);
          http::JsonFields in(*body);
          auto to_field = in.String("to");
          std::string to;
          if (!to_field.present || to_field.is_null) {
            in.AddError("to", "required", "Enter the address to send the test e-mail to.");
          } else if (auto parsed = ParseEmail(to_field.value, "to"); !parsed.ok()) {
            in.AddError("to", "invalid_email", "Enter an e-mail address, such as you@example.com.");
          } else {
            to = parsed->display;
          }
          if (auto done = in.Finish(); !done.ok()) return ErrorResponse(done.error(), req);
          auto config = smtp.Current();
          if (!config) {
            return ErrorResponse(
                Error::Precondition("email_not_configured",
                                    "No mail server is set up: save the e-mail settings first."),
                req);
          }
          auto store = settings.Get();
          const std::string store_name =
              store.ok() && !store->store_name.empty() ? store->store_name : "your store";
          mail::OutgoingMail mail;
          mail.to_address = to;
          mail.subject = "Test e-mail from " + store_name;
          mail.text = "This is a test e-mail from " + store_name +
                      ". E-mail sending works: customers get their e-mails through " +
                      mail::DescribeServer(*config) + ".";
          const auto at = config->from_address.rfind('@');
          mail.message_id =
              NewPublicId("test") + "@" +
              (at == std::string::npos ? "localhost" : config->from_address.substr(at + 1));
          mail.date_micros = clock.NowMicros();
          mail::SendOutcome outcome = mail::SmtpTransport(*config).Send(mail);
          if (auto noted = email.RecordTest(actor, to, outcome); !noted.ok()) {
            return ErrorResponse(noted.error(), req);
          }
          if (!outcome.sent) {
            return ErrorResponse(
                Error{ErrorCode::kUnavailable,
                      "test_email_failed",
                      "The mail server did not take the test e-mail: " + outcome.error,
                      {}},
                req);
          }
          return http::JsonResponse(
              200, {{"sent", true}, {"to", to}, {"server", mail::DescribeServer(*config)}});
        });
      });
}

}  // namespace clientele::settings
