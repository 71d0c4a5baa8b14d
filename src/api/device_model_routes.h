// Device models' security contacts and MDS2 answers (device_model_routes.cc): GET
// /api/v1/devices/models and GET/PUT /api/v1/devices/models/{model}. Called by
// add_device_routes before its {device} routes (the router takes the first pattern that fits).
// Models are keyed with `aliases` (ApiOptions::vendor_aliases, ward.yaml devices.vendor_aliases),
// the table the device routes key a device's model with; it is shared by both.
#pragma once

#include <memory>

#include "api/routes.h"
#include "devices/vendor_names.h"

namespace ward::api {

void add_device_model_routes(Router& router, const ApiOptions& options, std::shared_ptr<const devices::VendorAliases> aliases);

}  // namespace ward::api
