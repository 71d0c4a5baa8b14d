// The directory: who works here, who the patients are, and which encounters tie them together.
// These are entities (rows), not events: few, owned strings, merged by id on import. The privacy
// engine explains accesses from them; parsers of FHIR, HL7 v2 and roster CSV produce them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/time.h"

namespace ward {

struct WorkforceMember {
  std::string id;            // FHIR Practitioner id, or the employee id when that is all we have
  std::string employee_id;   // HR / EHR login id
  std::string name;          // "Given Family"
  std::string role;          // e.g. "physician", "registered nurse", "clerk"
  std::string department;    // e.g. "Cardiology"
  std::string address;       // one line: "12 Elm St, Springfield, MA 01101"
  std::string birth_date;    // YYYY-MM-DD
  std::string hire_date;     // YYYY-MM-DD
  std::string termination_date;  // YYYY-MM-DD; empty while employed
  std::string source;
};

struct PatientRecord {
  std::string id;          // FHIR Patient id, or the MRN when that is all we have
  std::string mrn;
  std::string name;
  std::string address;
  std::string birth_date;  // YYYY-MM-DD
  bool confidential = false;  // VIP / restricted (meta.security R or V, PID-... flags)
  std::string source;
};

struct EncounterParticipant {
  std::string user_id;  // Practitioner id or employee id
  std::string role;     // ATND, ADM, REF, CON, PPRF, …
};

struct EncounterRecord {
  std::string id;            // FHIR Encounter id or HL7 visit number
  std::string patient_id;    // as in PatientRecord::id or the MRN
  std::string visit_number;  // PV1-19
  std::string class_code;    // IMP, AMB, EMER, …
  std::string status;        // planned, in-progress, finished, cancelled
  std::string location;      // "Unit^Room^Bed" or FHIR Location display
  std::string department;
  TimeNs start = 0;          // 0 when not known
  TimeNs end = 0;            // 0 while open
  std::vector<EncounterParticipant> participants;
  std::string source;
};

}  // namespace ward
