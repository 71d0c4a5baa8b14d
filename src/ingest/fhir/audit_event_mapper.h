// AuditEvent (R4; STU3 and R5 field names too) -> ward::Event: who (the requesting agent), which
// patient, what was touched, why, and what was done (audit_event_classifier.h). The mapping is
// documented in README.md. Called by fhir_parser.cc for each AuditEvent resource.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "ingest/fhir/audit_event_classifier.h"
#include "ingest/fhir/fhir_json.h"
#include "ingest/json_fields.h"
#include "ingest/parse_context.h"

namespace ward::ingest::fhir {

// What the mapper reads of one AuditEvent.agent; views into the parsed document.
struct AgentView {
  bool requestor = false;
  std::string_view who_identifier, who_reference, who_display, name, alt_id;
  std::string_view stu3_user_id, stu3_reference, stu3_display;  // userId, reference (STU3)
  std::string_view address, network_type;                       // network (R5: networkString)
  MaybeElement type, role, purpose_of_use;
};

// What the mapper reads of one AuditEvent.entity; views into the parsed document.
struct EntityView {
  std::string_view reference, identifier, display;  // what.* (STU3: reference, identifier)
  std::string_view type_code, role_code;
  std::string_view query, name, description;
  MaybeElement type;
};

// State reused from one resource to the next, so that mapping allocates only in the arena.
struct MapScratch {
  std::vector<CodingView> types, subtypes;
  std::vector<AgentView> agents;
  std::vector<EntityView> entities;
  std::string decoded;  // base64-decoded entity.query
  std::string pack;     // the event's strings, copied into the arena at once
  JsonFieldFlattener fields;
};

// Appends one Event for `resource` to ctx.out().events. On bad input (missing or invalid
// `recorded`) it appends nothing and returns an error naming the field relative to the
// resource ("recorded"); the caller adds the position and quarantines the record.
Result<void> map_audit_event(Element resource, ParseContext& ctx, MapScratch& scratch);

}  // namespace ward::ingest::fhir
