// A CSV header row and finding columns in it by name, for the access-log and roster parsers.
// Names match case-insensitively after trimming, with spaces and hyphens read as underscores,
// so "Employee ID" finds employee_id. Names are copied: the header outlives the reader's row.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ward::ingest {

inline constexpr std::size_t kNoColumn = static_cast<std::size_t>(-1);

class CsvHeader {
 public:
  explicit CsvHeader(std::span<const std::string_view> names);

  std::size_t size() const { return names_.size(); }
  // The column's name as written in the file, trimmed.
  const std::string& name(std::size_t column) const { return names_[column]; }
  // Index of the first column called `name`, or kNoColumn; "" is never found.
  std::size_t find(std::string_view name) const;
  // The first of `names` that is present, or kNoColumn.
  std::size_t find_any(std::initializer_list<std::string_view> names) const;

 private:
  std::vector<std::string> names_;
  std::vector<std::string> keys_;  // normalised for matching
};

// "Employee ID " -> "employee_id".
std::string column_key(std::string_view name);

}  // namespace ward::ingest
