// One FHIR R4 AuditEvent in the IHE Basic Audit Log Patterns shape (PatientRead, PatientQuery,
// PatientCreate/Update/Delete), written as a single NDJSON line by plain appends so that the
// hospital generator and the ingest benchmark writer share it and it stays fast.
#pragma once

#include <string>
#include <string_view>

#include "demo/accesses.h"
#include "demo/local_clock.h"

namespace ward::demo {

inline constexpr std::string_view kEhrHost = "ehr.ward-general.example";
inline constexpr std::string_view kEmployeeIdSystem = "urn:oid:2.16.840.1.113883.3.9999.1";

// Views that must stay valid during append_audit_event_json().
struct AuditEventFields {
  std::string_view id;                // "ae-42-17"
  TimeMs recorded = 0;
  Interaction interaction = Interaction::read;  // print and export are written as reads
  std::uint8_t outcome = 0;           // 0, 4 or 8
  std::string_view purpose;           // v3-ActReason code
  std::string_view practitioner_id;   // "prac-0001"
  std::string_view employee_id;       // "E10001"
  std::string_view user_display;      // "Given Family"
  std::string_view ip;                // "10.20.13.31"
  std::string_view patient_id;        // "pat-000001"
  std::string_view object_reference;  // "Observation/lab-000001-03"; unused by searches
  std::string_view query;             // searches: the HTTP request, base64-encoded here
};

// Appends the AuditEvent and a '\n'.
void append_audit_event_json(std::string& out, const AuditEventFields& e);

// Appends `s` as a JSON string literal, quotes included.
void append_json_string(std::string& out, std::string_view s);

// Appends standard base64 (RFC 4648, with padding).
void append_base64(std::string& out, std::string_view bytes);

}  // namespace ward::demo
