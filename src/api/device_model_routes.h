// Device models' security contacts and MDS2 answers (device_model_routes.cc): GET
// /api/v1/devices/models and GET/PUT /api/v1/devices/models/{model}. Called by
// add_device_routes before its {device} routes (the router takes the first pattern that fits).
// Models are keyed with the built-in vendor alias table (VendorAliases()); the devices.
// vendor_aliases of ward.yaml reach the CLI only, not yet the API.
#pragma once

#include "api/routes.h"

namespace ward::api {

void add_device_model_routes(Router& router, const ApiOptions& options);

}  // namespace ward::api
