// The CSAF <-> CycloneDX VEX vocabulary and VEX as an Advisory (vex.h).
#include "devices/vex.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

namespace ward::devices {
namespace {

std::string look_up(const std::map<std::string_view, std::string_view>& table, std::string_view key) {
  const auto it = table.find(key);
  return it == table.end() ? std::string() : std::string(it->second);
}

}  // namespace

std::string state_of_status(std::string_view status) {
  static const std::map<std::string_view, std::string_view> kTable = {
      {"known_affected", "exploitable"}, {"first_affected", "exploitable"}, {"last_affected", "exploitable"},
      {"known_not_affected", "not_affected"}, {"fixed", "resolved"}, {"first_fixed", "resolved"},
      {"under_investigation", "in_triage"}};
  return look_up(kTable, status);
}

std::string status_of_state(std::string_view state) {
  static const std::map<std::string_view, std::string_view> kTable = {
      {"exploitable", "known_affected"}, {"not_affected", "known_not_affected"}, {"false_positive", "known_not_affected"},
      {"resolved", "fixed"}, {"resolved_with_pedigree", "fixed"}, {"in_triage", "under_investigation"}};
  return look_up(kTable, state);
}

std::string cdx_justification_of(std::string_view label) {
  static const std::map<std::string_view, std::string_view> kTable = {
      {"component_not_present", "code_not_present"},
      {"vulnerable_code_not_present", "code_not_present"},
      {"vulnerable_code_not_in_execute_path", "code_not_reachable"},
      {"vulnerable_code_cannot_be_controlled_by_adversary", "requires_environment"},
      {"inline_mitigations_already_exist", "protected_by_mitigating_control"}};
  return look_up(kTable, label);
}

std::string csaf_justification_of(std::string_view justification) {
  static const std::map<std::string_view, std::string_view> kTable = {
      {"code_not_present", "vulnerable_code_not_present"},
      {"code_not_reachable", "vulnerable_code_not_in_execute_path"},
      {"requires_configuration", "vulnerable_code_cannot_be_controlled_by_adversary"},
      {"requires_dependency", "vulnerable_code_cannot_be_controlled_by_adversary"},
      {"requires_environment", "vulnerable_code_cannot_be_controlled_by_adversary"},
      {"protected_by_compiler", "inline_mitigations_already_exist"},
      {"protected_at_runtime", "inline_mitigations_already_exist"},
      {"protected_at_perimeter", "inline_mitigations_already_exist"},
      {"protected_by_mitigating_control", "inline_mitigations_already_exist"}};
  return look_up(kTable, justification);
}

std::string response_of(std::string_view category) {
  static const std::map<std::string_view, std::string_view> kTable = {
      {"vendor_fix", "update"}, {"workaround", "workaround_available"}, {"mitigation", "workaround_available"},
      {"no_fix_planned", "will_not_fix"}, {"none_available", "can_not_fix"}};
  return look_up(kTable, category);
}

std::string remediation_category_of(std::string_view response) {
  static const std::map<std::string_view, std::string_view> kTable = {
      {"update", "vendor_fix"}, {"rollback", "vendor_fix"}, {"workaround_available", "workaround"},
      {"will_not_fix", "no_fix_planned"}, {"can_not_fix", "none_available"}};
  return look_up(kTable, response);
}

void derive_cyclonedx_fields(VexStatement& s) {
  if (s.state.empty()) s.state = state_of_status(s.status);
  if (s.cdx_justification.empty() && !s.justification.empty()) s.cdx_justification = cdx_justification_of(s.justification);
  if (s.responses.empty()) {
    for (const VexRemediation& r : s.remediations) {
      std::string response = response_of(r.category);
      if (!response.empty() && std::find(s.responses.begin(), s.responses.end(), response) == s.responses.end()) {
        s.responses.push_back(std::move(response));
      }
    }
  }
  if (s.recommendation.empty() && !s.remediations.empty()) s.recommendation = s.remediations.front().details;
}

void derive_csaf_fields(VexStatement& s) {
  if (s.status.empty()) s.status = status_of_state(s.state);
  if (s.justification.empty() && !s.cdx_justification.empty()) s.justification = csaf_justification_of(s.cdx_justification);
  if (s.remediations.empty()) {
    for (const std::string& response : s.responses) {
      if (std::string category = remediation_category_of(response); !category.empty()) {
        s.remediations.push_back({std::move(category), s.recommendation.empty() ? fmt::format("response: {}", response) : s.recommendation});
      }
    }
  }
}

Advisory advisory_from_vex(const VexDocument& vex, std::string kind) {
  Advisory a;
  a.id = vex.id;
  a.revision = vex.revision;
  a.title = vex.title;
  a.kind = std::move(kind);
  for (const VexProduct& p : vex.products) {
    AdvisoryProduct ap;
    ap.product_id = p.id;
    ap.vendor = p.vendor;
    ap.product_name = p.name.empty() ? p.id : p.name;
    ap.version_text = p.version;
    ap.range = p.version.empty() ? VersionRange{VersionRange::Kind::all, {}, {}} : parse_version_range(p.version);
    ap.full_name = p.version.empty() ? ap.product_name : fmt::format("{} {}", ap.product_name, p.version);
    if (!p.cpe.empty()) ap.cpes.push_back(p.cpe);
    if (!p.purl.empty()) ap.purls.push_back(p.purl);
    a.products.push_back(std::move(ap));
  }
  std::map<std::string, AdvisoryVulnerability> by_cve;
  for (const VexStatement& s : vex.statements) {
    AdvisoryVulnerability& v = by_cve[s.cve];
    v.cve = s.cve;
    const std::string_view status = s.status;
    if (status == "known_affected" || status == "first_affected" || status == "last_affected") v.affected.push_back(s.product_id);
    else if (status == "fixed" || status == "first_fixed") v.fixed.push_back(s.product_id);
    else if (status == "known_not_affected") v.not_affected.push_back(s.product_id);
    else if (status == "under_investigation") v.investigating.push_back(s.product_id);
    for (const VexRemediation& r : s.remediations) v.remediations.push_back(fmt::format("{}: {}", r.category, r.details));
  }
  for (auto& [cve, v] : by_cve) a.vulnerabilities.push_back(std::move(v));
  return a;
}

}  // namespace ward::devices
