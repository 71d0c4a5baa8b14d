// The flat field view of an ATNA audit message (Event fields, for rules written against the
// source): every attribute under the dotted path of its elements below AuditMessage, e.g.
// "EventIdentification.EventID.csd-code", "ActiveParticipant.UserID",
// "ParticipantObjectIdentification.ParticipantObjectIDTypeCode.code"; element text under the
// element's path ("ParticipantObjectIdentification.ParticipantObjectName"). A repeated element
// gives one field per occurrence, in document order. Called by audit_message_mapper.cc.
#pragma once

#include <string>

#include <pugixml.hpp>

#include "core/event.h"

namespace ward::ingest::atna {

// Adds the fields of the message under `root` (the AuditMessage element) to the event being
// built in `batch`. Elements deeper than kMaxFieldDepth below the root are left out: hostile
// input cannot make the walk deep. `name` is scratch.
void add_audit_message_fields(pugi::xml_node root, EventBatch& batch, std::string& name);
inline constexpr int kMaxFieldDepth = 8;

}  // namespace ward::ingest::atna
