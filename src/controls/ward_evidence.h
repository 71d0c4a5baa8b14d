// Evidence Ward finds in its own data, attached to the controls it bears on, with the numbers:
// business associates without a signed, current BAA (src/third_parties) and devices with open
// findings in CISA's KEV catalogue (the devices remediation store). Which controls each bears on
// is a table per built-in catalogue (ward_evidence.cc); other catalogues get none. Computed
// when asked, never stored, so it is as current as the data.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/error.h"
#include "devices/remediation.h"
#include "incidents/calendar_day.h"
#include "third_parties/vendor.h"

namespace ward::controls {

struct EvidenceNote {
  std::string control_id;
  std::string kind;         // "vendors_without_baa", "devices_with_kev"
  std::int64_t count = 0;   // business associates without a BAA; devices with open KEV findings
  std::string text;         // the sentence shown, with the numbers
};

// The notes from these vendors and findings for `catalog` (a builtin_catalogs.h name). Nothing
// about vendors when none is recorded, nothing about devices when no finding is tracked.
std::vector<EvidenceNote> evidence_from(const std::vector<third_parties::Vendor>& vendors,
                                        const std::vector<devices::TrackedFinding>& findings, const std::string& catalog,
                                        incidents::Day today);

// The same from the stores under `data_dir`.
Result<std::vector<EvidenceNote>> ward_evidence(const std::filesystem::path& data_dir, const std::string& catalog);

}  // namespace ward::controls
