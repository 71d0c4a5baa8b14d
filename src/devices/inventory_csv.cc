// Inventory CSV through a column mapping (inventory_csv.h).
#include "devices/inventory_csv.h"

#include <arpa/inet.h>

#include <array>
#include <optional>
#include <unordered_map>

#include <fmt/format.h>

#include "core/ascii_case.h"
#include "core/config_yaml.h"
#include "devices/csv_rows.h"
#include "ingest/csv/csv_header.h"
#include "ingest/csv/csv_reader.h"

namespace ward::devices {
namespace {

struct FieldSpec {
  std::string_view name;
  std::string Device::*member;  // null for the yes/no fields
  std::array<std::string_view, 4> synonyms;
};

constexpr std::size_t kFields = 16;
const std::array<FieldSpec, kFields>& field_specs() {
  static const std::array<FieldSpec, kFields> specs = {{
      {"asset_tag", &Device::device_id, {"asset_tag", "asset", "asset_id", "device_id"}},
      {"manufacturer", &Device::manufacturer, {"manufacturer", "vendor", "make", "mfr"}},
      {"model", &Device::model, {"model", "model_name", "product", "device_model"}},
      {"version", &Device::version, {"version", "software_version", "firmware_version", "sw_version"}},
      {"serial", &Device::serial, {"serial", "serial_number", "sn", ""}},
      {"udi_di", &Device::udi_di, {"udi_di", "udi", "gudid", ""}},
      {"department", &Device::department, {"department", "dept", "unit", ""}},
      {"location", &Device::location, {"location", "room", "site", ""}},
      {"ip", &Device::ip, {"ip", "ip_address", "ipv4", ""}},
      {"mac", &Device::mac, {"mac", "mac_address", "", ""}},
      {"network_segment", &Device::network_segment, {"network_segment", "segment", "vlan", "subnet"}},
      {"clinical_function", &Device::clinical_function, {"clinical_function", "function", "device_type", "category"}},
      {"patient_connected", nullptr, {"patient_connected", "connected_to_patient", "", ""}},
      {"life_sustaining", nullptr, {"life_sustaining", "life_support", "", ""}},
      {"owner", &Device::owner, {"owner", "responsible", "custodian", ""}},
      {"os", &Device::os, {"os", "operating_system", "", ""}},
  }};
  return specs;
}

// A yes/no cell into `out` (left empty for an empty cell); false when it is neither.
bool parse_yes_no(std::string_view v, std::optional<bool>& out) {
  const std::string t = ascii_lower(v);
  if (t.empty()) return true;
  for (std::string_view y : {"yes", "y", "true", "1"}) {
    if (t == y) { out = true; return true; }
  }
  for (std::string_view n : {"no", "n", "false", "0"}) {
    if (t == n) { out = false; return true; }
  }
  return false;
}

bool valid_ip(const std::string& v) {
  unsigned char buf[16];
  return inet_pton(AF_INET, v.c_str(), buf) == 1 || inet_pton(AF_INET6, v.c_str(), buf) == 1;
}

bool valid_mac(std::string_view v) {
  int digits = 0;
  for (char c : v) {
    if (std::isxdigit(static_cast<unsigned char>(c))) ++digits;
    else if (c != ':' && c != '-' && c != '.') return false;
  }
  return digits == 12;
}

void merge_into(Device& first, const Device& later, std::uint64_t line) {
  for (const FieldSpec& f : field_specs()) {
    if (f.member != nullptr && !(later.*f.member).empty()) first.*f.member = later.*f.member;
  }
  if (later.patient_connected) first.patient_connected = later.patient_connected;
  if (later.life_sustaining) first.life_sustaining = later.life_sustaining;
  if (!first.notes.empty()) first.notes += "; ";
  first.notes += fmt::format("merged with the duplicate on line {}", line);
}

}  // namespace

bool next_csv_row(ingest::CsvReader& reader, ingest::CsvRow& row, std::string_view source, std::vector<Error>& quarantined) {
  while (true) {
    auto more = reader.next(row);
    if (more) return *more;
    Error e = more.error();
    e.source = std::string(source);
    e.line = row.line;
    const bool rest_lost = e.code == ErrorCode::invalid_input;  // an unclosed quote ate the rest
    quarantined.push_back(std::move(e));
    if (rest_lost) return false;
  }
}

Result<ColumnMapping> load_column_mapping(const std::filesystem::path& file) {
  auto yaml = load_yaml_file(file);
  if (!yaml) return Unexpected(yaml.error());
  if (auto r = check_keys(*yaml, {"columns"}, "mapping"); !r) return Unexpected(r.error());
  ColumnMapping mapping;
  const YAML::Node columns = (*yaml)["columns"];
  if (!columns) return mapping;
  if (!columns.IsMap()) return fail(ErrorCode::config, "mapping.columns: expected a map of field: header");
  for (const auto& entry : columns) {
    const std::string field = entry.first.as<std::string>();
    bool known = false;
    for (const FieldSpec& f : field_specs()) known = known || f.name == field;
    if (!known) return fail(ErrorCode::config, fmt::format("mapping.columns.{}: unknown field", field), field);
    if (!entry.second.IsScalar()) return fail(ErrorCode::config, fmt::format("mapping.columns.{}: expected a header name", field), field);
    mapping[field] = entry.second.as<std::string>();
  }
  return mapping;
}

Result<InventoryRead> read_inventory_csv(std::string_view text, const ColumnMapping& mapping, std::string_view source) {
  ingest::CsvReader reader(text, ingest::CsvOptions{.delimiter = ingest::sniff_delimiter(text)});
  ingest::CsvRow row;
  auto has_header = reader.next(row);
  if (!has_header) return Unexpected(has_header.error());
  if (!*has_header) return fail(ErrorCode::invalid_input, "the inventory is empty (no header row)");
  const ingest::CsvHeader header(row.fields);
  std::array<std::size_t, kFields> column{};
  for (std::size_t i = 0; i < kFields; ++i) {
    const FieldSpec& f = field_specs()[i];
    if (const auto it = mapping.find(std::string(f.name)); it != mapping.end()) {
      column[i] = header.find(it->second);
      if (column[i] == ingest::kNoColumn) {
        return Unexpected(Error{ErrorCode::invalid_input,
                                fmt::format("the mapping names column \"{}\" for {}, but the header has no such column", it->second, f.name),
                                std::string(source), 1, 0, std::string(f.name)});
      }
    } else {
      column[i] = header.find_any({f.synonyms[0], f.synonyms[1], f.synonyms[2], f.synonyms[3]});
    }
  }
  for (std::size_t required : {0u, 1u, 2u}) {
    if (column[required] == ingest::kNoColumn) {
      return Unexpected(Error{ErrorCode::invalid_input,
                              fmt::format("no {} column: name it in the mapping (columns: {{{}: \"<header>\"}})",
                                          field_specs()[required].name, field_specs()[required].name),
                              std::string(source), 1, 0, std::string(field_specs()[required].name)});
    }
  }
  InventoryRead out;
  std::unordered_map<std::string, std::size_t> by_tag;
  while (next_csv_row(reader, row, source, out.quarantined)) {
    ++out.rows;
    Device d;
    std::optional<Error> problem;
    auto reject = [&](std::size_t i, std::string message) {
      if (!problem) problem = Error{ErrorCode::invalid_input, std::move(message), std::string(source), row.line, row.offset,
                                    std::string(field_specs()[i].name)};
    };
    for (std::size_t i = 0; i < kFields; ++i) {
      if (column[i] == ingest::kNoColumn || column[i] >= row.fields.size()) continue;
      const std::string value(ingest::trim_blanks(row.fields[column[i]]));
      const FieldSpec& f = field_specs()[i];
      if (f.member != nullptr) {
        d.*f.member = value;
        continue;
      }
      if (!parse_yes_no(value, f.name == "patient_connected" ? d.patient_connected : d.life_sustaining)) {
        reject(i, fmt::format("column \"{}\": \"{}\" is not yes or no", header.name(column[i]), value));
      }
    }
    for (std::size_t required : {0u, 1u, 2u}) {
      if ((d.*field_specs()[required].member).empty()) {
        reject(required, fmt::format("column \"{}\" is empty", header.name(column[required])));
      }
    }
    if (!d.ip.empty() && !valid_ip(d.ip)) reject(8, fmt::format("column \"{}\": \"{}\" is not an IP address", header.name(column[8]), d.ip));
    if (!d.mac.empty() && !valid_mac(d.mac)) reject(9, fmt::format("column \"{}\": \"{}\" is not a MAC address", header.name(column[9]), d.mac));
    if (problem) {
      out.quarantined.push_back(std::move(*problem));
      continue;
    }
    if (const auto it = by_tag.find(d.device_id); it != by_tag.end()) {
      merge_into(out.devices[it->second], d, row.line);
      ++out.merged_duplicates;
      continue;
    }
    by_tag.emplace(d.device_id, out.devices.size());
    out.devices.push_back(std::move(d));
  }
  return out;
}

}  // namespace ward::devices
