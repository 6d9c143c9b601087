#include "modules/admins/store.hpp"

namespace clientele::admins::store {

Status InsertAdmin(db::Connection& c, const Admin& a, const std::string& email_key,
                   const std::string& password_hash) {
  RETURN_IF_ERROR(c.Execute(
      "INSERT INTO admins (public_id, email, email_key, name, password_hash, role, status,"
      " created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 'active', $7, $7)",
      {a.public_id, a.email, email_key, a.name, password_hash, std::string(ToString(a.role)),
       a.created_at}));
  return OkStatus();
}

Result<std::optional<Admin>> FindAdminByEmailKey(db::Connection& c, const std::string& email_key) {
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query("SELECT id, public_id, email, name, role, status, created_at"
                           " FROM admins WHERE email_key = $1",
                           {email_key}));
  if (rows.empty()) return std::optional<Admin>();
  const auto& r = rows[0];
  Admin a{r.Int(0), r.Text(1), r.Text(2), r.Text(3), ParseRole(r.Text(4)).value_or(Role::kViewer),
          r.Text(5), r.Int(6)};
  return std::optional<Admin>(a);
}

Status InsertToken(db::Connection& c, const std::string& public_id, int64_t admin_id,
                   const std::string& name, const std::string& token_hash, int64_t now) {
  RETURN_IF_ERROR(c.Execute(
      "INSERT INTO api_tokens (public_id, admin_id, name, token_hash, created_at)"
      " VALUES ($1, $2, $3, $4, $5)",
      {public_id, admin_id, name, token_hash, now}));
  return OkStatus();
}

Result<std::optional<Principal>> FindPrincipalByTokenHash(db::Connection& c,
                                                          const std::string& token_hash) {
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query("SELECT a.public_id, t.public_id, a.role FROM api_tokens t"
                           " JOIN admins a ON a.id = t.admin_id WHERE t.token_hash = $1"
                           " AND t.revoked_at IS NULL AND a.status = 'active'",
                           {token_hash}));
  if (rows.empty()) return std::optional<Principal>();
  Principal p{rows[0].Text(0), rows[0].Text(1),
              ParseRole(rows[0].Text(2)).value_or(Role::kViewer)};
  return std::optional<Principal>(p);
}

}  // namespace clientele::admins::store
