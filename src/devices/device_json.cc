// A device as JSON (device_json.h).
#include "devices/device_json.h"

namespace ward::devices {

nlohmann::json device_json(const Device& d) {
  const auto flag = [](const std::optional<bool>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
  return {{"device_id", d.device_id},
          {"manufacturer", d.manufacturer},
          {"model", d.model},
          {"version", d.version},
          {"serial", d.serial},
          {"udi_di", d.udi_di},
          {"department", d.department},
          {"location", d.location},
          {"ip", d.ip},
          {"mac", d.mac},
          {"network_segment", d.network_segment},
          {"clinical_function", d.clinical_function},
          {"patient_connected", flag(d.patient_connected)},
          {"life_sustaining", flag(d.life_sustaining)},
          {"owner", d.owner},
          {"os", d.os}};
}

}  // namespace ward::devices
