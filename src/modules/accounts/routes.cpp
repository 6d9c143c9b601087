#include "modules/accounts/routes.hpp"

#include "core/json_writer.hpp"
#include "core/time.hpp"
#include "formats/qr_svg.hpp"
#include "http/json_body.hpp"
#include "http/problem.hpp"
#include "modules/accounts/guard.hpp"
#include "modules/addresses/routes.hpp"
#include "modules/customers/routes.hpp"

namespace clientele::accounts {
namespace {

using http::ErrorResponse;
using http::Request;
using http::Response;

const char* ModeName(AccountMode m) {
  return m == AccountMode::kRequired   ? "required"
         : m == AccountMode::kDisabled ? "disabled"
                                       : "optional";
}

nlohmann::json Instant(const std::optional<int64_t>& v) {
  return v ? nlohmann::json(FormatInstant(*v)) : nlohmann::json(nullptr);
}

// An admin signed in as the customer sees none of the customer's credentials.
nlohmann::json MeJson(const Me& me, const Shopper& shopper) {
  const customers::Customer& c = me.customer;
  const AccountState& a = me.account;
  nlohmann::json out = {
      {"id", c.public_id},
      {"email", c.email},
      {"pending_email",
       a.pending_email.empty() ? nlohmann::json(nullptr) : nlohmann::json(a.pending_email)},
      {"first_name", c.first_name},
      {"last_name", c.last_name},
      {"phone", c.phone},
      {"country", c.country},
      {"language", c.language},
      {"consent_email", c.consent_email},
      {"consent_sms", c.consent_sms},
      {"email_verified", a.email_verified_at.has_value()},
      {"registered_at", FormatInstant(c.registered_at)},
      {"second_factor", a.second_factor},
      {"totp_enabled", a.totp_enabled},
      {"sms_enabled", a.sms_enabled},
      {"recovery_codes_left", a.recovery_codes_left},
      {"must_change_password", a.must_change_password},
      {"deletion_requested_at", Instant(a.deletion_requested_at)},
      {"assistance_allowed", a.assistance_allowed_at.has_value()}};
  if (shopper.assisted()) {
    for (const char* hidden : {"pending_email", "second_factor", "totp_enabled", "sms_enabled",
                               "recovery_codes_left", "must_change_password"}) {
      out[hidden] = nullptr;
    }
  }
  return out;
}

// Who is signed in: the customer, or an admin as the customer (the area shows a banner).
nlohmann::json AssistedJson(const Shopper& shopper) {
  if (!shopper.assisted()) return nullptr;
  return {{"admin_name", shopper.assisted_by_name},
          {"expires_at", FormatInstant(shopper.expires_at)}};
}

nlohmann::json StateJson(const AccountState& a) {
  return {{"email_verified", a.email_verified_at.has_value()},
          {"email_verified_at", Instant(a.email_verified_at)},
          {"has_password", a.has_password},
          {"must_change_password", a.must_change_password},
          {"pending_email",
           a.pending_email.empty() ? nlohmann::json(nullptr) : nlohmann::json(a.pending_email)},
          {"second_factor", a.second_factor},
          {"totp_enabled", a.totp_enabled},
          {"sms_enabled", a.sms_enabled},
          {"recovery_codes_left", a.recovery_codes_left},
          {"sessions", {{"active", a.active_sessions}, {"last_seen_at", Instant(a.last_seen_at)}}},
          {"deletion_requested_at", Instant(a.deletion_requested_at)},
          {"assistance_allowed", a.assistance_allowed_at.has_value()}};
}

std::string SessionCookie(const std::string& value, int64_t max_age_seconds, bool secure) {
  // Lax, not Strict: a shopper who follows a link from an e-mail arrives signed in.
  return std::string(kShopperCookie) + "=" + value +
         "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(max_age_seconds) +
         (secure ? "; Secure" : "");
}

Response SignedInResponse(Service& service, const NewSession& session, bool secure_cookies,
                          nlohmann::json body = nlohmann::json::object()) {
  auto me = service.GetMe(session.shopper);
  if (!me.ok()) return http::Problem(me.error(), "");
  body["customer"] = MeJson(*me, session.shopper);
  body["assisted"] = AssistedJson(session.shopper);
  body["csrf_token"] = session.shopper.csrf_token;
  // Made by an admin for this customer: shown now, once.
  if (!session.recovery_codes.empty()) body["recovery_codes"] = session.recovery_codes;
  Response r = http::JsonResponse(200, body);
  r.headers.Set(
      "set-cookie",
      SessionCookie(session.secret, Service::kSessionAbsoluteMicros / 1000000, secure_cookies));
  r.headers.Set("cache-control", "no-store");
  return r;
}

// A session, or the second step it needs first; `body` adds fields to the answer.
Response SignInAnswer(Service& service, const SignIn& signed_in, bool secure_cookies,
                      nlohmann::json body = nlohmann::json::object()) {
  if (signed_in.session) return SignedInResponse(service, *signed_in.session, secure_cookies, body);
  body["second_factor"] = {{"challenge", signed_in.challenge}, {"methods", signed_in.methods}};
  Response r = http::JsonResponse(200, body);
  r.headers.Set("cache-control", "no-store");
  return r;
}

// The string fields of a JSON body; missing ones read as "" and `required` ones must be set.
struct Strings {
  std::map<std::string, std::string> values;
  const std::string& operator[](const std::string& k) const { return values.at(k); }
};

Result<Strings> ReadStrings(const Request& req, std::initializer_list<const char*> required,
                            std::initializer_list<const char*> optional = {}) {
  ASSIGN_OR_RETURN(nlohmann::json body, http::ParseJsonObject(req));
  http::JsonFields in(body);
  Strings out;
  for (const char* name : required) {
    auto f = in.String(name);
    if (!f.present || f.is_null || f.value.empty()) {
      in.AddError(name, "required", "This field is required.");
    }
    out.values[name] = f.value;
  }
  for (const char* name : optional) {
    auto f = in.String(name);
    out.values[name] = f.present && !f.is_null ? f.value : "";
  }
  RETURN_IF_ERROR(in.Finish());
  return out;
}

Response Accepted(const char* status, const char* detail) {
  return http::JsonResponse(202, {{"status", status}, {"detail", detail}});
}

// Runs `work` off the server threads (it hashes a password), with its own copy of the request.
template <typename F>
Response Slow(const Request& req, F work) {
  return Response::Defer([req, work = std::move(work)]() mutable { return work(req); });
}

void RegisterPublic(StoreApi& api, Service& service, bool secure) {
  api.AddPublic("POST", "/api/store/register", [&service](Request& req, const audit::Actor& from) {
    auto body = http::ParseJsonObject(req);
    if (!body.ok()) return ErrorResponse(body.error(), req);
    http::JsonFields in(*body);
    Registration r;
    auto text = [&](const char* name, std::string& out) {
      auto f = in.String(name);
      if (f.present && !f.is_null) out = f.value;
    };
    text("first_name", r.first_name);
    text("last_name", r.last_name);
    text("email", r.email);
    text("password", r.password);
    text("phone", r.phone);
    text("country", r.country);
    text("language", r.language);
    for (auto [name, out] :
         {std::pair{"consent_email", &r.consent_email}, std::pair{"consent_sms", &r.consent_sms}}) {
      auto f = in.Bool(name);
      if (f.present && !f.is_null) *out = f.value;
    }
    if (auto done = in.Finish(); !done.ok()) return ErrorResponse(done.error(), req);
    return Slow(req, [&service, r, from](const Request& req) {
      Status s = service.Register(r, from);
      if (!s.ok()) return ErrorResponse(s.error(), req);
      return Accepted("verification_sent",
                      "Check your e-mail: we sent a link to confirm the address.");
    });
  });
  api.AddPublic(
      "POST", "/api/store/verify", [&service, secure](Request& req, const audit::Actor& from) {
        auto in = ReadStrings(req, {"token"}, {"password"});
        if (!in.ok()) return ErrorResponse(in.error(), req);
        return Slow(req, [&service, secure, in = *in, from](const Request& req) {
          auto verified = service.Verify(in["token"], in["password"], from);
          if (!verified.ok()) return ErrorResponse(verified.error(), req);
          nlohmann::json body = {{"status", verified->email_changed ? "email_changed" : "verified"},
                                 {"email", verified->email}};
          if (verified->email_changed) return http::JsonResponse(200, body);
          // The password was just proved: a new account is signed in (or asked for its second
          // factor) at once. Should that fail (a ban meanwhile), the address stays verified.
          auto signed_in = service.Login(verified->email, in["password"], from);
          if (!signed_in.ok()) return http::JsonResponse(200, body);
          return SignInAnswer(service, *signed_in, secure, body);
        });
      });
  api.AddPublic("POST", "/api/store/verify/resend",
                [&service](Request& req, const audit::Actor& from) {
                  auto in = ReadStrings(req, {"email"});
                  if (!in.ok()) return ErrorResponse(in.error(), req);
                  Status s = service.ResendVerification((*in)["email"], from);
                  if (!s.ok()) return ErrorResponse(s.error(), req);
                  return Accepted("verification_sent",
                                  "If the address has an account waiting for confirmation, a "
                                  "new link is on its way.");
                });
  api.AddPublic("POST", "/api/store/login",
                [&service, secure](Request& req, const audit::Actor& from) {
                  auto in = ReadStrings(req, {"email", "password"});
                  if (!in.ok()) return ErrorResponse(in.error(), req);
                  return Slow(req, [&service, secure, in = *in, from](const Request& req) {
                    auto signed_in = service.Login(in["email"], in["password"], from);
                    if (!signed_in.ok()) return ErrorResponse(signed_in.error(), req);
                    return SignInAnswer(service, *signed_in, secure);
                  });
                });
  api.AddPublic("POST", "/api/store/login/second-factor",
                [&service, secure](Request& req, const audit::Actor& from) {
                  auto in = ReadStrings(req, {"challenge", "method", "code"});
                  if (!in.ok()) return ErrorResponse(in.error(), req);
                  auto session = service.CompleteSignIn((*in)["challenge"], (*in)["method"],
                                                        (*in)["code"], from);
                  if (!session.ok()) return ErrorResponse(session.error(), req);
                  return SignedInResponse(service, *session, secure);
                });
  api.AddPublic("POST", "/api/store/login/sms", [&service](Request& req, const audit::Actor& from) {
    auto in = ReadStrings(req, {"challenge"});
    if (!in.ok()) return ErrorResponse(in.error(), req);
    Status s = service.SendSignInCode((*in)["challenge"], from);
    if (!s.ok()) return ErrorResponse(s.error(), req);
    return Accepted("code_sent", "A code is on its way to your phone. It works for 5 minutes.");
  });
  api.AddPublic("POST", "/api/store/password/forgot",
                [&service](Request& req, const audit::Actor& from) {
                  auto in = ReadStrings(req, {"email"});
                  if (!in.ok()) return ErrorResponse(in.error(), req);
                  Status s = service.ForgotPassword((*in)["email"], from);
                  if (!s.ok()) return ErrorResponse(s.error(), req);
                  return Accepted("reset_sent",
                                  "If the address has an account, a link to choose a new "
                                  "password is on its way. It works for one hour.");
                });
  api.AddPublic("POST", "/api/store/password/reset",
                [&service](Request& req, const audit::Actor& from) {
                  auto in = ReadStrings(req, {"token", "password"});
                  if (!in.ok()) return ErrorResponse(in.error(), req);
                  return Slow(req, [&service, in = *in, from](const Request& req) {
                    Status s = service.ResetPassword(in["token"], in["password"], from);
                    if (!s.ok()) return ErrorResponse(s.error(), req);
                    return http::JsonResponse(200, {{"status", "password_changed"}});
                  });
                });
}

void RegisterSignedIn(StoreApi& api, Service& service, addresses::Service& addresses, bool secure) {
  // What a shopper with a temporary password may still do: read who they are, change it.
  constexpr auto kAllow = StoreApi::WhileTemporaryPassword::kAllow;
  // The routes an admin signed in as the customer may not use.
  auto customer_only = [&api](const std::string& method, const std::string& pattern,
                              StoreApi::Handler handler,
                              StoreApi::WhileTemporaryPassword temporary =
                                  StoreApi::WhileTemporaryPassword::kRefuse) {
    api.AddSignedIn(method, pattern, std::move(handler), temporary,
                    StoreApi::WhileAssisted::kRefuse);
  };
  api.AddSignedIn(
      "GET", "/api/store/session",
      [&service](Request& req, const ShopperCaller& c) {
        auto me = service.GetMe(c.shopper);
        if (!me.ok()) return ErrorResponse(me.error(), req);
        Response r = http::JsonResponse(200, {{"customer", MeJson(*me, c.shopper)},
                                              {"csrf_token", c.shopper.csrf_token},
                                              {"assisted", AssistedJson(c.shopper)}});
        r.headers.Set("cache-control", "no-store");
        return r;
      },
      kAllow);
  // Signing out always clears the cookie, also when its session has expired already.
  api.AddPublic("POST", "/api/store/logout", [&service, secure](Request& req, const audit::Actor&) {
    auto caller = AuthenticateShopper(service, req);
    if (caller.ok()) {
      Status s = service.Logout(*http::CookieValue(req, kShopperCookie), caller->actor);
      if (!s.ok()) return ErrorResponse(s.error(), req);
    } else if (caller.error().code == ErrorCode::kPermissionDenied) {
      return ErrorResponse(caller.error(), req);  // not this site's page
    }
    Response r = Response::NoContent();
    r.headers.Set("set-cookie", SessionCookie("", 0, secure));
    return r;
  });
  api.AddSignedIn(
      "GET", "/api/store/me",
      [&service](Request& req, const ShopperCaller& c) {
        auto me = service.GetMe(c.shopper);
        if (!me.ok()) return ErrorResponse(me.error(), req);
        return http::JsonResponse(200, MeJson(*me, c.shopper));
      },
      kAllow);
  api.AddSignedIn("PATCH", "/api/store/me", [&service](Request& req, const ShopperCaller& c) {
    auto body = http::ParseJsonObject(req);
    if (!body.ok()) return ErrorResponse(body.error(), req);
    http::JsonFields in(*body);
    ProfileChange change;
    in.OptionalText("first_name", change.first_name);
    in.OptionalText("last_name", change.last_name);
    in.OptionalText("phone", change.phone);
    in.OptionalText("country", change.country);
    in.OptionalText("language", change.language);
    in.OptionalFlag("consent_email", change.consent_email);
    in.OptionalFlag("consent_sms", change.consent_sms);
    for (const char* name :
         {"id", "email", "pending_email", "email_verified", "registered_at", "second_factor",
          "totp_enabled", "sms_enabled", "recovery_codes_left", "must_change_password",
          "deletion_requested_at", "assistance_allowed"}) {
      if (body->contains(name)) {
        in.Ignore(name);
        in.AddError(name, "read_only",
                    std::string(name) == "email" ? "Change your e-mail address with its own form."
                                                 : "This field cannot be changed here.");
      }
    }
    if (auto done = in.Finish(); !done.ok()) return ErrorResponse(done.error(), req);
    auto me = service.UpdateMe(c.shopper, change, c.actor);
    if (!me.ok()) return ErrorResponse(me.error(), req);
    return http::JsonResponse(200, MeJson(*me, c.shopper));
  });
  customer_only("POST", "/api/store/me/email", [&service](Request& req, const ShopperCaller& c) {
    auto in = ReadStrings(req, {"email", "password"});
    if (!in.ok()) return ErrorResponse(in.error(), req);
    return Slow(req, [&service, in = *in, c](const Request& req) {
      auto pending = service.ChangeEmail(c.shopper, in["email"], in["password"], c.actor);
      if (!pending.ok()) return ErrorResponse(pending.error(), req);
      return http::JsonResponse(202,
                                {{"status", "verification_sent"}, {"pending_email", *pending}});
    });
  });
  customer_only(
      "POST", "/api/store/me/password",
      [&service](Request& req, const ShopperCaller& c) {
        auto in = ReadStrings(req, {"current_password", "new_password"});
        if (!in.ok()) return ErrorResponse(in.error(), req);
        return Slow(req, [&service, in = *in, c](const Request& req) {
          Status s = service.ChangePassword(c.shopper, in["current_password"], in["new_password"],
                                            c.actor);
          if (!s.ok()) return ErrorResponse(s.error(), req);
          return Response::NoContent();
        });
      },
      kAllow);

  // The address book: the admin's handlers, for the signed-in shopper's own book.
  const std::string books = "/api/store/me/addresses";
  api.AddSignedIn("GET", books, [&addresses](Request& req, const ShopperCaller& c) {
    return addresses::HandleList(req, addresses, c.shopper.customer_public_id);
  });
  api.AddSignedIn("POST", books, [&addresses, books](Request& req, const ShopperCaller& c) {
    return addresses::HandleAdd(req, c.actor, addresses, c.shopper.customer_public_id, books);
  });
  api.AddSignedIn("PATCH", books, [&addresses](Request& req, const ShopperCaller& c) {
    return addresses::HandleSetDefaults(req, c.actor, addresses, c.shopper.customer_public_id);
  });
  api.AddSignedIn("GET", books + "/{address_id}",
                  [&addresses](Request& req, const ShopperCaller& c) {
                    return addresses::HandleGet(req, addresses, c.shopper.customer_public_id);
                  });
  api.AddSignedIn(
      "PATCH", books + "/{address_id}", [&addresses](Request& req, const ShopperCaller& c) {
        return addresses::HandleUpdate(req, c.actor, addresses, c.shopper.customer_public_id);
      });
  api.AddSignedIn(
      "DELETE", books + "/{address_id}", [&addresses](Request& req, const ShopperCaller& c) {
        return addresses::HandleDelete(req, c.actor, addresses, c.shopper.customer_public_id);
      });

  customer_only("GET", "/api/store/me/sessions", [&service](Request& req, const ShopperCaller& c) {
    auto sessions = service.ListSessions(c.shopper);
    if (!sessions.ok()) return ErrorResponse(sessions.error(), req);
    nlohmann::json items = nlohmann::json::array();
    for (const auto& s : *sessions) {
      items.push_back(
          {{"id", s.id},
           {"device", s.device},
           {"ip", s.ip},
           {"created_at", FormatInstant(s.created_at)},
           {"last_seen_at", FormatInstant(s.last_seen_at)},
           {"current", s.current},
           {"assisted_by", s.assisted_by_name.empty() ? nlohmann::json(nullptr)
                                                      : nlohmann::json(s.assisted_by_name)}});
    }
    return http::JsonResponse(200, {{"items", items}});
  });
  customer_only("DELETE", "/api/store/me/sessions/{session_id}",
                [&service](Request& req, const ShopperCaller& c) {
                  Status s = service.EndSession(c.shopper, *req.PathParam("session_id"), c.actor);
                  if (!s.ok()) return ErrorResponse(s.error(), req);
                  return Response::NoContent();
                });
  customer_only("POST", "/api/store/me/sessions/end-others",
                [&service](Request& req, const ShopperCaller& c) {
                  auto n = service.EndOtherSessions(c.shopper, c.actor);
                  if (!n.ok()) return ErrorResponse(n.error(), req);
                  return http::JsonResponse(200, {{"ended", *n}});
                });

  customer_only("POST", "/api/store/me/totp", [&service](Request& req, const ShopperCaller& c) {
    auto in = ReadStrings(req, {}, {"password"});
    if (!in.ok()) return ErrorResponse(in.error(), req);
    return Slow(req, [&service, in = *in, c](const Request& req) {
      auto setup = service.StartTotp(c.shopper, in["password"], c.actor);
      if (!setup.ok()) return ErrorResponse(setup.error(), req);
      Response r = http::JsonResponse(200, {{"secret", setup->secret},
                                            {"uri", setup->uri},
                                            {"qr_svg", formats::QrSvg(setup->uri).value_or("")}});
      r.headers.Set("cache-control", "no-store");
      return r;
    });
  });
  customer_only("POST", "/api/store/me/totp/confirm",
                [&service](Request& req, const ShopperCaller& c) {
                  auto in = ReadStrings(req, {"code"});
                  if (!in.ok()) return ErrorResponse(in.error(), req);
                  auto codes = service.ConfirmTotp(c.shopper, (*in)["code"], c.actor);
                  if (!codes.ok()) return ErrorResponse(codes.error(), req);
                  Response r = http::JsonResponse(200, {{"recovery_codes", *codes}});
                  r.headers.Set("cache-control", "no-store");
                  return r;
                });
  customer_only("POST", "/api/store/me/totp/disable",
                [&service](Request& req, const ShopperCaller& c) {
                  auto in = ReadStrings(req, {"code"}, {"password"});
                  if (!in.ok()) return ErrorResponse(in.error(), req);
                  return Slow(req, [&service, in = *in, c](const Request& req) {
                    Status s = service.DisableTotp(c.shopper, in["password"], in["code"], c.actor);
                    if (!s.ok()) return ErrorResponse(s.error(), req);
                    return Response::NoContent();
                  });
                });
  customer_only(
      "POST", "/api/store/me/recovery-codes", [&service](Request& req, const ShopperCaller& c) {
        auto in = ReadStrings(req, {}, {"password"});
        if (!in.ok()) return ErrorResponse(in.error(), req);
        return Slow(req, [&service, in = *in, c](const Request& req) {
          auto codes = service.RegenerateRecoveryCodes(c.shopper, in["password"], c.actor);
          if (!codes.ok()) return ErrorResponse(codes.error(), req);
          Response r = http::JsonResponse(200, {{"recovery_codes", *codes}});
          r.headers.Set("cache-control", "no-store");
          return r;
        });
      });

  customer_only("POST", "/api/store/me/sms", [&service](Request& req, const ShopperCaller& c) {
    auto in = ReadStrings(req, {}, {"password"});
    if (!in.ok()) return ErrorResponse(in.error(), req);
    return Slow(req, [&service, in = *in, c](const Request& req) {
      Status s = service.StartSms(c.shopper, in["password"], c.actor);
      if (!s.ok()) return ErrorResponse(s.error(), req);
      return Accepted("code_sent", "A code is on its way to your phone. It works for 5 minutes.");
    });
  });
  customer_only("POST", "/api/store/me/sms/confirm",
                [&service](Request& req, const ShopperCaller& c) {
                  auto in = ReadStrings(req, {"code"});
                  if (!in.ok()) return ErrorResponse(in.error(), req);
                  auto codes = service.ConfirmSms(c.shopper, (*in)["code"], c.actor);
                  if (!codes.ok()) return ErrorResponse(codes.error(), req);
                  Response r = http::JsonResponse(200, {{"recovery_codes", *codes}});
                  r.headers.Set("cache-control", "no-store");
                  return r;
                });
  customer_only("POST", "/api/store/me/sms/disable",
                [&service](Request& req, const ShopperCaller& c) {
                  auto in = ReadStrings(req, {}, {"password"});
                  if (!in.ok()) return ErrorResponse(in.error(), req);
                  return Slow(req, [&service, in = *in, c](const Request& req) {
                    Status s = service.DisableSms(c.shopper, in["password"], c.actor);
                    if (!s.ok()) return ErrorResponse(s.error(), req);
                    return Response::NoContent();
                  });
                });
  customer_only("POST", "/api/store/me/deletion-request",
                [&service](Request& req, const ShopperCaller& c) {
                  auto in = ReadStrings(req, {}, {"password"});
                  if (!in.ok()) return ErrorResponse(in.error(), req);
                  return Slow(req, [&service, in = *in, c](const Request& req) {
                    auto at = service.RequestDeletion(c.shopper, in["password"], c.actor);
                    if (!at.ok()) return ErrorResponse(at.error(), req);
                    return http::JsonResponse(202, {{"deletion_requested_at", FormatInstant(*at)}});
                  });
                });
  customer_only("PUT", "/api/store/me/assistance",
                [&service](Request& req, const ShopperCaller& c) {
                  auto body = http::ParseJsonObject(req);
                  if (!body.ok()) return ErrorResponse(body.error(), req);
                  http::JsonFields in(*body);
                  auto allowed = in.Bool("allowed");
                  if (!allowed.present || allowed.is_null) {
                    in.AddError("allowed", "required", "Say true (allow) or false (do not allow).");
                  }
                  if (auto done = in.Finish(); !done.ok()) return ErrorResponse(done.error(), req);
                  auto me = service.SetAssistanceAllowed(c.shopper, allowed.value, c.actor);
                  if (!me.ok()) return ErrorResponse(me.error(), req);
                  return http::JsonResponse(200, MeJson(*me, c.shopper));
                });
}

}  // namespace

void RegisterRoutes(http::Router& router, Service& service, addresses::Service& addresses,
                    bool secure_cookies) {
  // Open even while accounts are disabled: the customer area reads it to say so.
  router.Add("GET", "/api/store/config", [&service](Request& req) {
    auto config = service.Config();
    if (!config.ok()) return ErrorResponse(config.error(), req);
    return http::JsonResponse(200,
                              {{"store_name", config->store_name},
                               {"account_mode", ModeName(config->mode)},
                               {"require_verification", config->require_verification},
                               {"sms_available", config->sms_available},
                               {"assistance_requires_consent", config->assistance_requires_consent},
                               {"default_country", config->default_country},
                               {"default_language", config->default_language}});
  });
  StoreApi api(router, service);
  RegisterPublic(api, service, secure_cookies);
  RegisterSignedIn(api, service, addresses, secure_cookies);
}

// The tools that make sense on a selection of the customer list.
void RegisterBulkTools(admins::AdminApi& api, Service& service) {
  using BulkTool =
      Result<db::BulkOutcome> (Service::*)(const audit::Actor&, const std::vector<std::string>&);
  for (auto [path, tool] :
       {std::pair<const char*, BulkTool>{"login-email", &Service::BulkLoginEmail},
        {"password-reset", &Service::BulkPasswordReset},
        {"convert", &Service::BulkConvertGuests}}) {
    api.Add("POST", std::string("/api/admin/customers/bulk/") + path,
            admins::Permission::kEditCustomers,
            [&service, tool](Request& req, const audit::Actor& actor) {
              auto body = http::ParseJsonObject(req);
              if (!body.ok()) return ErrorResponse(body.error(), req);
              http::JsonFields in(*body);
              auto ids = customers::ReadBulkIds(in);
              if (auto done = in.Finish(); !done.ok()) return ErrorResponse(done.error(), req);
              auto out = (service.*tool)(actor, ids);
              if (!out.ok()) return ErrorResponse(out.error(), req);
              return http::JsonResponse(200, customers::BulkJson(*out));
            });
  }
}

void RegisterAdminTools(admins::AdminApi& api, Service& service) {
  using admins::Permission;
  const std::string base = "/api/admin/customers/{id}";
  auto id = [](const Request& req) { return *req.PathParam("id"); };
  api.Add("POST", base + "/login-email", Permission::kEditCustomers,
          [&service, id](Request& req, const audit::Actor& actor) {
            auto kind = service.SendLoginEmail(actor, id(req));
            if (!kind.ok()) return ErrorResponse(kind.error(), req);
            return http::JsonResponse(202, {{"sent", *kind}});
          });
  api.Add("POST", base + "/convert", Permission::kEditCustomers,
          [&service, id](Request& req, const audit::Actor& actor) {
            auto account = service.ConvertGuest(actor, id(req));
            if (!account.ok()) return ErrorResponse(account.error(), req);
            JsonWriter w;
            customers::WriteJson(w, *account);
            Response r = Response::Json(200, w.Take());
            r.headers.Set("etag", http::ETagFor(account->version));
            return r;
          });
  api.Add("POST", base + "/consents/{channel}/withdraw", Permission::kEditCustomers,
          [&service, id](Request& req, const audit::Actor& actor) {
            auto customer = service.WithdrawConsent(actor, id(req), *req.PathParam("channel"));
            if (!customer.ok()) return ErrorResponse(customer.error(), req);
            JsonWriter w;
            customers::WriteJson(w, *customer);
            Response r = Response::Json(200, w.Take());
            r.headers.Set("etag", http::ETagFor(customer->version));
            return r;
          });
  api.Add("POST", base + "/password-reset", Permission::kEditCustomers,
          [&service, id](Request& req, const audit::Actor& actor) {
            Status s = service.SendPasswordReset(actor, id(req));
            if (!s.ok()) return ErrorResponse(s.error(), req);
            return http::JsonResponse(202, {{"sent", "password_reset"}});
          });
  api.Add("POST", base + "/temporary-password", Permission::kEditCustomers,
          [&service, id](Request& req, const audit::Actor& actor) {
            return Slow(req, [&service, id, actor](const Request& req) {
              auto password = service.SetTemporaryPassword(actor, id(req));
              if (!password.ok()) return ErrorResponse(password.error(), req);
              Response r = http::JsonResponse(200, {{"password", *password}});
              r.headers.Set("cache-control", "no-store");
              return r;
            });
          });
  api.Add("POST", base + "/totp/reset", Permission::kEditCustomers,
          [&service, id](Request& req, const audit::Actor& actor) {
            Status s = service.ResetTotp(actor, id(req));
            if (!s.ok()) return ErrorResponse(s.error(), req);
            return Response::NoContent();
          });
  api.Add("PUT", base + "/sms", Permission::kEditCustomers,
          [&service, id](Request& req, const audit::Actor& actor) {
            auto in = ReadStrings(req, {"phone"});
            if (!in.ok()) return ErrorResponse(in.error(), req);
            Status s = service.SetSmsPhone(actor, id(req), (*in)["phone"]);
            if (!s.ok()) return ErrorResponse(s.error(), req);
            return Response::NoContent();
          });
  api.Add("DELETE", base + "/sms", Permission::kEditCustomers,
          [&service, id](Request& req, const audit::Actor& actor) {
            Status s = service.SetSmsPhone(actor, id(req), "");
            if (!s.ok()) return ErrorResponse(s.error(), req);
            return Response::NoContent();
          });
  api.Add("POST", base + "/recovery-codes", Permission::kEditCustomers,
          [&service, id](Request& req, const audit::Actor& actor) {
            Status s = service.RegenerateRecoveryCodesFor(actor, id(req));
            if (!s.ok()) return ErrorResponse(s.error(), req);
            return http::JsonResponse(
                202, {{"status", "codes_waiting"},
                      {"detail", "The customer sees the new codes once, at the next sign-in."}});
          });
  api.Add("GET", base + "/sessions", Permission::kViewCustomers,
          [&service, id](Request& req, const audit::Actor&) {
            auto sessions = service.SessionsOf(id(req));
            if (!sessions.ok()) return ErrorResponse(sessions.error(), req);
            nlohmann::json items = nlohmann::json::array();
            for (const auto& s : *sessions) {
              items.push_back({{"id", s.id},
                               {"device", s.device},
                               {"ip", s.ip},
                               {"created_at", FormatInstant(s.created_at)},
                               {"last_seen_at", FormatInstant(s.last_seen_at)},
                               {"assisted_by", s.assisted_by_name.empty()
                                                   ? nlohmann::json(nullptr)
                                                   : nlohmann::json(s.assisted_by_name)}});
            }
            return http::JsonResponse(200, {{"items", items}});
          });
  api.Add("DELETE", base + "/sessions", Permission::kEditCustomers,
          [&service, id](Request& req, const audit::Actor& actor) {
            auto ended = service.EndSessionsOf(actor, id(req), "");
            if (!ended.ok()) return ErrorResponse(ended.error(), req);
            return http::JsonResponse(200, {{"ended", *ended}});
          });
  api.Add("DELETE", base + "/sessions/{session_id}", Permission::kEditCustomers,
          [&service, id](Request& req, const audit::Actor& actor) {
            auto ended = service.EndSessionsOf(actor, id(req), *req.PathParam("session_id"));
            if (!ended.ok()) return ErrorResponse(ended.error(), req);
            return Response::NoContent();
          });
}

// Login as customer: the answer signs this browser in to the customer area as the customer
// (the admin UI opens /account/ in a new tab). Only from the admin's browser session, which the
// assisted session cannot outlive.
void RegisterLoginAsCustomer(admins::AdminApi& api, Service& service, bool secure_cookies) {
  api.AddForCaller(
      "POST", "/api/admin/customers/{id}/login-as", admins::Permission::kLoginAsCustomer,
      [&service, secure_cookies](Request& req, const admins::Caller& caller) {
        if (caller.principal.session_id == 0) {
          return ErrorResponse({ErrorCode::kPermissionDenied,
                                "session_required",
                                "Log in as customer works from the admin UI in a browser; API "
                                "tokens cannot sign in as a customer.",
                                {}},
                               req);
        }
        Assistant admin{caller.principal.admin_public_id, caller.DisplayName(),
                        caller.principal.session_id};
        auto session = service.StartAssistance(caller.actor, admin, *req.PathParam("id"));
        if (!session.ok()) return ErrorResponse(session.error(), req);
        Response r =
            http::JsonResponse(200, {{"url", "/account/"},
                                     {"customer_id", session->shopper.customer_public_id},
                                     {"expires_at", FormatInstant(session->shopper.expires_at)}});
        r.headers.Set("set-cookie",
                      SessionCookie(session->secret, Service::kAssistedSessionMicros / 1000000,
                                    secure_cookies));
        r.headers.Set("cache-control", "no-store");
        return r;
      });
}

void RegisterAdminRoutes(admins::AdminApi& api, Service& service, bool secure_cookies) {
  RegisterAdminTools(api, service);
  RegisterBulkTools(api, service);
  RegisterLoginAsCustomer(api, service, secure_cookies);
  api.Add("GET", "/api/admin/customers/{id}/account", admins::Permission::kViewCustomers,
          [&service](Request& req, const audit::Actor&) {
            auto state = service.StateOf(*req.PathParam("id"));
            if (!state.ok()) return ErrorResponse(state.error(), req);
            return http::JsonResponse(200, StateJson(*state));
          });
  api.Add("POST", "/api/admin/guests", admins::Permission::kEditCustomers,
          [&service](Request& req, const audit::Actor& actor) {
            auto body = http::ParseJsonObject(req);
            if (!body.ok()) return ErrorResponse(body.error(), req);
            http::JsonFields in(*body);
            GuestCheckout input;
            in.OptionalText("first_name", input.fields.first_name);
            in.OptionalText("last_name", input.fields.last_name);
            in.OptionalText("email", input.fields.email);
            in.OptionalText("phone", input.fields.phone);
            in.OptionalText("country", input.fields.country);
            in.OptionalText("language", input.fields.language);
            in.OptionalText("company", input.fields.company);
            if (auto f = in.Object("address"); f.present && !f.is_null) {
              http::JsonFields a(f.value);
              addresses::Patch p;
              for (auto [name, out] :
                   {std::pair{"first_name", &p.first_name}, std::pair{"last_name", &p.last_name},
                    std::pair{"company", &p.company}, std::pair{"line1", &p.line1},
                    std::pair{"line2", &p.line2}, std::pair{"city", &p.city},
                    std::pair{"region", &p.region}, std::pair{"postal_code", &p.postal_code},
                    std::pair{"country", &p.country}, std::pair{"phone", &p.phone}}) {
                a.OptionalText(name, *out);
              }
              if (auto done = a.Finish("address."); !done.ok()) {
                for (auto& e : done.error().fields) in.AddError(e.field, e.code, e.message);
              }
              input.address = p;
            }
            if (auto done = in.Finish(); !done.ok()) return ErrorResponse(done.error(), req);
            auto recorded = service.RecordGuest(actor, input);
            if (!recorded.ok()) return ErrorResponse(recorded.error(), req);
            JsonWriter w;
            customers::WriteJson(w, recorded->first);
            Response r = Response::Json(recorded->second ? 201 : 200, w.Take());
            r.headers.Set("location", "/api/admin/customers/" + recorded->first.public_id);
            return r;
          });
}

}  // namespace clientele::accounts
