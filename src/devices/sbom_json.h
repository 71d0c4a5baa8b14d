// Reading SBOMs from JSON text: CycloneDX (bomFormat "CycloneDX", spec 1.2–1.6; nested
// components, dependencies, metadata authors/tools/timestamp/component) or SPDX 2.3 (packages,
// relationships, creationInfo, externalRefs with cpe23Type/cpe22Type/purl, checksums). Text that
// is not JSON, or is neither format, is an Error; a malformed component or an identifier that
// does not parse is a problem in Sbom::problems naming the JSON path and field, and the rest of
// the document is still read. The caller sets the file on errors. Pure, thread-safe.
#pragma once

#include <string_view>

#include "devices/sbom.h"

namespace ward::devices {

Result<Sbom> parse_sbom(std::string_view json_text);

}  // namespace ward::devices
