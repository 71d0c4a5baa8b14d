// Counts in messages with the noun agreeing: "1 exported user", "2 exported users", "0 cases".
#pragma once

#include <concepts>
#include <string>
#include <string_view>

#include <fmt/format.h>

namespace ward {

// `n` and `singular` when n is 1, else `n` and `plural`.
template <std::integral N>
std::string counted(N n, std::string_view singular, std::string_view plural) {
  return fmt::format("{} {}", n, n == 1 ? singular : plural);
}

}  // namespace ward
