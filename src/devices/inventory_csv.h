// Reading a device inventory exported from a CMMS or asset list (CSV) through a column mapping.
// Each Device field finds its column by the mapped header name, else by its own name or a usual
// synonym ("Asset Tag", "Firmware Version"…), compared as CsvHeader does. A row without an
// asset tag, manufacturer or model, or with a bad yes/no, IP or MAC value, is quarantined with
// its line, column and reason; the rest goes on. Rows repeating an asset tag merge into the
// first (later non-empty values win) with a note.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "devices/device.h"

namespace ward::devices {

// field name ("asset_tag", "manufacturer", "model", "version", "serial", "udi_di", "department",
// "location", "ip", "mac", "network_segment", "clinical_function", "patient_connected",
// "life_sustaining", "owner", "os") -> header name in the file.
using ColumnMapping = std::map<std::string, std::string>;

// Reads `columns:` from a mapping YAML file; unknown field names are errors naming the key.
Result<ColumnMapping> load_column_mapping(const std::filesystem::path& file);

struct InventoryRead {
  std::vector<Device> devices;       // in first-seen order, duplicates merged
  std::vector<Error> quarantined;    // one per bad row: line, field (the column) and reason
  std::size_t rows = 0;              // data rows read
  std::size_t merged_duplicates = 0;
};

// `source` names the file in errors. Fails as a whole only when the header lacks a required column.
Result<InventoryRead> read_inventory_csv(std::string_view text, const ColumnMapping& mapping, std::string_view source);

}  // namespace ward::devices
