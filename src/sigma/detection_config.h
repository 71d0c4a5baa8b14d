// ward.yaml `detection:`: the Sigma rules `ward serve` runs live, field mappings per rule
// logsource (added before the defaults in code, so they win) and the logsource Ward gives the
// events of each input format.
//   detection:
//     rules: [rules/healthcare, /etc/ward/sigma]
//     field_mappings:
//       "category:proxy": {c-uri: url, cs-host: url.domain}
//     event_field_mappings:
//       "product:windows,service:security,category:process_creation": {Image: NewProcessName}
//     logsources:
//       squid: "product:squid,category:proxy"
//     correlation: {lateness: 30s, max_groups: 100000, max_matches_per_group: 10000}
//     placeholders: {Administrators: ["admin*", "*-adm"], known_cdcs: ["DC01$"]}
//     store_poll_interval: 2s
// docs/configuration.md lists the keys, docs/detection.md the defaults.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "core/error.h"
#include "sigma/compiled_rule.h"
#include "sigma/correlation_engine.h"
#include "sigma/event_field_aliases.h"
#include "sigma/field_mapping.h"
#include "sigma/ward_logsource.h"

namespace ward::sigma {

struct DetectionConfig {
  // Rule files and folders for live detection, as written (config_from_yaml_text makes relative
  // ones relative to the config file's folder); none: no live detection.
  std::vector<std::filesystem::path> rules;
  FieldMappings field_mappings;  // from the file only; with_defaults() adds the shipped ones
  // By event logsource (event_field_aliases.h); from the file only: with_event_defaults() adds
  // the shipped ones.
  FieldMappings event_field_mappings;
  FormatLogSources logsources;
  // The correlation engine of `ward serve` (and the caps of `ward detect`): lateness bound
  // (default 0: matches correlated as they come, no alert held back), caps.
  CorrelationOptions correlation;
  // How often `ward serve` looks in the store for events another process stored (`ward import`);
  // 0: never (they are then looked at after the next event the server itself receives).
  TimeNs store_poll_interval = 2 * kNsPerSecond;
  // Values of `|expand` placeholders (%name%), by name without the percent signs.
  std::map<std::string, std::vector<std::string>, std::less<>> placeholders;
};

// How rules compile under this config: its field mappings before the shipped ones, and its
// placeholder values. The one place `ward detect`, `ward serve`, `ward rules` and the API get them.
CompileOptions compile_options(const DetectionConfig& config);

// A lateness bound: "0" (none) or a timespan such as 30s, 5m, 1h. Fails naming the text.
Result<TimeNs> parse_lateness(std::string_view text);

// `node` is the `detection` section (may be absent). Errors name the key.
Result<DetectionConfig> detection_config_from_yaml(const YAML::Node& node);

}  // namespace ward::sigma
