#include "modules/admins/store.hpp"

namespace clientele::admins::store {
namespace {

constexpr const char* kAdminColumns =
    "SELECT id, public_id, email, name, role, status, created_at, last_login_at,"
    " totp_secret <> '', password_hash = '' FROM admins";

Admin AdminFromRow(const db::Row& r) {
  return {
      r.Int(0),  r.Text(1), r.Text(2),   r.Text(3), ParseRole(r.Text(4)).value_or(Role::kViewer),
      r.Text(5), r.Int(6),  r.OptInt(7), r.Bool(8), r.Bool(9)};
}

}  // namespace

Status InsertAdmin(db::Connection& c, const Admin& a, const std::string& email_key,
                   const std::string& password_hash) {
  RETURN_IF_ERROR(c.Execute(
      "INSERT INTO admins (public_id, email, email_key, name, password_hash, role, status,"
      " created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 'active', $7, $7)",
      {a.public_id, a.email, email_key, a.name, password_hash, std::string(ToString(a.role)),
       a.created_at}));
  return OkStatus();
}

Status PutInvitation(db::Connection& c, int64_t admin_id, const std::string& token_hash,
                     int64_t now, int64_t expires_at) {
  RETURN_IF_ERROR(c.Execute("DELETE FROM admin_invitations WHERE admin_id = $1", {admin_id}));
  RETURN_IF_ERROR(
      c.Execute("INSERT INTO admin_invitations (admin_id, token_hash, created_at, expires_at)"
                " VALUES ($1, $2, $3, $4)",
                {admin_id, token_hash, now, expires_at}));
  return OkStatus();
}

Result<std::optional<int64_t>> InvitedAdmin(db::Connection& c, const std::string& token_hash,
                                            int64_t now) {
  ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT admin_id FROM admin_invitations"
                                          " WHERE token_hash = $1 AND expires_at > $2",
                                          {token_hash, now}));
  if (rows.empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(rows[0].Int(0));
}

Status DeleteInvitationOf(db::Connection& c, int64_t admin_id) {
  RETURN_IF_ERROR(c.Execute("DELETE FROM admin_invitations WHERE admin_id = $1", {admin_id}));
  return OkStatus();
}

Result<std::optional<Admin>> FindAdminById(db::Connection& c, int64_t id) {
  ASSIGN_OR_RETURN(db::Rows rows, c.Query(std::string(kAdminColumns) + " WHERE id = $1", {id}));
  if (rows.empty()) return std::optional<Admin>();
  return std::optional<Admin>(AdminFromRow(rows[0]));
}

Result<std::optional<Admin>> FindAdminByEmailKey(db::Connection& c, const std::string& email_key) {
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query(std::string(kAdminColumns) + " WHERE email_key = $1", {email_key}));
  if (rows.empty()) return std::optional<Admin>();
  return std::optional<Admin>(AdminFromRow(rows[0]));
}

Result<std::optional<Admin>> FindAdmin(db::Connection& c, const std::string& public_id) {
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query(std::string(kAdminColumns) + " WHERE public_id = $1", {public_id}));
  if (rows.empty()) return std::optional<Admin>();
  return std::optional<Admin>(AdminFromRow(rows[0]));
}

Result<std::optional<std::string>> PasswordHash(db::Connection& c, int64_t admin_id) {
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query("SELECT password_hash FROM admins WHERE id = $1", {admin_id}));
  if (rows.empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows[0].Text(0));
}

Result<std::vector<Admin>> ListAdmins(db::Connection& c) {
  ASSIGN_OR_RETURN(db::Rows rows, c.Query(std::string(kAdminColumns) + " ORDER BY email_key"));
  std::vector<Admin> out;
  for (const auto& r : rows) out.push_back(AdminFromRow(r));
  return out;
}

Status UpdateAdmin(db::Connection& c, const Admin& a, int64_t now) {
  RETURN_IF_ERROR(c.Execute(
      "UPDATE admins SET name = $2, role = $3, status = $4, updated_at = $5 WHERE id = $1",
      {a.id, a.name, std::string(ToString(a.role)), a.status, now}));
  return OkStatus();
}

Status SetPassword(db::Connection& c, int64_t admin_id, const std::string& hash, int64_t now) {
  RETURN_IF_ERROR(c.Execute("UPDATE admins SET password_hash = $2, updated_at = $3 WHERE id = $1",
                            {admin_id, hash, now}));
  return OkStatus();
}

Result<int64_t> CountActiveOwners(db::Connection& c) {
  // An invited owner who has not chosen a password yet cannot sign in: not counted.
  ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT count(*) FROM admins WHERE role = 'owner'"
                                          " AND status = 'active' AND password_hash <> ''"));
  return rows.at(0).Int(0);
}

Status SetLastLogin(db::Connection& c, int64_t admin_id, int64_t now) {
  RETURN_IF_ERROR(c.Execute("UPDATE admins SET last_login_at = $2 WHERE id = $1", {admin_id, now}));
  return OkStatus();
}

Status InsertToken(db::Connection& c, const std::string& public_id, int64_t admin_id,
                   const std::string& name, Role role, const std::string& token_hash, int64_t now) {
  RETURN_IF_ERROR(
      c.Execute("INSERT INTO api_tokens (public_id, admin_id, name, role, token_hash, created_at)"
                " VALUES ($1, $2, $3, $4, $5, $6)",
                {public_id, admin_id, name, std::string(ToString(role)), token_hash, now}));
  return OkStatus();
}

Result<std::vector<Token>> ListTokens(db::Connection& c) {
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query("SELECT t.public_id, t.name, a.public_id, t.role, t.created_at,"
                           " t.last_used_at, t.revoked_at FROM api_tokens t"
                           " JOIN admins a ON a.id = t.admin_id ORDER BY t.id DESC"));
  std::vector<Token> out;
  for (const auto& r : rows) {
    out.push_back({r.Text(0), r.Text(1), r.Text(2), ParseRole(r.Text(3)).value_or(Role::kViewer),
                   r.Int(4), r.OptInt(5), r.OptInt(6)});
  }
  return out;
}

Result<bool> RevokeToken(db::Connection& c, const std::string& public_id, int64_t now) {
  ASSIGN_OR_RETURN(int64_t n, c.Execute("UPDATE api_tokens SET revoked_at = $2"
                                        " WHERE public_id = $1 AND revoked_at IS NULL",
                                        {public_id, now}));
  return n == 1;
}

Result<std::optional<Admin>> FindTokenOwner(db::Connection& c, const std::string& public_id) {
  ASSIGN_OR_RETURN(db::Rows rows, c.Query(std::string(kAdminColumns) +
                                              " WHERE id = (SELECT admin_id FROM api_tokens"
                                              " WHERE public_id = $1 AND revoked_at IS NULL)",
                                          {public_id}));
  if (rows.empty()) return std::optional<Admin>();
  return std::optional<Admin>(AdminFromRow(rows[0]));
}

Result<int64_t> RevokeTokensOf(db::Connection& c, int64_t admin_id, int64_t now) {
  return c.Execute(
      "UPDATE api_tokens SET revoked_at = $2 WHERE admin_id = $1"
      " AND revoked_at IS NULL",
      {admin_id, now});
}

Result<int64_t> LowerTokenRoles(db::Connection& c, int64_t admin_id, Role max) {
  int64_t lowered = 0;
  for (Role r : {Role::kOwner, Role::kAdmin, Role::kSupport, Role::kViewer}) {
    if (MayGrant(max, r)) continue;  // not above max
    ASSIGN_OR_RETURN(int64_t n,
                     c.Execute("UPDATE api_tokens SET role = $3 WHERE admin_id = $1"
                               " AND role = $2 AND revoked_at IS NULL",
                               {admin_id, std::string(ToString(r)), std::string(ToString(max))}));
    lowered += n;
  }
  return lowered;
}

Result<std::optional<Principal>> FindPrincipalByTokenHash(db::Connection& c,
                                                          const std::string& token_hash) {
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query("SELECT a.public_id, a.name, a.email, t.public_id, t.role, a.role"
                           " FROM api_tokens t JOIN admins a ON a.id = t.admin_id"
                           " WHERE t.token_hash = $1 AND t.revoked_at IS NULL"
                           " AND a.status = 'active'",
                           {token_hash}));
  if (rows.empty()) return std::optional<Principal>();
  const auto& r = rows[0];
  const Role token_role = ParseRole(r.Text(4)).value_or(Role::kViewer);
  const Role admin_role = ParseRole(r.Text(5)).value_or(Role::kViewer);
  Principal p{r.Text(0), r.Text(1), r.Text(2), r.Text(3), "", LowerRole(token_role, admin_role)};
  return std::optional<Principal>(p);
}

Status TouchToken(db::Connection& c, const std::string& token_hash, int64_t now) {
  RETURN_IF_ERROR(c.Execute("UPDATE api_tokens SET last_used_at = $2 WHERE token_hash = $1",
                            {token_hash, now}));
  return OkStatus();
}

Status InsertSession(db::Connection& c, const std::string& token_hash, int64_t admin_id,
                     const std::string& csrf, int64_t now, int64_t expires_at,
                     const std::string& ip, const std::string& user_agent) {
  RETURN_IF_ERROR(c.Execute(
      "INSERT INTO admin_sessions (token_hash, admin_id, csrf_token, created_at, last_seen_at,"
      " expires_at, ip, user_agent) VALUES ($1, $2, $3, $4, $4, $5, $6, $7)",
      {token_hash, admin_id, csrf, now, expires_at, ip, user_agent}));
  return OkStatus();
}

Result<std::optional<SessionRow>> FindSession(db::Connection& c, const std::string& token_hash) {
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query("SELECT a.public_id, a.name, a.email, s.csrf_token, a.role,"
                           " s.last_seen_at, s.expires_at, a.totp_secret <> '', s.id"
                           " FROM admin_sessions s"
                           " JOIN admins a ON a.id = s.admin_id"
                           " WHERE s.token_hash = $1 AND a.status = 'active'",
                           {token_hash}));
  if (rows.empty()) return std::optional<SessionRow>();
  const auto& r = rows[0];
  SessionRow s;
  s.principal = {r.Text(0), r.Text(1), r.Text(2),
                 "",        r.Text(3), ParseRole(r.Text(4)).value_or(Role::kViewer)};
  s.last_seen_at = r.Int(5);
  s.expires_at = r.Int(6);
  s.principal.totp_enabled = r.Bool(7);
  s.principal.session_id = r.Int(8);
  return std::optional<SessionRow>(s);
}

Status TouchSession(db::Connection& c, const std::string& token_hash, int64_t now) {
  RETURN_IF_ERROR(c.Execute("UPDATE admin_sessions SET last_seen_at = $2 WHERE token_hash = $1",
                            {token_hash, now}));
  return OkStatus();
}

Status DeleteSession(db::Connection& c, const std::string& token_hash) {
  RETURN_IF_ERROR(c.Execute("DELETE FROM admin_sessions WHERE token_hash = $1", {token_hash}));
  return OkStatus();
}

Status DeleteSessionsOf(db::Connection& c, int64_t admin_id) {
  RETURN_IF_ERROR(c.Execute("DELETE FROM admin_sessions WHERE admin_id = $1", {admin_id}));
  return OkStatus();
}

Status DeleteOtherSessionsOf(db::Connection& c, int64_t admin_id, int64_t keep_session_id) {
  RETURN_IF_ERROR(c.Execute("DELETE FROM admin_sessions WHERE admin_id = $1 AND id <> $2",
                            {admin_id, keep_session_id}));
  return OkStatus();
}

Result<TotpState> GetTotp(db::Connection& c, int64_t admin_id) {
  ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT totp_secret, totp_pending, totp_last_step"
                                          " FROM admins WHERE id = $1",
                                          {admin_id}));
  if (rows.empty()) return TotpState{};
  return TotpState{rows[0].Text(0), rows[0].Text(1), rows[0].Int(2)};
}

Status SetTotp(db::Connection& c, int64_t admin_id, const TotpState& state, int64_t now) {
  RETURN_IF_ERROR(
      c.Execute("UPDATE admins SET totp_secret = $2, totp_pending = $3, totp_last_step = $4,"
                " updated_at = $5 WHERE id = $1",
                {admin_id, state.secret, state.pending, state.last_step, now}));
  return OkStatus();
}

Result<bool> ConsumeTotpStep(db::Connection& c, int64_t admin_id, int64_t step) {
  ASSIGN_OR_RETURN(int64_t n, c.Execute("UPDATE admins SET totp_last_step = $2"
                                        " WHERE id = $1 AND totp_last_step < $2",
                                        {admin_id, step}));
  return n == 1;
}

Result<std::vector<StoredTotp>> ListTotpSecrets(db::Connection& c) {
  ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT id, totp_secret, totp_pending FROM admins"
                                          " WHERE totp_secret <> '' OR totp_pending <> ''"));
  std::vector<StoredTotp> out;
  for (const auto& r : rows) out.push_back({r.Int(0), r.Text(1), r.Text(2)});
  return out;
}

Result<int64_t> PurgeSessions(db::Connection& c, int64_t now, int64_t idle_micros) {
  return c.Execute("DELETE FROM admin_sessions WHERE expires_at <= $1 OR last_seen_at <= $2",
                   {now, now - idle_micros});
}

}  // namespace clientele::admins::store
