// What an ATNA audit message says was done: the Action and EventKind Ward reports, from the DICOM
// EventID (PS3.15 A.5.3), its EventTypeCodes and EventActionCode. The BALP mapping of ATNA to
// FHIR puts EventID in AuditEvent.type and EventTypeCode in subtype, so the FHIR classifier
// decides what DICOM does not pin down (IHE ITI transactions, the action code). Pure functions;
// the table is in README.md.
#pragma once

#include <string_view>

#include "core/event.h"
#include "ingest/atna/audit_message.h"

namespace ward::ingest::atna {

struct Classification {
  EventKind kind = EventKind::unknown;
  Action action = Action::unknown;
};

// `has_patient`: the message names a patient (a participant object of type 1, role 1).
Classification classify(const AuditMessage& message, bool has_patient);

// EventOutcomeIndicator: "0" success, any other value failure, absent unknown.
Outcome outcome_from_indicator(std::string_view indicator);

}  // namespace ward::ingest::atna
