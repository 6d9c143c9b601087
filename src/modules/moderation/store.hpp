// SQL for moderation (the reasons of bans), and nothing else.
#pragma once

#include <set>
#include <string>
#include <utility>

#include "db/database.hpp"
#include "modules/moderation/blacklist.hpp"
#include "modules/moderation/spam_rules.hpp"

namespace clientele::moderation::store {

Status InsertBan(db::Connection& c, int64_t customer_id, const std::string& reason,
                 const std::string& note, const std::string& actor_type,
                 const std::string& actor_id, int64_t now);
Status DeleteBan(db::Connection& c, int64_t customer_id);

// Returns the new entry's id. Errors: kAlreadyExists for a (kind, value) listed already.
Result<int64_t> InsertEntry(db::Connection& c, const BlacklistEntry& e);
Result<std::optional<BlacklistEntry>> FindEntry(db::Connection& c, const std::string& public_id);
// Entries whose value or reason contains `q` (all when empty), of `kind` when given; newest
// first.
Result<std::vector<BlacklistEntry>> ListEntries(db::Connection& c, const std::string& q,
                                                const std::string& kind);
// The first entry matching one of the (kind, value) pairs exactly.
Result<std::optional<BlacklistEntry>> FindExact(
    db::Connection& c, const std::vector<std::pair<std::string, std::string>>& keys);
Status UpdateEntryReason(db::Connection& c, int64_t id, const std::string& reason, int64_t now);
Status DeleteEntry(db::Connection& c, int64_t id);
Status CountHit(db::Connection& c, int64_t id, int64_t now);

// Pairs an admin said are not duplicates (lower internal id first).
Status InsertDismissal(db::Connection& c, int64_t a, int64_t b, const std::string& actor_type,
                       const std::string& actor_id, int64_t now);
Result<std::set<std::pair<int64_t, int64_t>>> Dismissals(db::Connection& c);

}  // namespace clientele::moderation::store

namespace clientele::moderation::store {

// The owner's changes to the shipped disposable domain list, newest first.
Result<std::vector<DomainChange>> DomainChanges(db::Connection& c);
Status WriteDomainChange(db::Connection& c, const DomainChange& change);
// Returns whether there was one.
Result<bool> DeleteDomainChange(db::Connection& c, const std::string& domain);
Status DeleteScores(db::Connection& c, int64_t after_id, int64_t last_id);
Status InsertScore(db::Connection& c, int64_t customer_id, int score, const std::string& signals,
                   int64_t now);

}  // namespace clientele::moderation::store
