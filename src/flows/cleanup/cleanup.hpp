// Audit and cleanup of the customer base: how many accounts are active (orders, library items,
// wishlist items or a customer-area sign-in), unused (none of those) or suspected spam; the spam
// scan that scores every account (a job); the review of unused or spam accounts; the cleanup job
// that erases the chosen ones as a permanent deletion does, never one with orders or money, and
// keeps a deletion report; the subnets that registered the spam, for the blacklist.
// Spans customers, orders, wallet, library, moderation and erasure, so it is a flow.
// Thread-safe.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "db/database.hpp"
#include "flows/erasure/erasure.hpp"
#include "modules/audit/audit.hpp"
#include "modules/jobs/service.hpp"
#include "modules/moderation/blacklist.hpp"
#include "modules/moderation/spam.hpp"

namespace clientele::flows {

enum class CleanupScope { kUnused, kSpam };

struct RegistrationBucket {
  int64_t day = 0;    // the first day of the day, week (Monday) or month, in the store's zone
  int64_t start = 0;  // the instant that day begins
  int64_t registrations = 0, suspected_spam = 0;
};

struct ActivityMetrics {
  int64_t total = 0, active = 0, unused = 0, suspected_spam = 0;
  int threshold = 0;
  std::optional<jobs::Job> last_scan;             // the newest spam scan, if one ran
  std::string interval;                           // day | week | month
  std::string time_zone;                          // the store's, whose days the buckets are
  std::vector<RegistrationBucket> registrations;  // oldest first, empty buckets included
};

struct CleanupCandidate {
  std::string id, first_name, last_name, email, kind, status, registration_ip;
  int64_t registered_at = 0;
  int score = 0;  // from the last scan; 0 when it found nothing
  std::vector<moderation::SpamSignal> signals;
};

struct CandidatePage {
  std::vector<CleanupCandidate> items;  // newest first
  std::optional<std::string> next_cursor;
  int64_t matching = 0;  // every candidate of the review, not only this page
};

struct CleanupRequest {
  CleanupScope scope = CleanupScope::kSpam;
  std::optional<int64_t> older_than_days;
  // Either every candidate but `except`, or the candidates among `ids`.
  bool all = false;
  std::vector<std::string> ids, except;
  int64_t confirm = -1;  // the number of accounts the admin typed
};

// A network that registered suspected spam accounts.
struct Offender {
  std::string subnet;  // "203.0.113.0/24"
  int64_t accounts = 0;
  int64_t last_registered_at = 0;
  std::vector<std::pair<std::string, int64_t>> ips;  // its addresses, most accounts first (≤ 5)
  std::optional<moderation::BlacklistEntry> blocked_by;  // the blacklist entry covering it
};

class Cleanup {
 public:
  static constexpr const char* kScanJob = "spam_scan";
  static constexpr const char* kCleanupJob = "cleanup";

  Cleanup(db::Database& db, const Clock& clock, jobs::Service& jobs, Erasure& erasure,
          moderation::Blacklist& blacklist)
      : db_(db), clock_(clock), jobs_(jobs), erasure_(erasure), blacklist_(blacklist) {}

  jobs::Kind ScanJobKind();
  jobs::Kind CleanupJobKind();

  // `interval`: day (the last 30 days), week (26 weeks) or month (24 months). Errors:
  // kInvalidArgument ("interval").
  Result<ActivityMetrics> Metrics(const std::string& interval);
  // The accounts a cleanup would take. Parameters: scope (unused | spam, required),
  // older_than_days (1-36500), limit (1-200, default 50), cursor. Errors: kInvalidArgument.
  Result<CandidatePage> Candidates(const std::map<std::string, std::string>& params);
  // Scores every account again (a job). Errors: kFailedPrecondition "job_running".
  Result<jobs::Job> StartScan(const audit::Actor& actor, const std::string& actor_name);
  // Queues the cleanup of the chosen candidates, noted on the job all or nothing. Errors:
  // kInvalidArgument (fields "scope", "older_than_days", "ids", "except", "confirm":
  // "count_mismatch" when the typed number is not the number of accounts chosen now,
  // "nothing_chosen"), kFailedPrecondition "job_running".
  Result<jobs::Job> StartCleanup(const audit::Actor& actor, const std::string& actor_name,
                                 const CleanupRequest& request);
  // The deletion report of a cleanup job as CSV: each account, what became of it and why.
  // Errors: kNotFound "job_not_found".
  Result<std::string> ReportCsv(const std::string& job_id);
  // Networks with two or more suspected spam accounts, most first (at most `limit`).
  Result<std::vector<Offender>> Offenders(int limit);

 private:
  struct ScanContext;
  Result<std::shared_ptr<const ScanContext>> ContextFor(db::Connection& c, const jobs::Job& job);
  Result<jobs::ChunkOutcome> ScanChunk(db::Connection& tx, const jobs::Job& job);
  Result<jobs::ChunkOutcome> CleanupChunk(db::Connection& tx, const jobs::Job& job);

  db::Database& db_;
  const Clock& clock_;
  jobs::Service& jobs_;
  Erasure& erasure_;
  moderation::Blacklist& blacklist_;
  std::mutex mutex_;
  std::shared_ptr<const ScanContext> scan_;  // of the scan job running on this node
};

const char* ToString(CleanupScope scope);
std::optional<CleanupScope> ParseCleanupScope(const std::string& text);

}  // namespace clientele::flows
