#include "live_detection/stored_event.h"

#include <algorithm>

#include "ingest/json_lines/json_lines_parser.h"
#include "sigma/ward_event_view.h"
#include "sigma/windows_logsource.h"

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

sigma::EventLogSource StoredEventView::read(const store::SourcedEventRow& stored,
                                           const sigma::FormatLogSources& logsources, std::string& problem) {
  problem.clear();
  if (stored.row.format == EventFormat::json_lines) {
    const auto line = std::find_if(stored.fields.begin(), stored.fields.end(),
                                   [](const auto& f) { return f.first == ingest::kJsonLineField; });
    // Not kept (ingest.keep_log_fields: false): the core only, as for any event without its fields.
    if (line != stored.fields.end()) {
      auto read = json_.read(line->second, view_);
      if (read) return sigma::windows_logsource(view_);
      problem = read.error().message;
    }
  }
  const Event& e = rebuild_event(stored, batch_);
  sigma::view_ward_event(fields_, batch_, e, view_);
  return sigma::ward_logsource(stored_event_format(stored.row), fields_, batch_, e, logsources);
}

}  // namespace ward::live_detection
