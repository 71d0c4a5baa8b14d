// The SBOM components of an inventory, each distinct component (name, version, CPEs and purls
// equal) once, with its identifiers parsed (identifier_tier.h: ComponentIdentifiers) and where
// it is held: each SBOM holding it and its position there. Most SBOMs of a fleet share most of
// their components, so the identifier tier's work for one advisory is done once per distinct
// component here and fanned out to the SBOMs (fleet_index.h). Components without a CPE or purl
// are left out: no identifier can hit them. Built once per inventory; const after, thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

#include "devices/identifier_tier.h"
#include "devices/sbom.h"
#include "devices/vendor_names.h"

namespace ward::devices {

class DistinctComponents {
 public:
  struct Holder {
    std::size_t sbom;      // the caller's SBOM number, as given to add()
    std::size_t position;  // in that SBOM: 0 its subject, i + 1 its components[i]
  };
  struct Entry {
    const SbomComponent* component;  // its first occurrence (the SBOMs given to add() must outlive this)
    ComponentIdentifiers identifiers;
    std::vector<Holder> held_by;  // in the order added
  };

  // `aliases` must outlive the table; the identifiers are parsed with it.
  explicit DistinctComponents(const VendorAliases& aliases) : aliases_(aliases) {}

  // Adds the components of `sbom` (its subject first), known to the caller as `number`.
  void add(const Sbom& sbom, std::size_t number);

  std::size_t size() const { return entries_.size(); }
  const Entry& operator[](std::size_t i) const { return entries_[i]; }

 private:
  const VendorAliases& aliases_;
  std::vector<Entry> entries_;
  std::unordered_map<std::string, std::size_t> index_of_;  // component identity → entry
};

// The identity distinct components are told apart by: name, version, CPEs and purls.
std::string component_identity(const SbomComponent& c);

}  // namespace ward::devices
