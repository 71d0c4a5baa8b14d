// ASCII case folding for protocol tokens, host names, header names and codes: letters A–Z only,
// every other byte (UTF-8 included) kept as it is.
#pragma once

#include <string>
#include <string_view>

namespace ward {

inline char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

inline std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

}  // namespace ward
