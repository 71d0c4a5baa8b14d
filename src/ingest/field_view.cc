#include "ingest/field_view.h"

#include <cstring>

namespace ward::ingest {

std::span<const Field> FieldView::of(const EventBatch& batch, const Event& e) {
  if (e.field_count > 0 || e.raw_format != RawFormat::json || e.raw.empty())
    return batch.fields_of(e);
  if (read_size_ && std::string_view(padded_.data(), *read_size_) == e.raw)
    return fields_->fields_of(fields_->events().front());
  fields_->clear();
  const Event& read = fields_->start_event();
  // The raw record parsed when the event was made, so it parses again; should it not (a caller
  // that edited raw), the event simply has no fields.
  if (padded_.size() < e.raw.size())
    padded_ = simdjson::padded_string(e.raw.size() + e.raw.size() / 2);
  std::memcpy(padded_.data(), e.raw.data(), e.raw.size());
  read_size_ = e.raw.size();
  std::memset(padded_.data() + e.raw.size(), ' ', simdjson::SIMDJSON_PADDING);
  simdjson::dom::element root;
  if (parser_.parse(padded_.data(), e.raw.size(), false).get(root) == simdjson::SUCCESS)
    flattener_.add(root, *fields_);
  return fields_->fields_of(read);
}

std::string_view FieldView::value(const EventBatch& batch, const Event& e, std::string_view name) {
  for (const Field& f : of(batch, e))
    if (f.name == name) return f.value;
  return {};
}

}  // namespace ward::ingest
