// calendar_day.h: strict YYYY-MM-DD dates.
#include "incidents/calendar_day.h"

#include <fmt/format.h>

namespace ward::incidents {

Result<Day> parse_day(std::string_view text, std::string_view field) {
  auto bad = [&] {
    return fail(ErrorCode::invalid_input,
                fmt::format("{}: expected a date YYYY-MM-DD, got \"{}\"", field, text.substr(0, 40)), std::string(field));
  };
  if (text.empty()) return fail(ErrorCode::invalid_input, fmt::format("{}: missing (a date YYYY-MM-DD)", field), std::string(field));
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return bad();
  int parts[3] = {0, 0, 0};
  const int starts[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
  for (int p = 0; p < 3; ++p) {
    for (int i = 0; i < lengths[p]; ++i) {
      char c = text[static_cast<std::size_t>(starts[p] + i)];
      if (c < '0' || c > '9') return bad();
      parts[p] = parts[p] * 10 + (c - '0');
    }
  }
  const std::chrono::year_month_day ymd{std::chrono::year(parts[0]), std::chrono::month(static_cast<unsigned>(parts[1])),
                                        std::chrono::day(static_cast<unsigned>(parts[2]))};
  if (!ymd.ok()) return bad();
  return Day(ymd);
}

std::string format_day(Day day) {
  const std::chrono::year_month_day ymd(day);
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()));
}

Day today_utc() { return std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()); }

}  // namespace ward::incidents
