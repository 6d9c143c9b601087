#include "modules/admins/service.hpp"

#include <sodium.h>

#include "core/contact.hpp"
#include "core/ids.hpp"
#include "core/text.hpp"
#include "core/totp.hpp"
#include "modules/admins/store.hpp"

namespace clientele::admins {
namespace {

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

Error OwnAccount() {
  return {ErrorCode::kPermissionDenied,
          "own_account",
          "You cannot reset your own password or two-factor sign-in here: that would skip the "
          "proof these changes need. Use Your account, or ask another owner or admin.",
          {}};
}

Error AdminNotFound() { return Error::NotFound("admin_not_found", "There is no such admin."); }

// A clash on the unique e-mail key, said at the form's field.
Result<Admin> SaidAtTheEmail(Result<Admin> created) {
  if (created.ok() || created.error().code != ErrorCode::kAlreadyExists) return created;
  std::string msg = "An admin with this e-mail address already exists.";
  return Error{ErrorCode::kAlreadyExists, "admin_exists", msg, {{"email", "admin_exists", msg}}};
}

Error CannotGrant() {
  return {ErrorCode::kPermissionDenied,
          "role_too_high",
          "You cannot give a role higher than your own.",
          {}};
}

// The throttling and lookup key of a typed e-mail address (its trimmed text when invalid).
std::string EmailKey(const std::string& email) {
  auto parsed = ParseEmail(email);
  return parsed.ok() ? parsed->key : Trim(email);
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

Service::Service(db::Database& db, const Clock& clock, crypto::SecretBox& secrets)
    : db_(db), clock_(clock), secrets_(secrets), throttle_(db) {
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
  return SaidAtTheEmail(std::move(created));
}

Result<Admin> Service::InviteAdmin(const audit::Actor& actor, const std::string& email,
                                   const std::string& name, Role role, Role actor_role) {
  if (!MayGrant(actor_role, role)) return CannotGrant();
  if (!send_invitation_) return Error::Internal("invitations are not wired to the outbox");
  std::vector<FieldError> errors;
  auto parsed = ParseEmail(email, "email");
  if (!parsed.ok()) errors = parsed.error().fields;
  auto clean_name = CleanName(name, "name", false);
  if (!clean_name.ok()) errors.push_back(clean_name.error().fields.at(0));
  if (!errors.empty()) return Error::Invalid("Some fields are not valid.", std::move(errors));
  const int64_t now = clock_.NowMicros();
  const std::string secret = NewSecret("", 32);
  auto created = db_.Transaction([&](db::Connection& tx) -> Result<Admin> {
    Admin a;
    a.public_id = NewPublicId("adm");
    a.email = parsed->display;
    a.name = *clean_name;
    a.role = role;
    a.created_at = now;
    a.invited = true;
    RETURN_IF_ERROR(store::InsertAdmin(tx, a, parsed->key, ""));  // no password until accepted
    ASSIGN_OR_RETURN(std::optional<Admin> stored, store::FindAdmin(tx, a.public_id));
    a.id = stored->id;
    RETURN_IF_ERROR(
        store::PutInvitation(tx, a.id, HashSecret(secret), now, now + kInvitationMicros));
    RETURN_IF_ERROR(audit::Record(
        tx, actor,
        {"admin.invited", "admin", a.public_id, {{"email", a.email}, {"role", ToString(role)}}},
        now));
    RETURN_IF_ERROR(send_invitation_(tx, actor, a, secret, now));
    return a;
  });
  return SaidAtTheEmail(std::move(created));
}

Result<Admin> Service::ResendInvitation(const audit::Actor& actor, Role actor_role,
                                        const std::string& public_id) {
  if (!send_invitation_) return Error::Internal("invitations are not wired to the outbox");
  const int64_t now = clock_.NowMicros();
  const std::string secret = NewSecret("", 32);
  return db_.Transaction([&](db::Connection& tx) -> Result<Admin> {
    ASSIGN_OR_RETURN(std::optional<Admin> admin, store::FindAdmin(tx, public_id));
    if (!admin) return AdminNotFound();
    if (!MayGrant(actor_role, admin->role)) return CannotGrant();
    if (admin->status != "active") {
      return Error::Precondition("admin_disabled",
                                 "This admin is disabled: enable them before inviting them again.");
    }
    if (!admin->invited) {
      return Error::Precondition("not_invited",
                                 "This admin has already chosen a password: no invitation is "
                                 "needed. Reset the password instead.");
    }
    RETURN_IF_ERROR(
        store::PutInvitation(tx, admin->id, HashSecret(secret), now, now + kInvitationMicros));
    RETURN_IF_ERROR(audit::Record(
        tx, actor,
        {"admin.invited", "admin", public_id, {{"email", admin->email}, {"again", true}}}, now));
    RETURN_IF_ERROR(send_invitation_(tx, actor, *admin, secret, now));
    return *admin;
  });
}

Result<Admin> Service::AcceptInvitation(const audit::Actor& from, const std::string& secret,
                                        const std::string& password) {
  Error invalid = Error::NotFound("invitation_invalid",
                                  "This invitation link is not valid or has expired. Ask the "
                                  "store's owner for a new one.");
  if (secret.empty()) return invalid;
  if (std::string problem = PasswordProblem(password); !problem.empty()) {
    return Error::Invalid(problem, {{"password", "weak_password", problem}});
  }
  const int64_t now = clock_.NowMicros();
  // A cheap look first: a made-up link never costs a password hash.
  ASSIGN_OR_RETURN(std::optional<int64_t> known, db_.Read([&](db::Connection& c) {
    return store::InvitedAdmin(c, HashSecret(secret), now);
  }));
  if (!known) return invalid;
  ASSIGN_OR_RETURN(std::string hash, HashPassword(password));
  return db_.Transaction([&](db::Connection& tx) -> Result<Admin> {
    ASSIGN_OR_RETURN(std::optional<int64_t> admin_id,
                     store::InvitedAdmin(tx, HashSecret(secret), now));
    if (!admin_id) return invalid;
    ASSIGN_OR_RETURN(std::optional<Admin> admin, store::FindAdminById(tx, *admin_id));
    if (!admin || !admin->invited || admin->status != "active") return invalid;
    RETURN_IF_ERROR(store::SetPassword(tx, admin->id, hash, now));
    RETURN_IF_ERROR(store::DeleteInvitationOf(tx, admin->id));
    audit::Actor self = from;  // the request's address and browser, acting as the new admin
    self.type = "admin";
    self.id = admin->public_id;
    RETURN_IF_ERROR(
        audit::Record(tx, self, {"admin.invitation_accepted", "admin", admin->public_id, {}}, now));
    admin->invited = false;
    return *admin;
  });
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
    nlohmann::json changes = nlohmann::json::object();
    if (next.status == "disabled" && current->status != "disabled") {
      // For good: re-enabling the admin brings back neither sessions nor tokens.
      RETURN_IF_ERROR(store::DeleteSessionsOf(tx, next.id));
      RETURN_IF_ERROR(store::DeleteInvitationOf(tx, next.id));  // nor a pending invitation
      ASSIGN_OR_RETURN(int64_t revoked, store::RevokeTokensOf(tx, next.id, now));
      if (revoked > 0) changes["tokens_revoked"] = revoked;
    }
    if (!MayGrant(next.role, current->role)) {
      ASSIGN_OR_RETURN(int64_t lowered, store::LowerTokenRoles(tx, next.id, next.role));
      if (lowered > 0) changes["tokens_lowered"] = lowered;
    }
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
  return updated;
}

Status Service::ResetPassword(const audit::Actor& actor, Role actor_role,
                              const std::string& actor_admin_id, const std::string& public_id,
                              const std::string& password) {
  if (public_id == actor_admin_id) return OwnAccount();
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
    RETURN_IF_ERROR(store::DeleteInvitationOf(tx, admin->id));  // the password is chosen now
    RETURN_IF_ERROR(store::DeleteSessionsOf(tx, admin->id));
    return audit::Record(tx, actor, {"admin.password_reset", "admin", public_id, {}}, now);
  });
}

Result<NewToken> Service::CreateToken(const audit::Actor& actor, const std::string& admin_email,
                                      const std::string& name, std::optional<Role> role,
                                      std::optional<Role> actor_role) {
  ASSIGN_OR_RETURN(std::string clean_name, CleanName(name, "token name", true));
  ASSIGN_OR_RETURN(Email parsed, ParseEmail(admin_email, "admin"));
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) -> Result<NewToken> {
    ASSIGN_OR_RETURN(std::optional<Admin> admin, store::FindAdminByEmailKey(tx, parsed.key));
    if (!admin) return Error::NotFound("admin_not_found", "There is no admin with this e-mail.");
    const Role token_role = role.value_or(admin->role);
    if (!MayGrant(admin->role, token_role)) return CannotGrant();
    // A credential never makes one that can do more than itself.
    if (actor_role && !MayGrant(*actor_role, token_role)) return CannotGrant();
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

Status Service::RevokeToken(const audit::Actor& actor, Role actor_role,
                            const std::string& actor_admin_id, const std::string& public_id) {
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(std::optional<Admin> owner, store::FindTokenOwner(tx, public_id));
    if (!owner) return Error::NotFound("token_not_found", "There is no such active token.");
    if (owner->public_id != actor_admin_id && !MayGrant(actor_role, owner->role)) {
      return Error{ErrorCode::kPermissionDenied,
                   "role_too_high",
                   "You cannot revoke the tokens of an admin whose role is higher than yours.",
                   {}};
    }
    ASSIGN_OR_RETURN(bool revoked, store::RevokeToken(tx, public_id, now));
    if (!revoked) return Error::NotFound("token_not_found", "There is no such active token.");
    return audit::Record(tx, actor, {"api_token.revoked", "api_token", public_id, {}}, now);
  });
}

Result<Principal> Service::AuthenticateToken(const std::string& secret) {
  if (secret.size() < 10 || secret.size() > 200) return Unauthenticated();
  const std::string hash = HashSecret(secret);
  const int64_t now = clock_.NowMicros();
  // Read on every request, never cached: the token's role, revocation and its admin's current
  // role and status must apply to the very next request, on every node.
  ASSIGN_OR_RETURN(std::optional<Principal> principal, db_.Read([&](db::Connection& c) {
    return store::FindPrincipalByTokenHash(c, hash);
  }));
  if (!principal) return Unauthenticated();
  bool touch = false;
  {
    std::lock_guard lock(touch_mutex_);
    if (last_touch_.size() > 10000) last_touch_.clear();
    int64_t& last = last_touch_[hash];
    if (now - last >= kTouchEveryMicros) {
      last = now;
      touch = true;
    }
  }
  // "Last used" is exact to a minute, without a write per request.
  if (touch) {
    (void)db_.Transaction([&](db::Connection& tx) { return store::TouchToken(tx, hash, now); });
  }
  return *principal;
}

Result<Service::Attempt> Service::ReserveAttempt(const std::string& email_key,
                                                 const std::string& ip, int64_t now) {
  Attempt attempt{"account:" + email_key, {}};
  ASSIGN_OR_RETURN(attempt.reserved, throttle_.Reserve({{attempt.account_key, kAccountFailureLimit},
                                                        {"ip:" + ip, kIpFailureLimit}},
                                                       now));
  return attempt;
}

void Service::ReleaseAttempt(const Attempt& attempt) { throttle_.Release(attempt.reserved); }

Result<bool> Service::ConsumeCode(int64_t admin_id, const std::string& secret,
                                  const std::string& code, int64_t now) {
  std::optional<int64_t> step = MatchTotpStep(secret, code, now / 1000000);
  if (!step) return false;
  return db_.Transaction(
      [&](db::Connection& tx) { return store::ConsumeTotpStep(tx, admin_id, *step); });
}

Result<std::string> Service::OpenSecret(const std::string& stored) {
  // Secrets written before they were sealed read as they are until SealStoredSecrets runs.
  if (stored.empty() || !crypto::SecretBox::IsSealed(stored)) return stored;
  return secrets_.Open(stored);
}

Result<NewSession> Service::Login(const std::string& email, const std::string& password,
                                  const std::string& totp_code, const audit::Actor& from) {
  const int64_t now = clock_.NowMicros();
  if (email.size() > 320) {  // no account has such an address; nothing is stored for it
    return Error{ErrorCode::kUnauthenticated,
                 "invalid_credentials",
                 "The e-mail address or the password is not right.",
                 {}};
  }
  const std::string email_key = EmailKey(email);
  // Reserved before the slow password check, so no more guesses than the limit get checked.
  ASSIGN_OR_RETURN(Attempt attempt, ReserveAttempt(email_key, from.ip, now));
  ASSIGN_OR_RETURN(std::optional<Admin> admin, db_.Read([&](db::Connection& c) {
    return store::FindAdminByEmailKey(c, email_key);
  }));
  std::string hash = dummy_hash_;
  if (admin) {
    ASSIGN_OR_RETURN(std::optional<std::string> stored, db_.Read([&](db::Connection& c) {
      return store::PasswordHash(c, admin->id);
    }));
    if (stored && !stored->empty()) hash = *stored;  // empty: invited, no password chosen yet
  }
  // The hash is verified even for unknown accounts so both answers take the same time.
  const bool password_ok = VerifyPassword(hash, password);
  bool totp_ok = true;
  if (admin && password_ok && admin->status == "active" && admin->totp_enabled) {
    if (totp_code.empty()) {
      ReleaseAttempt(attempt);  // the password was right: asking for the code is no failure
      return Error{ErrorCode::kUnauthenticated,
                   "totp_required",
                   "Enter the 6-digit code from your authenticator app.",
                   {}};
    }
    ASSIGN_OR_RETURN(store::TotpState totp,
                     db_.Read([&](db::Connection& c) { return store::GetTotp(c, admin->id); }));
    ASSIGN_OR_RETURN(std::string secret, OpenSecret(totp.secret));
    ASSIGN_OR_RETURN(totp_ok, ConsumeCode(admin->id, secret, totp_code, now));
  }
  if (!admin || !password_ok || !totp_ok || admin->status != "active") {
    // The reserved records stay: they are this attempt's failures.
    if (admin) {
      (void)db_.Transaction([&](db::Connection& tx) -> Status {
        audit::Actor who = from;
        who.type = "admin";
        who.id = admin->public_id;
        return audit::Record(tx, who, {"admin.login_failed", "admin", admin->public_id, {}}, now);
      });
    }
    if (!totp_ok && password_ok) {
      return Error{ErrorCode::kUnauthenticated,
                   "invalid_totp",
                   "The code is not right, or was used already; use the current code from your "
                   "app.",
                   {}};
    }
    return Error{ErrorCode::kUnauthenticated,
                 "invalid_credentials",
                 "The e-mail address or the password is not right.",
                 {}};
  }
  NewSession session;
  session.secret = NewSecret("", 32);
  session.principal = {admin->public_id,  admin->name, admin->email,       "",
                       NewSecret("", 24), admin->role, admin->totp_enabled};
  RETURN_IF_ERROR(db_.Transaction([&](db::Connection& tx) -> Status {
    RETURN_IF_ERROR(store::InsertSession(
        tx, HashSecret(session.secret), admin->id, session.principal.csrf_token, now,
        now + kSessionAbsoluteMicros, from.ip, from.user_agent.substr(0, 512)));
    RETURN_IF_ERROR(throttle::Throttle::Succeed(tx, attempt.reserved, attempt.account_key));
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

Result<std::optional<Admin>> Service::FindActive(const std::string& public_id) {
  ASSIGN_OR_RETURN(std::optional<Admin> admin,
                   db_.Read([&](db::Connection& c) { return store::FindAdmin(c, public_id); }));
  if (admin && admin->status != "active") admin.reset();
  return admin;
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

Status Service::Reauthenticate(const Admin& admin, const std::string& password,
                               const std::string& current_code, const audit::Actor& actor,
                               int64_t now) {
  if (password.empty()) {
    std::string msg = "Enter your current password to confirm the change.";
    return Error::Invalid(msg, {{"password", "required", msg}});
  }
  ASSIGN_OR_RETURN(Attempt attempt, ReserveAttempt(EmailKey(admin.email), actor.ip, now));
  ASSIGN_OR_RETURN(std::optional<std::string> hash,
                   db_.Read([&](db::Connection& c) { return store::PasswordHash(c, admin.id); }));
  if (!hash || !VerifyPassword(*hash, password)) {
    (void)db_.Transaction([&](db::Connection& tx) {
      return audit::Record(tx, actor,
                           {"admin.reauthentication_failed", "admin", admin.public_id, {}}, now);
    });
    std::string msg = "The password is not right.";
    return Error::Invalid(msg, {{"password", "wrong_password", msg}});
  }
  if (!admin.totp_enabled) {
    ReleaseAttempt(attempt);
    return OkStatus();
  }
  if (current_code.empty()) {
    ReleaseAttempt(attempt);  // nothing was guessed
    std::string msg = "Enter the current code from the app you use now.";
    return Error::Invalid(msg, {{"code", "required", msg}});
  }
  ASSIGN_OR_RETURN(store::TotpState state,
                   db_.Read([&](db::Connection& c) { return store::GetTotp(c, admin.id); }));
  ASSIGN_OR_RETURN(std::string secret, OpenSecret(state.secret));
  ASSIGN_OR_RETURN(bool code_ok, ConsumeCode(admin.id, secret, current_code, now));
  if (!code_ok) {  // the reservation stays: a wrong code counts like a wrong password
    std::string msg = "The code is not right, or was used already; use the current code.";
    return Error::Invalid(msg, {{"code", "invalid_totp", msg}});
  }
  ReleaseAttempt(attempt);
  return OkStatus();
}

Status Service::ChangeOwnPassword(const audit::Actor& actor, const std::string& admin_public_id,
                                  int64_t session_id, const std::string& password,
                                  const std::string& current_code,
                                  const std::string& new_password) {
  if (new_password.empty()) {
    std::string msg = "Choose the new password.";
    return Error::Invalid(msg, {{"new_password", "required", msg}});
  }
  if (std::string problem = PasswordProblem(new_password); !problem.empty()) {
    return Error::Invalid(problem, {{"new_password", "weak_password", problem}});
  }
  if (new_password == password) {
    std::string msg = "The new password is the one you have now; choose another.";
    return Error::Invalid(msg, {{"new_password", "same_password", msg}});
  }
  const int64_t now = clock_.NowMicros();
  ASSIGN_OR_RETURN(std::optional<Admin> admin, db_.Read([&](db::Connection& c) {
    return store::FindAdmin(c, admin_public_id);
  }));
  if (!admin) return AdminNotFound();
  RETURN_IF_ERROR(Reauthenticate(*admin, password, current_code, actor, now));
  ASSIGN_OR_RETURN(std::string hash, HashPassword(new_password));
  return db_.Transaction([&](db::Connection& tx) -> Status {
    RETURN_IF_ERROR(store::SetPassword(tx, admin->id, hash, now));
    RETURN_IF_ERROR(store::DeleteOtherSessionsOf(tx, admin->id, session_id));
    return audit::Record(tx, actor, {"admin.password_changed", "admin", admin_public_id, {}}, now);
  });
}

Result<TotpSetup> Service::StartTotp(const audit::Actor& actor, const std::string& admin_public_id,
                                     const std::string& password, const std::string& current_code) {
  const int64_t now = clock_.NowMicros();
  ASSIGN_OR_RETURN(std::optional<Admin> admin, db_.Read([&](db::Connection& c) {
    return store::FindAdmin(c, admin_public_id);
  }));
  if (!admin) return AdminNotFound();
  RETURN_IF_ERROR(Reauthenticate(*admin, password, current_code, actor, now));
  const std::string pending = NewTotpSecret();
  ASSIGN_OR_RETURN(std::string sealed, secrets_.Seal(pending));
  RETURN_IF_ERROR(db_.Transaction([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(store::TotpState state, store::GetTotp(tx, admin->id));
    state.pending = sealed;
    RETURN_IF_ERROR(store::SetTotp(tx, admin->id, state, now));
    return audit::Record(tx, actor, {"admin.totp_setup_started", "admin", admin_public_id, {}},
                         now);
  }));
  return TotpSetup{pending, TotpUri("Clientele", admin->email, pending)};
}

Status Service::ConfirmTotp(const audit::Actor& actor, const std::string& admin_public_id,
                            const std::string& code) {
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(std::optional<Admin> admin, store::FindAdmin(tx, admin_public_id));
    if (!admin) return AdminNotFound();
    ASSIGN_OR_RETURN(store::TotpState state, store::GetTotp(tx, admin->id));
    ASSIGN_OR_RETURN(std::string pending, OpenSecret(state.pending));
    std::optional<int64_t> step =
        pending.empty() ? std::nullopt : MatchTotpStep(pending, code, now / 1000000);
    if (!step) {
      std::string msg = "The code is not right; start again if the set-up expired.";
      return Error::Invalid(msg, {{"code", "invalid_totp", msg}});
    }
    const bool replaced = !state.secret.empty();
    state.secret = state.pending;
    state.pending.clear();
    state.last_step = *step;  // the confirming code cannot sign in afterwards
    RETURN_IF_ERROR(store::SetTotp(tx, admin->id, state, now));
    return audit::Record(
        tx, actor,
        {replaced ? "admin.totp_replaced" : "admin.totp_enabled", "admin", admin_public_id, {}},
        now);
  });
}

Status Service::DisableTotp(const audit::Actor& actor, const std::string& admin_public_id,
                            const std::string& password, const std::string& current_code) {
  const int64_t now = clock_.NowMicros();
  ASSIGN_OR_RETURN(std::optional<Admin> admin, db_.Read([&](db::Connection& c) {
    return store::FindAdmin(c, admin_public_id);
  }));
  if (!admin) return AdminNotFound();
  if (!admin->totp_enabled) {
    return Error::Precondition("totp_off", "Two-factor sign-in is not on.");
  }
  RETURN_IF_ERROR(Reauthenticate(*admin, password, current_code, actor, now));
  return db_.Transaction([&](db::Connection& tx) -> Status {
    RETURN_IF_ERROR(store::SetTotp(tx, admin->id, {}, now));
    return audit::Record(tx, actor, {"admin.totp_disabled", "admin", admin_public_id, {}}, now);
  });
}

Status Service::ResetTotp(const audit::Actor& actor, Role actor_role,
                          const std::string& actor_admin_id, const std::string& public_id) {
  if (public_id == actor_admin_id) return OwnAccount();
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

namespace clientele::admins {

Result<PurgeReport> Service::PurgeExpired() {
  const int64_t now = clock_.NowMicros();
  PurgeReport out;
  ASSIGN_OR_RETURN(out.sessions, db_.Transaction([&](db::Connection& tx) {
    return store::PurgeSessions(tx, now, kSessionIdleMicros);
  }));
  ASSIGN_OR_RETURN(throttle::PurgeReport throttled, throttle_.Purge(now));
  out.login_failures = throttled.failures;
  return out;
}

Status Service::SealStoredSecrets() {
  ASSIGN_OR_RETURN(std::vector<store::StoredTotp> stored,
                   db_.Read([](db::Connection& c) { return store::ListTotpSecrets(c); }));
  const int64_t now = clock_.NowMicros();
  auto plain = [](const std::string& v) { return !v.empty() && !crypto::SecretBox::IsSealed(v); };
  for (const auto& row : stored) {
    if (!plain(row.secret) && !plain(row.pending)) continue;
    RETURN_IF_ERROR(db_.Transaction([&](db::Connection& tx) -> Status {
      ASSIGN_OR_RETURN(store::TotpState state, store::GetTotp(tx, row.admin_id));
      for (std::string* value : {&state.secret, &state.pending}) {
        if (!plain(*value)) continue;
        ASSIGN_OR_RETURN(*value, secrets_.Seal(*value));
      }
      return store::SetTotp(tx, row.admin_id, state, now);
    }));
  }
  return OkStatus();
}

}  // namespace clientele::admins
