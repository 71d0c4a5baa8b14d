// What an AuditEvent says was done: the Action, EventKind and Outcome Ward reports, read from
// the codes of AuditEvent.type/subtype (R5: category/code), action and outcome. The table is in
// README.md; audit_event_classifier_test.cc holds one case per row. Pure functions.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

#include "core/event.h"

namespace ward::ingest::fhir {

struct CodingView {
  std::string_view system;
  std::string_view code;
};

struct AuditEventCodes {
  std::span<const CodingView> types;     // type (R4, STU3), category (R5)
  std::span<const CodingView> subtypes;  // subtype (R4, STU3), code (R5)
  std::string_view action;               // C, R, U, D, E
  bool has_query_entity = false;         // an entity with role 24 (Query) or a query
  bool has_patient = false;              // a patient was identified
};

Action classify_action(const AuditEventCodes& codes);
EventKind classify_kind(const AuditEventCodes& codes, Action action);

// "0" (R4/STU3 string or number, R5 code) and "success" -> success; "4", "8", "12" and R5's
// "minor", "major", "fatal", "failure" -> failure; anything else unknown.
Outcome outcome_from_code(std::string_view code);

}  // namespace ward::ingest::fhir
