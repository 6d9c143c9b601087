#include "modules/throttle/service.hpp"

#include <algorithm>

#include "modules/throttle/store.hpp"

namespace clientele::throttle {

Error TooManyAttempts() {
  return {ErrorCode::kUnavailable,
          "too_many_attempts",
          "Too many failed attempts. Wait 15 minutes and try again.",
          {}};
}

Result<Attempt> Throttle::Reserve(const std::vector<Limit>& limits, int64_t now) {
  std::vector<Limit> sorted = limits;
  // Locked in one order, so two attempts never wait on each other.
  std::sort(sorted.begin(), sorted.end(),
            [](const Limit& a, const Limit& b) { return a.key < b.key; });
  return db_.Transaction([&](db::Connection& tx) -> Result<Attempt> {
    for (const Limit& limit : sorted) RETURN_IF_ERROR(store::LockKey(tx, limit.key));
    for (const Limit& limit : sorted) {
      ASSIGN_OR_RETURN(int64_t failures, store::CountFailures(tx, limit.key, now - kWindowMicros));
      if (failures >= limit.max_failures) return TooManyAttempts();
    }
    Attempt attempt;
    for (const Limit& limit : sorted) {
      ASSIGN_OR_RETURN(int64_t id, store::RecordFailure(tx, limit.key, now));
      attempt.failure_ids.push_back(id);
    }
    return attempt;
  });
}

void Throttle::Release(const Attempt& attempt) {
  (void)db_.Transaction([&](db::Connection& tx) -> Status {
    for (int64_t id : attempt.failure_ids) RETURN_IF_ERROR(store::DeleteFailure(tx, id));
    return OkStatus();
  });
}

Status Throttle::Succeed(db::Connection& tx, const Attempt& attempt, const std::string& clear_key) {
  RETURN_IF_ERROR(store::ClearFailures(tx, clear_key));
  for (int64_t id : attempt.failure_ids) RETURN_IF_ERROR(store::DeleteFailure(tx, id));
  return OkStatus();
}

Status Throttle::LockKey(db::Connection& tx, const std::string& key) {
  return store::LockKey(tx, key);
}

Status Throttle::Forget(db::Connection& tx, const std::vector<std::string>& keys) {
  return store::ForgetKeys(tx, keys);
}

Result<PurgeReport> Throttle::Purge(int64_t now) {
  PurgeReport out;
  // One transaction per table, so the purge never holds rows of one table while it waits for
  // another's (a sign-in locks keys, then failure rows).
  ASSIGN_OR_RETURN(out.failures, db_.Transaction([&](db::Connection& tx) {
    return store::PurgeFailures(tx, now - kWindowMicros);
  }));
  RETURN_IF_ERROR(db_.Transaction([&](db::Connection& tx) { return store::PurgeKeys(tx); }));
  return out;
}

}  // namespace clientele::throttle
