// The demo hospital's wall clock: turns "window day 3 at 07:00 local" into UTC (DST included)
// and formats instants the way each output file wants them (ISO 8601 with offset, HL7 v2 DTM,
// FHIR instant). Immutable after create(), so it may be shared between threads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace date { class time_zone; }

namespace ward::demo {

using TimeMs = std::int64_t;  // milliseconds since the Unix epoch, UTC
inline constexpr TimeMs kMinuteMs = 60'000;
inline constexpr TimeMs kHourMs = 60 * kMinuteMs;
inline constexpr TimeMs kDayMs = 24 * kHourMs;

struct CivilDate {
  int year = 1970;
  unsigned month = 1, day = 1;
};

// Days since 1970-01-01 to a proleptic Gregorian date, and that date as "YYYY-MM-DD".
CivilDate civil_from_days(std::int64_t days);
std::string format_date(std::int64_t days);

// Appends a FHIR instant with milliseconds: "2026-11-01T12:30:45.123Z".
void append_utc_instant_ms(std::string& out, TimeMs t);

class LocalClock {
 public:
  // `start_date` is "YYYY-MM-DD" (the first local day), `zone` an IANA name, `days` >= 1.
  // Errors name the field ("start_date", "time_zone").
  static Result<LocalClock> create(std::string_view start_date, std::string_view zone, int days);

  int days() const { return days_; }
  std::int64_t first_day() const { return first_day_; }  // days since epoch of start_date
  TimeMs window_start() const { return window_start_; }  // local midnight of the first day
  TimeMs window_end() const { return window_end_; }      // local midnight after the last day

  // Local wall time `minute_of_day` on window day `day` (may lie outside the window). A time
  // skipped by a DST change maps to the transition.
  TimeMs at(int day, int minute_of_day) const;
  int day_of(TimeMs t) const;         // window day of t's local date; negative before the window
  int minute_of_day(TimeMs t) const;  // local
  int weekday(int day) const;         // 0 = Sunday
  bool weekend(int day) const { int w = weekday(day); return w == 0 || w == 6; }
  int offset_minutes(TimeMs t) const;  // local minus UTC

  std::string iso(TimeMs t) const;   // "2026-11-01T08:30:00-04:00"
  std::string hl7(TimeMs t) const;   // "20261101083000-0400"
  std::string local_date(TimeMs t) const;  // "2026-11-01"

 private:
  struct OffsetSpan {
    TimeMs begin = 0, end = 0;
    int offset_minutes = 0;
  };
  const date::time_zone* zone_ = nullptr;
  std::int64_t first_day_ = 0;
  int days_ = 0;
  TimeMs window_start_ = 0, window_end_ = 0;
  std::vector<OffsetSpan> spans_;  // the zone's offsets around the window, looked up without tz
};

}  // namespace ward::demo
