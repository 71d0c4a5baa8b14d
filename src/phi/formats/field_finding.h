// PHI found in a structured input (HL7 v2, FHIR JSON, CSV): where it is in the record's own terms
// ("message 2 PID-5.1", "entry[3] Patient.name[0].family", "row 4 ssn"), its type, confidence and
// reason. Start here, then field_scanner.h (how a field becomes findings) and structured_scan.h.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/error.h"
#include "phi/finding.h"

namespace ward::phi {

struct FieldFinding {
  PhiType type = PhiType::other_id;
  double confidence = 0;
  std::string reason;    // why; never the value
  std::string location;  // the field, in the format's own terms
  std::uint64_t line = 0;  // 1-based line of the segment, JSON line or CSV row in the file; 0 when not known
  std::size_t value_begin = 0, value_end = 0;  // the span inside the field's (decoded) value, end exclusive
  std::string value;  // the PHI itself: shown only when asked (--show), masked otherwise
};

// What scanning one structured file gave: its findings in input order, and one error per record
// that could not be scanned (source left empty: the caller names the file).
struct StructuredScan {
  std::vector<FieldFinding> findings;
  std::vector<Error> errors;
};

}  // namespace ward::phi
