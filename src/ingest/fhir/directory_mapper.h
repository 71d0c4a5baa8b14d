// FHIR Patient, Practitioner, PractitionerRole and Encounter -> the directory records of
// core/directory.h (who the patients and the workforce are, and which encounters tie them).
// Called by fhir_parser.cc; each function appends one record to ctx.out() or returns an error
// naming the offending field relative to the resource ("id", "period.start"), appending nothing.
#pragma once

#include "core/error.h"
#include "ingest/fhir/fhir_json.h"
#include "ingest/parse_context.h"

namespace ward::ingest::fhir {

Result<void> map_patient(Element resource, ParseContext& ctx);
Result<void> map_practitioner(Element resource, ParseContext& ctx);
// A WorkforceMember whose id is the referenced Practitioner's (role and department only; the
// store merges non-empty fields by id).
Result<void> map_practitioner_role(Element resource, ParseContext& ctx);
Result<void> map_encounter(Element resource, ParseContext& ctx);

}  // namespace ward::ingest::fhir
