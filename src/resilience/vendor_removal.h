// Deleting a vendor (`ward program vendor delete`, DELETE /api/v1/program/vendors/{vendor}): refused
// while services depend on it, so no continuity plan silently loses a dependency; with `force` the
// services are detached from it first, then the vendor goes with its questionnaires. The two steps
// are two transactions in that order: a failure between them leaves the vendor with no dependants,
// never a service naming a vendor that is gone. One thread at a time.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/error.h"
#include "third_parties/vendor.h"

namespace ward::resilience {

struct VendorRemoval {
  third_parties::Vendor vendor;
  bool removed = false;                 // false: refused because of `services`
  std::vector<std::string> services;    // names of the services that depend (or depended) on it
};

// ErrorCode::not_found when there is no vendor `id_or_name` (an id or a name).
Result<VendorRemoval> remove_vendor(const std::filesystem::path& data_dir, const std::string& id_or_name, bool force);

// "vendor 3 "Change Healthcare" is a dependency of 2 services (EHR, Billing): edit them or force (--force detaches them)".
std::string refusal_message(const VendorRemoval& r, std::string_view how_to_force);

}  // namespace ward::resilience
