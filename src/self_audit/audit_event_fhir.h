// Ward's own audit entries as FHIR R4 AuditEvents, following IHE Basic Audit Log Patterns (BALP)
// where they fit: type rest with a restful-interaction subtype for API requests, action
// C/R/U/D/E, recorded, outcome, the account or token as the requesting agent with its network
// address, Ward as the source, and the subject as an entity (a patient, a workforce member, a
// case, alert, rule or proposal). Ward's FHIR importer reads them back (docs/audit.md#fhir).
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "store/store.h"

namespace ward::self_audit {

// The FHIR AuditEvent.action of an API request: GET and HEAD read (R); POST creates (C), or
// updates (U) when the route names the thing it acts on ({case}, {rule}…); PUT and PATCH
// update (U); DELETE deletes (D); anything else executes (E).
std::string_view action_of_request(std::string_view method, std::string_view route);

// The AuditEvent for one entry, resourceType first. `site` names this Ward (source.site and the
// server agent), e.g. the host name.
nlohmann::ordered_json audit_event_json(const store::AuditRecord& record, std::string_view site);

// The host name this Ward runs on, for `site`; "ward" when it has none.
std::string ward_site();

}  // namespace ward::self_audit
