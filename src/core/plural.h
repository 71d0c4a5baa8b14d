// Counts in messages with the noun agreeing: "1 exported user", "2 exported users", "0 cases".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <fmt/format.h>

namespace ward {

// `n` and `singular` when n is 1, else `n` and `plural`.
inline std::string counted(std::int64_t n, std::string_view singular, std::string_view plural) {
  return fmt::format("{} {}", n, n == 1 ? singular : plural);
}

}  // namespace ward
