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

// "2024-03-01T10:20:30Z", with fractional seconds only when they are not zero.
// The calendar date ("YYYY-MM-DD") of `t` on the wall clock of `zone` (UTC when null): the day
// a hospital's staff would say something happened.
std::string local_date(TimeNs t, const date::time_zone* zone);
std::string format_iso8601(TimeNs t);

// Days since 1970-01-01 for a proleptic Gregorian civil date (no validation).
std::int64_t days_from_civil(int year, unsigned month, unsigned day);

}  // namespace ward
