// Records who read whose personal data (a full customer profile) without putting a database
// write on every read: events are queued in memory and written in one transaction every
// 250 ms by a background thread, and on shutdown. A crash can lose the last quarter second of
// view events (never a change: changes are audited in their own transaction).
// Repeated views of one customer by one actor within kRepeatWindowMicros are one event: the
// trail says who looked at whom and when, without a row per page refresh or script call.
// Thread-safe.
#pragma once

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/time.hpp"
#include "db/database.hpp"
#include "modules/audit/audit.hpp"

namespace clientele::audit {

class ViewLog {
 public:
  static constexpr int64_t kRepeatWindowMicros = int64_t{10} * 60 * 1'000'000;

  ViewLog(db::Database& db, const Clock& clock);
  ~ViewLog();  // writes what is queued

  // Queues "customer.viewed" of `customer_id` by `actor`.
  void CustomerViewed(const Actor& actor, const std::string& customer_id);
  // Writes everything queued now (tests, shutdown).
  void Flush();

 private:
  struct Pending {
    Actor actor;
    std::string customer_id;
    int64_t at;
  };
  void Run();

  db::Database& db_;
  const Clock& clock_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<Pending> queue_;
  // When each (actor, customer) view was last queued; entries older than the window are
  // dropped when the map grows large.
  std::unordered_map<std::string, int64_t> last_queued_;
  bool stopping_ = false;
  std::mutex flush_mutex_;  // one writer of batches at a time
  std::thread thread_;
};

}  // namespace clientele::audit
