#include "demo/local_clock.h"

#include <chrono>
#include <exception>

#include <date/tz.h>
#include <fmt/format.h>

#include "core/time.h"

namespace ward::demo {
namespace {

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

void append_digits(std::string& out, unsigned value, int width) {
  char buf[10];
  for (int i = width - 1; i >= 0; --i) {
    buf[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  out.append(buf, static_cast<std::size_t>(width));
}

struct LocalParts {
  CivilDate date;
  unsigned hour = 0, minute = 0, second = 0;
};

LocalParts split(TimeMs local_ms) {
  std::int64_t days = floor_div(local_ms, kDayMs);
  std::int64_t ms_of_day = local_ms - days * kDayMs;
  LocalParts p;
  p.date = civil_from_days(days);
  p.hour = static_cast<unsigned>(ms_of_day / kHourMs);
  p.minute = static_cast<unsigned>(ms_of_day % kHourMs / kMinuteMs);
  p.second = static_cast<unsigned>(ms_of_day % kMinuteMs / 1000);
  return p;
}

}  // namespace

// Howard Hinnant's civil_from_days.
CivilDate civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const auto y = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0));
  return CivilDate{y, m, d};
}

std::string format_date(std::int64_t days) {
  CivilDate c = civil_from_days(days);
  std::string out;
  out.reserve(10);
  append_digits(out, static_cast<unsigned>(c.year), 4);
  out += '-';
  append_digits(out, c.month, 2);
  out += '-';
  append_digits(out, c.day, 2);
  return out;
}

// "YYYY-MM-DDTHH:MM:SS" of `p`, as FHIR instants and dateTimes start.
static void append_date_time(std::string& out, const LocalParts& p) {
  append_digits(out, static_cast<unsigned>(p.date.year), 4);
  out += '-';
  append_digits(out, p.date.month, 2);
  out += '-';
  append_digits(out, p.date.day, 2);
  out += 'T';
  append_digits(out, p.hour, 2);
  out += ':';
  append_digits(out, p.minute, 2);
  out += ':';
  append_digits(out, p.second, 2);
}

void append_utc_instant_ms(std::string& out, TimeMs t) {
  LocalParts p = split(t);
  append_date_time(out, p);
  out += '.';
  append_digits(out, static_cast<unsigned>(t - floor_div(t, 1000) * 1000), 3);
  out += 'Z';
}

Result<LocalClock> LocalClock::create(std::string_view start_date, std::string_view zone, int days) {
  if (days < 1) return fail(ErrorCode::invalid_input, "must be at least 1", "days");
  auto tz = find_time_zone(zone);
  if (!tz) {
    Error e = tz.error();
    e.field = "time_zone";
    return tl::unexpected(std::move(e));
  }
  unsigned y = 0, m = 0, d = 0;
  bool shape = start_date.size() == 10 && start_date[4] == '-' && start_date[7] == '-';
  for (std::size_t i = 0; shape && i < 10; ++i) {
    if (i == 4 || i == 7) continue;
    if (start_date[i] < '0' || start_date[i] > '9') shape = false;
  }
  if (shape) {
    auto num = [&](std::size_t at, std::size_t n) {
      unsigned v = 0;
      for (std::size_t i = at; i < at + n; ++i) v = v * 10 + static_cast<unsigned>(start_date[i] - '0');
      return v;
    };
    y = num(0, 4), m = num(5, 2), d = num(8, 2);
  }
  if (!shape || y < 1900 || m < 1 || m > 12 || d < 1 ||
      civil_from_days(days_from_civil(static_cast<int>(y), m, d)).day != d)
    return fail(ErrorCode::invalid_input, "expected a date YYYY-MM-DD from 1900 on", "start_date");

  LocalClock c;
  c.zone_ = *tz;
  c.first_day_ = days_from_civil(static_cast<int>(y), m, d);
  c.days_ = days;
  try {
    c.window_start_ = c.at(0, 0);
    c.window_end_ = c.at(days, 0);
    // Offsets from 60 days before to 60 days after the window cover every instant we format.
    TimeMs t = c.window_start_ - 60 * kDayMs;
    while (t < c.window_end_ + 60 * kDayMs) {
      auto info = c.zone_->get_info(date::sys_seconds{std::chrono::seconds{floor_div(t, 1000)}});
      OffsetSpan span;
      span.begin = info.begin.time_since_epoch().count() * 1000;
      span.end = info.end.time_since_epoch().count() * 1000;
      span.offset_minutes = static_cast<int>(info.offset.count() / 60);
      c.spans_.push_back(span);
      if (span.end <= t) break;  // last rule of the zone: no further transitions
      t = span.end;
    }
  } catch (const std::exception& e) {
    return fail(ErrorCode::config, fmt::format("time zone data failed: {}", e.what()), "time_zone");
  }
  return c;
}

TimeMs LocalClock::at(int day, int minute_of_day) const {
  std::int64_t local_s = (first_day_ + day) * 86400 + static_cast<std::int64_t>(minute_of_day) * 60;
  date::local_seconds ls{std::chrono::seconds{local_s}};
  return zone_->to_sys(ls, date::choose::earliest).time_since_epoch().count() * 1000;
}

int LocalClock::offset_minutes(TimeMs t) const {
  for (const OffsetSpan& s : spans_)
    if (t >= s.begin && t < s.end) return s.offset_minutes;
  auto info = zone_->get_info(date::sys_seconds{std::chrono::seconds{floor_div(t, 1000)}});
  return static_cast<int>(info.offset.count() / 60);
}

int LocalClock::day_of(TimeMs t) const {
  return static_cast<int>(floor_div(t + offset_minutes(t) * kMinuteMs, kDayMs) - first_day_);
}

int LocalClock::minute_of_day(TimeMs t) const {
  TimeMs local = t + offset_minutes(t) * kMinuteMs;
  return static_cast<int>((local - floor_div(local, kDayMs) * kDayMs) / kMinuteMs);
}

int LocalClock::weekday(int day) const {
  std::int64_t d = first_day_ + day;  // 1970-01-01 was a Thursday
  return static_cast<int>(((d + 4) % 7 + 7) % 7);
}

std::string LocalClock::iso(TimeMs t) const {
  int off = offset_minutes(t);
  LocalParts p = split(t + off * kMinuteMs);
  std::string out;
  out.reserve(25);
  append_date_time(out, p);
  out += off < 0 ? '-' : '+';
  unsigned a = static_cast<unsigned>(off < 0 ? -off : off);
  append_digits(out, a / 60, 2);
  out += ':';
  append_digits(out, a % 60, 2);
  return out;
}

std::string LocalClock::hl7(TimeMs t) const {
  int off = offset_minutes(t);
  LocalParts p = split(t + off * kMinuteMs);
  std::string out;
  out.reserve(19);
  append_digits(out, static_cast<unsigned>(p.date.year), 4);
  append_digits(out, p.date.month, 2);
  append_digits(out, p.date.day, 2);
  append_digits(out, p.hour, 2);
  append_digits(out, p.minute, 2);
  append_digits(out, p.second, 2);
  out += off < 0 ? '-' : '+';
  unsigned a = static_cast<unsigned>(off < 0 ? -off : off);
  append_digits(out, a / 60, 2);
  append_digits(out, a % 60, 2);
  return out;
}

std::string LocalClock::local_date(TimeMs t) const {
  return format_date(floor_div(t + offset_minutes(t) * kMinuteMs, kDayMs));
}

}  // namespace ward::demo
