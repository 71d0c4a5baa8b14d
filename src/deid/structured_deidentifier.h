// One entry point for `ward deid` over the formats `ward scan` reads (phi/formats/input_format.h):
// free text, HL7 v2 (hl7v2_deidentifier.h), FHIR JSON/NDJSON (fhir_deidentifier.h) and CSV
// (csv_deidentifier.h). Not thread-safe: the de-identifier and the scratch are one thread's.
#pragma once

#include <string_view>
#include <vector>

#include "core/error.h"
#include "deid/text_deidentifier.h"
#include "phi/formats/input_format.h"
#include "phi/known_phi.h"

namespace ward::deid {

// `data` de-identified as `format`; `file` names it (the record of its dates when the format
// names no patient), `known` are extra known values for free text (--known). Fails when the
// file cannot be de-identified whole (a record that does not parse): nothing is then written.
Result<Deidentified> deidentify_format(phi::InputFormat format, std::string_view data, TextDeidentifier& deid,
                                       phi::ScanScratch& scratch, std::string_view file,
                                       const std::vector<phi::KnownValue>& known = {});

}  // namespace ward::deid
