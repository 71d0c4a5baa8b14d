// How `ward scan` shows findings: text lines (file:line:column, type, confidence, reason, the
// value masked), JSON lines (one object per finding) and a SARIF 2.1.0 log. The PHI itself is
// printed only when asked (`show`).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "phi/finding.h"

namespace ward::phi {

struct Position {
  std::size_t line = 1, column = 1;  // 1-based; column in Unicode code points
};

// Line and column of each offset in `offsets` (ascending) within `text`.
std::vector<Position> positions_of(std::string_view text, const std::vector<std::size_t>& offsets);

// Letters and digits become '*', other characters stay ("***-**-****", "****@*****.***");
// line breaks become spaces.
std::string mask(std::string_view value);

std::string format_text(std::string_view file, std::string_view text, const std::vector<Finding>& findings, bool show);
std::string format_json_lines(std::string_view file, std::string_view text, const std::vector<Finding>& findings, bool show);

// SARIF: results for one file (appended to `results`), then the whole log.
void add_sarif_results(std::string_view file, std::string_view text, const std::vector<Finding>& findings, bool show,
                       nlohmann::json& results);
nlohmann::json sarif_log(nlohmann::json results, std::string_view tool_version);

}  // namespace ward::phi
