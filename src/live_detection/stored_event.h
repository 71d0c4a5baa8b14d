// A stored event made whole again for Sigma: the store's row and kept source fields
// (store::SourcedEventRow) turned back into an Event in a batch, and the input format it was
// read in, which picks its logsource (sigma/ward_logsource.h). StoredEventView puts the two
// together as a hunt of the event's input would see it; start there.
#pragma once

#include <string>
#include <string_view>

#include "core/event.h"
#include "ingest/field_view.h"
#include "sigma/json_events.h"
#include "sigma/logsource.h"
#include "sigma/ward_logsource.h"
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

// A stored event as a hunt of its input sees it: the fields Sigma rules read and its logsource.
// A json-lines event (`ward import --format json-lines`) from its kept line, flattened as
// `ward detect` flattens a JSON file (sigma/json_events.h) with a Windows export's logsource
// (sigma/windows_logsource.h); any other through its Ward view (sigma/ward_event_view.h) and
// its format's logsource. Not thread-safe; one per reading thread.
class StoredEventView {
 public:
  // Reads `stored` into view() and returns its logsource (`logsources`: ward.yaml
  // detection.logsources, for Ward's formats). A json-lines event whose line was not kept
  // (ingest.keep_log_fields: false) is seen through its Ward view, like any event without its
  // fields; one whose kept line cannot be read too, and `problem` says why ("" otherwise).
  sigma::EventLogSource read(const store::SourcedEventRow& stored, const sigma::FormatLogSources& logsources,
                             std::string& problem);
  // Valid until the next read().
  const sigma::FlatEvent& view() const { return view_; }

 private:
  EventBatch batch_;
  ingest::FieldView fields_;
  sigma::JsonRecordReader json_;
  sigma::FlatEvent view_;
};

}  // namespace ward::live_detection
