// The store's spam rules and what the last scan found: the disposable e-mail domains (the
// shipped list with the owner's additions and removals, each audited) and the spam scores of
// accounts, written by the scan and read by the audit and cleanup pages. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "db/database.hpp"
#include "modules/audit/audit.hpp"
#include "modules/moderation/spam.hpp"

namespace clientele::moderation {

// An owner's change to the shipped list.
struct DomainChange {
  std::string domain;
  bool listed = true;  // false: removed from the shipped list
  bool shipped = false;
  std::string actor_type, actor_id;
  int64_t changed_at = 0;
};

struct DomainListing {
  int64_t shipped = 0, listed = 0;    // domains shipped; listed now
  std::vector<DomainChange> changes;  // newest first
  std::vector<std::string> matches;   // listed domains containing the query (at most 50)
};

// One account's score, as the scan stores it.
struct SpamScoreRow {
  int64_t customer_id = 0;
  int score = 0;
  std::vector<SpamSignal> signals;
};

class SpamRules {
 public:
  SpamRules(db::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // `q`: a part of a domain to look for among the listed ones.
  Result<DomainListing> Domains(const std::string& q);
  // Lists (`listed`) or unlists a domain ("mail.example" or "@mail.example"). Audited.
  // Errors: kInvalidArgument ("domain": "invalid_domain").
  Result<DomainChange> SetListed(const audit::Actor& actor, const std::string& domain, bool listed);
  // Drops the owner's change: the domain is as shipped again. Errors: kNotFound
  // "change_not_found".
  Status Reset(const audit::Actor& actor, const std::string& domain);

  // The effective list, on the caller's connection.
  static Result<DisposableDomains> LoadDomains(db::Connection& c);
  // Replaces the scores of the customers with ids in (after_id, last_id] by `rows`.
  static Status ReplaceScores(db::Connection& tx, int64_t after_id, int64_t last_id,
                              const std::vector<SpamScoreRow>& rows, int64_t now);
  // Signals as stored (JSON) and back.
  static std::string SignalsText(const std::vector<SpamSignal>& signals);
  static std::vector<SpamSignal> ParseSignals(const std::string& text);

 private:
  db::Database& db_;
  const Clock& clock_;
};

}  // namespace clientele::moderation
