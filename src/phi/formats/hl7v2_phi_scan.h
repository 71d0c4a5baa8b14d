// PHI in HL7 v2 messages (.hl7 files, MLLP-framed or not): the fields whose meaning is PHI (PID-5
// patient name, PID-7 birth date, PID-11 address, PID-13 phone, PID-19 SSN, NK1, GT1, IN1, PV1
// visit dates…) are findings by their field; the free text of OBX-5 and NTE-3 is scanned with the
// message's PID values as known PHI. Messages come from ingest's Hl7v2Splitter and Hl7v2Message.
#pragma once

#include <string_view>

#include "phi/formats/field_finding.h"
#include "phi/formats/field_scanner.h"

namespace ward::phi {

// Findings located as "message N SEG-F.C" (N 1-based in the file, "[R]" after the field for a
// repetition past the first), on the segment's line. A chunk that is not a message or a message
// that does not parse (bad MSH, a segment without a three-character name) is one error naming
// its line, message number and field; the other messages are still scanned. Fails only when
// Hyperscan fails.
Result<StructuredScan> scan_hl7v2(std::string_view data, FieldScanner& fields);

}  // namespace ward::phi
