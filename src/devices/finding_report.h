// Findings as the `ward vulns match` output: CSV with the columns
// device_id,advisory_id,cve,product,version,matched_by,confidence,ssvc (ssvc is empty until the
// SSVC slice exists), or JSON lines carrying the reason and CVSS besides.
#pragma once

#include <string>
#include <vector>

#include "devices/matcher.h"

namespace ward::devices {

std::string findings_csv(const std::vector<Finding>& findings);
std::string findings_json_lines(const std::vector<Finding>& findings);

}  // namespace ward::devices
