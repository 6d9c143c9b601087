#include "modules/admins/routes.hpp"

#include "core/json_writer.hpp"
#include "core/time.hpp"
#include "http/json_body.hpp"
#include "http/same_origin.hpp"

namespace clientele::admins {
namespace {

using http::Request;
using http::Response;

nlohmann::json Instant(const std::optional<int64_t>& micros) {
  return micros ? nlohmann::json(FormatInstant(*micros)) : nlohmann::json(nullptr);
}

nlohmann::json ToJson(const Admin& a) {
  return {{"id", a.public_id},
          {"email", a.email},
          {"name", a.name},
          {"role", ToString(a.role)},
          {"status", a.status},
          {"created_at", FormatInstant(a.created_at)},
          {"last_login_at", Instant(a.last_login_at)},
          {"totp_enabled", a.totp_enabled},
          {"invited", a.invited}};
}

nlohmann::json ToJson(const Token& t) {
  return {{"id", t.public_id},
          {"name", t.name},
          {"admin_id", t.admin_public_id},
          {"role", ToString(t.role)},
          {"created_at", FormatInstant(t.created_at)},
          {"last_used_at", Instant(t.last_used_at)},
          {"revoked_at", Instant(t.revoked_at)}};
}

nlohmann::json SessionJson(const Principal& p) {
  return {{"admin",
           {{"id", p.admin_public_id},
            {"email", p.admin_email},
            {"name", p.admin_name},
            {"role", ToString(p.role)},
            {"totp_enabled", p.totp_enabled}}},
          {"csrf_token", p.csrf_token}};
}

std::string SessionCookie(const std::string& value, int64_t max_age_seconds,
                          const CookieOptions& options) {
  return std::string(kSessionCookie) + "=" + value +
         "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age_seconds) +
         (options.secure ? "; Secure" : "");
}

// Reads a role field; records an error for an unknown role.
std::optional<Role> ReadRole(http::JsonFields& in, const char* name, bool required) {
  auto f = in.String(name);
  if (!f.present || f.is_null) {
    if (required) in.AddError(name, "required", "Choose a role: owner, admin, support or viewer.");
    return std::nullopt;
  }
  auto role = ParseRole(f.value);
  if (!role) in.AddError(name, "invalid_role", "Use owner, admin, support or viewer.");
  return role;
}

template <typename T>
Response ListResponse(const Request& req, const Result<std::vector<T>>& items) {
  if (!items.ok()) return ErrorResponse(items.error(), req);
  nlohmann::json out = nlohmann::json::array();
  for (const auto& item : *items) out.push_back(ToJson(item));
  return http::JsonResponse(200, {{"items", std::move(out)}});
}

// A problem response; a throttled attempt also says when to try again.
Response AuthErrorResponse(const Error& error, const Request& req) {
  Response r = ErrorResponse(error, req);
  if (error.slug == "too_many_attempts") r.headers.Set("retry-after", "900");
  return r;
}

// Changes to one's own second factor need the password typed into the browser: a token (or a
// script holding one) cannot lock its admin out of their authenticator.
std::optional<Error> RequireBrowserSession(const Caller& caller) {
  if (caller.actor.type == "admin") return std::nullopt;
  return Error{ErrorCode::kPermissionDenied,
               "session_required",
               "Sign in to the admin UI to change your own two-factor sign-in; API tokens "
               "cannot.",
               {}};
}

struct Reauthentication {
  std::string password, code;
};

// Reads {"password", "code"} (code: the current TOTP code when TOTP is on).
Result<Reauthentication> ReadReauthentication(const Request& req) {
  ASSIGN_OR_RETURN(nlohmann::json body, http::ParseJsonObject(req));
  http::JsonFields in(body);
  Reauthentication out;
  out.password = in.String("password").value;
  out.code = in.String("code").value;
  RETURN_IF_ERROR(in.Finish());
  return out;
}

Response Login(Request& req, Service& service, const CookieOptions& cookies) {
  // A cross-site form must not sign this browser into someone else's account.
  if (http::IsCrossSite(req)) return ErrorResponse(CrossSiteRefused(), req);
  auto body = http::ParseJsonObject(req);
  if (!body.ok()) return ErrorResponse(body.error(), req);
  http::JsonFields in(*body);
  auto email = in.String("email");
  auto password = in.String("password");
  auto totp_code = in.String("totp_code");
  if (!email.present || email.value.empty()) {
    in.AddError("email", "required", "Enter your e-mail address.");
  }
  if (!password.present || password.value.empty()) {
    in.AddError("password", "required", "Enter your password.");
  }
  if (auto done = in.Finish(); !done.ok()) return ErrorResponse(done.error(), req);
  auto session = service.Login(email.value, password.value, totp_code.value, AnonymousActor(req));
  if (!session.ok()) return AuthErrorResponse(session.error(), req);
  Response r = http::JsonResponse(200, SessionJson(session->principal));
  r.headers.Set("set-cookie",
                SessionCookie(session->secret, Service::kSessionAbsoluteMicros / 1000000, cookies));
  r.headers.Set("cache-control", "no-store");
  return r;
}

}  // namespace

void RegisterRoutes(http::Router& router, AdminApi& api, Service& service,
                    const CookieOptions& cookies) {
  router.Add("POST", "/api/admin/session", [&service, cookies](Request& req) {
    // Off the server threads: checking the password takes tens of milliseconds.
    return Response::Defer(
        [req, &service, cookies]() mutable { return Login(req, service, cookies); });
  });
  // No sign-in: the link's secret is the credential. Off the server threads (password hashing).
  router.Add("POST", "/api/admin/invitations/accept", [&service](Request& req) {
    return Response::Defer([req, &service]() mutable {
      auto body = http::ParseJsonObject(req);
      if (!body.ok()) return ErrorResponse(body.error(), req);
      http::JsonFields in(*body);
      auto token = in.String("token");
      auto password = in.String("password");
      if (!password.present || password.is_null) {
        in.AddError("password", "required", "Choose a password.");
      }
      if (auto done = in.Finish(); !done.ok()) return ErrorResponse(done.error(), req);
      auto accepted = service.AcceptInvitation(AnonymousActor(req), token.value, password.value);
      if (!accepted.ok()) return ErrorResponse(accepted.error(), req);
      Response r = http::JsonResponse(200, {{"email", accepted->email}});
      r.headers.Set("cache-control", "no-store");
      return r;
    });
  });
  router.Add("GET", "/api/admin/session", [&service](Request& req) {
    // "Who am I?" has an answer when nobody is signed in too: the page asks before sign-in.
    auto caller = Authenticate(service, req);
    if (!caller.ok() && caller.error().code != ErrorCode::kUnauthenticated) {
      return ErrorResponse(caller.error(), req);
    }
    Response r = http::JsonResponse(
        200, caller.ok() ? SessionJson(caller->principal)
                         : nlohmann::json{{"admin", nullptr}, {"csrf_token", nullptr}});
    r.headers.Set("cache-control", "no-store");
    return r;
  });
  router.Add("DELETE", "/api/admin/session", [&service, cookies](Request& req) {
    auto caller = Authenticate(service, req);
    if (!caller.ok()) return ErrorResponse(caller.error(), req);
    if (auto cookie = CookieValue(req, kSessionCookie)) {
      if (auto s = service.Logout(*cookie, caller->actor); !s.ok()) {
        return ErrorResponse(s.error(), req);
      }
    }
    Response r = Response::NoContent();
    r.headers.Set("set-cookie", SessionCookie("", 0, cookies));
    return r;
  });

  api.Add("GET", "/api/admin/admins", Permission::kManageAdmins,
          [&service](Request& req, const audit::Actor&) {
            return ListResponse(req, service.ListAdmins());
          });
  api.AddForCaller(
      "POST", "/api/admin/admins", Permission::kManageAdmins,
      [&service](Request& req, const Caller& caller) {
        auto body = http::ParseJsonObject(req);
        if (!body.ok()) return ErrorResponse(body.error(), req);
        http::JsonFields in(*body);
        auto email = in.String("email");
        auto name = in.String("name");
        auto password = in.String("password");
        auto role = ReadRole(in, "role", true);
        // An invitation: they choose their password through an e-mailed link.
        auto invite = in.Bool("invite");
        const bool inviting = invite.present && !invite.is_null && invite.value;
        if (inviting && password.present) {
          in.AddError("password", "not_allowed",
                      "An invited admin chooses their own password: leave it out.");
        }
        if (auto done = in.Finish(); !done.ok()) return ErrorResponse(done.error(), req);
        auto created = inviting ? service.InviteAdmin(caller.actor, email.value, name.value, *role,
                                                      caller.principal.role)
                                : service.CreateAdmin(caller.actor, email.value, name.value,
                                                      password.value, *role, caller.principal.role);
        if (!created.ok()) return ErrorResponse(created.error(), req);
        return http::JsonResponse(201, ToJson(*created));
      });
  api.AddForCaller("POST", "/api/admin/admins/{id}/invitation", Permission::kManageAdmins,
                   [&service](Request& req, const Caller& caller) {
                     auto sent = service.ResendInvitation(caller.actor, caller.principal.role,
                                                          *req.PathParam("id"));
                     if (!sent.ok()) return ErrorResponse(sent.error(), req);
                     return http::JsonResponse(200, ToJson(*sent));
                   });
  api.AddForCaller("PATCH", "/api/admin/admins/{id}", Permission::kManageAdmins,
                   [&service](Request& req, const Caller& caller) {
                     auto body = http::ParseJsonObject(req);
                     if (!body.ok()) return ErrorResponse(body.error(), req);
                     http::JsonFields in(*body);
                     AdminChange change;
                     if (auto f = in.String("name"); f.present) change.name = f.value;
                     change.role = ReadRole(in, "role", false);
                     if (auto f = in.String("status"); f.present) change.status = f.value;
                     if (auto done = in.Finish(); !done.ok())
                       return ErrorResponse(done.error(), req);
                     auto updated = service.UpdateAdmin(caller.actor, caller.principal.role,
                                                        *req.PathParam("id"), change);
                     if (!updated.ok()) return ErrorResponse(updated.error(), req);
                     return http::JsonResponse(200, ToJson(*updated));
                   });
  api.AddForCaller("POST", "/api/admin/admins/{id}/password", Permission::kManageAdmins,
                   [&service](Request& req, const Caller& caller) {
                     auto body = http::ParseJsonObject(req);
                     if (!body.ok()) return ErrorResponse(body.error(), req);
                     http::JsonFields in(*body);
                     auto password = in.String("password");
                     if (auto done = in.Finish(); !done.ok())
                       return ErrorResponse(done.error(), req);
                     auto s = service.ResetPassword(caller.actor, caller.principal.role,
                                                    caller.principal.admin_public_id,
                                                    *req.PathParam("id"), password.value);
                     if (!s.ok()) return ErrorResponse(s.error(), req);
                     return Response::NoContent();
                   });

  // TOTP on one's own account (every role, signed in with a browser session), and the reset
  // for an admin who lost the device.
  api.AddForCaller("POST", "/api/admin/me/totp", Permission::kViewCustomers,
                   [&service](Request& req, const Caller& caller) {
                     if (auto e = RequireBrowserSession(caller)) return ErrorResponse(*e, req);
                     auto proof = ReadReauthentication(req);
                     if (!proof.ok()) return ErrorResponse(proof.error(), req);
                     auto setup = service.StartTotp(caller.actor, caller.principal.admin_public_id,
                                                    proof->password, proof->code);
                     if (!setup.ok()) return AuthErrorResponse(setup.error(), req);
                     Response r = http::JsonResponse(
                         200, {{"secret", setup->secret}, {"otpauth_url", setup->uri}});
                     r.headers.Set("cache-control", "no-store");
                     return r;
                   });
  api.AddForCaller("POST", "/api/admin/me/totp/confirm", Permission::kViewCustomers,
                   [&service](Request& req, const Caller& caller) {
                     if (auto e = RequireBrowserSession(caller)) return ErrorResponse(*e, req);
                     auto body = http::ParseJsonObject(req);
                     if (!body.ok()) return ErrorResponse(body.error(), req);
                     http::JsonFields in(*body);
                     auto code = in.String("code");
                     if (auto done = in.Finish(); !done.ok())
                       return ErrorResponse(done.error(), req);
                     auto s = service.ConfirmTotp(caller.actor, caller.principal.admin_public_id,
                                                  code.value);
                     if (!s.ok()) return ErrorResponse(s.error(), req);
                     return Response::NoContent();
                   });
  api.AddForCaller("POST", "/api/admin/me/totp/disable", Permission::kViewCustomers,
                   [&service](Request& req, const Caller& caller) {
                     if (auto e = RequireBrowserSession(caller)) return ErrorResponse(*e, req);
                     auto proof = ReadReauthentication(req);
                     if (!proof.ok()) return ErrorResponse(proof.error(), req);
                     auto s = service.DisableTotp(caller.actor, caller.principal.admin_public_id,
                                                  proof->password, proof->code);
                     if (!s.ok()) return AuthErrorResponse(s.error(), req);
                     return Response::NoContent();
                   });
  api.AddForCaller("POST", "/api/admin/me/password", Permission::kViewCustomers,
                   [&service](Request& req, const Caller& caller) {
                     if (auto e = RequireBrowserSession(caller)) return ErrorResponse(*e, req);
                     auto body = http::ParseJsonObject(req);
                     if (!body.ok()) return ErrorResponse(body.error(), req);
                     http::JsonFields in(*body);
                     auto password = in.String("password");
                     auto code = in.String("code");
                     auto new_password = in.String("new_password");
                     if (auto done = in.Finish(); !done.ok())
                       return ErrorResponse(done.error(), req);
                     auto s =
                         service.ChangeOwnPassword(caller.actor, caller.principal.admin_public_id,
                                                   caller.principal.session_id, password.value,
                                                   code.value, new_password.value);
                     if (!s.ok()) return AuthErrorResponse(s.error(), req);
                     return Response::NoContent();
                   });
  api.AddForCaller("POST", "/api/admin/admins/{id}/totp/reset", Permission::kManageAdmins,
                   [&service](Request& req, const Caller& caller) {
                     auto s =
                         service.ResetTotp(caller.actor, caller.principal.role,
                                           caller.principal.admin_public_id, *req.PathParam("id"));
                     if (!s.ok()) return ErrorResponse(s.error(), req);
                     return Response::NoContent();
                   });

  api.Add("GET", "/api/admin/tokens", Permission::kManageAdmins,
          [&service](Request& req, const audit::Actor&) {
            return ListResponse(req, service.ListTokens());
          });
  api.AddForCaller("POST", "/api/admin/tokens", Permission::kManageAdmins,
                   [&service](Request& req, const Caller& caller) {
                     auto body = http::ParseJsonObject(req);
                     if (!body.ok()) return ErrorResponse(body.error(), req);
                     http::JsonFields in(*body);
                     auto name = in.String("name");
                     auto role = ReadRole(in, "role", false);
                     if (auto done = in.Finish(); !done.ok())
                       return ErrorResponse(done.error(), req);
                     // A token acts for the admin who creates it, with at most that admin's role
                     // and at most the role of the credential creating it.
                     auto token = service.CreateToken(
                         caller.actor, caller.principal.admin_email, name.value,
                         role.value_or(caller.principal.role), caller.principal.role);
                     if (!token.ok()) return ErrorResponse(token.error(), req);
                     Response r = http::JsonResponse(201, {{"id", token->public_id},
                                                           {"name", token->name},
                                                           {"role", ToString(token->role)},
                                                           {"secret", token->secret}});
                     r.headers.Set("cache-control", "no-store");
                     return r;
                   });
  api.AddForCaller("DELETE", "/api/admin/tokens/{id}", Permission::kManageAdmins,
                   [&service](Request& req, const Caller& caller) {
                     auto s = service.RevokeToken(caller.actor, caller.principal.role,
                                                  caller.principal.admin_public_id,
                                                  *req.PathParam("id"));
                     if (!s.ok()) return ErrorResponse(s.error(), req);
                     return Response::NoContent();
                   });
}

}  // namespace clientele::admins
