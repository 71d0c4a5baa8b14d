// PHI in FHIR JSON: one resource, a Bundle (nested too) or NDJSON. A Patient's (Person's,
// RelatedPerson's) name, identifiers, telecom, address and birth date are findings by their
// field; free text (narrative text.div, valueString, note, comment, description, conclusion,
// text/* attachments in base64) is scanned with the Bundle's or line's Patient values as known PHI.
#pragma once

#include <string_view>
#include <vector>

#include "phi/formats/field_finding.h"
#include "phi/formats/field_scanner.h"

namespace ward::phi {

// Adds the person values (names, identifiers, address lines, telecom, birth date) of the
// resources in one JSON `document` (a resource or a Bundle) to `known`, for its free text;
// nothing when it is not JSON.
void add_fhir_known_values(std::string_view document, std::vector<KnownValue>& known);

// Findings located by JSON path from the resource ("Patient.name[0].family"), prefixed by the
// Bundle entry ("entry[3] Observation.valueString"); `line` is the NDJSON line (1 for a single
// document). A line that is not JSON, or JSON that is not a resource, is one error naming its
// line; the other lines are still scanned. Fails only when Hyperscan fails.
Result<StructuredScan> scan_fhir(std::string_view data, FieldScanner& fields);

}  // namespace ward::phi
