// Which reader a file goes to in `ward scan`: free text, HL7 v2, FHIR JSON/NDJSON or CSV, by the
// name's extension first and then by the first bytes (an "MSH|" line, a JSON object with
// resourceType). --input-format overrides the guess.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace ward::phi {

enum class InputFormat : std::uint8_t { text, hl7v2, fhir, csv };

std::string_view to_string(InputFormat format);
// "text", "hl7v2", "fhir", "csv"; nullopt for anything else.
std::optional<InputFormat> input_format_from(std::string_view name);

// .hl7 → hl7v2; .csv/.tsv → csv; .json/.ndjson holding a FHIR resource → fhir; otherwise by
// content: an HL7 v2 message or a FHIR resource at the start, else text.
InputFormat detect_input_format(std::string_view path, std::string_view head);

}  // namespace ward::phi
