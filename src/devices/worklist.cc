// The remediation worklist (worklist.h).
#include "devices/worklist.h"

#include <algorithm>
#include <cmath>
#include <tuple>
#include <unordered_map>

#include <fmt/format.h>

#include "core/ascii_case.h"
#include "core/csv_field.h"

namespace ward::devices {

std::vector<WorklistItem> build_worklist(const std::vector<TrackedFinding>& findings, const std::vector<Device>& devices,
                                         const std::map<std::string, EpssScore>& epss, const SsvcSettings& settings,
                                         const std::string& today, const WorklistOptions& options) {
  std::unordered_map<std::string, const Device*> by_id;
  for (const Device& d : devices) by_id.emplace(d.device_id, &d);
  const std::string department = ascii_lower(options.department);
  std::vector<WorklistItem> out;
  for (const TrackedFinding& f : findings) {
    if (!f.matched) continue;
    if (options.confirmed && f.confidence < kConfirmed) continue;
    const auto device = by_id.find(f.device_id);
    if (device == by_id.end()) continue;  // the device left the inventory
    if (!department.empty() && ascii_lower(device->second->department) != department) continue;
    WorklistItem item{f, device->second->department, device->second->clinical_function,
                      settings.tree == SsvcTree::cisa ? f.ssvc_cisa : f.ssvc_deployer, due_date(f, settings)};
    item.acceptance_expired = acceptance_expired(f, today);
    const bool to_do = f.state == RemediationState::open || item.acceptance_expired;
    if (!to_do && !options.all) continue;
    item.overdue = to_do && item.due && *item.due < today;
    if (const auto it = epss.find(f.cve); it != epss.end()) item.epss = it->second;
    out.push_back(std::move(item));
  }
  const auto key = [](const WorklistItem& i) {
    return std::make_tuple(outcome_rank(i.ssvc), i.due.value_or("9999-99-99"), -i.finding.cvss_base,
                           -(i.epss ? i.epss->epss : 0.0), std::cref(i.finding.device_id), std::cref(i.finding.advisory_id),
                           std::cref(i.finding.cve));
  };
  std::sort(out.begin(), out.end(), [&](const WorklistItem& a, const WorklistItem& b) { return key(a) < key(b); });
  return out;
}

std::string worklist_csv(const std::vector<WorklistItem>& items) {
  std::string out = "rank,device_id,department,advisory_id,cve,product,version,ssvc,due,state,cvss,epss,confidence,matched_by\n";
  for (std::size_t r = 0; r < items.size(); ++r) {
    const WorklistItem& i = items[r];
    const TrackedFinding& f = i.finding;
    out += fmt::format("{},", r + 1);
    const std::string state = i.acceptance_expired ? "risk_accepted (expired)" : std::string(to_string(f.state));
    for (const std::string* field : {&f.device_id, &i.department, &f.advisory_id, &f.cve, &f.product, &f.version, &i.ssvc}) {
      append_csv_field(out, *field);
      out += ',';
    }
    out += i.due.value_or("");
    out += ',';
    append_csv_field(out, state);
    out += ',';
    if (f.cvss_base > 0) out += fmt::format("{:.1f}", f.cvss_base);
    out += ',';
    if (i.epss) out += fmt::format("{:.5f}", i.epss->epss);
    out += fmt::format(",{:.2f},", f.confidence);
    append_csv_field(out, f.matched_by);
    out += '\n';
  }
  return out;
}

nlohmann::json worklist_item_json(const WorklistItem& i, std::size_t rank) {
  const TrackedFinding& f = i.finding;
  nlohmann::json j = {{"rank", rank},
                      {"device_id", f.device_id},
                      {"department", i.department},
                      {"clinical_function", i.clinical_function},
                      {"advisory_id", f.advisory_id},
                      {"advisory_revision", f.advisory_revision},
                      {"cve", f.cve},
                      {"product", f.product},
                      {"version", f.version},
                      {"matched_by", f.matched_by},
                      {"confidence", std::round(f.confidence * 100) / 100},
                      {"ssvc", i.ssvc},
                      {"ssvc_deployer", f.ssvc_deployer},
                      {"ssvc_cisa", f.ssvc_cisa},
                      {"ssvc_inputs", nlohmann::json::parse(f.ssvc_inputs, nullptr, false)},
                      {"due", i.due ? nlohmann::json(*i.due) : nlohmann::json(nullptr)},
                      {"overdue", i.overdue},
                      {"state", to_string(f.state)},
                      {"evidence", f.evidence},
                      {"change_note", f.change_note}};
  if (!f.expires.empty()) j["expires"] = f.expires;
  if (i.acceptance_expired) j["acceptance_expired"] = true;
  if (f.cvss_base > 0) j["cvss_base"] = f.cvss_base;
  if (i.epss) j["epss"] = {{"score", i.epss->epss}, {"percentile", i.epss->percentile}, {"date", i.epss->score_date}};
  return j;
}

std::string worklist_json_lines(const std::vector<WorklistItem>& items) {
  std::string out;
  for (std::size_t r = 0; r < items.size(); ++r) {
    out += worklist_item_json(items[r], r + 1).dump();
    out += '\n';
  }
  return out;
}

}  // namespace ward::devices
