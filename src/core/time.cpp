#include "core/time.hpp"

#include <unicode/calendar.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>

#include <chrono>
#include <cstdio>
#include <memory>

namespace clientele {

int64_t SystemClock::NowMicros() const {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

namespace {

// Days from civil date (Howard Hinnant's algorithm), valid for the proleptic Gregorian calendar.
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void CivilFromDays(int64_t z, int64_t* y, unsigned* m, unsigned* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = static_cast<int64_t>(yoe) + era * 400 + (*m <= 2);
}

bool ReadDigits(std::string_view s, size_t pos, size_t count, int* out) {
  if (pos + count > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

}  // namespace

std::string FormatInstant(int64_t micros) {
  int64_t seconds = micros / 1000000;
  int64_t frac = micros % 1000000;
  if (frac < 0) {
    frac += 1000000;
    --seconds;
  }
  int64_t days = seconds / 86400;
  int64_t rem = seconds % 86400;
  if (rem < 0) {
    rem += 86400;
    --days;
  }
  int64_t y;
  unsigned m, d;
  CivilFromDays(days, &y, &m, &d);
  char buf[40];
  if (frac == 0) {
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02dZ", static_cast<long long>(y), m,
                  d, static_cast<int>(rem / 3600), static_cast<int>(rem / 60 % 60),
                  static_cast<int>(rem % 60));
  } else {
    // Milliseconds when they carry all the precision, microseconds otherwise.
    const bool whole_ms = frac % 1000 == 0;
    std::snprintf(buf, sizeof buf,
                  whole_ms ? "%04lld-%02u-%02uT%02d:%02d:%02d.%03dZ"
                           : "%04lld-%02u-%02uT%02d:%02d:%02d.%06dZ",
                  static_cast<long long>(y), m, d, static_cast<int>(rem / 3600),
                  static_cast<int>(rem / 60 % 60), static_cast<int>(rem % 60),
                  static_cast<int>(whole_ms ? frac / 1000 : frac));
  }
  return buf;
}

Result<int64_t> ParseInstant(std::string_view s, const std::string& field) {
  const auto invalid = [&] {
    std::string msg = "Use an ISO 8601 date or time, such as 2026-11-23 or 2026-11-23T10:54:00Z.";
    return Error::Invalid(msg, {{field, "invalid_datetime", msg}});
  };
  int year, month, day, hour = 0, minute = 0, second = 0;
  if (!ReadDigits(s, 0, 4, &year) || s.size() < 10 || s[4] != '-' || !ReadDigits(s, 5, 2, &month) ||
      s[7] != '-' || !ReadDigits(s, 8, 2, &day)) {
    return invalid();
  }
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) return invalid();
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month == 2 && day == 29 && !leap) return invalid();
  int64_t micros_frac = 0;
  int64_t offset_seconds = 0;
  size_t pos = 10;
  if (pos < s.size()) {
    if ((s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ') || !ReadDigits(s, pos + 1, 2, &hour) ||
        s.size() < pos + 6 || s[pos + 3] != ':' || !ReadDigits(s, pos + 4, 2, &minute)) {
      return invalid();
    }
    pos += 6;
    if (pos < s.size() && s[pos] == ':') {
      if (!ReadDigits(s, pos + 1, 2, &second)) return invalid();
      pos += 3;
      if (pos < s.size() && s[pos] == '.') {
        ++pos;
        int64_t scale = 100000;
        size_t digits = 0;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
          if (scale > 0) micros_frac += (s[pos] - '0') * scale;
          scale /= 10;
          ++pos;
          ++digits;
        }
        if (digits == 0) return invalid();
      }
    }
    if (hour > 23 || minute > 59 || second > 60) return invalid();
    if (pos >= s.size()) return invalid();  // a time needs its zone
    if (s[pos] == 'Z' || s[pos] == 'z') {
      ++pos;
    } else if (s[pos] == '+' || s[pos] == '-') {
      int oh, om;
      if (!ReadDigits(s, pos + 1, 2, &oh) || s.size() < pos + 6 || s[pos + 3] != ':' ||
          !ReadDigits(s, pos + 4, 2, &om) || oh > 23 || om > 59) {
        return invalid();
      }
      offset_seconds = (oh * 3600 + om * 60) * (s[pos] == '+' ? 1 : -1);
      pos += 6;
    } else {
      return invalid();
    }
    if (pos != s.size()) return invalid();
  }
  int64_t days = DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  int64_t seconds = days * 86400 + hour * 3600 + minute * 60 + second - offset_seconds;
  return seconds * 1000000 + micros_frac;
}

std::string LocalDate(int64_t micros, std::string_view time_zone) {
  const std::string zone = time_zone.empty() ? "UTC" : std::string(time_zone);
  UErrorCode status = U_ZERO_ERROR;
  // The root locale's calendar is the Gregorian one, whatever the process's locale.
  std::unique_ptr<icu::Calendar> calendar(icu::Calendar::createInstance(
      icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(zone)), icu::Locale::getRoot(),
      status));
  if (U_FAILURE(status)) return FormatInstant(micros).substr(0, 10);
  calendar->setTime(static_cast<UDate>(micros / 1000), status);
  const int year = calendar->get(UCAL_YEAR, status);
  const int month = calendar->get(UCAL_MONTH, status) + 1;
  const int day = calendar->get(UCAL_DATE, status);
  if (U_FAILURE(status)) return FormatInstant(micros).substr(0, 10);
  char out[40];
  std::snprintf(out, sizeof out, "%04d-%02d-%02d", year, month, day);
  return out;
}

struct LocalDays::Zone {
  std::unique_ptr<icu::TimeZone> tz;
};

LocalDays::LocalDays(std::string_view time_zone) : zone_(std::make_unique<Zone>()) {
  const std::string name = time_zone.empty() ? "UTC" : std::string(time_zone);
  zone_->tz.reset(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(name)));
}

LocalDays::~LocalDays() = default;

namespace {
constexpr int64_t kMillisPerDay = int64_t{86400} * 1000;

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
}  // namespace

int64_t LocalDays::DayOf(int64_t micros) const {
  const int64_t millis = FloorDiv(micros, 1000);
  int32_t raw = 0, dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  zone_->tz->getOffset(static_cast<UDate>(millis), false, raw, dst, status);
  if (U_FAILURE(status)) raw = dst = 0;
  return FloorDiv(millis + raw + dst, kMillisPerDay);
}

int64_t LocalDays::MidnightOf(int64_t day) const {
  const int64_t wall = day * kMillisPerDay;
  int32_t raw = 0, dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  // Wall time read as local: the offset in force at local midnight.
  zone_->tz->getOffset(static_cast<UDate>(wall), true, raw, dst, status);
  if (U_FAILURE(status)) raw = dst = 0;
  int64_t at = wall - raw - dst;
  // Where midnight does not exist (a DST jump at 00:00), the day starts at the first instant
  // that is on it.
  if (DayOf(at * 1000) < day) at += 3600 * 1000;
  return at * 1000;
}

}  // namespace clientele
