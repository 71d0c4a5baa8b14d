#include "live_detection/stored_event.h"

namespace ward::live_detection {

std::string_view stored_event_format(const store::EventRow& row) {
  if (row.format != EventFormat::unknown) return to_string(row.format);
  const bool ehr = row.kind == EventKind::ehr_access;
  if (row.source.starts_with("syslog-")) return ehr ? "atna" : "syslog";
  if (row.source.starts_with("mllp:")) return "hl7v2";
  return ehr ? "fhir" : "";
}

const Event& rebuild_event(const store::SourcedEventRow& stored, EventBatch& batch) {
  batch.clear();
  store::add_event_from_row(stored.row, batch);
  for (const auto& [name, value] : stored.fields) batch.add_field(name, value);
  return batch.events().back();
}

}  // namespace ward::live_detection
