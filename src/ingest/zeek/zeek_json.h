// A Zeek JSON log line (LogAscii::use_json, or the JSON streaming/Kafka writers) read into a
// ZeekRecord: members in order under Zeek's dotted names ("id.orig_h"), array items as repeated
// fields, numbers and booleans as JSON text, nested objects flattened with dots. Internal.
#pragma once

#include <string>
#include <string_view>

#include <simdjson.h>

#include "core/error.h"
#include "ingest/zeek/zeek_record.h"

namespace ward::ingest::zeek {

class JsonLineReader {
 public:
  // Reads `line` into `record` (fields view into this reader's buffers until the next call).
  // `_path` and `_write_ts` fill record.path and fallback_time. Fails on invalid JSON or a line
  // that is not an object.
  Result<void> read(std::string_view line, ZeekRecord& record);

 private:
  void add(std::string_view name, simdjson::dom::element value, ZeekRecord& record);

  simdjson::dom::parser parser_;
  std::string numbers_;  // number texts of the current line; reserved so views stay valid
  std::string names_;    // dotted names of nested members of the current line
};

}  // namespace ward::ingest::zeek
