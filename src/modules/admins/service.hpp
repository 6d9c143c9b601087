// Admin accounts, browser sessions and API tokens. Passwords are hashed with argon2id
// (libsodium); session and token secrets are random, shown once and stored as BLAKE2b hashes.
// Failed logins are throttled per account and per IP through the database, so every server node
// sees the same counts, and answered in the same time whether or not the account exists.
// Verified tokens are cached for a few seconds because every script request checks one.
// Thread-safe.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/time.hpp"
#include "db/database.hpp"
#include "modules/admins/model.hpp"
#include "modules/audit/audit.hpp"

namespace clientele::admins {

struct Admin {
  int64_t id = 0;
  std::string public_id, email, name;
  Role role = Role::kViewer;
  std::string status = "active";
  int64_t created_at = 0;
  std::optional<int64_t> last_login_at;
  bool totp_enabled = false;
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
  Role role = Role::kViewer;    // the token's role for tokens, the admin's for sessions
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

  Service(db::Database& db, const Clock& clock);

  // Errors: kInvalidArgument (email, password rules), kAlreadyExists "admin_exists",
  // kPermissionDenied when the actor may not grant `role`.
  Result<Admin> CreateAdmin(const audit::Actor& actor, const std::string& email,
                            const std::string& name, const std::string& password, Role role,
                            std::optional<Role> actor_role = std::nullopt);
  Result<std::vector<Admin>> ListAdmins();
  // Errors: kNotFound "admin_not_found", kInvalidArgument, kPermissionDenied,
  // kFailedPrecondition "last_owner" (the store always keeps one active owner).
  Result<Admin> UpdateAdmin(const audit::Actor& actor, Role actor_role,
                            const std::string& public_id, const AdminChange& change);
  // Sets a new password and ends the admin's sessions. Errors: kNotFound, kInvalidArgument,
  // kPermissionDenied.
  Status ResetPassword(const audit::Actor& actor, Role actor_role, const std::string& public_id,
                       const std::string& password);

  // Creates an API token acting with `role` (default: the admin's role) for the admin with
  // this e-mail. Errors: kNotFound "admin_not_found", kInvalidArgument, kPermissionDenied.
  Result<NewToken> CreateToken(const audit::Actor& actor, const std::string& admin_email,
                               const std::string& name, std::optional<Role> role = std::nullopt);
  Result<std::vector<Token>> ListTokens();
  // Errors: kNotFound "token_not_found".
  Status RevokeToken(const audit::Actor& actor, const std::string& public_id);

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
  // code, which turns it on. Errors: kNotFound, kInvalidArgument "invalid_totp".
  Result<TotpSetup> StartTotp(const audit::Actor& actor, const std::string& admin_public_id);
  Status ConfirmTotp(const audit::Actor& actor, const std::string& admin_public_id,
                     const std::string& code);
  // Turns TOTP off for an admin who lost their device. Errors: kNotFound, kPermissionDenied.
  Status ResetTotp(const audit::Actor& actor, Role actor_role, const std::string& public_id);
  // The principal of a session cookie; refreshes its idle expiry. Errors: kUnauthenticated.
  Result<Principal> AuthenticateSession(const std::string& secret);
  Status Logout(const std::string& secret, const audit::Actor& actor);

 private:
  db::Database& db_;
  const Clock& clock_;
  std::string dummy_hash_;  // verified when the account does not exist, to keep timing equal
  std::mutex cache_mutex_;
  struct Cached {
    Principal principal;
    int64_t expires_at;
  };
  std::unordered_map<std::string, Cached> token_cache_;  // by token hash
};

}  // namespace clientele::admins
