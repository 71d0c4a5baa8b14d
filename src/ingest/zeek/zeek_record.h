// One Zeek log record, read from a TSV row or a JSON line, and how it becomes an Event: the
// core from the fields Zeek's conn, dns, http, ssl and files logs share or own (ts, id.orig_h,
// query, host+uri, server_name, …), every field under Zeek's own name in the flat view.
// Internal to ingest/zeek; zeek_parser.h is the entry point.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/event.h"

namespace ward::ingest::zeek {

struct ZeekField {
  std::string_view name;   // "id.orig_h"
  std::string_view value;  // as Zeek wrote it; each item of a set or vector is its own field
};

struct ZeekRecord {
  std::string_view path;              // "conn", "dns", …; "" when the input does not say
  std::vector<ZeekField> fields;      // unset fields are left out
  std::string_view fallback_time;     // #open (TSV) or _write_ts (JSON), for logs without ts

  std::string_view find(std::string_view name) const;  // the first value, "" when absent
  bool has(std::string_view name) const;
};

// The log a record without _path or #path comes from, told by fields only that log has:
// conn_state -> conn, qtype_name or rcode_name -> dns, method/status_code with trans_depth ->
// http, cipher or server_name with version -> ssl, fuid with mime_type or seen_bytes -> files;
// "" otherwise.
std::string_view infer_path(const ZeekRecord& record);

// "zeek conn", "zeek dns", …, or "zeek record" when the path is unknown: the import summary's
// record type.
std::string record_type(std::string_view path);

// Adds the record as an event to `batch`; `source` must already be kept in the batch. Fails,
// adding nothing, when the record has no usable time (field "ts", or the fallback's name).
struct ZeekEventOptions {
  std::string_view source;
  bool keep_fields = false;
};
Result<void> add_zeek_event(const ZeekRecord& record, const ZeekEventOptions& options,
                            EventBatch& batch, std::string& scratch);

}  // namespace ward::ingest::zeek
