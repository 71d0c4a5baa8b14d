// The inventory indexed for matching one advisory at a time, as a CSAF "asset matching system"
// does when a new advisory or revision arrives: the distinct (manufacturer, model, version, OS)
// keys of the devices, with the devices of each. `match` runs the matcher (matcher.h) over the
// keys only and fans the findings out to the devices. Its findings equal those a full match of
// every advisory gives for that advisory, provided the VEX documents kept are passed with it (a
// VEX document clears CVEs across sources). Built once per inventory; const after, thread-safe.
#pragma once

#include <vector>

#include "devices/advisory.h"
#include "devices/device.h"
#include "devices/matcher.h"
#include "devices/sbom.h"
#include "devices/vendor_names.h"

namespace ward::devices {

class FleetIndex {
 public:
  // Keeps the device ids; `devices` need not outlive the index.
  explicit FleetIndex(const std::vector<Device>& devices);

  std::size_t devices() const { return device_ids_.size(); }
  std::size_t keys() const { return keys_.size(); }

  // The findings of `advisory` only, in the order of the devices given to the index (a device's
  // own by CVE). `vex`: the VEX documents kept (others are ignored). `sboms` as match_devices
  // takes them; left out when neither the advisory nor a VEX document names a CPE or purl and the
  // advisory is not KEV (no SBOM component can meet it then).
  std::vector<Finding> match(const Advisory& advisory, const std::vector<Advisory>& vex, const VendorAliases& aliases,
                             const std::vector<AttachedSbom>& sboms) const;

 private:
  std::vector<std::string> device_ids_;
  std::vector<Device> keys_;                        // one per distinct key; device_id is the key's index
  std::vector<std::vector<std::size_t>> members_;   // per key: indexes into device_ids_, ascending
};

// Does an SBOM component possibly meet `a`: it is KEV or a product names a CPE or purl.
bool names_identifiers(const Advisory& a);

}  // namespace ward::devices
