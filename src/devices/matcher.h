// Matching devices against advisories: a cascade of tiers, each finding stating its basis
// (`matched_by`) and a confidence. Tiers, best first: the CPEs and purls of the device's SBOM
// components (identifier_tier.h); the product's model numbers
// (product_identification_helper) equal to the device's model; then normalised vendor (alias
// table) + product name (exact, or one name's words found whole in the other's) + the version
// engine; for KEV, the catalogue's vendor/product found in the device's operating system.
// A version the engine answers "no" to gives nothing; "unknown" lowers the confidence and the
// reason goes with the finding. A CVE whose matching product is fixed or known_not_affected gives
// no finding. Work is done once per distinct (vendor, model, version) and fanned out to devices.
// Thread-safe: match_devices only reads its arguments.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "devices/advisory.h"
#include "devices/device.h"
#include "devices/sbom.h"
#include "devices/vendor_names.h"

namespace ward::devices {

// What matched, shared by every device of one (vendor, model, version) or one OS.
struct AdvisoryMatch {
  std::string advisory_id, cve, product, version;  // version: the device's (its OS for KEV)
  std::string matched_by;  // e.g. "vendor+product+version", "model_number+all_versions", "os+kev"
  double confidence = 0;   // 0..1; kConfirmed and above is a confirmed match, below a possible one
  std::string reason;      // why the version could not be answered, when it could not
  double cvss_base = 0;
  std::string component;  // the SBOM component matched ("WolfSSL 4.8.1"); empty for the device itself
};

struct Finding {
  std::string device_id;
  std::shared_ptr<const AdvisoryMatch> match;  // never null
};

inline constexpr double kConfirmed = 0.7;

// Findings in the order of `devices`; a device's own findings by advisory id and CVE. `sboms`
// attach components to the devices of their (vendor, model, version) (sbom_model_key): each
// distinct component is matched once by the identifier tier (identifier_tier.h), before the
// name tier. A VEX document (kind csaf_vex or cyclonedx_vex) that states a CVE fixed or not
// affected for a device's product clears that CVE from the device's findings of every source.
std::vector<Finding> match_devices(const std::vector<Device>& devices, const std::vector<Advisory>& advisories,
                                   const VendorAliases& aliases, const std::vector<AttachedSbom>& sboms = {});
// The same with each device's SBOM given instead of found by (vendor, model, version):
// `sbom_of_device` is empty (no SBOMs) or holds one entry per device, nullptr for none; the SBOMs
// must outlive the call. A model's SBOM is that of its first device. For callers that already
// know them (fleet_index.h), without copying SBOMs or computing their keys again.
std::vector<Finding> match_devices(const std::vector<Device>& devices, const std::vector<Advisory>& advisories,
                                   const VendorAliases& aliases, const std::vector<const Sbom*>& sbom_of_device);

}  // namespace ward::devices
