// AuditMessage (audit_message.h) -> ward::Events: one event per patient the message names (a
// participant object of type 1 Person, role 1 Patient), else one event; who (the requesting
// participant), where from, what, why, and what was done (atna_classifier.h). The mapping table
// is in README.md. Called by atna_parser.cc for each message.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

#include "core/error.h"
#include "ingest/atna/audit_message.h"
#include "ingest/parse_context.h"

namespace ward::ingest::atna {

// State reused from one message to the next.
struct MapScratch {
  std::vector<const ParticipantObject*> patients;  // of the message being mapped
  std::string decoded;  // base64-decoded ParticipantObjectQuery
  std::string name;     // field names
};

// Appends the message's events to ctx.out().events (with the flat fields of `root`, its
// AuditMessage element, when ctx.options().keep_fields) and returns how many. `fallback_host`
// (e.g. the syslog HOSTNAME) is actor.host when the message gives no host or IP for the actor.
// On a bad EventDateTime it appends nothing and returns an error naming
// "EventIdentification.EventDateTime".
Result<std::size_t> map_audit_message(const AuditMessage& message, pugi::xml_node root,
                                      std::string_view fallback_host, ParseContext& ctx,
                                      MapScratch& scratch);

}  // namespace ward::ingest::atna
