#include "modules/admins/service.hpp"

#include <sodium.h>

#include "core/contact.hpp"
#include "core/ids.hpp"
#include "core/text.hpp"
#include "modules/admins/store.hpp"

namespace clientele::admins {
namespace {

constexpr int64_t kTokenCacheMicros = 5'000'000;

Result<std::string> HashPassword(const std::string& password) {
  if (sodium_init() < 0) return Error::Internal("libsodium failed to initialise");
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(hash, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return Error::Internal("Out of memory while hashing a password.");
  }
  return std::string(hash);
}

}  // namespace

Result<Admin> Service::CreateAdmin(const audit::Actor& actor, const std::string& email,
                                   const std::string& name, const std::string& password,
                                   Role role) {
  std::vector<FieldError> errors;
  auto parsed = ParseEmail(email, "email");
  if (!parsed.ok()) errors = parsed.error().fields;
  if (std::string problem = PasswordProblem(password); !problem.empty()) {
    errors.push_back({"password", "weak_password", problem});
  }
  std::string clean_name = Trim(name);
  if (CodePointCount(clean_name) > 100 || !IsCleanUtf8(clean_name, false)) {
    errors.push_back({"name", "invalid_name", "A name is at most 100 characters."});
  }
  if (!errors.empty()) return Error::Invalid("Some fields are not valid.", std::move(errors));
  ASSIGN_OR_RETURN(std::string hash, HashPassword(password));
  const int64_t now = clock_.NowMicros();
  auto created = db_.Transaction([&](db::Connection& tx) -> Result<Admin> {
    Admin a;
    a.public_id = NewPublicId("adm");
    a.email = parsed->display;
    a.name = clean_name;
    a.role = role;
    a.created_at = now;
    RETURN_IF_ERROR(store::InsertAdmin(tx, a, parsed->key, hash));
    RETURN_IF_ERROR(audit::Record(
        tx, actor, {"admin.created", "admin", a.public_id, {{"role", ToString(role)}}}, now));
    return a;
  });
  if (!created.ok() && created.error().code == ErrorCode::kAlreadyExists) {
    std::string msg = "An admin with this e-mail address already exists.";
    return Error{ErrorCode::kAlreadyExists, "admin_exists", msg, {{"email", "admin_exists", msg}}};
  }
  return created;
}

Result<NewToken> Service::CreateToken(const audit::Actor& actor, const std::string& admin_email,
                                      const std::string& name) {
  std::string clean_name = Trim(name);
  if (clean_name.empty() || CodePointCount(clean_name) > 100 || !IsCleanUtf8(clean_name, false)) {
    std::string msg = "A token name is 1 to 100 characters.";
    return Error::Invalid(msg, {{"name", "invalid_name", msg}});
  }
  ASSIGN_OR_RETURN(Email parsed, ParseEmail(admin_email, "admin"));
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) -> Result<NewToken> {
    ASSIGN_OR_RETURN(std::optional<Admin> admin, store::FindAdminByEmailKey(tx, parsed.key));
    if (!admin) return Error::NotFound("admin_not_found", "There is no admin with this e-mail.");
    NewToken token{NewPublicId("tok"), NewSecret("clt_", 32)};
    RETURN_IF_ERROR(
        store::InsertToken(tx, token.public_id, admin->id, clean_name, HashSecret(token.secret), now));
    RETURN_IF_ERROR(audit::Record(tx, actor,
                                  {"api_token.created", "api_token", token.public_id,
                                   {{"admin", admin->public_id}, {"name", clean_name}}},
                                  now));
    return token;
  });
}

Result<Principal> Service::AuthenticateToken(const std::string& secret) {
  const auto unauthenticated = [] {
    return Error{ErrorCode::kUnauthenticated, "unauthenticated",
                 "Send a valid API token: Authorization: Bearer <token>.", {}};
  };
  if (secret.size() < 10 || secret.size() > 200) return unauthenticated();
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
  if (!principal) return unauthenticated();
  std::lock_guard lock(cache_mutex_);
  if (token_cache_.size() > 10000) token_cache_.clear();
  token_cache_[hash] = {*principal, now + kTokenCacheMicros};
  return *principal;
}

}  // namespace clientele::admins
