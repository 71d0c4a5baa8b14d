// duration.h: "4h30m" <-> minutes.
#include "resilience/duration.h"

#include <fmt/format.h>

namespace ward::resilience {

Result<int> parse_duration(std::string_view text, std::string_view field) {
  auto bad = [&](std::string_view why) {
    return fail(ErrorCode::invalid_input,
                fmt::format("{}: expected a duration such as 4h, 30m or 2d, got \"{}\"{}", field, text, why), std::string(field));
  };
  constexpr long long kMax = 366LL * 24 * 60;
  if (text.empty()) return bad("");
  long long total = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    long long n = 0;
    std::size_t digits = 0;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++digits) {
      n = n * 10 + (text[i] - '0');
      if (n > kMax) return bad(": longer than 366 days");
    }
    if (digits == 0) return bad("");
    if (i == text.size()) {
      if (total != 0) return bad(": a unit (m, h, d, w) after each number");
      total = n;  // a bare number: minutes
      break;
    }
    long long unit = 0;
    switch (text[i]) {
      case 'm': unit = 1; break;
      case 'h': unit = 60; break;
      case 'd': unit = 24 * 60; break;
      case 'w': unit = 7 * 24 * 60; break;
      default: return bad("");
    }
    ++i;
    total += n * unit;
    if (total > kMax) return bad(": longer than 366 days");
  }
  if (total == 0) return bad(": must be more than zero");
  return static_cast<int>(total);
}

std::string format_duration(int minutes) {
  if (minutes <= 0) return "0m";
  std::string out;
  const int days = minutes / (24 * 60), hours = minutes / 60 % 24, mins = minutes % 60;
  if (days) out += fmt::format("{}d", days);
  if (hours) out += fmt::format("{}h", hours);
  if (mins) out += fmt::format("{}m", mins);
  return out;
}

}  // namespace ward::resilience
