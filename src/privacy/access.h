// What the privacy engine reads: one EHR access (an ehr_access Event from the store) with the
// user and the patient resolved to directory records when the directory knows them.
#pragma once

#include <cstdint>
#include <string>

#include "core/directory.h"
#include "core/event.h"
#include "core/time.h"

namespace ward::privacy {

struct Access {
  std::int64_t seq = 0;       // the store's event sequence number
  std::string event_id;       // the source's id (AuditEvent.id, CSV event_id), "" when none
  TimeNs time = 0;
  Action action = Action::unknown;
  std::string user_id;        // as recorded (FHIR id or employee id)
  std::string patient_id;     // as recorded (FHIR id or MRN)
  std::string patient_mrn;    // as recorded, "" when none
  std::string role;           // as the source recorded it, "" when it did not
  std::string department;     // as the source recorded it
  std::string object;         // what was opened: "Flowsheet", "Observation?code=…"
  std::string purpose;        // purpose of use code or text, "" when none
  const WorkforceMember* user = nullptr;   // the directory's record, nullptr when unknown
  const PatientRecord* patient = nullptr;  // the directory's record, nullptr when unknown
};

}  // namespace ward::privacy
