// SSVC decisions for findings (ssvc_assessment.h).
#include "devices/ssvc_assessment.h"

#include <unordered_map>

#include <fmt/format.h>

namespace ward::devices {

Result<SsvcAssessment> assess(const Device& device, const AdvisoryMatch& match, const AdvisoryFacts& facts,
                              const SsvcTables& tables, const SsvcSettings& settings) {
  const VulnerabilityFacts& f = facts.find(match.advisory_id, match.cve);
  SsvcAssessment a;
  const SsvcInput e = exploitation(match.cve, f, facts);
  const SsvcInput au = automatable(f);
  const SsvcInput ti = technical_impact(f);
  const SsvcInput ex = system_exposure(device, settings.exposure);
  const SsvcInput si = safety_impact(device);
  const SsvcInput mi = mission_impact(device);
  const SsvcInput mwi = mission_well_being(device);
  auto human = tables.human_impact.decide({si.value, mi.value});
  if (!human) return Unexpected(human.error());
  const SsvcInput hi{"Human Impact", *human, fmt::format("safety impact {} × mission impact {} ({} table {})", si.value, mi.value,
                                                         tables.human_impact.name(), tables.human_impact.version()),
                     si.assumed || mi.assumed};
  auto deployer = tables.deployer.decide({e.value, ex.value, au.value, hi.value});
  if (!deployer) return Unexpected(deployer.error());
  auto cisa = tables.cisa.decide({e.value, au.value, ti.value, mwi.value});
  if (!cisa) return Unexpected(cisa.error());
  a.deployer = std::move(*deployer);
  a.cisa = std::move(*cisa);
  a.inputs = {e, au, ti, ex, si, mi, hi, mwi};
  return a;
}

Result<std::vector<SsvcAssessment>> assess_findings(const std::vector<Finding>& findings, const std::vector<Device>& devices,
                                                    const AdvisoryFacts& facts, const SsvcTables& tables,
                                                    const SsvcSettings& settings) {
  std::unordered_map<std::string, const Device*> by_id;
  for (const Device& d : devices) by_id.emplace(d.device_id, &d);
  std::vector<SsvcAssessment> out;
  out.reserve(findings.size());
  for (const Finding& f : findings) {
    const auto it = by_id.find(f.device_id);
    if (it == by_id.end()) return fail(ErrorCode::internal, fmt::format("finding for unknown device {}", f.device_id));
    auto a = assess(*it->second, *f.match, facts, tables, settings);
    if (!a) return Unexpected(a.error());
    out.push_back(std::move(*a));
  }
  return out;
}

nlohmann::json ssvc_inputs_json(const std::vector<SsvcInput>& inputs) {
  nlohmann::json out = nlohmann::json::array();
  for (const SsvcInput& i : inputs) {
    out.push_back({{"decision_point", i.decision_point}, {"value", i.value}, {"reason", i.reason}, {"assumed", i.assumed}});
  }
  return out;
}

int outcome_rank(const std::string& outcome) {
  static const std::unordered_map<std::string, int> kRank = {
      {"immediate", 0}, {"act", 0}, {"out-of-cycle", 1}, {"attend", 1}, {"scheduled", 2}, {"track*", 2}, {"defer", 3}, {"track", 3}};
  const auto it = kRank.find(outcome);
  return it == kRank.end() ? 4 : it->second;
}

}  // namespace ward::devices
