// Attempt throttling shared by every sign-in (admins and shoppers): failures are counted per
// key ("admin-account:…", "shopper-ip:…") in the database, so every server node sees the same
// counts. An attempt is reserved under the keys' row locks before the slow check it guards
// (a password hash), so parallel guesses never get more checks than the limit; the reserved
// records stay when the attempt fails and are taken back when it did not. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "db/database.hpp"

namespace clientele::throttle {

struct Limit {
  std::string key;
  int max_failures = 5;  // within the window
};

// A reserved attempt: the failure records written for it.
struct Attempt {
  std::vector<int64_t> failure_ids;
};

struct PurgeReport {
  int64_t failures = 0;
};

class Throttle {
 public:
  static constexpr int64_t kWindowMicros = 15LL * 60 * 1000000;

  explicit Throttle(db::Database& db) : db_(db) {}

  // Refuses when any key has `max_failures` failures in the window, else records one failure
  // per key. Errors: kUnavailable "too_many_attempts".
  Result<Attempt> Reserve(const std::vector<Limit>& limits, int64_t now);
  // Takes back the failure records of an attempt that turned out not to be a failure.
  void Release(const Attempt& attempt);
  // On the caller's transaction: a success, which also forgets the earlier failures of
  // `clear_key` (the account's key, so its owner is not locked out by old typos).
  static Status Succeed(db::Connection& tx, const Attempt& attempt, const std::string& clear_key);
  // Locks `key` until the transaction ends: a named lock that serialises work on one key.
  static Status LockKey(db::Connection& tx, const std::string& key);

  // Erasure: forgets the failures and locks of these keys (they hold an e-mail address), in
  // one statement per table: a few thousand keys at most.
  static Status Forget(db::Connection& tx, const std::vector<std::string>& keys);

  // Deletes failure records older than the window and keys nothing needs.
  Result<PurgeReport> Purge(int64_t now);

 private:
  db::Database& db_;
};

Error TooManyAttempts();

}  // namespace clientele::throttle
