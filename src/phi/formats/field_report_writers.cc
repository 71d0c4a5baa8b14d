// Output of structured findings (field_report_writers.h).
#include "phi/formats/field_report_writers.h"

#include <fmt/format.h>

#include "phi/report_writers.h"

namespace ward::phi {
namespace {

std::string shown(const FieldFinding& f, bool show) {
  if (!show) return mask(f.value);
  std::string out = f.value;
  for (char& c : out)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return out;
}

nlohmann::json finding_json(const FieldFinding& f) {
  nlohmann::json row = {{"location", f.location},     {"value_offset", f.value_begin}, {"value_end", f.value_end},
                        {"type", std::string(to_string(f.type))}, {"confidence", f.confidence}, {"reason", f.reason},
                        {"masked", mask(f.value)}};
  if (f.line > 0) row["line"] = f.line;
  return row;
}

}  // namespace

std::string format_field_text(std::string_view file, const std::vector<FieldFinding>& findings, bool show) {
  std::string out;
  // file:line: …, or file: … where lines mean nothing (DICOM, images); no value for a whole file (an image)
  for (const FieldFinding& f : findings)
    out += fmt::format("{}{}: {}: {} ({:.2f}): {}{}\n", file, f.line > 0 ? fmt::format(":{}", f.line) : std::string(),
                       f.location, to_string(f.type), f.confidence, f.reason,
                       f.value.empty() ? std::string() : ": " + shown(f, show));
  return out;
}

std::string format_field_json_lines(std::string_view file, const std::vector<FieldFinding>& findings, bool show) {
  std::string out;
  for (const FieldFinding& f : findings) {
    nlohmann::json row = finding_json(f);
    row["file"] = std::string(file);
    if (show) row["text"] = shown(f, true);
    out += row.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    out += '\n';
  }
  return out;
}

void add_sarif_field_results(std::string_view file, const std::vector<FieldFinding>& findings, bool show,
                             nlohmann::json& results) {
  for (const FieldFinding& f : findings) {
    nlohmann::json physical = {{"artifactLocation", {{"uri", std::string(file)}}}};
    if (f.line > 0) physical["region"] = {{"startLine", f.line}};
    if (show && f.line > 0) physical["region"]["snippet"] = {{"text", shown(f, true)}};
    results.push_back({{"ruleId", std::string(to_string(f.type))},
                       {"ruleIndex", static_cast<int>(f.type)},
                       {"level", "error"},
                       {"message", {{"text", fmt::format("{}: {} ({})", describe(f.type), f.reason, mask(f.value))}}},
                       {"rank", f.confidence * 100},
                       {"properties", {{"confidence", f.confidence}}},
                       {"locations",
                        {{{"physicalLocation", physical}, {"logicalLocations", {{{"fullyQualifiedName", f.location}}}}}}}});
  }
}

}  // namespace ward::phi
