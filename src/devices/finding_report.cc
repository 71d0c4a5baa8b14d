// Writing findings as CSV or JSON lines (finding_report.h).
#include "devices/finding_report.h"

#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/csv_field.h"

namespace ward::devices {

std::string findings_csv(const std::vector<Finding>& findings) {
  std::string out = "device_id,advisory_id,cve,product,version,matched_by,confidence,ssvc\n";
  for (const Finding& f : findings) {
    for (const std::string* field : {&f.device_id, &f.advisory_id, &f.cve, &f.product, &f.version, &f.matched_by}) {
      append_csv_field(out, *field);
      out += ',';
    }
    out += fmt::format("{:.2f},\n", f.confidence);
  }
  return out;
}

std::string findings_json_lines(const std::vector<Finding>& findings) {
  std::string out;
  for (const Finding& f : findings) {
    nlohmann::json j = {{"device_id", f.device_id},   {"advisory_id", f.advisory_id}, {"cve", f.cve},
                        {"product", f.product},       {"version", f.version},         {"matched_by", f.matched_by},
                        {"confidence", std::round(f.confidence * 100) / 100},
                        {"confirmed", f.confidence >= kConfirmed}, {"ssvc", nullptr}};
    if (!f.reason.empty()) j["reason"] = f.reason;
    if (f.cvss_base > 0) j["cvss_base"] = f.cvss_base;
    out += j.dump();
    out += '\n';
  }
  return out;
}

}  // namespace ward::devices
