// SQL for admin accounts, sessions, login failures and API tokens, and nothing else.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "modules/admins/service.hpp"

namespace clientele::admins::store {

Status InsertAdmin(db::Connection& c, const Admin& a, const std::string& email_key,
                   const std::string& password_hash);
// The pending invitation of an admin (replacing an earlier one), found by its link's hash
// while not expired, and removed once used.
Status PutInvitation(db::Connection& c, int64_t admin_id, const std::string& token_hash,
                     int64_t now, int64_t expires_at);
Result<std::optional<int64_t>> InvitedAdmin(db::Connection& c, const std::string& token_hash,
                                            int64_t now);
Status DeleteInvitationOf(db::Connection& c, int64_t admin_id);
Result<std::optional<Admin>> FindAdminById(db::Connection& c, int64_t id);
Result<std::optional<Admin>> FindAdminByEmailKey(db::Connection& c, const std::string& email_key);
Result<std::optional<Admin>> FindAdmin(db::Connection& c, const std::string& public_id);
Result<std::optional<std::string>> PasswordHash(db::Connection& c, int64_t admin_id);
Result<std::vector<Admin>> ListAdmins(db::Connection& c);
Status UpdateAdmin(db::Connection& c, const Admin& a, int64_t now);
Status SetPassword(db::Connection& c, int64_t admin_id, const std::string& hash, int64_t now);
Result<int64_t> CountActiveOwners(db::Connection& c);
Status SetLastLogin(db::Connection& c, int64_t admin_id, int64_t now);

Status InsertToken(db::Connection& c, const std::string& public_id, int64_t admin_id,
                   const std::string& name, Role role, const std::string& token_hash, int64_t now);
Result<std::vector<Token>> ListTokens(db::Connection& c);
// Returns false when there is no such unrevoked token.
Result<bool> RevokeToken(db::Connection& c, const std::string& public_id, int64_t now);
// The admin an unrevoked token belongs to; nullopt when there is no such unrevoked token.
Result<std::optional<Admin>> FindTokenOwner(db::Connection& c, const std::string& public_id);
// Revokes every token of the admin; returns how many.
Result<int64_t> RevokeTokensOf(db::Connection& c, int64_t admin_id, int64_t now);
// Lowers the role of the admin's unrevoked tokens that exceed `max` to `max`; returns how many.
Result<int64_t> LowerTokenRoles(db::Connection& c, int64_t admin_id, Role max);
// The active principal for a token hash: the token is not revoked and its admin is active. Its
// role is the lower of the token's and the admin's current role.
Result<std::optional<Principal>> FindPrincipalByTokenHash(db::Connection& c,
                                                          const std::string& token_hash);
Status TouchToken(db::Connection& c, const std::string& token_hash, int64_t now);

Status InsertSession(db::Connection& c, const std::string& token_hash, int64_t admin_id,
                     const std::string& csrf, int64_t now, int64_t expires_at,
                     const std::string& ip, const std::string& user_agent);
struct SessionRow {
  Principal principal;
  int64_t last_seen_at = 0;
  int64_t expires_at = 0;
};
// A session of an active admin, whatever its expiry (the service decides).
Result<std::optional<SessionRow>> FindSession(db::Connection& c, const std::string& token_hash);
Status TouchSession(db::Connection& c, const std::string& token_hash, int64_t now);
Status DeleteSession(db::Connection& c, const std::string& token_hash);
Status DeleteSessionsOf(db::Connection& c, int64_t admin_id);
// Every session of the admin but `keep_session_id`.
Status DeleteOtherSessionsOf(db::Connection& c, int64_t admin_id, int64_t keep_session_id);

// TOTP secrets as stored: sealed by the service's SecretBox (or plain text from before it).
struct TotpState {
  std::string secret;     // confirmed; empty when TOTP is off
  std::string pending;    // being set up
  int64_t last_step = 0;  // the time step of the last accepted code
};
Result<TotpState> GetTotp(db::Connection& c, int64_t admin_id);
// Sets secret and pending and the last step.
Status SetTotp(db::Connection& c, int64_t admin_id, const TotpState& state, int64_t now);
// Records `step` as used unless it or a later step was used before; returns whether it was
// recorded (one statement, so two requests with the same code cannot both win).
Result<bool> ConsumeTotpStep(db::Connection& c, int64_t admin_id, int64_t step);
struct StoredTotp {
  int64_t admin_id = 0;
  std::string secret, pending;
};
// Every admin with a TOTP secret or a pending one.
Result<std::vector<StoredTotp>> ListTotpSecrets(db::Connection& c);

// Deletes sessions that expired (absolute or idle); returns how many.
Result<int64_t> PurgeSessions(db::Connection& c, int64_t now, int64_t idle_micros);
}  // namespace clientele::admins::store
