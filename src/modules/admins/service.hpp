// Admin accounts and API tokens. Passwords are hashed with argon2id (libsodium); API tokens are
// random secrets shown once and stored as BLAKE2b hashes. Authenticating a token is on every
// admin request, so verified tokens are cached for a few seconds. Thread-safe.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

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
};

// Who a request acts as, once authenticated.
struct Principal {
  std::string admin_public_id;
  std::string token_public_id;  // empty for browser sessions
  Role role = Role::kViewer;
};

struct NewToken {
  std::string public_id;
  std::string secret;  // shown once, never stored
};

class Service {
 public:
  Service(db::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Errors: kInvalidArgument (email, role, password rules), kAlreadyExists "admin_exists".
  Result<Admin> CreateAdmin(const audit::Actor& actor, const std::string& email,
                            const std::string& name, const std::string& password, Role role);

  // Creates an API token for the admin with this e-mail, acting with that admin's role.
  // Errors: kNotFound "admin_not_found", kInvalidArgument (name).
  Result<NewToken> CreateToken(const audit::Actor& actor, const std::string& admin_email,
                               const std::string& name);

  // The principal for `Authorization: Bearer <secret>`. Errors: kUnauthenticated.
  Result<Principal> AuthenticateToken(const std::string& secret);

 private:
  db::Database& db_;
  const Clock& clock_;
  std::mutex cache_mutex_;
  struct Cached {
    Principal principal;
    int64_t expires_at;
  };
  std::unordered_map<std::string, Cached> token_cache_;  // by token hash
};

}  // namespace clientele::admins
