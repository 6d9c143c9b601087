// Maintenance runs housekeeping of a serving node on a background thread: at start and then
// every `interval`, it purges expired sessions and old failed sign-ins. Every node may run it;
// the deletes are idempotent. Thread-safe; Stop() waits for a pass in progress to finish.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace clientele {

class Maintenance {
 public:
  Maintenance(std::function<void()> pass, std::chrono::milliseconds interval)
      : pass_(std::move(pass)), interval_(interval) {}
  ~Maintenance() { Stop(); }

  void Start();
  void Stop();

 private:
  std::function<void()> pass_;
  std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace clientele
