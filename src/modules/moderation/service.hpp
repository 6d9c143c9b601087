// Moderation of customers: bans with a reason, and lifting them. A ban sets the customer's
// status (which ends every session of the account: see customers::Service::OnStatusChange),
// records why (reason, note, who, when) and e-mails
// the ban_notice in the same transaction; lifting it sends ban_lifted. While banned, the
// account cannot sign in, and its e-mail address can neither register nor check out as a guest
// (the accounts module refuses them). Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "db/bulk.hpp"
#include "db/database.hpp"
#include "modules/audit/audit.hpp"
#include "modules/customers/model.hpp"
#include "modules/moderation/model.hpp"

namespace clientele::customers {
class Service;
}
namespace clientele::messages {
class Service;
}

namespace clientele::moderation {

class Service {
 public:
  static constexpr size_t kMaxNote = 500;

  Service(db::Database& db, const Clock& clock, customers::Service& customers,
          messages::Service& messages)
      : db_(db), clock_(clock), customers_(customers), messages_(messages) {}

  // Bans the customer. `note` (optional, at most 500 characters) is added to the reason in the
  // e-mail. With `if_version`, only if the record is still at that version. Errors: kNotFound
  // "customer_not_found", kInvalidArgument ("reason", "note"), kFailedPrecondition
  // "already_banned", "stale_version".
  Result<customers::Customer> Ban(const audit::Actor& actor, const std::string& customer_id,
                                  BanReason reason, const std::string& note,
                                  std::optional<int64_t> if_version);
  // Lifts the ban: the customer is active again. Errors: kNotFound, kFailedPrecondition
  // "not_banned", "stale_version".
  Result<customers::Customer> LiftBan(const audit::Actor& actor, const std::string& customer_id,
                                      std::optional<int64_t> if_version);

  // An imported customer the old store had banned: banned here for reason "other", with a note
  // that says so, on the caller's transaction, without an e-mail (the customer knows already).
  // Errors: kFailedPrecondition "already_banned", "stale_version".
  Result<customers::Customer> BanImportedIn(db::Connection& tx, const audit::Actor& actor,
                                            const customers::Customer& current, int64_t now);

  // Bulk forms on one transaction (see db/bulk.hpp): customers banned already (or, lifting,
  // not banned) are skipped with that code. Errors: kInvalidArgument ("ids", "note").
  Result<db::BulkOutcome> BulkBan(const audit::Actor& actor, const std::vector<std::string>& ids,
                                  BanReason reason, const std::string& note);
  Result<db::BulkOutcome> BulkLiftBan(const audit::Actor& actor,
                                      const std::vector<std::string>& ids);

 private:
  // The trimmed note. Errors: kInvalidArgument ("note").
  static Result<std::string> CheckNote(BanReason reason, const std::string& note);
  Result<customers::Customer> BanIn(db::Connection& tx, const audit::Actor& actor,
                                    const std::string& customer_id, BanReason reason,
                                    const std::string& clean_note,
                                    std::optional<int64_t> if_version, int64_t now);
  Result<customers::Customer> LiftBanIn(db::Connection& tx, const audit::Actor& actor,
                                        const std::string& customer_id,
                                        std::optional<int64_t> if_version, int64_t now);

  db::Database& db_;
  const Clock& clock_;
  customers::Service& customers_;
  messages::Service& messages_;
};

}  // namespace clientele::moderation
