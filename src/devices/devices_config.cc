// The `devices:` configuration section (devices_config.h).
#include "devices/devices_config.h"

#include <fmt/format.h>

#include "core/config_yaml.h"

namespace ward::devices {

Result<DevicesConfig> devices_config_from_yaml(const YAML::Node& node) {
  DevicesConfig config;
  if (!node || node.IsNull()) return config;
  if (!node.IsMap()) return fail(ErrorCode::config, "devices: expected a map");
  if (auto r = check_keys(node, {"vendor_aliases", "ssvc"}, "devices"); !r) return Unexpected(r.error());
  auto ssvc = ssvc_settings_from_yaml(node["ssvc"]);
  if (!ssvc) return Unexpected(ssvc.error());
  config.ssvc = std::move(*ssvc);
  const YAML::Node aliases = node["vendor_aliases"];
  if (!aliases) return config;
  if (!aliases.IsMap()) return fail(ErrorCode::config, "devices.vendor_aliases: expected a map of name: [spellings]");
  for (const auto& entry : aliases) {
    const std::string name = entry.first.as<std::string>();
    if (!entry.second.IsSequence()) {
      return fail(ErrorCode::config, fmt::format("devices.vendor_aliases.{}: expected a list of spellings", name));
    }
    auto& list = config.vendor_aliases[name];
    for (const auto& spelling : entry.second) {
      if (!spelling.IsScalar()) {
        return fail(ErrorCode::config, fmt::format("devices.vendor_aliases.{}: expected a list of strings", name));
      }
      list.push_back(spelling.as<std::string>());
    }
  }
  return config;
}

}  // namespace ward::devices
