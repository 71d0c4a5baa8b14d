// JSON lines -> Events: one JSON object per line (Windows events exported as JSON by evtx_dump
// or chainsaw, EDR and cloud exports, SigmaHQ's regression events compacted with `jq -c`), each
// an event of format json-lines whose time comes from a configured time field or the first of
// the usual ones. The line itself is the event's one source field (kJsonLineField), so that live
// detection flattens and matches it as `ward detect` does the file. Entry points:
// parse_json_lines() per file, looks_like_json_lines() for format detection.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"
#include "ingest/parse_context.h"

namespace ward::ingest {

// The one source field of a json-lines event (ParseOptions::keep_fields): the line as read.
inline constexpr std::string_view kJsonLineField = "json";

// Where an event's time is looked for when no time field is named, in this order (the order in
// which `ward detect` takes a JSON event's time, sigma::event_time): Windows exports' SystemTime
// first, then ECS and common names, Sysmon's UtcTime.
inline constexpr std::string_view kDefaultJsonTimeFields[] = {
    "Event.System.TimeCreated.#attributes.SystemTime", "Event.System.TimeCreated.SystemTime",
    "@timestamp", "timestamp", "time", "ts", "UtcTime", "Event.EventData.UtcTime", "EventTime",
    "eventTime", "date"};

struct JsonLinesOptions {
  // A dotted path to the time ("@timestamp", "Event.System.TimeCreated.#attributes.SystemTime");
  // a key that has dots itself ("event.created" at the top) is found too. Empty: the defaults.
  // Its value is ISO 8601 (without an offset: ParseOptions::local_zone), or epoch seconds, or
  // epoch milliseconds (ingest/log_time.h: parse_iso8601_or_epoch), as text or a number.
  std::string time_field;
};

// Reads every line of `data` into ctx.out().events, counted as "json line"; blank lines are
// passed over. A line that is not one JSON object (bad JSON, an array, a scalar), not UTF-8, or
// over max_record_bytes is rejected with source, line and reason, and the rest goes on. A line
// without a usable time (the field is missing, or its value is no time) is kept all the same, at
// the time of the last line before it that had one (0, 1970-01-01, when none did), and noted
// (ParseContext::note) with its line and field. Event ids are content ids (content_id.h):
// importing the file again stores nothing twice. Returns an error only when the sink fails.
Result<void> parse_json_lines(std::string_view data, const JsonLinesOptions& options, ParseContext& ctx);

// True when the first line that is not blank (after a UTF-8 BOM) is one whole JSON object.
// Zeek JSON logs and FHIR NDJSON are JSON lines too: format detection asks for them first.
bool looks_like_json_lines(std::string_view head);

}  // namespace ward::ingest
