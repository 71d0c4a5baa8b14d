// Calendar quarters (quarter.h).
#include "board_report/quarter.h"

#include <charconv>

#include <fmt/format.h>

namespace ward::board_report {

using namespace std::chrono;

Result<Quarter> parse_quarter(std::string_view text) {
  Quarter q;
  const bool shaped = text.size() == 6 && (text[4] == 'Q' || text[4] == 'q') && text[5] >= '1' && text[5] <= '4';
  if (shaped) {
    auto [end, ec] = std::from_chars(text.data(), text.data() + 4, q.year);
    if (ec == std::errc() && end == text.data() + 4 && q.year >= 1970) {
      q.number = text[5] - '0';
      return q;
    }
  }
  return fail(ErrorCode::invalid_input, fmt::format("quarter \"{}\": expected a year and a quarter, e.g. 2026Q4", text),
              "quarter");
}

std::string format_quarter(Quarter q) { return fmt::format("{}Q{}", q.year, q.number); }

Quarter quarter_of(incidents::Day day) {
  const year_month_day ymd(day);
  return {static_cast<int>(ymd.year()), (static_cast<int>(static_cast<unsigned>(ymd.month())) - 1) / 3 + 1};
}

incidents::Day first_day(Quarter q) { return sys_days(year(q.year) / month(static_cast<unsigned>(q.number * 3 - 2)) / 1); }

incidents::Day last_day(Quarter q) { return sys_days(year(q.year) / month(static_cast<unsigned>(q.number * 3)) / last); }

Quarter previous(Quarter q) { return q.number == 1 ? Quarter{q.year - 1, 4} : Quarter{q.year, q.number - 1}; }

}  // namespace ward::board_report
