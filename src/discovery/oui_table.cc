// OuiTable (oui_table.h): the IEEE registry CSV through the ingest CSV reader.
#include "discovery/oui_table.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/file_reader.h"
#include "core/hex_digit.h"
#include "ingest/csv/csv_reader.h"

namespace ward::discovery {
namespace {

// The 24-bit assignment of "00095C" or of a MAC's first three bytes ("00:09:5c"), or -1.
std::int64_t prefix_of(std::string_view text) {
  std::int64_t v = 0;
  int digits = 0;
  for (char c : text) {
    if (c == ':' || c == '-') continue;
    const int d = hex_digit(c);
    if (d < 0) return -1;
    v = v * 16 + d;
    if (++digits == 6) break;
  }
  return digits == 6 ? v : -1;
}

}  // namespace

Result<OuiTable> OuiTable::parse(std::string_view csv, std::string_view source) {
  ingest::CsvReader reader(csv);
  ingest::CsvRow row;
  OuiTable table;
  int assignment = -1, organisation = -1;
  bool header = true;
  for (;;) {
    auto more = reader.next(row);
    if (!more) {
      Error e = more.error();
      e.source = std::string(source);
      return Unexpected(std::move(e));
    }
    if (!*more) break;
    if (header) {
      for (std::size_t i = 0; i < row.fields.size(); ++i) {
        const std::string_view name = ingest::trim_blanks(row.fields[i]);
        if (name == "Assignment") assignment = static_cast<int>(i);
        if (name == "Organization Name") organisation = static_cast<int>(i);
      }
      if (assignment < 0 || organisation < 0)
        return Unexpected(Error{ErrorCode::invalid_input,
                                "an IEEE OUI CSV starts with a header naming Assignment and Organization Name",
                                std::string(source), row.line, row.offset, "header"});
      header = false;
      continue;
    }
    const std::size_t need = static_cast<std::size_t>(std::max(assignment, organisation));
    const std::int64_t prefix = row.fields.size() > need ? prefix_of(row.fields[assignment]) : -1;
    if (prefix < 0 || row.fields[assignment].size() != 6) {
      ++table.skipped_;
      continue;
    }
    table.vendors_[static_cast<std::uint32_t>(prefix)] = std::string(ingest::trim_blanks(row.fields[organisation]));
  }
  return table;
}

Result<OuiTable> OuiTable::load(const std::filesystem::path& file) {
  auto bytes = read_input_file(file);
  if (!bytes) return Unexpected(bytes.error());
  return parse(bytes->view(), file.string());
}

std::string_view OuiTable::vendor(std::string_view mac) const {
  const std::int64_t prefix = prefix_of(mac);
  if (prefix < 0) return {};
  auto it = vendors_.find(static_cast<std::uint32_t>(prefix));
  return it == vendors_.end() ? std::string_view() : std::string_view(it->second);
}

}  // namespace ward::discovery
