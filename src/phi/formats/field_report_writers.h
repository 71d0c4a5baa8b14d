// How `ward scan` shows findings of structured inputs: a text line (file:line: location: type
// (confidence): reason: masked value), a JSON object per finding, SARIF results with a logical
// location. Like report_writers.h, the PHI itself only when asked (`show`).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "phi/formats/field_finding.h"

namespace ward::phi {

std::string format_field_text(std::string_view file, const std::vector<FieldFinding>& findings, bool show);
std::string format_field_json_lines(std::string_view file, const std::vector<FieldFinding>& findings, bool show);
void add_sarif_field_results(std::string_view file, const std::vector<FieldFinding>& findings, bool show,
                             nlohmann::json& results);

}  // namespace ward::phi
