// A device as the API gives it (GET /api/v1/devices…): the inventory fields; flags null when the
// inventory does not say. Devices are not patient data.
#pragma once

#include <nlohmann/json.hpp>

#include "devices/device.h"

namespace ward::devices {

nlohmann::json device_json(const Device& d);

}  // namespace ward::devices
