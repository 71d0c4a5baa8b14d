// A medical device as clinical engineering records it (one CMMS / asset-list row).
#pragma once

#include <optional>
#include <string>

namespace ward::devices {

struct Device {
  std::string device_id;  // the asset tag: unique, the key re-imports merge on
  std::string manufacturer, model, version, serial, udi_di;
  std::string department, location, ip, mac, network_segment;
  std::string clinical_function, owner, os;
  std::optional<bool> patient_connected, life_sustaining;  // empty when the list does not say
  std::string notes;  // what the import did to the row (merged duplicates)
};

}  // namespace ward::devices
