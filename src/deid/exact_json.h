// JSON read into nlohmann's ordered DOM and written back with every number as it was written:
// FHIR decimals carry their precision ("1.50" is not "1.5", "0.010" not "0.01"), which a double
// loses. A number with a fraction or an exponent is kept in the DOM as binary bytes of subtype
// kExactNumberSubtype holding its text; whole numbers stay integers. Nothing else changes: keys in
// their order, strings escaped as nlohmann escapes them (invalid UTF-8 replaced).
//
//   auto root = read_exact_json(text);          // Result<nlohmann::ordered_json>
//   ... change strings in *root ...
//   std::string out = write_exact_json(*root, -1);   // -1 compact, 2 pretty (as nlohmann's dump)
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace ward::deid {

inline constexpr std::uint8_t kExactNumberSubtype = 0x44;

// Fails with a message naming the byte where the JSON is not valid.
Result<nlohmann::ordered_json> read_exact_json(std::string_view text);

// `indent` < 0: no white space; otherwise newlines and `indent` spaces a level.
std::string write_exact_json(const nlohmann::ordered_json& root, int indent);

}  // namespace ward::deid
