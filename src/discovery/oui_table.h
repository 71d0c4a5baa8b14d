// The organisation a MAC address was assigned to, from the IEEE MA-L registry as Debian's
// ieee-data package ships it (/usr/share/ieee-data/oui.csv: Registry,Assignment,Organization
// Name,Organization Address). Read once per run; const afterwards, so safe to share.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/error.h"

namespace ward::discovery {

inline constexpr std::string_view kDebianOuiCsv = "/usr/share/ieee-data/oui.csv";

class OuiTable {
 public:
  OuiTable() = default;  // knows no vendor
  // Reads the CSV text; rows whose Assignment is not six hex digits are skipped and counted.
  // Fails, naming `source` and the line, on a header without Assignment and Organization Name.
  static Result<OuiTable> parse(std::string_view csv, std::string_view source);
  static Result<OuiTable> load(const std::filesystem::path& file);

  // The organisation of a normalised MAC ("00:09:5c:…"), or "" when unknown.
  std::string_view vendor(std::string_view mac) const;
  std::size_t size() const { return vendors_.size(); }
  std::size_t skipped() const { return skipped_; }

 private:
  std::unordered_map<std::uint32_t, std::string> vendors_;
  std::size_t skipped_ = 0;
};

}  // namespace ward::discovery
