// De-identifies HL7 v2 messages field by field, so the output still parses: the PHI fields of
// PID, MRG, NK1, PV1, GT1 and IN1 (phi/formats/hl7v2_phi_fields.h) are replaced by their type's
// action without a scan; OBX-5 and NTE-3 free text is scanned with the message's own patient
// (PID name, identifiers, address, phone) as known values. MSH, segment order, delimiters, line
// ends, MLLP framing and the components that hold no PHI are kept as they were.
//
//   auto out = deidentify_hl7v2(file_bytes, deidentifier, scratch, "adt.hl7");  // out->text, out->changed
#pragma once

#include <string_view>

#include "core/error.h"
#include "deid/text_deidentifier.h"

namespace ward::deid {

// One date offset per patient: the record of a message is its patient's identifier (PID-3, else
// PID-2), else `file` and the message's number. Lines outside any message are de-identified as
// free text. Fails, naming the message and its line, when a message does not parse (bad MSH, a
// segment without a three-character name): the file is then not de-identified at all.
Result<Deidentified> deidentify_hl7v2(std::string_view data, TextDeidentifier& deid, phi::ScanScratch& scratch,
                                      std::string_view file);

}  // namespace ward::deid
