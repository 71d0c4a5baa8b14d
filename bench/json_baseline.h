// The baselines' floor for JSON inputs: simdjson parsing every document of an NDJSON stream and
// nothing more (`ward bench ingest`, `detect`, `deid` set their figures beside it).
#pragma once

#include <cstdint>

#include <simdjson.h>

#include "core/error.h"

namespace ward::bench {

// How many documents `text` holds, each parsed; an error names the first that does not parse.
Result<std::uint64_t> parse_every_document(simdjson::dom::parser& parser, const simdjson::padded_string& text);

}  // namespace ward::bench
