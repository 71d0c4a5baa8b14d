// Findings as the `ward vulns match` output: CSV with the columns
// device_id,advisory_id,cve,product,version,matched_by,confidence,ssvc (ssvc: each finding's
// SSVC outcome when given, else empty), or JSON lines carrying the reason and CVSS besides, and
// per finding any extra fields given (SSVC inputs, remediation state).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "devices/matcher.h"

namespace ward::devices {

// `ssvc`: one outcome per finding, or empty for an empty column.
std::string findings_csv(const std::vector<Finding>& findings, const std::vector<std::string>& ssvc = {});
// `extra`: one JSON object per finding, merged into its line, or empty.
std::string findings_json_lines(const std::vector<Finding>& findings, const std::vector<nlohmann::json>& extra = {});

}  // namespace ward::devices
