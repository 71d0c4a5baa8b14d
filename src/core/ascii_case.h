// ASCII case folding for protocol tokens, host names, header names and codes: letters A–Z only,
// every other byte (UTF-8 included) kept as it is.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ward {

inline char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

inline std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

// Whether `a` and `b` are equal but for the case of A–Z.
inline bool ascii_iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}

}  // namespace ward
