// The wallet's values: ledger entries, balances, and the changes an admin asks for. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace clientele::wallet {

enum class EntryKind { kCredit, kDebit, kExpiry };
const char* ToString(EntryKind k);
std::optional<EntryKind> ParseEntryKind(const std::string& s);

// One line of the ledger. Amounts are positive minor units; the kind gives the sign.
struct Entry {
  int64_t id = 0;
  std::string public_id;
  std::string customer_ref;  // the customer's public id, kept after an erasure
  std::string currency;
  EntryKind kind = EntryKind::kCredit;
  int64_t amount = 0;
  std::optional<int64_t> expires_at;  // credits
  std::string reason, order_ref;
  std::string actor_type, actor_id, actor_name;
  int64_t created_at = 0;
  int64_t remaining = 0;  // credits: what debits and expiry have not taken
  // Filled for the store-wide history.
  std::string customer_name, customer_email, customer_phone;
  int64_t signed_amount() const { return kind == EntryKind::kCredit ? amount : -amount; }
};

// What a customer holds in one currency: the credits with something left, soonest to expire
// first, and their sum. Expired credits count for nothing from the moment they expire.
struct Balance {
  std::string currency;
  int64_t available = 0;
  std::vector<Entry> credits;
};

struct Wallet {
  std::vector<Balance> balances;
  std::vector<Entry> history;  // newest first
};

// An admin's change: a positive amount credits, a negative one deducts.
struct Change {
  std::string currency;  // empty: the store's currency
  int64_t amount = 0;
  std::string reason;
  std::string order_ref;
  std::optional<int64_t> expires_at;  // credits only
  bool notify = false;                // e-mail the customer the balance_change message
  std::string idempotency_key;
};

struct Applied {
  Entry entry;
  int64_t balance = 0;    // available in the entry's currency afterwards
  bool replayed = false;  // an earlier request with the same key made it
};

struct HistoryFilter {
  std::optional<int64_t> from, to;  // [from, to) in µs
  std::optional<EntryKind> kind;
  std::optional<int64_t> before_id;  // keyset
  int limit = 50;
};

}  // namespace clientele::wallet
