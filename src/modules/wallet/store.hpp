// SQL for the wallet's ledger (entries and what each debit or expiry took from which credit)
// and the booked balances, and nothing else.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "modules/wallet/model.hpp"

namespace clientele::wallet::store {

// Locks the customer's balance row of `currency` (making it at 0 when there is none): every
// change to a wallet takes this lock first, so concurrent changes of one wallet queue up.
Status LockBalance(db::Connection& c, int64_t customer_id, const std::string& currency,
                   int64_t now);
Status SetBalance(db::Connection& c, int64_t customer_id, const std::string& currency,
                  int64_t balance, int64_t now);

struct KeyedEntry {
  Entry entry;
  std::string request_hash;
};
// The entry a customer's earlier request with this idempotency key made.
Result<std::optional<KeyedEntry>> FindByKey(db::Connection& c, const std::string& customer_ref,
                                            const std::string& key);
Result<std::optional<Entry>> FindEntry(db::Connection& c, int64_t id);

// REQUIRES: e.customer_id set. `key` empty: none. Returns the new id.
Result<int64_t> InsertEntry(db::Connection& c, const Entry& e, int64_t customer_id,
                            const std::string& key, const std::string& request_hash);
Status InsertAllocation(db::Connection& c, int64_t entry_id, int64_t credit_id, int64_t amount);

// The customer's credits of `currency` with something left (`remaining`), the soonest to
// expire first (credits without expiry last, oldest first).
Result<std::vector<Entry>> OpenCredits(db::Connection& c, int64_t customer_id,
                                       const std::string& currency);
// The currencies the customer has entries in.
Result<std::vector<std::string>> Currencies(db::Connection& c, int64_t customer_id);
// The customer's entries, newest first (at most `limit`), credits with their remainder.
Result<std::vector<Entry>> ListEntries(db::Connection& c, int64_t customer_id, int limit);

// Wallets holding credits that expired by `now` with something left: (customer id, currency).
Result<std::vector<std::pair<int64_t, std::string>>> WalletsWithExpired(db::Connection& c,
                                                                        int64_t now, int limit);

// Every customer's entries for the store-wide history, newest first, with the customer's name,
// e-mail and phone (empty once erased). `limit` + 1 rows tell whether more exist.
Result<std::vector<Entry>> History(db::Connection& c, const HistoryFilter& f);
// How many entries match the filter (its limit and before_id aside).
Result<int64_t> HistoryCount(db::Connection& c, const HistoryFilter& f);

// Merge: `from`'s entries become `to`'s (`to_ref` its public id; an idempotency key `to` used
// already is dropped from the moved entry) and its balances are added to `to`'s.
Status MoveCustomer(db::Connection& c, int64_t from, int64_t to, const std::string& to_ref,
                    int64_t now);
Result<int64_t> EntryCount(db::Connection& c, int64_t customer_id);

}  // namespace clientele::wallet::store
