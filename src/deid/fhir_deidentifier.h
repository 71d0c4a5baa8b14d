// De-identifies FHIR JSON — one resource, a Bundle (nested and contained resources too) or
// NDJSON — into JSON that still parses, with the same keys in the same order:
//  - path rules from the policy (fhir.paths: "Patient.name: name", "*.identifier.value: mrn",
//    "Observation.note: text", "Encounter.period: keep"), the first match deciding;
//  - else what `ward scan` knows (phi/formats/fhir_phi_fields.h): a person's name, birth date,
//    address, telecom, identifiers, contact and birth place by field; narrative (text.div, tags
//    kept), valueString, note, comment, description, conclusion and text/* attachments scanned
//    with the document's patients as known values; a person's photo loses its data;
//  - identifiers of every resource but providers' (Practitioner, Organization, Location…), and
//    every date or dateTime outside meta, as PHI;
//  - resource ids, fullUrls and references pseudonymised consistently (fhir_references.h).
// With the policy's mark_changes, each changed resource gets meta.security codes from the HL7
// v3 ObservationValue system (REDACTED, MASKED, PSEUDED) instead of "[[…]]" in the values.
//
//   auto out = deidentify_fhir(file_bytes, deidentifier, scratch, "bundle.json");  // out->text, out->changed
#pragma once

#include <string_view>

#include "core/error.h"
#include "deid/text_deidentifier.h"

namespace ward::deid {

// One date offset per patient: a resource's record is the patient it is about (a Patient's own
// id, else its subject/patient/beneficiary reference, else the document's first Patient), else
// `file`. Fails, naming the line, when a document or NDJSON line is not JSON or not a FHIR
// resource: the file is then not de-identified.
Result<Deidentified> deidentify_fhir(std::string_view data, TextDeidentifier& deid, phi::ScanScratch& scratch,
                                     std::string_view file);

}  // namespace ward::deid
