// SQL of audit and cleanup. It reads across the tables of several modules (customers, orders,
// wallet, library), as one read model, so it lives with the flow; every write to another
// module's tables goes through that module's service.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "flows/cleanup/cleanup.hpp"

namespace clientele::flows::cleanup_sql {

struct Counts {
  int64_t total = 0, active = 0, suspected_spam = 0;
};
Result<Counts> CountActivity(db::Connection& c, int threshold);
// Registrations (and suspected spam among them) per quarter hour since `since`, oldest first.
inline constexpr int64_t kSlotMicros = int64_t{900} * 1000000;
struct Slot {
  int64_t start = 0, registrations = 0, suspected_spam = 0;
};
Result<std::vector<Slot>> RegistrationSlots(db::Connection& c, int64_t since, int threshold);

// What the spam scan reads of the customers after `after_id`.
struct ScanRow {
  int64_t id = 0;
  moderation::SpamInput input;
  std::string ip;
};
Result<std::vector<ScanRow>> ScanRows(db::Connection& c, int64_t after_id, int limit);
// Registration addresses and times of the customers after `after_id` (id, ip, registered_at).
struct Registration {
  int64_t id = 0;
  std::string ip;
  int64_t registered_at = 0;
};
Result<std::vector<Registration>> Registrations(db::Connection& c, int64_t after_id, int limit);
Result<int64_t> CountCustomers(db::Connection& c);

// The candidates of a review.
struct CandidateFilter {
  CleanupScope scope = CleanupScope::kSpam;
  int threshold = 0;
  std::optional<int64_t> registered_before;
};
Result<std::vector<CleanupCandidate>> CandidatePage(db::Connection& c, const CandidateFilter& f,
                                                    std::optional<int64_t> before_id, int limit,
                                                    std::vector<int64_t>& ids_out);
Result<int64_t> CountCandidates(db::Connection& c, const CandidateFilter& f);
// Notes the candidates (all, or those among `ids`, minus `except`; public ids) as the job's
// items in id order. Returns how many.
Result<int64_t> InsertItems(db::Connection& tx, int64_t job_id, const CandidateFilter& f, bool all,
                            const std::vector<std::string>& ids,
                            const std::vector<std::string>& except);

struct Item {
  int64_t position = 0, customer_id = 0;
  std::string public_id, reasons, outcome, kept_reason;
  std::optional<int64_t> processed_at;
};
Result<std::vector<Item>> ItemsAfter(db::Connection& c, int64_t job_id, int64_t after_position,
                                     int limit);
Status MarkItems(db::Connection& tx, int64_t job_id, const std::vector<Item>& items);

// What keeps a customer from a cleanup, by internal id.
struct Holdings {
  bool orders = false, money = false, active = false;
};
Result<std::map<int64_t, Holdings>> HoldingsOf(db::Connection& c, const std::vector<int64_t>& ids);

// Registration IPs and times of suspected spam accounts.
Result<std::vector<Registration>> SpamRegistrations(db::Connection& c, int threshold);

}  // namespace clientele::flows::cleanup_sql
