// One `ward vulns match`: the stored inventory, with the SBOMs attached to its models, against the
// stored advisories (matcher.h), an SSVC decision per finding (ssvc_assessment.h), and the
// findings recorded with their remediation (remediation_store.h: new ones alerted once, an
// unchanged revision not again).
#pragma once

#include <filesystem>
#include <memory>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "devices/devices_config.h"
#include "devices/remediation.h"

namespace ward::devices {

struct MatchRun {
  std::vector<Finding> findings;             // in match_devices' order
  std::vector<std::shared_ptr<const SsvcAssessment>> assessments;  // one per finding (shared)
  std::vector<ReconciledFinding> reconciled; // every tracked finding with what this match did to it
};

// Errors: the store, a stored advisory that no longer parses (named by its source file).
Result<MatchRun> run_match(const std::filesystem::path& data_dir, const DevicesConfig& config, TimeNs now);

}  // namespace ward::devices
