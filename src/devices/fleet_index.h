// The inventory indexed for matching one advisory at a time, as a CSAF "asset matching system"
// does when a new advisory or revision arrives: the distinct (manufacturer, model, version, OS)
// keys of the devices with the devices of each, the keys by vendor alias key and by OS, and the
// distinct SBOM components (distinct_components.h) with the SBOMs holding them. `match` picks the
// keys the advisory can meet (its vendors; the keys whose SBOMs hold a component its CPEs/purls or
// KEV entries hit; for KEV the operating systems it names), runs the matcher (matcher.h) and fans
// the findings out to the devices. A key its vendor does not reach has findings that depend only
// on which of its SBOM's components the advisory hits and on its OS: the matcher runs once per
// distinct (hit components, OS), not once per key — a KEV entry naming Windows reaches thousands
// of keys through a handful of components. Its findings equal those a full match of every
// advisory gives for that advisory, provided the VEX documents kept are passed with it (a VEX
// document clears CVEs across sources). Built once per inventory; const after, thread-safe.
#pragma once

#include <limits>
#include <string>
#include <unordered_map>
#include <vector>

#include "devices/advisory.h"
#include "devices/device.h"
#include "devices/distinct_components.h"
#include "devices/matcher.h"
#include "devices/sbom.h"
#include "devices/vendor_names.h"

namespace ward::devices {

class FleetIndex {
 public:
  // Keeps the device ids, not `devices`; `aliases` and `sboms` must outlive the index.
  FleetIndex(const std::vector<Device>& devices, const VendorAliases& aliases, const std::vector<AttachedSbom>& sboms);

  std::size_t devices() const { return device_ids_.size(); }
  std::size_t keys() const { return keys_.size(); }

  // The findings of `advisory` only, in the order of the devices given to the index (a device's
  // own by CVE). `vex`: the advisories kept; only VEX documents among them are used.
  std::vector<Finding> match(const Advisory& advisory, const std::vector<Advisory>& vex) const;

 private:
  // How the advisory reaches a key (bits): a KEV entry naming its OS, a vendor, a component of an
  // SBOM of its model.
  enum Reach : unsigned char { kByOs = 1, kByName = 2, kByComponent = 4 };
  struct Candidates {
    std::vector<unsigned char> reached;  // per key
    // Per SBOM holding a component the advisory hits: those components (DistinctComponents
    // entries) in the SBOM's order.
    std::unordered_map<std::size_t, std::vector<std::size_t>> hit_in_sbom;
  };
  // `run`: the advisory first, then the VEX documents kept.
  Candidates candidates(const std::vector<Advisory>& run) const;
  static constexpr std::size_t kNoEntry = std::numeric_limits<std::size_t>::max();
  struct Plan {
    std::vector<Device> run_on;             // what the matcher runs on; device_id is the entry's number
    std::vector<const Sbom*> sbom_of;       // per entry: its SBOM (a key's own, or one of made_sboms), or null
    std::vector<Sbom> made_sboms;           // per distinct set of hit components: those components (0: none)
    std::vector<std::size_t> entry_of_key;  // per key: its entry in run_on, kNoEntry when not reached
  };
  Plan plan(const Candidates& found, bool with_vex, bool vex_components) const;

  const VendorAliases& aliases_;
  const std::vector<AttachedSbom>& sboms_;
  std::vector<std::string> device_ids_;
  std::vector<Device> keys_;                       // one per distinct key; device_id is the key's index
  std::vector<std::vector<std::size_t>> members_;  // per key: indexes into device_ids_, ascending
  std::vector<std::size_t> key_of_device_;         // per device: its key
  std::unordered_map<std::string, std::vector<std::size_t>> by_vendor_;  // alias key → keys
  std::unordered_map<std::string, std::vector<std::size_t>> by_os_;      // OS as written → keys
  std::vector<std::size_t> os_of_key_;                                   // per key: its OS's number, 0 for none
  std::vector<std::vector<std::size_t>> sboms_of_key_;                   // per key: indexes into sboms_
  std::vector<std::vector<std::size_t>> keys_of_sbom_;                   // per SBOM: the keys it attaches to
  DistinctComponents components_;                                        // of the SBOMs attached to keys
};

// Can an SBOM component meet `a`: it is KEV or one of its products names a CPE or purl.
bool names_identifiers(const Advisory& a);

}  // namespace ward::devices
