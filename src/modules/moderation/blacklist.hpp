// The blacklist: phones, e-mail addresses, e-mail domains and IP addresses or ranges whose
// registrations, sign-ins and guest records the store refuses with a neutral message. Entries
// have a reason and who added them; each refusal is counted on the entry that caused it.
// Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "db/database.hpp"
#include "modules/audit/audit.hpp"

namespace clientele::moderation {

struct BlacklistEntry {
  int64_t id = 0;
  std::string public_id;
  std::string kind;   // phone | email | domain | ip
  std::string value;  // E.164, an e-mail key, a domain, or an address or CIDR range
  std::string reason;
  std::string actor_type, actor_id;
  std::string actor_name;  // the admin's name, or the API token's; filled when read
  int64_t created_at = 0, updated_at = 0;
  int64_t hits = 0;
  std::optional<int64_t> last_hit_at;
};

// Who is asking to register, sign in or check out.
struct Requester {
  std::string email;  // as typed
  std::string phone;  // as typed or E.164; may be empty
  std::string ip;
};

class Blacklist {
 public:
  Blacklist(db::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // `q` filters by value or reason (substring), `kind` by kind.
  Result<std::vector<BlacklistEntry>> List(const std::string& q, const std::string& kind);
  // Validates and normalises `value` for `kind`: a phone must carry its country code
  // (+965…); an e-mail address; a domain (example.com or @example.com); an IP address or
  // CIDR range. Errors: kInvalidArgument (fields "kind", "value", "reason"), kAlreadyExists
  // "already_blacklisted".
  Result<BlacklistEntry> Add(const audit::Actor& actor, const std::string& kind,
                             const std::string& value, const std::string& reason);
  // Changes the reason. Errors: kNotFound "entry_not_found", kInvalidArgument.
  Result<BlacklistEntry> Update(const audit::Actor& actor, const std::string& id,
                                const std::string& reason);
  // The shopper is allowed to return. Errors: kNotFound.
  Status Remove(const audit::Actor& actor, const std::string& id);

  // The entry that refuses `who`, if any; the refusal is counted on it (in a transaction of its
  // own, so it stays counted whatever the caller does next).
  static Result<std::optional<std::string>> Refuses(db::Database& db, const Requester& who,
                                                    int64_t now);

 private:
  db::Database& db_;
  const Clock& clock_;
};

}  // namespace clientele::moderation
