// The wallet: store credit per customer and currency, as an append-only ledger whose balance is
// always exact. A credit may expire; a debit takes from the credits that expire soonest first
// and is refused above the available balance; an expired credit counts for nothing from the
// moment it expires, and its remainder is written off by an expiry entry at the next change of
// the wallet or by the periodic write-off, whichever comes first. Every change locks the
// wallet's balance row first, so concurrent debits queue up and never overdraw. Money-moving
// requests carry an idempotency key: a retry does the work once and answers the same.
// Thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "db/database.hpp"
#include "modules/audit/audit.hpp"
#include "modules/wallet/model.hpp"

namespace clientele::messages {
class Service;
}

namespace clientele::wallet {

struct HistoryPage {
  std::vector<Entry> items;
  std::optional<std::string> next_cursor;
};

class Service {
 public:
  static constexpr size_t kMaxReason = 500;
  static constexpr size_t kMaxOrderRef = 100;
  static constexpr size_t kMaxKey = 255;
  static constexpr int kMaxExportRows = 100000;

  // Merge, on the caller's transaction: `from`'s ledger becomes `to`'s and its balances add to
  // `to`'s (store credit is never lost nor counted twice).
  static Status MoveCustomer(db::Connection& tx, int64_t from, int64_t to,
                             const std::string& to_ref, int64_t now);
  static Result<int64_t> EntryCount(db::Connection& c, int64_t customer_id);

  Service(db::Database& db, const Clock& clock, messages::Service& messages)
      : db_(db), clock_(clock), messages_(messages) {}

  // The customer's balances (every currency they have entries in) and newest entries.
  // Errors: kNotFound "customer_not_found".
  Result<Wallet> Get(const std::string& customer_id);
  // The same on the caller's read, as it is at `now`, with the newest `history_limit` entries
  // (the customer's data export reads the whole ledger).
  static Result<Wallet> Read(db::Connection& c, int64_t customer_id, int64_t now,
                             int history_limit);

  // Credits (amount > 0) or deducts (amount < 0), in the store's currency unless the change
  // names one. Errors: kNotFound; kInvalidArgument with
  // field errors (currency, amount, reason, order_ref, expires_at, notify) or
  // "idempotency_key_reused" (the key came with other values before); kFailedPrecondition
  // "insufficient_balance".
  Result<Applied> Apply(const audit::Actor& actor, const std::string& customer_id,
                        const Change& change);

  // The field errors Apply would answer for `change` (trimming its texts), for a caller that
  // found errors of its own and answers them all at once.
  Status Validate(Change& change) const;

  // Writes off the remainders of expired credits (run periodically by a serving node);
  // returns how many credits it wrote off.
  Result<int64_t> WriteOffExpired();

  // Every customer's entries, newest first. Parameters: from, to (ISO 8601 instants or
  // dates), kind (credit, debit, expiry), limit (1-200), cursor. Errors: kInvalidArgument.
  Result<HistoryPage> History(const std::map<std::string, std::string>& params);
  // The same entries (up to 100,000, no paging) as CSV.
  Result<std::string> HistoryCsv(const std::map<std::string, std::string>& params);

  // For exports of the whole filtered history (jobs), on the caller's read: History's filters
  // without paging (errors as History's); the entries after filter.before_id, newest first,
  // up to filter.limit plus one; their count; each entry as the cells under HistoryHeaders.
  static Result<HistoryFilter> ParseHistoryFilter(const std::map<std::string, std::string>& params);
  static Result<std::vector<Entry>> HistoryOn(db::Connection& c, const HistoryFilter& filter);
  static Result<int64_t> HistoryCount(db::Connection& c, const HistoryFilter& filter);
  static const std::vector<std::string>& HistoryHeaders();
  static std::vector<std::string> HistoryCells(const Entry& e);

 private:
  // On the caller's transaction, after LockBalance: writes off the wallet's expired credits and
  // returns the credits still open.
  Result<std::vector<Entry>> Settle(db::Connection& tx, int64_t customer_id,
                                    const std::string& customer_ref, const std::string& currency,
                                    int64_t now);
  static Result<HistoryFilter> ParseHistory(const std::map<std::string, std::string>& params,
                                            bool paged);

  db::Database& db_;
  const Clock& clock_;
  messages::Service& messages_;
};

}  // namespace clientele::wallet
