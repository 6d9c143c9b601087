#include "modules/audit/view_log.hpp"

#include <chrono>

namespace clientele::audit {
namespace {

// Bounds the memory of recent views; past it, a repeat may be recorded twice, never lost.
constexpr size_t kMaxRemembered = 100'000;

}  // namespace

ViewLog::ViewLog(db::Database& db, const Clock& clock) : db_(db), clock_(clock) {
  thread_ = std::thread([this] { Run(); });
}

ViewLog::~ViewLog() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
  Flush();
}

void ViewLog::CustomerViewed(const Actor& actor, const std::string& customer_id) {
  const int64_t now = clock_.NowMicros();
  std::string key = actor.type;
  key += '\0';
  key += actor.id;
  key += '\0';
  key += customer_id;
  std::lock_guard lock(mutex_);
  auto [it, first] = last_queued_.try_emplace(std::move(key), now);
  if (!first) {
    if (now - it->second < kRepeatWindowMicros) return;
    it->second = now;
  }
  queue_.push_back({actor, customer_id, now});
  if (last_queued_.size() > kMaxRemembered) {
    std::erase_if(last_queued_,
                  [&](const auto& entry) { return now - entry.second >= kRepeatWindowMicros; });
    if (last_queued_.size() > kMaxRemembered) last_queued_.clear();
  }
}

void ViewLog::Flush() {
  std::lock_guard flush_lock(flush_mutex_);
  std::vector<Pending> batch;
  {
    std::lock_guard lock(mutex_);
    batch.swap(queue_);
  }
  if (batch.empty()) return;
  (void)db_.Transaction([&](db::Connection& tx) -> Status {
    for (const auto& p : batch) {
      RETURN_IF_ERROR(
          Record(tx, p.actor, {"customer.viewed", "customer", p.customer_id, {}}, p.at));
    }
    return OkStatus();
  });
}

void ViewLog::Run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, std::chrono::milliseconds(250));
    lock.unlock();
    Flush();
    lock.lock();
  }
}

}  // namespace clientele::audit
