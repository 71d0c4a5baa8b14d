// SSVC decisions for findings (ssvc_assessment.h).
#include "devices/ssvc_assessment.h"

#include <map>
#include <optional>
#include <tuple>
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

Result<std::vector<std::shared_ptr<const SsvcAssessment>>> assess_findings(const std::vector<Finding>& findings,
                                                                           const std::vector<Device>& devices,
                                                                           const AdvisoryFacts& facts, const SsvcTables& tables,
                                                                           const SsvcSettings& settings) {
  // Devices with the same SSVC profile get the same profile number.
  using Profile = std::tuple<std::string, std::optional<bool>, std::optional<bool>, std::string>;
  std::map<Profile, std::size_t> profiles;
  std::unordered_map<std::string, std::pair<const Device*, std::size_t>> by_id;
  for (const Device& d : devices) {
    const auto p = profiles.try_emplace({d.network_segment, d.patient_connected, d.life_sustaining, d.clinical_function},
                                        profiles.size());
    by_id.emplace(d.device_id, std::pair{&d, p.first->second});
  }
  std::map<std::pair<const AdvisoryMatch*, std::size_t>, std::shared_ptr<const SsvcAssessment>> done;
  std::vector<std::shared_ptr<const SsvcAssessment>> out;
  out.reserve(findings.size());
  for (const Finding& f : findings) {
    const auto it = by_id.find(f.device_id);
    if (it == by_id.end()) return fail(ErrorCode::internal, fmt::format("finding for unknown device {}", f.device_id));
    auto& shared = done[{f.match.get(), it->second.second}];
    if (!shared) {
      auto a = assess(*it->second.first, *f.match, facts, tables, settings);
      if (!a) return Unexpected(a.error());
      shared = std::make_shared<const SsvcAssessment>(std::move(*a));
    }
    out.push_back(shared);
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
