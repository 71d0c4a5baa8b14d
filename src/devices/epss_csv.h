// FIRST's EPSS scores CSV (epss_scores-YYYY-MM-DD.csv, uncompressed): an optional comment line
// "#model_version:…,score_date:2026-11-30T00:00:00+0000", then the header cve,epss,percentile and
// one row per CVE. Shown beside CVSS in the worklist; SSVC does not use them.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/error.h"
#include "devices/remediation_store.h"

namespace ward::devices {

// Fails on the first bad row, naming its line ("epss.csv:7: epss: \"high\" is not a number 0–1").
Result<std::map<std::string, EpssScore>> parse_epss_csv(std::string_view text, std::string_view source);

}  // namespace ward::devices
