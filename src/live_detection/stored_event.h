// A stored event made whole again for Sigma: the store's row and kept source fields
// (store::SourcedEventRow) turned back into an Event in a batch, and the input format it was
// read in, which picks its logsource (sigma/ward_logsource.h).
#pragma once

#include <string_view>

#include "core/event.h"
#include "store/store.h"

namespace ward::live_detection {

// The input format the store recorded for the event (migration 0013): the format of the file
// `ward import` read it from, or of the listener it came in by. For an event stored before that
// (no format recorded), by its source and kind: "syslog" (syslog-udp:…, syslog-tcp:…,
// syslog-tls:…), "atna" (an ehr_access event from a syslog listener), "hl7v2" (mllp:…), "fhir"
// (any other ehr_access event); "" for the rest, which then have no logsource.
std::string_view stored_event_format(const store::EventRow& row);

// Clears `batch` and adds the event with its source fields; returns it (valid until the batch
// is cleared).
const Event& rebuild_event(const store::SourcedEventRow& stored, EventBatch& batch);

}  // namespace ward::live_detection
