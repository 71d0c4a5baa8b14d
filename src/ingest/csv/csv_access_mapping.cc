// Reading CsvAccessMapping from the ingest.csv_access YAML section (see csv_access.h).
#include <array>

#include <fmt/format.h>

#include "core/config_yaml.h"
#include "core/time.h"
#include "ingest/csv/access_actions.h"
#include "ingest/csv/csv_access.h"

namespace ward::ingest {
namespace {

constexpr std::string_view kPath = "ingest.csv_access";

struct CsvAccessColumn {
  std::string_view key;  // under `columns:`
  std::string CsvAccessMapping::*member;
};

constexpr std::array<CsvAccessColumn, 13> kColumns = {{
    {"time", &CsvAccessMapping::time},
    {"user_id", &CsvAccessMapping::user_id},
    {"user_name", &CsvAccessMapping::user_name},
    {"role", &CsvAccessMapping::role},
    {"department", &CsvAccessMapping::department},
    {"patient_id", &CsvAccessMapping::patient_id},
    {"patient_mrn", &CsvAccessMapping::patient_mrn},
    {"action", &CsvAccessMapping::action},
    {"object", &CsvAccessMapping::object},
    {"workstation", &CsvAccessMapping::workstation},
    {"ip", &CsvAccessMapping::ip},
    {"purpose", &CsvAccessMapping::purpose},
    {"event_id", &CsvAccessMapping::event_id},
}};

Unexpected config_error(std::string key, std::string_view what) {
  return fail(ErrorCode::config, fmt::format("{}: {}", key, what), key);
}

// A scalar string; null or empty means "no such column".
Result<std::string> read_text(const YAML::Node& node, const std::string& key) {
  if (node.IsNull()) return std::string();
  if (!node.IsScalar()) return config_error(key, "expected a string");
  return node.as<std::string>();
}

// The layouts parse_time_with_format (core/time.h) understands.
Result<void> check_time_format(std::string_view layout) {
  const std::string key = fmt::format("{}.time_format", kPath);
  if (layout == "iso8601" || layout == "epoch_s" || layout == "epoch_ms") return {};
  constexpr std::string_view kSpecs = "YymdHIMSpz%";
  bool any = false;
  for (std::size_t i = 0; i < layout.size(); ++i) {
    if (layout[i] != '%') continue;
    if (i + 1 == layout.size() || kSpecs.find(layout[i + 1]) == std::string_view::npos)
      return config_error(key, "unsupported % directive (use %Y %y %m %d %H %I %M %S %p %z)");
    any = any || layout[i + 1] != '%';
    ++i;
  }
  if (!any) return config_error(key, "expected iso8601, epoch_s, epoch_ms or a %-layout");
  return {};
}

Result<char> read_delimiter(const YAML::Node& node) {
  const std::string key = fmt::format("{}.delimiter", kPath);
  auto text = read_text(node, key);
  if (!text) return Unexpected(text.error());
  if (*text == "," || *text == "comma") return ',';
  if (*text == ";" || *text == "semicolon") return ';';
  if (*text == "\t" || *text == "tab") return '\t';
  if (*text == "|" || *text == "pipe") return '|';
  return config_error(key, "expected one of , ; | or tab");
}

Result<void> read_columns(const YAML::Node& node, CsvAccessMapping& m) {
  const std::string path = fmt::format("{}.columns", kPath);
  if (node.IsNull()) return {};
  if (!node.IsMap()) return config_error(path, "expected a mapping");
  for (const auto& kv : node) {
    const std::string name = kv.first.as<std::string>();
    const std::string key = fmt::format("{}.{}", path, name);
    const CsvAccessColumn* column = nullptr;
    for (const CsvAccessColumn& c : kColumns)
      if (c.key == name) column = &c;
    if (column == nullptr) return config_error(key, "unknown key");
    auto text = read_text(kv.second, key);
    if (!text) return Unexpected(text.error());
    m.*(column->member) = std::move(*text);
  }
  return {};
}

Result<void> read_actions(const YAML::Node& node, CsvAccessMapping& m) {
  const std::string path = fmt::format("{}.actions", kPath);
  if (node.IsNull()) return {};
  if (!node.IsMap()) return config_error(path, "expected a mapping of vendor text to action");
  for (const auto& kv : node) {
    const std::string text = kv.first.as<std::string>();
    auto action = read_text(kv.second, fmt::format("{}.{}", path, text));
    if (!action) return Unexpected(action.error());
    m.actions[text] = std::move(*action);
  }
  if (auto table = ActionTable::make(m.actions); !table) return Unexpected(table.error());
  return {};
}

Result<CsvAccessMapping> read_mapping(const YAML::Node& section) {
  CsvAccessMapping m;
  if (!section || section.IsNull()) return m;
  if (auto ok = check_keys(section, {"columns", "time_format", "time_zone", "delimiter", "actions"},
                           kPath);
      !ok) {
    return Unexpected(ok.error());
  }
  if (const YAML::Node n = section["columns"]; n) {
    if (auto ok = read_columns(n, m); !ok) return Unexpected(ok.error());
  }
  if (auto ok = read_key(section, "time_format", m.time_format, kPath); !ok)
    return Unexpected(ok.error());
  if (auto ok = check_time_format(m.time_format); !ok) return Unexpected(ok.error());
  if (auto ok = read_key(section, "time_zone", m.time_zone, kPath); !ok)
    return Unexpected(ok.error());
  if (!m.time_zone.empty()) {
    if (auto zone = find_time_zone(m.time_zone); !zone)
      return config_error(fmt::format("{}.time_zone", kPath), zone.error().message);
  }
  if (const YAML::Node n = section["delimiter"]; n) {
    auto d = read_delimiter(n);
    if (!d) return Unexpected(d.error());
    m.delimiter = *d;
  }
  if (const YAML::Node n = section["actions"]; n) {
    if (auto ok = read_actions(n, m); !ok) return Unexpected(ok.error());
  }
  if (m.time.empty()) return config_error(fmt::format("{}.columns.time", kPath), "required");
  if (m.user_id.empty()) return config_error(fmt::format("{}.columns.user_id", kPath), "required");
  if (m.patient_id.empty() && m.patient_mrn.empty()) {
    return config_error(fmt::format("{}.columns.patient_id", kPath),
                        "patient_id or patient_mrn is required");
  }
  return m;
}

}  // namespace

Result<CsvAccessMapping> csv_access_mapping_from_yaml(const YAML::Node& section) {
  try {
    return read_mapping(section);
  } catch (const YAML::Exception& e) {
    return config_error(std::string(kPath), e.msg);
  }
}

}  // namespace ward::ingest
