#include "modules/admins/service.hpp"

#include <sodium.h>

#include "core/contact.hpp"
#include "core/ids.hpp"
#include "core/text.hpp"
#include "core/totp.hpp"
#include "modules/admins/store.hpp"

namespace clientele::admins {
namespace {

constexpr int64_t kTokenCacheMicros = 5'000'000;
constexpr int64_t kFailureWindowMicros = 15LL * 60 * 1000000;
constexpr int64_t kTouchEveryMicros = 60LL * 1000000;

Result<std::string> HashPassword(const std::string& password) {
  if (sodium_init() < 0) return Error::Internal("libsodium failed to initialise");
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(hash, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return Error::Internal("Out of memory while hashing a password.");
  }
  return std::string(hash);
}

bool VerifyPassword(const std::string& hash, const std::string& password) {
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

Error Unauthenticated() {
  return {ErrorCode::kUnauthenticated,
          "unauthenticated",
          "Sign in, or send a valid API token: Authorization: Bearer <token>.",
          {}};
}

Error AdminNotFound() { return Error::NotFound("admin_not_found", "There is no such admin."); }

Error CannotGrant() {
  return {ErrorCode::kPermissionDenied,
          "role_too_high",
          "You cannot give a role higher than your own.",
          {}};
}

Result<std::string> CleanName(const std::string& name, const char* what, bool required) {
  std::string clean = Trim(name);
  if ((required && clean.empty()) || CodePointCount(clean) > 100 || !IsCleanUtf8(clean, false)) {
    std::string msg =
        std::string("A ") + what + " is " + (required ? "1" : "0") + " to 100 characters.";
    return Error::Invalid(msg, {{"name", "invalid_name", msg}});
  }
  return clean;
}

}  // namespace

Service::Service(db::Database& db, const Clock& clock) : db_(db), clock_(clock) {
  dummy_hash_ = HashPassword(NewSecret("", 16)).value();
}

Result<Admin> Service::CreateAdmin(const audit::Actor& actor, const std::string& email,
                                   const std::string& name, const std::string& password, Role role,
                                   std::optional<Role> actor_role) {
  if (actor_role && !MayGrant(*actor_role, role)) return CannotGrant();
  std::vector<FieldError> errors;
  auto parsed = ParseEmail(email, "email");
  if (!parsed.ok()) errors = parsed.error().fields;
  if (std::string problem = PasswordProblem(password); !problem.empty()) {
    errors.push_back({"password", "weak_password", problem});
  }
  auto clean_name = CleanName(name, "name", false);
  if (!clean_name.ok()) errors.push_back(clean_name.error().fields.at(0));
  if (!errors.empty()) return Error::Invalid("Some fields are not valid.", std::move(errors));
  ASSIGN_OR_RETURN(std::string hash, HashPassword(password));
  const int64_t now = clock_.NowMicros();
  auto created = db_.Transaction([&](db::Connection& tx) -> Result<Admin> {
    Admin a;
    a.public_id = NewPublicId("adm");
    a.email = parsed->display;
    a.name = *clean_name;
    a.role = role;
    a.created_at = now;
    RETURN_IF_ERROR(store::InsertAdmin(tx, a, parsed->key, hash));
    RETURN_IF_ERROR(audit::Record(
        tx, actor,
        {"admin.created", "admin", a.public_id, {{"email", a.email}, {"role", ToString(role)}}},
        now));
    return a;
  });
  if (!created.ok() && created.error().code == ErrorCode::kAlreadyExists) {
    std::string msg = "An admin with this e-mail address already exists.";
    return Error{ErrorCode::kAlreadyExists, "admin_exists", msg, {{"email", "admin_exists", msg}}};
  }
  return created;
}

Result<std::vector<Admin>> Service::ListAdmins() {
  return db_.Read([](db::Connection& c) { return store::ListAdmins(c); });
}

Result<Admin> Service::UpdateAdmin(const audit::Actor& actor, Role actor_role,
                                   const std::string& public_id, const AdminChange& change) {
  if (change.role && !MayGrant(actor_role, *change.role)) return CannotGrant();
  if (change.status && *change.status != "active" && *change.status != "disabled") {
    std::string msg = "Use active or disabled.";
    return Error::Invalid(msg, {{"status", "invalid_status", msg}});
  }
  std::optional<std::string> name;
  if (change.name) {
    ASSIGN_OR_RETURN(name, CleanName(*change.name, "name", false));
  }
  const int64_t now = clock_.NowMicros();
  auto updated = db_.Transaction([&](db::Connection& tx) -> Result<Admin> {
    ASSIGN_OR_RETURN(std::optional<Admin> current, store::FindAdmin(tx, public_id));
    if (!current) return AdminNotFound();
    if (!MayGrant(actor_role, current->role)) return CannotGrant();
    Admin next = *current;
    if (name) next.name = *name;
    if (change.role) next.role = *change.role;
    if (change.status) next.status = *change.status;
    RETURN_IF_ERROR(store::UpdateAdmin(tx, next, now));
    ASSIGN_OR_RETURN(int64_t owners, store::CountActiveOwners(tx));
    if (owners == 0) {
      return Error::Precondition("last_owner", "The store must keep at least one active owner.");
    }
    if (next.status == "disabled") RETURN_IF_ERROR(store::DeleteSessionsOf(tx, next.id));
    nlohmann::json changes = nlohmann::json::object();
    if (next.name != current->name) changes["name"] = {{"from", current->name}, {"to", next.name}};
    if (next.role != current->role) {
      changes["role"] = {{"from", ToString(current->role)}, {"to", ToString(next.role)}};
    }
    if (next.status != current->status) {
      changes["status"] = {{"from", current->status}, {"to", next.status}};
    }
    if (!changes.empty()) {
      RETURN_IF_ERROR(
          audit::Record(tx, actor, {"admin.updated", "admin", public_id, changes}, now));
    }
    return next;
  });
  std::lock_guard lock(cache_mutex_);
  token_cache_.clear();  // a role or status change applies to this admin's tokens at once
  return updated;
}

Status Service::ResetPassword(const audit::Actor& actor, Role actor_role,
                              const std::string& public_id, const std::string& password) {
  if (std::string problem = PasswordProblem(password); !problem.empty()) {
    return Error::Invalid(problem, {{"password", "weak_password", problem}});
  }
  ASSIGN_OR_RETURN(std::string hash, HashPassword(password));
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(std::optional<Admin> admin, store::FindAdmin(tx, public_id));
    if (!admin) return AdminNotFound();
    if (!MayGrant(actor_role, admin->role)) return CannotGrant();
    RETURN_IF_ERROR(store::SetPassword(tx, admin->id, hash, now));
    RETURN_IF_ERROR(store::DeleteSessionsOf(tx, admin->id));
    return audit::Record(tx, actor, {"admin.password_reset", "admin", public_id, {}}, now);
  });
}

Result<NewToken> Service::CreateToken(const audit::Actor& actor, const std::string& admin_email,
                                      const std::string& name, std::optional<Role> role) {
  ASSIGN_OR_RETURN(std::string clean_name, CleanName(name, "token name", true));
  ASSIGN_OR_RETURN(Email parsed, ParseEmail(admin_email, "admin"));
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) -> Result<NewToken> {
    ASSIGN_OR_RETURN(std::optional<Admin> admin, store::FindAdminByEmailKey(tx, parsed.key));
    if (!admin) return Error::NotFound("admin_not_found", "There is no admin with this e-mail.");
    const Role token_role = role.value_or(admin->role);
    if (!MayGrant(admin->role, token_role)) return CannotGrant();
    NewToken token{NewPublicId("tok"), clean_name, token_role, NewSecret("clt_", 32)};
    RETURN_IF_ERROR(store::InsertToken(tx, token.public_id, admin->id, clean_name, token_role,
                                       HashSecret(token.secret), now));
    RETURN_IF_ERROR(audit::Record(
        tx, actor,
        {"api_token.created",
         "api_token",
         token.public_id,
         {{"admin", admin->public_id}, {"name", clean_name}, {"role", ToString(token_role)}}},
        now));
    return token;
  });
}

Result<std::vector<Token>> Service::ListTokens() {
  return db_.Read([](db::Connection& c) { return store::ListTokens(c); });
}

Status Service::RevokeToken(const audit::Actor& actor, const std::string& public_id) {
  const int64_t now = clock_.NowMicros();
  {
    std::lock_guard lock(cache_mutex_);
    token_cache_.clear();  // revocation takes effect at once on this node
  }
  return db_.Transaction([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(bool revoked, store::RevokeToken(tx, public_id, now));
    if (!revoked) return Error::NotFound("token_not_found", "There is no such active token.");
    return audit::Record(tx, actor, {"api_token.revoked", "api_token", public_id, {}}, now);
  });
}

Result<Principal> Service::AuthenticateToken(const std::string& secret) {
  if (secret.size() < 10 || secret.size() > 200) return Unauthenticated();
  const std::string hash = HashSecret(secret);
  const int64_t now = clock_.NowMicros();
  {
    std::lock_guard lock(cache_mutex_);
    auto it = token_cache_.find(hash);
    if (it != token_cache_.end() && it->second.expires_at > now) return it->second.principal;
  }
  ASSIGN_OR_RETURN(std::optional<Principal> principal, db_.Read([&](db::Connection& c) {
    return store::FindPrincipalByTokenHash(c, hash);
  }));
  if (!principal) return Unauthenticated();
  // Recorded when the cache is refilled: "last used" is exact to a few seconds.
  (void)db_.Transaction([&](db::Connection& tx) { return store::TouchToken(tx, hash, now); });
  std::lock_guard lock(cache_mutex_);
  if (token_cache_.size() > 10000) token_cache_.clear();
  token_cache_[hash] = {*principal, now + kTokenCacheMicros};
  return *principal;
}

Result<NewSession> Service::Login(const std::string& email, const std::string& password,
                                  const std::string& totp_code, const audit::Actor& from) {
  const int64_t now = clock_.NowMicros();
  const std::string email_key = ParseEmail(email).ok() ? ParseEmail(email)->key : Trim(email);
  const std::string account_key = "account:" + email_key;
  const std::string ip_key = "ip:" + from.ip;
  ASSIGN_OR_RETURN(
      std::optional<Admin> admin, db_.Read([&](db::Connection& c) -> Result<std::optional<Admin>> {
        ASSIGN_OR_RETURN(int64_t account_failures,
                         store::CountLoginFailures(c, account_key, now - kFailureWindowMicros));
        ASSIGN_OR_RETURN(int64_t ip_failures,
                         store::CountLoginFailures(c, ip_key, now - kFailureWindowMicros));
        if (account_failures >= kAccountFailureLimit || ip_failures >= kIpFailureLimit) {
          return Error{ErrorCode::kUnavailable,
                       "too_many_attempts",
                       "Too many failed sign-ins. Wait 15 minutes and try again.",
                       {}};
        }
        return store::FindAdminByEmailKey(c, email_key);
      }));
  std::string hash = dummy_hash_;
  if (admin) {
    ASSIGN_OR_RETURN(std::optional<std::string> stored, db_.Read([&](db::Connection& c) {
      return store::PasswordHash(c, admin->id);
    }));
    if (stored) hash = *stored;
  }
  // The hash is verified even for unknown accounts so both answers take the same time.
  const bool password_ok = VerifyPassword(hash, password);
  bool totp_ok = true;
  if (admin && password_ok && admin->status == "active" && admin->totp_enabled) {
    ASSIGN_OR_RETURN(store::TotpState totp,
                     db_.Read([&](db::Connection& c) { return store::GetTotp(c, admin->id); }));
    if (totp_code.empty()) {
      return Error{ErrorCode::kUnauthenticated,
                   "totp_required",
                   "Enter the 6-digit code from your authenticator app.",
                   {}};
    }
    totp_ok = VerifyTotp(totp.secret, totp_code, now / 1000000);
  }
  if (!admin || !password_ok || !totp_ok || admin->status != "active") {
    (void)db_.Transaction([&](db::Connection& tx) -> Status {
      RETURN_IF_ERROR(store::RecordLoginFailure(tx, account_key, now));
      RETURN_IF_ERROR(store::RecordLoginFailure(tx, ip_key, now));
      if (admin) {
        audit::Actor who = from;
        who.type = "admin";
        who.id = admin->public_id;
        RETURN_IF_ERROR(
            audit::Record(tx, who, {"admin.login_failed", "admin", admin->public_id, {}}, now));
      }
      return OkStatus();
    });
    if (!totp_ok && password_ok) {
      return Error{ErrorCode::kUnauthenticated,
                   "invalid_totp",
                   "The code is not right; use the current code from your app.",
                   {}};
    }
    return Error{ErrorCode::kUnauthenticated,
                 "invalid_credentials",
                 "The e-mail address or the password is not right.",
                 {}};
  }
  NewSession session;
  session.secret = NewSecret("", 32);
  session.principal = {admin->public_id,  admin->name, admin->email, "",
                       NewSecret("", 24), admin->role};
  RETURN_IF_ERROR(db_.Transaction([&](db::Connection& tx) -> Status {
    RETURN_IF_ERROR(store::InsertSession(
        tx, HashSecret(session.secret), admin->id, session.principal.csrf_token, now,
        now + kSessionAbsoluteMicros, from.ip, from.user_agent.substr(0, 512)));
    RETURN_IF_ERROR(store::ClearLoginFailures(tx, account_key));
    RETURN_IF_ERROR(store::SetLastLogin(tx, admin->id, now));
    audit::Actor who = from;
    who.type = "admin";
    who.id = admin->public_id;
    return audit::Record(tx, who, {"admin.logged_in", "admin", admin->public_id, {}}, now);
  }));
  return session;
}

Result<Principal> Service::AuthenticateSession(const std::string& secret) {
  if (secret.size() < 20 || secret.size() > 200) return Unauthenticated();
  const std::string hash = HashSecret(secret);
  const int64_t now = clock_.NowMicros();
  ASSIGN_OR_RETURN(std::optional<store::SessionRow> row,
                   db_.Read([&](db::Connection& c) { return store::FindSession(c, hash); }));
  if (!row || row->expires_at <= now || row->last_seen_at + kSessionIdleMicros <= now) {
    return Unauthenticated();
  }
  if (now - row->last_seen_at > kTouchEveryMicros) {
    (void)db_.Transaction([&](db::Connection& tx) { return store::TouchSession(tx, hash, now); });
  }
  return row->principal;
}

Status Service::Logout(const std::string& secret, const audit::Actor& actor) {
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) -> Status {
    RETURN_IF_ERROR(store::DeleteSession(tx, HashSecret(secret)));
    return audit::Record(tx, actor, {"admin.logged_out", "admin", actor.id, {}}, now);
  });
}

}  // namespace clientele::admins

namespace clientele::admins {

Result<TotpSetup> Service::StartTotp(const audit::Actor& actor,
                                     const std::string& admin_public_id) {
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) -> Result<TotpSetup> {
    ASSIGN_OR_RETURN(std::optional<Admin> admin, store::FindAdmin(tx, admin_public_id));
    if (!admin) return AdminNotFound();
    ASSIGN_OR_RETURN(store::TotpState state, store::GetTotp(tx, admin->id));
    state.pending = NewTotpSecret();
    RETURN_IF_ERROR(store::SetTotp(tx, admin->id, state, now));
    RETURN_IF_ERROR(
        audit::Record(tx, actor, {"admin.totp_setup_started", "admin", admin_public_id, {}}, now));
    return TotpSetup{state.pending, TotpUri("Clientele", admin->email, state.pending)};
  });
}

Status Service::ConfirmTotp(const audit::Actor& actor, const std::string& admin_public_id,
                            const std::string& code) {
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(std::optional<Admin> admin, store::FindAdmin(tx, admin_public_id));
    if (!admin) return AdminNotFound();
    ASSIGN_OR_RETURN(store::TotpState state, store::GetTotp(tx, admin->id));
    if (state.pending.empty() || !VerifyTotp(state.pending, code, now / 1000000)) {
      std::string msg = "The code is not right; start again if the set-up expired.";
      return Error::Invalid(msg, {{"code", "invalid_totp", msg}});
    }
    state.secret = state.pending;
    state.pending.clear();
    RETURN_IF_ERROR(store::SetTotp(tx, admin->id, state, now));
    return audit::Record(tx, actor, {"admin.totp_enabled", "admin", admin_public_id, {}}, now);
  });
}

Status Service::ResetTotp(const audit::Actor& actor, Role actor_role,
                          const std::string& public_id) {
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(std::optional<Admin> admin, store::FindAdmin(tx, public_id));
    if (!admin) return AdminNotFound();
    if (!MayGrant(actor_role, admin->role)) return CannotGrant();
    RETURN_IF_ERROR(store::SetTotp(tx, admin->id, {}, now));
    return audit::Record(tx, actor, {"admin.totp_reset", "admin", public_id, {}}, now);
  });
}

}  // namespace clientele::admins
