// The one clock. Every time-dependent rule reads it, so tests can set "21:30 on a weekday".
#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hejia {

/// Source of the current time; inject a ManualClock in tests.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::chrono::system_clock::time_point Now() const = 0;
  int64_t NowMillis() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Now().time_since_epoch()).count();
  }
};

/// Wall-clock time.
class SystemClock final : public Clock {
 public:
  std::chrono::system_clock::time_point Now() const override {
    return std::chrono::system_clock::now();
  }
};

/// A clock that moves only when told to.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(int64_t millis = 0) : millis_(millis) {}
  std::chrono::system_clock::time_point Now() const override {
    return std::chrono::system_clock::time_point(std::chrono::milliseconds(millis_.load()));
  }
  void SetMillis(int64_t m) { millis_ = m; }
  void Advance(std::chrono::milliseconds d) { millis_ += d.count(); }

 private:
  std::atomic<int64_t> millis_;
};

/// Wall-clock time shifted by a fixed offset: the clock runs, from a chosen start. For demos and
/// browser tests that replay a story at a given hour (`hejia serve --clock-start`).
class OffsetClock final : public Clock {
 public:
  explicit OffsetClock(int64_t start_millis)
      : offset_(std::chrono::milliseconds(start_millis) -
                std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::system_clock::now().time_since_epoch())) {}
  std::chrono::system_clock::time_point Now() const override {
    return std::chrono::system_clock::now() + offset_;
  }

 private:
  std::chrono::milliseconds offset_;
};

/// "2026-11-28T21:30:00+08:00": Beijing time, the one display zone.
std::string FormatBeijing(int64_t unix_millis);
/// The same text written into `buf` (no allocation, for the hot lists); a view of it.
struct BeijingTimeBuffer {
  char text[48];
};
std::string_view FormatBeijing(int64_t unix_millis, BeijingTimeBuffer& buf);
/// Parses "YYYY-MM-DD" into days since 1970-01-01; false when not a real date.
bool ParseDate(std::string_view s, int& year, int& month, int& day);
/// Unix millis of local midnight (Beijing) of a YYYY-MM-DD date, or -1.
int64_t BeijingDateStartMillis(std::string_view yyyy_mm_dd);
/// Parses an ISO 8601 time with its offset, the form the API exchanges:
/// "YYYY-MM-DDTHH:MM[:SS[.fraction]]" followed by "Z" or "+HH:MM" / "-HH:MM". Returns Unix millis
/// (fractions below a millisecond are dropped), or nullopt when the text is not such a time.
std::optional<int64_t> ParseIsoTime(std::string_view text);

}  // namespace hejia
