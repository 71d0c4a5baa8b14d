// The `devices.ssvc` configuration: which SSVC tree's outcome fills the `ssvc` column and sets due
// dates (the CERT/CC deployer tree by default, or CISA's), network segments' exposure, and the
// days from an outcome to its due date (docs/devices.md says why the defaults are what they are).
//   devices:
//     ssvc:
//       tree: deployer            # or cisa
//       exposure: {"biomed vlan 20": controlled, "guest wifi": open}
//       due_days: {immediate: 14, out-of-cycle: 30, scheduled: 90, defer: none}
#pragma once

#include <map>
#include <optional>
#include <string>

#include <yaml-cpp/yaml.h>

#include "core/error.h"
#include "devices/ssvc_inputs.h"

namespace ward::devices {

enum class SsvcTree { deployer, cisa };

struct SsvcSettings {
  SsvcTree tree = SsvcTree::deployer;
  ExposureTable exposure;  // keys lower case
  // Outcome (lower case, either tree) → days until due; nullopt: no due date.
  std::map<std::string, std::optional<int>> due_days = {
      {"immediate", 14}, {"out-of-cycle", 30}, {"scheduled", 90}, {"defer", std::nullopt},
      {"act", 14},       {"attend", 30},       {"track*", 90},    {"track", 90}};

  std::optional<int> days_for(const std::string& outcome) const;
};

// An absent node gives the defaults; errors name the key ("devices.ssvc.due_days.soon: …").
Result<SsvcSettings> ssvc_settings_from_yaml(const YAML::Node& node);

}  // namespace ward::devices
