// The FHIR JSON input: AuditEvents (IHE BALP) become Events; Patient, Practitioner,
// PractitionerRole and Encounter become directory records. Start here; the mappings are in
// audit_event_mapper.h and directory_mapper.h, the tables in README.md.
#pragma once

#include <string_view>

#include "core/error.h"
#include "ingest/parse_context.h"

namespace ward::ingest {

// Parses FHIR R4 JSON (STU3 and R5 AuditEvent field names too) from `data`: a single resource, a
// Bundle (any type; entries' resources, nested Bundles too), or NDJSON (one resource per line).
// `data` need not be padded or NUL-terminated; a UTF-8 BOM is skipped. Resources:
// AuditEvent -> ctx.out().events; Patient -> patients; Practitioner -> workforce;
// PractitionerRole -> workforce (id = the referenced Practitioner's id, role and department);
// Encounter -> encounters. Other resourceTypes are counted with ctx.skipped(resourceType).
// A bad resource or line is quarantined with ctx.reject(type, error, line, offset, raw) — type
// is the resourceType, or "json line" when the record is not a JSON object with a resourceType —
// and the rest goes on. Calls ctx.maybe_flush() between resources and ctx.flush() at the end.
// Returns an error only when the sink fails (or memory runs out).
Result<void> parse_fhir(std::string_view data, ParseContext& ctx);

// True when the first non-space character (after a UTF-8 BOM) is '{' and "resourceType" appears
// in the first 4 KB: a cheap check for format detection.
bool looks_like_fhir_json(std::string_view head);

// True when `body` (without a BOM) is NDJSON rather than one document: its first non-blank line is
// a whole JSON value on its own, or its second starts a new value at column 0 (a pretty-printed
// document has neither). One line is NDJSON: both readings agree.
bool is_ndjson(std::string_view body);

}  // namespace ward::ingest
