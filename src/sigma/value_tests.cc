#include "sigma/value_tests.h"

#include <arpa/inet.h>

#include <charconv>
#include <chrono>
#include <cstring>

#include <fmt/format.h>

namespace ward::sigma {
namespace {

std::optional<double> read_number(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

// inet_pton wants a C string: copied onto the stack, never the heap.
bool read_address(std::string_view text, bool& v6, std::array<std::uint8_t, 16>& out) {
  char buf[64];
  if (text.empty() || text.size() >= sizeof(buf)) return false;
  std::memcpy(buf, text.data(), text.size());
  buf[text.size()] = '\0';
  out.fill(0);
  if (inet_pton(AF_INET, buf, out.data()) == 1) { v6 = false; return true; }
  if (inet_pton(AF_INET6, buf, out.data()) == 1) { v6 = true; return true; }
  return false;
}

int read_digits(std::string_view text, std::size_t at, std::size_t n) {
  if (at + n > text.size()) return -1;
  int v = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    v = v * 10 + (text[i] - '0');
  }
  return v;
}

bool fold_equal(char a, char b, bool cased) { return cased ? a == b : fold_ascii(a) == fold_ascii(b); }

bool compare_text(std::string_view text, std::string_view other, StringMatch how, bool cased) {
  auto equal_at = [&](std::size_t at) {
    for (std::size_t i = 0; i < other.size(); ++i)
      if (!fold_equal(text[at + i], other[i], cased)) return false;
    return true;
  };
  if (other.size() > text.size()) return false;
  switch (how) {
    case StringMatch::starts_with: return equal_at(0);
    case StringMatch::ends_with: return equal_at(text.size() - other.size());
    case StringMatch::contains:
      for (std::size_t at = 0; at + other.size() <= text.size(); ++at)
        if (equal_at(at)) return true;
      return false;
    default: return text.size() == other.size() && equal_at(0);
  }
}

}  // namespace

Result<NumberTest> NumberTest::parse(std::string_view rule_value, Comparison op) {
  const auto v = read_number(rule_value);
  if (!v) return fail(ErrorCode::invalid_input, fmt::format("'{}' is not a number", rule_value));
  return NumberTest{op, *v};
}

bool NumberTest::matches(std::string_view text) const {
  const auto v = read_number(text);
  if (!v) return false;
  switch (op) {
    case Comparison::equal: return *v == value;
    case Comparison::less: return *v < value;
    case Comparison::less_equal: return *v <= value;
    case Comparison::greater: return *v > value;
    case Comparison::greater_equal: return *v >= value;
  }
  return false;
}

Result<CidrTest> CidrTest::parse(std::string_view rule_value) {
  CidrTest t;
  const std::size_t slash = rule_value.find('/');
  const std::string_view address = rule_value.substr(0, slash);
  if (!read_address(address, t.v6, t.network))
    return fail(ErrorCode::invalid_input, fmt::format("cidr: '{}' is not an IP address", address));
  const unsigned bits = t.v6 ? 128 : 32;
  t.prefix = bits;
  if (slash != std::string_view::npos) {
    const std::string_view p = rule_value.substr(slash + 1);
    unsigned prefix = 0;
    const auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), prefix);
    if (ec != std::errc() || end != p.data() + p.size() || prefix > bits)
      return fail(ErrorCode::invalid_input, fmt::format("cidr: '{}' is not a prefix length", p));
    t.prefix = prefix;
  }
  return t;
}

bool CidrTest::matches(std::string_view text) const {
  bool is_v6 = false;
  std::array<std::uint8_t, 16> address{};
  if (!read_address(text, is_v6, address) || is_v6 != v6) return false;
  const unsigned whole = prefix / 8, rest = prefix % 8;
  if (std::memcmp(address.data(), network.data(), whole) != 0) return false;
  if (rest == 0) return true;
  const auto mask = static_cast<std::uint8_t>(0xFF << (8 - rest));
  return (address[whole] & mask) == (network[whole] & mask);
}

std::optional<DatePartTest::Part> DatePartTest::part_named(std::string_view m) {
  if (m == "minute") return Part::minute;
  if (m == "hour") return Part::hour;
  if (m == "day") return Part::day;
  if (m == "week") return Part::week;
  if (m == "month") return Part::month;
  if (m == "year") return Part::year;
  return std::nullopt;
}

bool DatePartTest::matches(std::string_view text) const {
  // YYYY-MM-DD, then optionally [T ]HH:MM
  const int year = read_digits(text, 0, 4), month = read_digits(text, 5, 2), day = read_digits(text, 8, 2);
  if (year < 0 || month < 1 || day < 1 || text[4] != '-' || text[7] != '-') return false;
  int value = 0;
  switch (part) {
    case Part::year: value = year; break;
    case Part::month: value = month; break;
    case Part::day: value = day; break;
    case Part::hour:
    case Part::minute: {
      const int hour = read_digits(text, 11, 2), minute = read_digits(text, 14, 2);
      if (hour < 0 || minute < 0) return false;
      value = part == Part::hour ? hour : minute;
      break;
    }
    case Part::week: {
      using namespace std::chrono;
      const year_month_day ymd{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                               std::chrono::day{static_cast<unsigned>(day)}};
      if (!ymd.ok()) return false;
      const sys_days date{ymd};
      // ISO 8601: the week holding the year's first Thursday is week 1.
      const auto iso_weekday = (weekday{date}.c_encoding() + 6) % 7;  // Monday 0
      const sys_days thursday = date - days{iso_weekday} + days{3};
      const year_month_day thursday_ymd{thursday};
      const sys_days first_day{thursday_ymd.year() / January / 1};
      value = static_cast<int>((thursday - first_day).count() / 7 + 1);
      break;
    }
  }
  char buf[16];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), value);
  return ec == std::errc() && number.matches(std::string_view(buf, static_cast<std::size_t>(end - buf)));
}

bool FieldRefTest::matches(std::string_view text, std::string_view other) const {
  return compare_text(text, other, how, cased);
}

}  // namespace ward::sigma
