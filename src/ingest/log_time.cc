#include "ingest/log_time.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <limits>

namespace ward::ingest {
namespace {

bool digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

int number(std::string_view s) {
  int n = 0;
  for (char c : s) n = n * 10 + (c - '0');
  return n;
}

// "YYYY-MM-DD hh:mm:ss[.fff]" through parse_iso8601, which knows zones and validates the date.
Result<TimeNs> local_time(int year, int month, int day, std::string_view clock,
                          const date::time_zone* zone) {
  char text[48];
  int n = std::snprintf(text, sizeof text, "%04d-%02d-%02d %.*s", year, month, day,
                        static_cast<int>(clock.size()), clock.data());
  if (n <= 0 || static_cast<std::size_t>(n) >= sizeof text)
    return fail(ErrorCode::invalid_input, "not a valid time of day");
  return parse_iso8601(std::string_view(text, static_cast<std::size_t>(n)), zone);
}

// "hh:mm:ss" with an optional fraction.
bool clock_shape(std::string_view s) {
  if (s.size() < 8 || s[2] != ':' || s[5] != ':') return false;
  if (!digits(s.substr(0, 2)) || !digits(s.substr(3, 2)) || !digits(s.substr(6, 2))) return false;
  if (s.size() == 8) return true;
  return s[8] == '.' && digits(s.substr(9));
}

}  // namespace

int month_from_abbreviation(std::string_view s) {
  static constexpr std::string_view kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (int i = 0; i < 12; ++i)
    if (s == kMonths[i]) return i + 1;
  return 0;
}

Result<TimeNs> parse_epoch_seconds(std::string_view text) {
  std::string_view whole = text.substr(0, text.find('.'));
  std::string_view fraction =
      whole.size() < text.size() ? text.substr(whole.size() + 1) : std::string_view{};
  if (!digits(whole) || whole.size() > 12 || (whole.size() < text.size() && !digits(fraction)))
    return fail(ErrorCode::invalid_input, "not a time in epoch seconds (e.g. 1521911720.615923)");
  TimeNs seconds = 0;
  for (char c : whole) seconds = seconds * 10 + (c - '0');
  TimeNs ns = 0, scale = kNsPerSecond;
  for (std::size_t i = 0; i < fraction.size() && i < 9; ++i) {
    scale /= 10;
    ns += (fraction[i] - '0') * scale;
  }
  return seconds * kNsPerSecond + ns;
}

Result<TimeNs> parse_iso8601_or_epoch(std::string_view text, const date::time_zone* zone) {
  if (text.size() >= 10 && text[4] == '-') return parse_iso8601(text, zone);
  const std::size_t dot = std::min(text.find('.'), text.size());
  std::int64_t whole = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + dot, whole);
  if (text.empty() || ec != std::errc() || end != text.data() + dot || whole < 0)
    return fail(ErrorCode::invalid_input, "not an ISO 8601 time or epoch number");
  if (dot == text.size() && dot >= 13) return whole * 1'000'000;  // epoch milliseconds
  if (whole > std::numeric_limits<TimeNs>::max() / kNsPerSecond) return fail(ErrorCode::invalid_input, "epoch number out of range");
  TimeNs ns = whole * kNsPerSecond;
  TimeNs scale = kNsPerSecond / 10;
  for (std::size_t i = dot + 1; i < text.size(); ++i, scale /= 10) {
    if (text[i] < '0' || text[i] > '9') return fail(ErrorCode::invalid_input, "not an ISO 8601 time or epoch number");
    ns += (text[i] - '0') * scale;
  }
  return ns;
}

Result<TimeNs> parse_bsd_timestamp(std::string_view text, TimeNs reference,
                                   const date::time_zone* zone) {
  if (text.size() < kBsdTimestampLength || text[3] != ' ' || text[6] != ' ')
    return fail(ErrorCode::invalid_input, "not a syslog time (e.g. \"Mar 24 08:59:37\")");
  const int month = month_from_abbreviation(text.substr(0, 3));
  std::string_view day_text = text.substr(4, 2);
  if (day_text[0] == ' ') day_text.remove_prefix(1);
  const std::string_view clock = text.substr(7, 8);
  if (month == 0 || !digits(day_text) || !clock_shape(clock))
    return fail(ErrorCode::invalid_input, "not a syslog time (e.g. \"Mar 24 08:59:37\")");
  const std::int64_t ref_days = reference / kNsPerSecond / 86400;
  // The reference's year: days_from_civil is monotonic, so find the last January 1 before it.
  int year = 1970 + static_cast<int>(ref_days / 366);
  while (days_from_civil(year + 1, 1, 1) <= ref_days) ++year;
  auto t = local_time(year, month, number(day_text), clock, zone);
  if (!t) return t;
  if (*t > reference + 7 * 86400 * kNsPerSecond)
    return local_time(year - 1, month, number(day_text), clock, zone);
  return t;
}

Result<TimeNs> parse_bind_timestamp(std::string_view text, const date::time_zone* zone) {
  // dd-Mmm-yyyy hh:mm:ss[.mmm]
  if (text.size() < 20 || text[2] != '-' || text[6] != '-' || text[11] != ' ' ||
      !digits(text.substr(0, 2)) || !digits(text.substr(7, 4)) || !clock_shape(text.substr(12)))
    return fail(ErrorCode::invalid_input, "not a BIND time (e.g. \"24-Mar-2018 08:59:37.123\")");
  const int month = month_from_abbreviation(text.substr(3, 3));
  if (month == 0)
    return fail(ErrorCode::invalid_input, "not a BIND time (e.g. \"24-Mar-2018 08:59:37.123\")");
  return local_time(number(text.substr(7, 4)), month, number(text.substr(0, 2)), text.substr(12),
                    zone);
}

}  // namespace ward::ingest
