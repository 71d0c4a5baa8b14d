// Writing findings as CSV or JSON lines (finding_report.h).
#include "devices/finding_report.h"

#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/csv_field.h"

namespace ward::devices {

std::string findings_csv(const std::vector<Finding>& findings, const std::vector<std::string>& ssvc) {
  std::string out = "device_id,advisory_id,cve,product,version,matched_by,confidence,ssvc\n";
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    const AdvisoryMatch& m = *f.match;
    for (const std::string* field : {&f.device_id, &m.advisory_id, &m.cve, &m.product, &m.version, &m.matched_by}) {
      append_csv_field(out, *field);
      out += ',';
    }
    out += fmt::format("{:.2f},", m.confidence);
    if (i < ssvc.size()) append_csv_field(out, ssvc[i]);
    out += '\n';
  }
  return out;
}

std::string findings_json_lines(const std::vector<Finding>& findings, const std::vector<nlohmann::json>& extra) {
  std::string out;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    const AdvisoryMatch& m = *f.match;
    nlohmann::json j = {{"device_id", f.device_id},   {"advisory_id", m.advisory_id}, {"cve", m.cve},
                        {"product", m.product},       {"version", m.version},         {"matched_by", m.matched_by},
                        {"confidence", std::round(m.confidence * 100) / 100},
                        {"confirmed", m.confidence >= kConfirmed}, {"ssvc", nullptr}};
    if (!m.reason.empty()) j["reason"] = m.reason;
    if (m.cvss_base > 0) j["cvss_base"] = m.cvss_base;
    if (!m.component.empty()) j["component"] = m.component;
    if (i < extra.size()) j.update(extra[i]);
    out += j.dump();
    out += '\n';
  }
  return out;
}

}  // namespace ward::devices
