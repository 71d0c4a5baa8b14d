// Writing CSV (RFC 4180): one field at a time, quoted only when it has to be.
#pragma once

#include <string>
#include <string_view>

namespace ward {

// Appends `field` to a CSV row, quoted when it holds the delimiter, a quote or a line break.
inline void append_csv_field(std::string& out, std::string_view field, char delimiter = ',') {
  const char special[] = {delimiter, '"', '\r', '\n'};
  if (field.find_first_of(std::string_view(special, sizeof special)) == std::string_view::npos) {
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
