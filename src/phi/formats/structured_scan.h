// One entry point for the structured readers: a file's bytes and its format to findings located
// in the format's terms (hl7v2_phi_scan.h, fhir_phi_scan.h, csv_phi_scan.h).
#pragma once

#include <string_view>

#include "phi/formats/field_finding.h"
#include "phi/formats/field_scanner.h"
#include "phi/formats/input_format.h"

namespace ward::phi {

// `format` must not be InputFormat::text (the text scanner reads that directly). Bad records are
// in the result's errors; fails only when Hyperscan fails.
Result<StructuredScan> scan_structured(InputFormat format, std::string_view data, FieldScanner& fields);

}  // namespace ward::phi
