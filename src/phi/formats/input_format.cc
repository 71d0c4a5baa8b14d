// Input format detection for `ward scan` (input_format.h).
#include "phi/formats/input_format.h"

#include <filesystem>

#include "ingest/fhir/fhir_parser.h"
#include "ingest/hl7v2/hl7v2_parser.h"

namespace ward::phi {
namespace {

std::string lower_extension(std::string_view path) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (char& c : ext)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return ext;
}

}  // namespace

std::string_view to_string(InputFormat format) {
  switch (format) {
    case InputFormat::hl7v2: return "hl7v2";
    case InputFormat::fhir: return "fhir";
    case InputFormat::csv: return "csv";
    case InputFormat::text: break;
  }
  return "text";
}

std::optional<InputFormat> input_format_from(std::string_view name) {
  for (InputFormat f : {InputFormat::text, InputFormat::hl7v2, InputFormat::fhir, InputFormat::csv})
    if (to_string(f) == name) return f;
  return std::nullopt;
}

InputFormat detect_input_format(std::string_view path, std::string_view head) {
  const std::string ext = lower_extension(path);
  if (ext == ".hl7") return InputFormat::hl7v2;
  if (ext == ".csv" || ext == ".tsv") return InputFormat::csv;
  if (ingest::looks_like_fhir_json(head)) return InputFormat::fhir;
  if (ingest::looks_like_hl7v2(head)) return InputFormat::hl7v2;
  return InputFormat::text;
}

}  // namespace ward::phi
