// SSVC decisions for findings: the inputs derived for the (device, vulnerability) pair
// (ssvc_inputs.h) run through both published trees (ssvc_table.h): CERT/CC's deployer tree
// (defer / scheduled / out-of-cycle / immediate, Human Impact from Safety × Mission Impact) and
// CISA's (track / track* / attend / act). Thread-safe: reads its arguments only.
#pragma once

#include <memory>
#include <string>

#include <nlohmann/json.hpp>
#include <vector>

#include "devices/matcher.h"
#include "devices/ssvc_inputs.h"
#include "devices/ssvc_settings.h"
#include "devices/ssvc_table.h"

namespace ward::devices {

struct SsvcAssessment {
  std::string deployer;  // "immediate", "out-of-cycle", "scheduled", "defer"
  std::string cisa;      // "act", "attend", "track*", "track"
  // Exploitation, Automatable, Technical Impact, System Exposure, Safety Impact, Mission Impact,
  // Human Impact, Mission and Well-Being Impact: each with its value and reason.
  std::vector<SsvcInput> inputs;

  const std::string& outcome(SsvcTree tree) const { return tree == SsvcTree::cisa ? cisa : deployer; }
};

// Fails only when a derived value is not one the tables know (a bug; the error says which).
Result<SsvcAssessment> assess(const Device& device, const AdvisoryMatch& match, const AdvisoryFacts& facts,
                              const SsvcTables& tables, const SsvcSettings& settings);

// One assessment per finding, in order; `devices` holds every finding's device. Findings that share
// their match (one per vendor/model/version or OS) and their device's SSVC profile (segment,
// flags, clinical function) share one assessment.
Result<std::vector<std::shared_ptr<const SsvcAssessment>>> assess_findings(const std::vector<Finding>& findings, const std::vector<Device>& devices,
                                                    const AdvisoryFacts& facts, const SsvcTables& tables,
                                                    const SsvcSettings& settings);

// [{decision_point, value, reason, assumed}, …] as `ward vulns match --format json` gives them.
nlohmann::json ssvc_inputs_json(const std::vector<SsvcInput>& inputs);

// Outcomes most urgent first: 0 for immediate and act, 3 for defer and track; 4 for "".
int outcome_rank(const std::string& outcome);

}  // namespace ward::devices
