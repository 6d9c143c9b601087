// Instants are microseconds since the Unix epoch, UTC, in int64_t; on the wire they are
// ISO 8601 strings ("2026-11-23T10:54:12Z", fractional seconds when present). The clock is
// injected so that tests control time. Thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace clientele {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t NowMicros() const = 0;
};

class SystemClock final : public Clock {
 public:
  int64_t NowMicros() const override;
};

// "2026-11-23T10:54:12Z" or "2026-11-23T10:54:12.250Z" (milliseconds when not whole seconds).
std::string FormatInstant(int64_t micros);

// The calendar day of an instant in an IANA time zone, as "2026-11-23" (UTC when the zone is
// empty or unknown).
std::string LocalDate(int64_t micros, std::string_view time_zone);

// Calendar days in one IANA time zone (UTC when the zone is empty or unknown), as day numbers
// counted from 1970-01-01 like std::chrono::sys_days, for charts bucketed by the store's days.
class LocalDays {
 public:
  explicit LocalDays(std::string_view time_zone);
  ~LocalDays();
  LocalDays(const LocalDays&) = delete;
  LocalDays& operator=(const LocalDays&) = delete;

  // The local day an instant falls on.
  int64_t DayOf(int64_t micros) const;
  // The instant local midnight of `day` begins (the first instant of the day where a DST change
  // skips midnight).
  int64_t MidnightOf(int64_t day) const;

 private:
  struct Zone;
  std::unique_ptr<Zone> zone_;
};

// Accepts "YYYY-MM-DD" (midnight UTC), "YYYY-MM-DDTHH:MM[:SS[.fff…]]" followed by "Z" or
// "±HH:MM". Errors: kInvalidArgument with a field error for `field`.
Result<int64_t> ParseInstant(std::string_view text, const std::string& field);

}  // namespace clientele
