// One IHE ATNA audit message (DICOM PS3.15 A.5 "AuditMessage", and RFC 3881, its predecessor)
// read out of a parsed XML document into plain views: the event, the active participants and
// the participant objects. Both dialects: coded values as csd-code/originalText (DICOM) or
// code/displayName (RFC 3881). The mapping to Events is in audit_message_mapper.h.
#pragma once

#include <string_view>
#include <vector>

#include <pugixml.hpp>

#include "core/error.h"

namespace ward::ingest::atna {

// A coded value: csd-code (DICOM) or code (RFC 3881), its code system, and the words for it
// (originalText, else displayName).
struct CodedValue {
  std::string_view code;
  std::string_view system;
  std::string_view display;
};

struct ActiveParticipant {
  std::string_view user_id, alternative_user_id, user_name;
  std::string_view user_type;      // UserTypeCode (DICOM 2015+): 1 person, 2 application
  bool requestor = false;          // UserIsRequestor "true" or "1", or absent (RFC 3881 default)
  std::vector<CodedValue> roles;   // RoleIDCode
  std::string_view network_id;     // NetworkAccessPointID
  std::string_view network_type;   // NetworkAccessPointTypeCode: 1 machine name, 2 IP, 5 URI
};

// The participant's NetworkAccessPointID when it is an IP address: type 2, or no type and an ID
// that looks like one (digits and dots, or a colon: IPv6); "" otherwise (a machine name, a URI).
std::string_view network_ip(const ActiveParticipant& p);

struct ParticipantObject {
  std::string_view id;              // ParticipantObjectID, often an HL7 CX for a patient
  std::string_view type_code;       // 1 person, 2 system object, 3 organization, 4 other
  std::string_view type_code_role;  // 1 patient, 3 report, 24 query, …
  CodedValue id_type;               // ParticipantObjectIDTypeCode
  std::string_view name;            // ParticipantObjectName
  std::string_view query;           // ParticipantObjectQuery (base64)

  bool is_patient() const { return type_code == "1" && type_code_role == "1"; }
};

struct AuditMessage {
  CodedValue event_id;                    // EventIdentification/EventID
  std::vector<CodedValue> event_types;    // EventTypeCode
  std::vector<CodedValue> purposes;       // PurposeOfUse (IHE XUA)
  std::string_view action_code;           // EventActionCode: C R U D E
  std::string_view date_time;             // EventDateTime
  std::string_view outcome;               // EventOutcomeIndicator: 0 4 8 12
  std::vector<ActiveParticipant> participants;
  std::vector<ParticipantObject> objects;
};

// Reads the <AuditMessage> element `root` into `out` (views into the document, which must
// outlive them). Fails, naming the element or attribute ("EventIdentification",
// "EventIdentification.EventDateTime", "EventIdentification.EventID"), when the root is not an
// AuditMessage or a required part is missing; the error's offset is the offending element's byte
// offset in the parsed buffer.
Result<void> read_audit_message(pugi::xml_node root, AuditMessage& out);

}  // namespace ward::ingest::atna
