#include "ingest/csv/csv_header.h"

#include "ingest/csv/csv_reader.h"

namespace ward::ingest {

std::string column_key(std::string_view name) {
  std::string key(trim_blanks(name));
  for (char& c : key) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    else if (c == ' ' || c == '-') c = '_';
  }
  return key;
}

CsvHeader::CsvHeader(std::span<const std::string_view> names) {
  names_.reserve(names.size());
  keys_.reserve(names.size());
  for (std::string_view n : names) {
    names_.emplace_back(trim_blanks(n));
    keys_.push_back(column_key(n));
  }
}

std::size_t CsvHeader::find(std::string_view name) const {
  const std::string key = column_key(name);
  if (key.empty()) return kNoColumn;
  for (std::size_t i = 0; i < keys_.size(); ++i)
    if (keys_[i] == key) return i;
  return kNoColumn;
}

std::size_t CsvHeader::find_any(std::initializer_list<std::string_view> names) const {
  for (std::string_view n : names)
    if (std::size_t i = find(n); i != kNoColumn) return i;
  return kNoColumn;
}

}  // namespace ward::ingest
