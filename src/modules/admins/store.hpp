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
// The active principal for a token hash: the token is not revoked and its admin is active.
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

struct TotpState {
  std::string secret;   // confirmed; empty when TOTP is off
  std::string pending;  // being set up
};
Result<TotpState> GetTotp(db::Connection& c, int64_t admin_id);
Status SetTotp(db::Connection& c, int64_t admin_id, const TotpState& state, int64_t now);

Status RecordLoginFailure(db::Connection& c, const std::string& key, int64_t now);
Result<int64_t> CountLoginFailures(db::Connection& c, const std::string& key, int64_t since);
Status ClearLoginFailures(db::Connection& c, const std::string& key);

}  // namespace clientele::admins::store
