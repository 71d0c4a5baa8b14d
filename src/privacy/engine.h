// The privacy engine: explain every EHR access in the store, run the detectors, group findings
// into cases, and keep the explanations and cases in the store. `ward privacy run` calls it;
// each run recomputes everything from the store, so ADT that arrived late explains the accesses
// it covers and their cases go (unless a person already reviewed them).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "core/error.h"
#include "privacy/detectors.h"
#include "privacy/explain.h"
#include "store/store.h"

namespace ward::privacy {

struct PrivacyConfig {
  std::vector<ExplanationRule> explanations = default_explanation_rules();
  DetectorOptions detectors;
};

// Reads the `privacy` section (explanations, neighbour_house_distance, bulk_export_count,
// bulk_export_window, out_of_care_window, off_hours_share, volume_min_patients,
// volume_deviations); absent keys keep their defaults.
Result<PrivacyConfig> privacy_config_from_yaml(const YAML::Node& section);

struct PrivacyRunSummary {
  std::uint64_t accesses = 0;
  std::uint64_t explained = 0;
  std::uint64_t unknown_users = 0;     // accesses whose user the directory does not know
  std::uint64_t unknown_patients = 0;  // … whose patient it does not know
  std::map<std::string, std::uint64_t> explained_by;  // rule code -> accesses
  std::map<std::string, std::uint64_t> findings;      // category -> accesses
  std::uint64_t cases = 0;
  double explained_share() const {
    return accesses == 0 ? 0.0 : static_cast<double>(explained) / static_cast<double>(accesses);
  }
};

Result<PrivacyRunSummary> run_privacy(store::Store& store, const PrivacyConfig& config);

}  // namespace ward::privacy
