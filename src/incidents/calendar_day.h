// Calendar days for the security program: discovery dates, deadlines, delay periods. A Day is a
// date without a time (std::chrono::sys_days); the breach rules count calendar days, so no time
// zone enters the arithmetic.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/error.h"

namespace ward::incidents {

using Day = std::chrono::sys_days;

// "YYYY-MM-DD" as a Day; anything else (a time, 2025-02-29, an empty text) is
// ErrorCode::invalid_input naming `field` ("discovered: expected a date YYYY-MM-DD, got …").
Result<Day> parse_day(std::string_view text, std::string_view field);

// "YYYY-MM-DD".
std::string format_day(Day day);

// Today on the UTC calendar.
Day today_utc();

inline Day add_days(Day day, int days) { return day + std::chrono::days(days); }
inline int days_between(Day from, Day to) { return static_cast<int>((to - from).count()); }

}  // namespace ward::incidents
