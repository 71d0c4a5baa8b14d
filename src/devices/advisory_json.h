// Reading advisories from JSON text: a CSAF 2.0 document (product_tree branches,
// full_product_names, relationships, product_identification_helper, vulnerabilities with
// product_status, scores, remediations) or the CISA KEV catalogue. A malformed document is an
// Error naming the JSON path and field ("/product_tree/branches/0/name: expected a string");
// the caller sets the file.
#pragma once

#include <string_view>

#include "core/error.h"
#include "devices/advisory.h"

namespace ward::devices {

Result<Advisory> parse_csaf(std::string_view json_text);
Result<Advisory> parse_kev(std::string_view json_text);

// Either of the two, or a CycloneDX VEX document (advisory_from_vex, kind "cyclonedx_vex"), told
// apart by their top-level keys ("document", "catalogVersion", "bomFormat"). A CSAF document of
// category csaf_vex has kind "csaf_vex". A CycloneDX SBOM without vulnerabilities is `unsupported`.
Result<Advisory> parse_advisory(std::string_view json_text);

}  // namespace ward::devices
