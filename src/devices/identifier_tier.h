// The identifier tier of the matcher: an SBOM component's CPE 2.3 names and purls against the
// advisories' product_identification_helper cpe/purl, and its CPEs against the KEV catalogue's
// vendor/product. CPE: vendor and product equal and concrete (a wildcard never matches), parts
// equal, a different vendor with the same product rejected. Purl: type, namespace and name equal.
// The version (the identifier's, else the component's) goes through the version engine against
// the identifier's own version when it names one, else the product's range. KEV names no version:
// `cpe+kev` hits are always version-unknown. Built once per match run; const after, thread-safe.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "devices/advisory.h"
#include "devices/cpe.h"
#include "devices/purl.h"
#include "devices/sbom.h"
#include "devices/vendor_names.h"

namespace ward::devices {

struct IdentifierHit {
  std::size_t advisory = 0, product = 0;  // indexes into the advisories given to the index
  Answer answer = Answer::unknown;
  std::string matched_by;  // "cpe+version", "purl+all_versions", "cpe+version_unknown", "cpe+kev"
  double confidence = 0;
  std::string reason;  // why the version is unknown, when it is
};

// A component's identifiers parsed once, for callers that meet the same component many times
// (fleet_index.h keeps one per distinct component of an inventory): its CPEs whose vendor and
// product are concrete, each with the version to compare (the CPE's, else the component's) and
// the keys it is looked up by; its purls likewise. Unparseable identifiers are left out.
struct ComponentIdentifiers {
  struct CpeName {
    Cpe cpe;
    std::string version;
    std::string key;                    // "vendor:product"
    std::vector<std::string> kev_keys;  // per alias key of the vendor: "vendor key\tproduct"
  };
  struct PurlName {
    Purl purl;
    std::string version;
    std::string key;  // "type/namespace/name"
  };
  std::vector<CpeName> cpes;
  std::vector<PurlName> purls;
};
ComponentIdentifiers component_identifiers(const SbomComponent& component, const VendorAliases& aliases);

class IdentifierIndex {
 public:
  // `advisories` must outlive the index. Advisory identifiers that do not parse are left out.
  IdentifierIndex(const std::vector<Advisory>& advisories, const VendorAliases& aliases);

  // The hits of one component, a version answered "no" included (it clears nothing and emits
  // nothing, but tells the caller the product was considered).
  std::vector<IdentifierHit> match(const SbomComponent& component) const;
  // The same for identifiers parsed beforehand with the same alias table.
  std::vector<IdentifierHit> match(const ComponentIdentifiers& component) const;

 private:
  struct CpeEntry {
    std::size_t advisory, product;
    Cpe cpe;
  };
  struct PurlEntry {
    std::size_t advisory, product;
    Purl purl;
  };
  void add_hit(std::size_t advisory, std::size_t product, const std::string& tier, const std::string& identifier_version,
               const std::string& component_version, std::vector<IdentifierHit>& out) const;

  const std::vector<Advisory>& advisories_;
  const VendorAliases& aliases_;
  std::unordered_map<std::string, std::vector<CpeEntry>> cpes_;    // "vendor:product"
  std::unordered_map<std::string, std::vector<PurlEntry>> purls_;  // "type/namespace/name"
  std::unordered_map<std::string, std::vector<std::pair<std::size_t, std::size_t>>> kev_;  // "vendor key\tproduct"
};

// The key devices and SBOMs meet on: the vendor's alias keys, the normalised model and the
// version as written ("Phillips", "IntelliVue MX40", "B.06" meets "Philips", "intellivue mx40", "B.06").
std::string sbom_model_key(const VendorAliases& aliases, std::string_view vendor, std::string_view model, std::string_view version);

inline constexpr double kIdentifierConfidence = 0.95;
inline constexpr double kKevIdentifierConfidence = 0.75;  // × 0.6 for the unknown version = 0.45

}  // namespace ward::devices
