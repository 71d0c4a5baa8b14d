#include "core/time.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <exception>

#include <date/tz.h>
#include <fmt/format.h>

namespace ward {
namespace {

// Broken-down local time as read from text, before the zone is applied.
struct CivilTime {
  int year = 1970;
  unsigned month = 1, day = 1, hour = 0, minute = 0, second = 0;
  std::int64_t nanos = 0;
  bool has_offset = false;
  int offset_minutes = 0;
};

bool read_digits(std::string_view& s, std::size_t n, unsigned& out) {
  if (s.size() < n) return false;
  unsigned v = 0;
  for (std::size_t i = 0; i < n; ++i) {
    char c = s[i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<unsigned>(c - '0');
  }
  out = v;
  s.remove_prefix(n);
  return true;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads ".123456" into nanoseconds; accepts 1 or more digits, keeps the first 9.
bool read_fraction(std::string_view& s, std::int64_t& nanos) {
  if (s.empty() || (s[0] != '.' && s[0] != ',')) return true;
  s.remove_prefix(1);
  std::int64_t v = 0;
  int digits = 0;
  while (!s.empty() && is_digit(s[0])) {
    if (digits < 9) { v = v * 10 + (s[0] - '0'); ++digits; }
    s.remove_prefix(1);
  }
  if (digits == 0) return false;
  for (int i = digits; i < 9; ++i) v *= 10;
  nanos = v;
  return true;
}

// Reads "Z", "+hh:mm", "+hhmm" or "+hh" at the front of s.
bool read_offset(std::string_view& s, CivilTime& c) {
  if (s.empty()) return true;
  if (s[0] == 'Z' || s[0] == 'z') { c.has_offset = true; s.remove_prefix(1); return true; }
  if (s[0] != '+' && s[0] != '-') return false;
  int sign = s[0] == '-' ? -1 : 1;
  s.remove_prefix(1);
  unsigned hh = 0, mm = 0;
  if (!read_digits(s, 2, hh)) return false;
  if (!s.empty() && s[0] == ':') s.remove_prefix(1);
  if (!s.empty() && !read_digits(s, 2, mm)) return false;
  if (hh > 23 || mm > 59) return false;
  c.has_offset = true;
  c.offset_minutes = sign * static_cast<int>(hh * 60 + mm);
  return true;
}

unsigned days_in_month(int year, unsigned month) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

Result<TimeNs> to_utc(const CivilTime& c, const date::time_zone* local) {
  if (c.month < 1 || c.month > 12)
    return fail(ErrorCode::invalid_input, fmt::format("month {} is out of range", c.month));
  if (c.day < 1 || c.day > days_in_month(c.year, c.month))
    return fail(ErrorCode::invalid_input,
                fmt::format("day {} is out of range for month {}", c.day, c.month));
  if (c.hour > 23 || c.minute > 59 || c.second > 60)
    return fail(ErrorCode::invalid_input, "time of day is out of range");
  std::int64_t seconds = days_from_civil(c.year, c.month, c.day) * 86400 + c.hour * 3600 +
                         c.minute * 60 + std::min(c.second, 59u);  // a leap second folds into :59
  if (c.has_offset) {
    seconds -= static_cast<std::int64_t>(c.offset_minutes) * 60;
  } else if (local != nullptr) {
    // Ambiguous local times (autumn) take the earlier instant; skipped ones (spring) the
    // transition, as the EHRs we have seen record them.
    date::local_seconds ls{std::chrono::seconds{seconds}};
    seconds = local->to_sys(ls, date::choose::earliest).time_since_epoch().count();
  }
  return seconds * kNsPerSecond + c.nanos;
}

Result<TimeNs> bad_time(std::string_view what) {
  return fail(ErrorCode::invalid_input, fmt::format("not a valid {}", what));
}

}  // namespace

std::int64_t days_from_civil(int y, unsigned m, unsigned d) {
  // Howard Hinnant's days_from_civil.
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

TimeNs now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Result<const date::time_zone*> find_time_zone(std::string_view name) {
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return fail(ErrorCode::config, fmt::format("unknown time zone \"{}\" (use an IANA name such as "
                                               "America/New_York or UTC)", name));
  }
}

Result<TimeNs> parse_iso8601(std::string_view s, const date::time_zone* local) {
  CivilTime c;
  unsigned year = 0;
  if (!read_digits(s, 4, year)) return bad_time("date (expected YYYY-MM-DD)");
  c.year = static_cast<int>(year);
  if (!s.empty()) {
    if (s[0] != '-' || (s.remove_prefix(1), !read_digits(s, 2, c.month)))
      return bad_time("date (expected YYYY-MM-DD)");
    if (!s.empty()) {
      if (s[0] != '-' || (s.remove_prefix(1), !read_digits(s, 2, c.day)))
        return bad_time("date (expected YYYY-MM-DD)");
    }
  }
  if (!s.empty() && (s[0] == 'T' || s[0] == 't' || s[0] == ' ')) {
    s.remove_prefix(1);
    if (!read_digits(s, 2, c.hour) || s.empty() || s[0] != ':' ||
        (s.remove_prefix(1), !read_digits(s, 2, c.minute)))
      return bad_time("time (expected hh:mm[:ss])");
    if (!s.empty() && s[0] == ':') {
      s.remove_prefix(1);
      if (!read_digits(s, 2, c.second)) return bad_time("time (expected hh:mm:ss)");
    }
    if (!read_fraction(s, c.nanos)) return bad_time("fraction of a second");
    if (!read_offset(s, c)) return bad_time("time-zone offset (expected Z or +hh:mm)");
  }
  if (!s.empty()) return bad_time("ISO 8601 date-time (unexpected text at the end)");
  return to_utc(c, local);
}

Result<TimeNs> parse_hl7_time(std::string_view s, const date::time_zone* local) {
  if (auto caret = s.find('^'); caret != std::string_view::npos) s = s.substr(0, caret);
  CivilTime c;
  unsigned year = 0;
  if (!read_digits(s, 4, year)) return bad_time("HL7 date-time (expected YYYYMMDD[HHMM[SS]])");
  c.year = static_cast<int>(year);
  unsigned* parts[] = {&c.month, &c.day, &c.hour, &c.minute, &c.second};
  for (unsigned* part : parts) {
    if (s.empty() || !is_digit(s[0])) break;
    if (!read_digits(s, 2, *part)) return bad_time("HL7 date-time (odd number of digits)");
  }
  if (!read_fraction(s, c.nanos)) return bad_time("HL7 fraction of a second");
  if (!read_offset(s, c)) return bad_time("HL7 time-zone offset (expected +/-ZZZZ)");
  if (!s.empty()) return bad_time("HL7 date-time (unexpected text at the end)");
  return to_utc(c, local);
}

Result<TimeNs> parse_time_with_format(std::string_view text, std::string_view format,
                                      const date::time_zone* local) {
  if (format.empty() || format == "iso8601") return parse_iso8601(text, local);
  if (format == "epoch_s" || format == "epoch_ms") {
    std::int64_t v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size()) return bad_time("epoch number");
    return format == "epoch_s" ? v * kNsPerSecond : v * 1'000'000;
  }
  CivilTime c;
  unsigned year = 0;
  bool pm = false, has_ampm = false;
  std::string_view s = text;
  for (std::size_t i = 0; i < format.size(); ++i) {
    char f = format[i];
    if (f != '%' || i + 1 == format.size()) {
      if (s.empty() || s[0] != f) return bad_time(fmt::format("time in layout \"{}\"", format));
      s.remove_prefix(1);
      continue;
    }
    char spec = format[++i];
    bool ok = true;
    // Accept one-digit months, days and hours where vendors drop the leading zero.
    auto flexible = [&](unsigned& out) {
      if (s.size() >= 2 && is_digit(s[0]) && is_digit(s[1])) return read_digits(s, 2, out);
      return read_digits(s, 1, out);
    };
    switch (spec) {
      case 'Y': ok = read_digits(s, 4, year); c.year = static_cast<int>(year); break;
      case 'y': ok = read_digits(s, 2, year); c.year = 2000 + static_cast<int>(year); break;
      case 'm': ok = flexible(c.month); break;
      case 'd': ok = flexible(c.day); break;
      case 'H': case 'I': ok = flexible(c.hour); break;
      case 'M': ok = read_digits(s, 2, c.minute); break;
      case 'S': ok = read_digits(s, 2, c.second) && read_fraction(s, c.nanos); break;
      case 'p':
        has_ampm = true;
        if (s.size() < 2) { ok = false; break; }
        pm = s[0] == 'P' || s[0] == 'p';
        ok = pm || s[0] == 'A' || s[0] == 'a';
        s.remove_prefix(2);
        break;
      case 'z': ok = read_offset(s, c); break;
      case '%': ok = !s.empty() && s[0] == '%'; if (ok) s.remove_prefix(1); break;
      default: return fail(ErrorCode::config, fmt::format("unsupported %{} in time layout", spec));
    }
    if (!ok) return bad_time(fmt::format("time in layout \"{}\"", format));
  }
  if (!s.empty()) return bad_time(fmt::format("time in layout \"{}\" (text left over)", format));
  if (has_ampm) {
    if (c.hour < 1 || c.hour > 12) return bad_time("12-hour clock hour");
    c.hour = (c.hour % 12) + (pm ? 12 : 0);
  }
  return to_utc(c, local);
}

std::string local_date(TimeNs t, const date::time_zone* zone) {
  std::int64_t secs = t / kNsPerSecond;
  if (t % kNsPerSecond < 0) --secs;
  auto tp = date::sys_seconds{std::chrono::seconds{secs}};
  date::local_days day;
  if (zone != nullptr) {
    day = date::floor<date::days>(zone->to_local(tp));
  } else {
    day = date::local_days{date::floor<date::days>(tp).time_since_epoch()};
  }
  date::year_month_day ymd{day};
  return fmt::format("{:04}-{:02}-{:02}", int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()));
}

std::string format_day(std::int64_t day) {
  const date::year_month_day ymd{date::sys_days{date::days{day}}};
  return fmt::format("{:04}-{:02}-{:02}", int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()));
}

WallClock::Local WallClock::at(TimeNs t) {
  std::int64_t secs = t / kNsPerSecond;
  if (t % kNsPerSecond < 0) --secs;
  if (zone_ != nullptr && (secs < valid_from_ || secs >= valid_to_)) {
    const auto info = zone_->get_info(date::sys_seconds{std::chrono::seconds{secs}});
    offset_ = info.offset.count();
    valid_from_ = info.begin.time_since_epoch().count();
    valid_to_ = info.end.time_since_epoch().count();
  }
  const std::int64_t local = secs + offset_;
  const std::int64_t day = local >= 0 ? local / 86400 : (local - 86399) / 86400;
  const std::int64_t in_day = local - day * 86400;
  return {day, static_cast<int>(in_day / 3600), static_cast<int>(in_day % 3600 / 60)};
}

std::string format_iso8601(TimeNs t) {
  std::int64_t secs = t / kNsPerSecond;
  std::int64_t nanos = t % kNsPerSecond;
  if (nanos < 0) { nanos += kNsPerSecond; --secs; }
  auto tp = date::sys_seconds{std::chrono::seconds{secs}};
  auto day = date::floor<date::days>(tp);
  date::year_month_day ymd{day};
  date::hh_mm_ss hms{tp - day};
  std::string out = fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", int(ymd.year()),
                                unsigned(ymd.month()), unsigned(ymd.day()), hms.hours().count(),
                                hms.minutes().count(), hms.seconds().count());
  if (nanos != 0) {
    std::string frac = fmt::format("{:09}", nanos);
    while (frac.back() == '0') frac.pop_back();
    out += "." + frac;
  }
  out += "Z";
  return out;
}

}  // namespace ward
