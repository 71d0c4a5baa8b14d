// Zeek logs -> Events: TSV as Zeek's ASCII writer writes it (the #separator … #fields #types
// header, then rows) and JSON lines (LogAscii::use_json), conn, dns, http, ssl, files and any
// other log. Entry points: parse_zeek() per file, looks_like_zeek() for format detection.
#pragma once

#include <string_view>

#include "core/error.h"
#include "ingest/parse_context.h"

namespace ward::ingest {

// Parses a whole Zeek log (TSV, JSON lines, or several TSV logs one after another as rotation
// and `cat` make them) into ctx.out().events, counted per log as "zeek conn", "zeek dns", ….
// Unset fields ("-") are left out; an empty field ("(empty)") is an empty string, an empty set
// no field at all. A row with a different count of columns than #fields, a row before any
// #fields, a bad time, invalid JSON or UTF-8, or a line over max_record_bytes is rejected with
// source, line and field; the rest goes on. A bad header line is rejected and the header keeps
// its earlier values. Returns an error only when the sink fails.
Result<void> parse_zeek(std::string_view data, ParseContext& ctx);

// True when one of the first two lines is "#separator …" (TSV), or a JSON object with "_path",
// or with both "ts" and "uid" (a second line only after a "#" comment line, such as btest's).
bool looks_like_zeek(std::string_view head);

}  // namespace ward::ingest
