// Calendar quarters for the board report: "2026Q4" as text, the quarter a day falls in, its
// first and last days, and the quarters before it. Plain values.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"
#include "incidents/calendar_day.h"

namespace ward::board_report {

struct Quarter {
  int year = 0;
  int number = 1;  // 1..4
  auto operator<=>(const Quarter&) const = default;
};

// "2026Q4" (or "2026q4"); anything else is invalid_input on field "quarter".
Result<Quarter> parse_quarter(std::string_view text);
std::string format_quarter(Quarter q);  // "2026Q4"
Quarter quarter_of(incidents::Day day);
incidents::Day first_day(Quarter q);
incidents::Day last_day(Quarter q);
Quarter previous(Quarter q);

}  // namespace ward::board_report
