// A clock for tests: time moves forward one second per reading (so creation order is
// registration order), and a test can jump it ahead.
#pragma once

#include <atomic>
#include <cstdint>

#include "core/time.hpp"

namespace clientele::testing {

class StepClock final : public Clock {
 public:
  int64_t NowMicros() const override { return now_ += 1'000'000; }
  void Advance(int64_t micros) { now_ += micros; }

 private:
  mutable std::atomic<int64_t> now_{1'700'000'000'000'000};
};

}  // namespace clientele::testing
