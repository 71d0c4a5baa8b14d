#include "bench/json_baseline.h"

namespace ward::bench {

Result<std::uint64_t> parse_every_document(simdjson::dom::parser& parser, const simdjson::padded_string& text) {
  simdjson::dom::document_stream docs;
  if (auto error = parser.parse_many(text).get(docs); error) return fail(ErrorCode::internal, simdjson::error_message(error));
  std::uint64_t n = 0;
  for (auto doc : docs) {
    if (doc.error()) return fail(ErrorCode::invalid_input, simdjson::error_message(doc.error()));
    ++n;
  }
  return n;
}

}  // namespace ward::bench
