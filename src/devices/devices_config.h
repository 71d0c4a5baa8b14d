// The `devices:` configuration section: vendor_aliases, a map of canonical vendor name to its
// other spellings, added to the built-in table (VendorAliases::defaults()); ssvc, the SSVC settings.
//   devices:
//     vendor_aliases:
//       philips: [phillips, "Philips Medical Systems"]
#pragma once

#include <yaml-cpp/yaml.h>

#include "core/error.h"
#include "devices/ssvc_settings.h"
#include "devices/vendor_names.h"

namespace ward::devices {

struct DevicesConfig {
  VendorAliases::Table vendor_aliases = VendorAliases::defaults();
  SsvcSettings ssvc;  // devices.ssvc (ssvc_settings.h)
};

// An absent node gives the defaults; errors name the key ("devices.vendor_aliases.ge: …").
Result<DevicesConfig> devices_config_from_yaml(const YAML::Node& node);

}  // namespace ward::devices
