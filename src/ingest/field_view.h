// The flat field view of an event (DESIGN §4), however it was kept: the fields a parser added to
// the batch (ParseOptions::keep_fields), or, for an event whose raw JSON record was kept
// (ParseOptions::keep_raw), the same fields read from that record when first asked for. Engines
// that match on source fields (Sigma rules) read fields through a FieldView, so the parser need
// not flatten every record for them. Not thread-safe; one per reading thread.
#pragma once

#include <memory>
#include <span>
#include <optional>
#include <string_view>

#include <simdjson.h>

#include "core/event.h"
#include "ingest/json_fields.h"

namespace ward::ingest {

class FieldView {
 public:
  // The fields of `e`, an event of `batch`, in the order the record has them. Fields read from
  // the raw record stay valid until a call for another record (asking again for the same
  // record reads it once); the batch's own as long as the batch.
  // An event with neither has no fields.
  std::span<const Field> of(const EventBatch& batch, const Event& e);

  // The first value of field `name` of `e`, or "" (same lifetime as of()).
  std::string_view value(const EventBatch& batch, const Event& e, std::string_view name);

 private:
  simdjson::dom::parser parser_;
  simdjson::padded_string padded_;  // the last raw record read, padded for simdjson
  std::optional<std::size_t> read_size_;  // its size; none before the first
  JsonFieldFlattener flattener_;
  // One event: the fields read from the last raw record (behind a pointer, so a FieldView can
  // move with the object that holds it).
  std::unique_ptr<EventBatch> fields_ = std::make_unique<EventBatch>();
};

}  // namespace ward::ingest
