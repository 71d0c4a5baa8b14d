// A software bill of materials as Ward keeps it, whatever its format (CycloneDX 1.2–1.6 JSON,
// SPDX 2.3 JSON): the subject (the device software the SBOM describes: supplier, name, version),
// who wrote it and when, and its components with their identifiers (CPE, purl), hashes and
// dependencies. Read by sbom_json.h, checked by ntia_check.h, matched by identifier_tier.h.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"

namespace ward::devices {

struct SbomHash {
  std::string algorithm, value;
};

struct SbomComponent {
  std::string ref;  // bom-ref (CycloneDX) or SPDXID; unique within the SBOM, may be empty in CycloneDX
  std::string name, version, type;
  std::string supplier;         // supplier, else manufacturer, else publisher (CycloneDX); supplier, else originator (SPDX)
  std::string supplier_source;  // which of those fields gave it ("supplier", "publisher"…); empty when none
  std::vector<std::string> cpes, purls;  // each parsed once on import; unparseable ones are problems, not kept
  std::vector<SbomHash> hashes;
  std::vector<std::string> depends_on;  // refs
  bool in_dependency_graph = false;     // named by a dependency relationship (as either end, or a declared leaf)
  // FDA premarket SBOM fields, from CycloneDX properties "Level of Support" and "End-of-Support"
  // (names compared without case, spaces, hyphens and underscores); empty when not given.
  std::string level_of_support, end_of_support;
};

struct Sbom {
  std::string format;        // "CycloneDX" or "SPDX"
  std::string spec_version;  // "1.4", "SPDX-2.3"
  std::string serial;        // CycloneDX serialNumber or SPDX documentNamespace
  std::vector<std::string> authors;  // people or organisations who wrote the SBOM data
  std::vector<std::string> tools;    // tools that wrote it
  std::string timestamp;             // metadata.timestamp / creationInfo.created
  SbomComponent subject;             // metadata.component, or the package the SPDX document describes
  bool has_subject = false;
  std::vector<SbomComponent> components;  // the subject not among them
  std::vector<Error> problems;  // what was skipped (a malformed component, an unknown CPE part), each with its JSON path
};

// An SBOM attached to the devices of one manufacturer, model and software version.
struct AttachedSbom {
  std::string vendor, model, version;
  Sbom sbom;
};

}  // namespace ward::devices
