// SQL for admin accounts and API tokens, and nothing else.
#pragma once

#include <optional>
#include <string>

#include "db/database.hpp"
#include "modules/admins/service.hpp"

namespace clientele::admins::store {

Status InsertAdmin(db::Connection& c, const Admin& a, const std::string& email_key,
                   const std::string& password_hash);
Result<std::optional<Admin>> FindAdminByEmailKey(db::Connection& c, const std::string& email_key);
Status InsertToken(db::Connection& c, const std::string& public_id, int64_t admin_id,
                   const std::string& name, const std::string& token_hash, int64_t now);
// The active principal for a token hash: the token is not revoked and its admin is active.
Result<std::optional<Principal>> FindPrincipalByTokenHash(db::Connection& c,
                                                          const std::string& token_hash);

}  // namespace clientele::admins::store
