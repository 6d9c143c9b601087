// Admin accounts, browser sessions and API tokens. Passwords are hashed with argon2id
// (libsodium); session and token secrets are random, shown once and stored as BLAKE2b hashes;
// TOTP secrets are sealed with the store's secret key. Sign-in attempts are throttled per
// account and per IP through the database, so every server node sees the same counts: each
// attempt is reserved under a lock before the slow password check, so parallel guesses never
// get more checks than the limit. Answers take the same time whether or not the account
// exists. Every token request reads its token and admin afresh, so a demotion, a disable or a
// revocation applies to the next request on every node. Thread-safe.
#pragma once

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/time.hpp"
#include "crypto/secret_box.hpp"
#include "db/database.hpp"
#include "modules/admins/model.hpp"
#include "modules/audit/audit.hpp"
#include "modules/throttle/service.hpp"

namespace clientele::admins {

struct Admin {
  int64_t id = 0;
  std::string public_id, email, name;
  Role role = Role::kViewer;
  std::string status = "active";
  int64_t created_at = 0;
  std::optional<int64_t> last_login_at;
  bool totp_enabled = false;
  bool invited = false;  // has not yet chosen a password through their invitation
};

struct TotpSetup {
  std::string secret;  // base32, for typing into an authenticator app
  std::string uri;     // otpauth:// URI, for a QR code
};

// Who a request acts as, once authenticated.
struct Principal {
  std::string admin_public_id;
  std::string admin_name;
  std::string admin_email;
  std::string token_public_id;  // set for API tokens
  std::string csrf_token;       // set for browser sessions
  // What the caller may do: for a session the admin's current role, for a token the lower of
  // the token's role and its admin's current role.
  Role role = Role::kViewer;
  bool totp_enabled = false;  // the admin has turned two-factor sign-in on
  int64_t session_id = 0;     // the browser session a request came with (0: a token)
};

struct NewToken {
  std::string public_id;
  std::string name;
  Role role = Role::kViewer;
  std::string secret;  // shown once, never stored
};

struct Token {
  std::string public_id, name, admin_public_id;
  Role role = Role::kViewer;
  int64_t created_at = 0;
  std::optional<int64_t> last_used_at, revoked_at;
};

struct NewSession {
  std::string secret;  // goes into the cookie, never stored
  Principal principal;
};

// What a purge of expired sign-in data removed.
struct PurgeReport {
  int64_t sessions = 0;
  int64_t login_failures = 0;
};

struct AdminChange {
  std::optional<std::string> name;
  std::optional<Role> role;
  std::optional<std::string> status;  // "active" | "disabled"
};

class Service {
 public:
  static constexpr int64_t kSessionIdleMicros = 2LL * 3600 * 1000000;       // 2 hours
  static constexpr int64_t kSessionAbsoluteMicros = 12LL * 3600 * 1000000;  // 12 hours
  static constexpr int kAccountFailureLimit = 5;                            // per 15 minutes
  static constexpr int kIpFailureLimit = 20;                                // per 15 minutes

  Service(db::Database& db, const Clock& clock, crypto::SecretBox& secrets);

  // Errors: kInvalidArgument (email, password rules), kAlreadyExists "admin_exists",
  // kPermissionDenied when the actor may not grant `role`.
  Result<Admin> CreateAdmin(const audit::Actor& actor, const std::string& email,
                            const std::string& name, const std::string& password, Role role,
                            std::optional<Role> actor_role = std::nullopt);
  Result<std::vector<Admin>> ListAdmins();

  // Invitations: an admin made without a password chooses one through an e-mailed link (valid
  // 7 days; a new invitation replaces the old link). `send` queues that e-mail on the
  // invitation's transaction, given the link's secret.
  using InvitationSender =
      std::function<Status(db::Connection& tx, const audit::Actor& actor, const Admin& admin,
                           const std::string& secret, int64_t now)>;
  void OnInvite(InvitationSender send) { send_invitation_ = std::move(send); }
  static constexpr int64_t kInvitationMicros = 7LL * 24 * 3600 * 1000000;
  // Errors: those of CreateAdmin but the password's.
  Result<Admin> InviteAdmin(const audit::Actor& actor, const std::string& email,
                            const std::string& name, Role role, Role actor_role);
  // Errors: kNotFound "admin_not_found", kFailedPrecondition "not_invited" (already accepted),
  // kPermissionDenied when the actor may not grant the admin's role.
  Result<Admin> ResendInvitation(const audit::Actor& actor, Role actor_role,
                                 const std::string& public_id);
  // Sets the invited admin's password; the link then stops working. Errors: kNotFound
  // "invitation_invalid" (unknown, used or expired link), kInvalidArgument (field "password").
  // `from`: the request (address, browser).
  Result<Admin> AcceptInvitation(const audit::Actor& from, const std::string& secret,
                                 const std::string& password);
  // A demotion lowers the admin's tokens to the new role; a disable ends the admin's sessions
  // and revokes their tokens for good (re-enabling brings neither back).
  // Errors: kNotFound "admin_not_found", kInvalidArgument, kPermissionDenied,
  // kFailedPrecondition "last_owner" (the store always keeps one active owner).
  Result<Admin> UpdateAdmin(const audit::Actor& actor, Role actor_role,
                            const std::string& public_id, const AdminChange& change);
  // Sets a new password and ends the admin's sessions. Errors: kNotFound, kInvalidArgument,
  // kPermissionDenied.
  // Not on one's own account (kPermissionDenied "own_account"): that would skip the proof
  // one's own second-factor changes need.
  Status ResetPassword(const audit::Actor& actor, Role actor_role,
                       const std::string& actor_admin_id, const std::string& public_id,
                       const std::string& password);

  // Creates an API token acting with `role` (default: the admin's role) for the admin with
  // this e-mail. The role is at most the admin's, and at most `actor_role` (the calling
  // credential's effective role) when given. Errors: kNotFound "admin_not_found",
  // kInvalidArgument, kPermissionDenied "role_too_high".
  Result<NewToken> CreateToken(const audit::Actor& actor, const std::string& admin_email,
                               const std::string& name, std::optional<Role> role = std::nullopt,
                               std::optional<Role> actor_role = std::nullopt);
  Result<std::vector<Token>> ListTokens();
  // Revokes a token: one's own (`actor_admin_id` is the caller's admin), or one of an admin
  // whose role the caller's role covers. Errors: kNotFound "token_not_found",
  // kPermissionDenied "role_too_high".
  Status RevokeToken(const audit::Actor& actor, Role actor_role, const std::string& actor_admin_id,
                     const std::string& public_id);

  // The principal for `Authorization: Bearer <secret>`. Errors: kUnauthenticated.
  Result<Principal> AuthenticateToken(const std::string& secret);

  // Checks e-mail, password and (when the admin has turned it on) the TOTP code, and opens a
  // session. Errors: kUnauthenticated "invalid_credentials" (same answer for unknown e-mail,
  // wrong password or disabled admin), "totp_required" (password right, code missing),
  // "invalid_totp"; kUnavailable "too_many_attempts" after too many failures for the account
  // or the IP.
  Result<NewSession> Login(const std::string& email, const std::string& password,
                           const std::string& totp_code, const audit::Actor& from);

  // TOTP for an admin's own account: start (a new pending secret), then confirm with a first
  // code, which turns it on (replacing the app used before). Starting and turning it off need
  // the admin's password and, when TOTP is on, a current code; wrong passwords count as failed
  // sign-ins. Errors: kNotFound, kInvalidArgument (field "password": "required",
  // "wrong_password"; field "code": "required", "invalid_totp"), kFailedPrecondition
  // "totp_off" (turning off what is not on), kUnavailable "too_many_attempts".
  Result<TotpSetup> StartTotp(const audit::Actor& actor, const std::string& admin_public_id,
                              const std::string& password, const std::string& current_code);
  Status ConfirmTotp(const audit::Actor& actor, const std::string& admin_public_id,
                     const std::string& code);
  Status DisableTotp(const audit::Actor& actor, const std::string& admin_public_id,
                     const std::string& password, const std::string& current_code);
  // An admin's own new password, with the current one (and a current code when TOTP is on), as
  // for TOTP; the admin's other sessions end, this one goes on. Errors: kNotFound,
  // kInvalidArgument (fields "password", "code" as for TOTP; "new_password": "required",
  // "weak_password", "same_password"), kUnavailable "too_many_attempts".
  Status ChangeOwnPassword(const audit::Actor& actor, const std::string& admin_public_id,
                           int64_t session_id, const std::string& password,
                           const std::string& current_code, const std::string& new_password);
  // Turns TOTP off for an admin who lost their device. Errors: kNotFound, kPermissionDenied.
  // Not on one's own account (kPermissionDenied "own_account").
  Status ResetTotp(const audit::Actor& actor, Role actor_role, const std::string& actor_admin_id,
                   const std::string& public_id);
  // The admin with this public id while active (disabled admins: none).
  Result<std::optional<Admin>> FindActive(const std::string& public_id);
  // The principal of a session cookie; refreshes its idle expiry. Errors: kUnauthenticated.
  Result<Principal> AuthenticateSession(const std::string& secret);
  Status Logout(const std::string& secret, const audit::Actor& actor);

  // Deletes expired sessions and failed sign-ins older than the throttling window (run
  // periodically by a serving node). Returns what went.
  Result<PurgeReport> PurgeExpired();
  // Seals TOTP secrets stored in plain text by earlier versions (run at start-up).
  Status SealStoredSecrets();

 private:
  // A reserved sign-in attempt: failure records written before the password check, kept when
  // it fails, deleted when it succeeds.
  struct Attempt {
    std::string account_key;
    throttle::Attempt reserved;
  };
  // Errors: kUnavailable "too_many_attempts".
  Result<Attempt> ReserveAttempt(const std::string& email_key, const std::string& ip, int64_t now);
  // Takes back the failure records of an attempt that did not fail.
  void ReleaseAttempt(const Attempt& attempt);
  // Whether `code` is a current code of `secret` not used before; records its step when it is.
  Result<bool> ConsumeCode(int64_t admin_id, const std::string& secret, const std::string& code,
                           int64_t now);
  // Checks the password (throttled like a sign-in) and, when TOTP is on, a current code, before
  // an admin changes their own second factor.
  Status Reauthenticate(const Admin& admin, const std::string& password,
                        const std::string& current_code, const audit::Actor& actor, int64_t now);
  Result<std::string> OpenSecret(const std::string& stored);

  db::Database& db_;
  const Clock& clock_;
  crypto::SecretBox& secrets_;
  throttle::Throttle throttle_;
  std::string dummy_hash_;  // verified when the account does not exist, to keep timing equal
  InvitationSender send_invitation_;
  std::mutex touch_mutex_;
  std::unordered_map<std::string, int64_t> last_touch_;  // token hash → last "last used" write
};

}  // namespace clientele::admins
