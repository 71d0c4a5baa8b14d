// The devices.ssvc configuration (ssvc_settings.h).
#include "devices/ssvc_settings.h"

#include <fmt/format.h>

#include "core/ascii_case.h"
#include "core/config_yaml.h"

namespace ward::devices {

std::optional<int> SsvcSettings::days_for(const std::string& outcome) const {
  const auto it = due_days.find(outcome);
  return it == due_days.end() ? std::nullopt : it->second;
}

Result<SsvcSettings> ssvc_settings_from_yaml(const YAML::Node& node) {
  SsvcSettings s;
  if (!node || node.IsNull()) return s;
  if (!node.IsMap()) return fail(ErrorCode::config, "devices.ssvc: expected a map");
  if (auto r = check_keys(node, {"tree", "exposure", "due_days"}, "devices.ssvc"); !r) return Unexpected(r.error());
  std::string tree = "deployer";
  if (auto r = read_key(node, "tree", tree, "devices.ssvc"); !r) return Unexpected(r.error());
  if (tree != "deployer" && tree != "cisa") return fail(ErrorCode::config, "devices.ssvc.tree: expected deployer or cisa");
  s.tree = tree == "cisa" ? SsvcTree::cisa : SsvcTree::deployer;
  if (const YAML::Node exposure = node["exposure"]) {
    if (!exposure.IsMap()) return fail(ErrorCode::config, "devices.ssvc.exposure: expected a map of segment: small|controlled|open");
    for (const auto& entry : exposure) {
      const std::string segment = entry.first.as<std::string>();
      const std::string value = entry.second.IsScalar() ? ascii_lower(entry.second.as<std::string>()) : "";
      if (value != "small" && value != "controlled" && value != "open") {
        return fail(ErrorCode::config, fmt::format("devices.ssvc.exposure.{}: expected small, controlled or open", segment));
      }
      s.exposure[ascii_lower(segment)] = value;
    }
  }
  if (const YAML::Node days = node["due_days"]) {
    if (!days.IsMap()) return fail(ErrorCode::config, "devices.ssvc.due_days: expected a map of outcome: days");
    for (const auto& entry : days) {
      const std::string outcome = ascii_lower(entry.first.as<std::string>());
      if (!s.due_days.contains(outcome)) {
        return fail(ErrorCode::config, fmt::format("devices.ssvc.due_days.{}: not an outcome (immediate, out-of-cycle, scheduled, "
                                                   "defer, act, attend, track*, track)", outcome));
      }
      const std::string text = entry.second.IsScalar() ? entry.second.as<std::string>() : "";
      if (text == "none") {
        s.due_days[outcome] = std::nullopt;
        continue;
      }
      int n = -1;
      if (!entry.second.IsScalar() || !YAML::convert<int>::decode(entry.second, n) || n < 0 || n > 3650) {
        return fail(ErrorCode::config, fmt::format("devices.ssvc.due_days.{}: expected days (0–3650) or none", outcome));
      }
      s.due_days[outcome] = n;
    }
  }
  return s;
}

}  // namespace ward::devices
