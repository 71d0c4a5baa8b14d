// Writing CSV (RFC 4180): one field at a time, quoted only when it has to be.
#pragma once

#include <string>
#include <string_view>

namespace ward {

// Appends `field` to a CSV row, quoted when it holds a comma, quote or line break.
inline void append_csv_field(std::string& out, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += field;
    return;
  }
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace ward
