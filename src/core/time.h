// UTC time for Ward: every timestamp inside Ward is nanoseconds since the Unix epoch, UTC.
// Parsers turn the formats hospitals send (FHIR instants, HL7 v2 DTM, vendor CSV layouts) into
// that, using a configured IANA time zone for local times that carry no offset.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.h"

namespace date { class time_zone; }

namespace ward {

using TimeNs = std::int64_t;
inline constexpr TimeNs kNsPerSecond = 1'000'000'000;
inline constexpr TimeNs kNsPerMinute = 60 * kNsPerSecond;
inline constexpr TimeNs kNsPerHour = 60 * kNsPerMinute;
inline constexpr TimeNs kNsPerDay = 24 * kNsPerHour;

TimeNs now_ns();

// An IANA zone such as "America/New_York" or "UTC"; the error names the zone.
Result<const date::time_zone*> find_time_zone(std::string_view name);

// ISO 8601 / FHIR dateTime and instant: "2024-03-01", "2024-03-01T10:20:30Z",
// "2024-03-01T10:20:30.123+02:00", "2024-03-01 10:20:30". Times without an offset are read in
// `local` (UTC when null). Fails on anything else, with a message naming what was wrong.
Result<TimeNs> parse_iso8601(std::string_view text, const date::time_zone* local = nullptr);

// HL7 v2 DTM/TS: "YYYY[MM[DD[HHMM[SS[.S[S[S[S]]]]]]]][+/-ZZZZ]"; the first component of a
// TS field (after '^') is used. Local times are read in `local` (UTC when null).
Result<TimeNs> parse_hl7_time(std::string_view text, const date::time_zone* local = nullptr);

// A time in a vendor layout: "iso8601", "epoch_s", "epoch_ms", or a strftime-style pattern of
// %Y %m %d %H %M %S %I %p %y and literals, e.g. "%m/%d/%Y %I:%M:%S %p".
Result<TimeNs> parse_time_with_format(std::string_view text, std::string_view format,
                                      const date::time_zone* local = nullptr);

// The calendar date ("YYYY-MM-DD") of `t` on the wall clock of `zone` (UTC when null): the day
// a hospital's staff would say something happened.
std::string local_date(TimeNs t, const date::time_zone* zone);

// "2024-03-01T10:20:30Z", with fractional seconds only when they are not zero.
std::string format_iso8601(TimeNs t);

// "YYYY-MM-DD" of a day number (days since 1970-01-01).
std::string format_day(std::int64_t day);

// Day and hour on a zone's wall clock (UTC when null) for many times: the zone's offset is kept
// for the stretch of time it holds (until the next daylight-saving change), so times that come
// roughly in order cost a comparison each. Not thread-safe; one per thread.
class WallClock {
 public:
  explicit WallClock(const date::time_zone* zone) : zone_(zone) {}
  struct Local {
    std::int64_t day = 0;  // days since 1970-01-01 on the wall clock
    int hour = 0;          // 0–23
    int minute = 0;
  };
  Local at(TimeNs t);

 private:
  const date::time_zone* zone_;
  std::int64_t valid_from_ = 1, valid_to_ = 0;  // seconds; empty until the first call
  std::int64_t offset_ = 0;                     // seconds east of UTC
};

// Days since 1970-01-01 for a proleptic Gregorian civil date (no validation).
std::int64_t days_from_civil(int year, unsigned month, unsigned day);

}  // namespace ward
