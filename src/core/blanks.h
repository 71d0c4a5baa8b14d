// Blanks — spaces and tabs — around values and on lines: the trimming every line-oriented format
// (HL7 v2, ICAP headers, CSV cells) does, in one place.
#pragma once

#include <string_view>

namespace ward {

inline bool is_blank_char(char c) { return c == ' ' || c == '\t'; }

// `s` without the spaces and tabs at either end.
inline std::string_view trim_blanks(std::string_view s) {
  while (!s.empty() && is_blank_char(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank_char(s.back())) s.remove_suffix(1);
  return s;
}

// True when `s` holds nothing but spaces and tabs (or nothing at all).
inline bool is_blank(std::string_view s) { return trim_blanks(s).empty(); }

}  // namespace ward
