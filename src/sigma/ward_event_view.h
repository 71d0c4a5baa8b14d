// What a Sigma rule sees of a Ward Event (core/event.h): the source's own flat fields by their
// names (Zeek's `id.orig_h`, squid's `url`, syslog's `app_name`) plus the event core under ECS
// names (DESIGN §4): @timestamp, event.id/kind/action/outcome, user.id/name/roles/department,
// host.name, source.ip, patient.id/mrn, log.file.path; url.full/domain/path/query/extension for
// http events, dns.question.name for dns events, ehr.object/ehr.purpose for the rest.
#pragma once

#include <span>

#include "core/event.h"
#include "ingest/field_view.h"
#include "sigma/flat_event.h"

namespace ward::sigma {

// The source's own fields of an event: the one place the Sigma side reads them, through
// `fields` (ingest/field_view.h): those the parser added, or those read from the kept raw record.
std::span<const Field> source_fields(ingest::FieldView& fields, const EventBatch& batch, const Event& event);

// Fills `out` (cleared first, finished after) with the fields above. The views point into
// `batch`, which must outlive the use of `out`.
void view_ward_event(ingest::FieldView& fields, const EventBatch& batch, const Event& event, FlatEvent& out);

}  // namespace ward::sigma
