// Evidence from Ward's own data (ward_evidence.h).
#include "controls/ward_evidence.h"

#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "devices/remediation_store.h"
#include "third_parties/vendor_store.h"

namespace ward::controls {
namespace {

struct Bearing {
  const char* kind;
  const char* catalog;
  std::vector<const char*> controls;
};

// Which controls each kind of evidence bears on, per catalogue.
const std::vector<Bearing>& bearings() {
  static const std::vector<Bearing> kTable = {
      {"vendors_without_baa", "csf-2.0", {"GV.SC-05", "GV.SC-07"}},
      {"vendors_without_baa", "hph-cpg", {"hph-cpg-essential-10"}},
      {"devices_with_kev", "csf-2.0", {"ID.RA-01", "PR.PS-02"}},
      {"devices_with_kev", "hph-cpg", {"hph-cpg-essential-01"}},
      {"devices_with_kev", "hicp-405d", {"hicp-07", "hicp-09"}},
  };
  return kTable;
}

void attach(const std::string& kind, std::int64_t count, const std::string& text, const std::string& catalog,
            std::vector<EvidenceNote>& out) {
  for (const Bearing& b : bearings())
    if (kind == b.kind && catalog == b.catalog)
      for (const char* control : b.controls) out.push_back({control, kind, count, text});
}

// A business associate without a signed BAA in force today.
bool lacks_baa(const third_parties::Vendor& v, incidents::Day today) {
  if (!v.business_associate) return false;
  if (v.baa_status != "signed") return true;
  if (v.baa_expires.empty()) return false;
  auto expires = incidents::parse_day(v.baa_expires, "baa_expires");
  return expires && *expires < today;
}

// A finding from CISA KEV: matched on the KEV catalogue itself, or its CVE found in KEV when SSVC
// exploitation was decided (ssvc_inputs.cc writes "<cve> is in CISA KEV").
bool from_kev(const devices::TrackedFinding& f) {
  if (f.advisory_id == "CISA-KEV") return true;
  auto inputs = nlohmann::json::parse(f.ssvc_inputs, nullptr, false);
  if (!inputs.is_array()) return false;
  for (const auto& input : inputs)
    if (input.is_object() && input.value("reason", "").find(" is in CISA KEV") != std::string::npos) return true;
  return false;
}

std::string first_names(const std::vector<std::string>& names) {
  constexpr std::size_t kShown = 5;
  std::vector<std::string> shown(names.begin(), names.begin() + std::min(names.size(), kShown));
  return fmt::format("{}{}", fmt::join(shown, ", "), names.size() > kShown ? fmt::format(" and {} more", names.size() - kShown) : "");
}

}  // namespace

std::vector<EvidenceNote> evidence_from(const std::vector<third_parties::Vendor>& vendors,
                                        const std::vector<devices::TrackedFinding>& findings, const std::string& catalog,
                                        incidents::Day today) {
  std::vector<EvidenceNote> out;
  std::int64_t associates = 0;
  std::vector<std::string> lacking;
  for (const auto& v : vendors) {
    associates += v.business_associate;
    if (lacks_baa(v, today)) lacking.push_back(fmt::format("{} ({})", v.name, v.baa_status));
  }
  if (associates > 0) {
    const auto n = static_cast<std::int64_t>(lacking.size());
    attach("vendors_without_baa", n,
           n == 0 ? fmt::format("Ward: all {} business associates have a signed BAA in force", associates)
                  : fmt::format("Ward: {} of {} business associates have no signed BAA in force: {}", n, associates,
                                first_names(lacking)),
           catalog, out);
  }
  if (!findings.empty()) {
    std::set<std::string> devices_hit, cves;
    std::size_t open_kev = 0;
    for (const auto& f : findings) {
      if (!f.matched || f.state != devices::RemediationState::open || !from_kev(f)) continue;
      ++open_kev;
      devices_hit.insert(f.device_id);
      cves.insert(f.cve);
    }
    const auto n = static_cast<std::int64_t>(devices_hit.size());
    attach("devices_with_kev", n,
           n == 0 ? fmt::format("Ward: no open finding in CISA KEV among {} tracked findings", findings.size())
                  : fmt::format("Ward: {} devices have {} open findings in CISA KEV ({})", n, open_kev,
                                first_names(std::vector<std::string>(cves.begin(), cves.end()))),
           catalog, out);
  }
  return out;
}

Result<std::vector<EvidenceNote>> ward_evidence(const std::filesystem::path& data_dir, const std::string& catalog) {
  auto vendor_store = third_parties::VendorStore::open(data_dir);
  if (!vendor_store) return Unexpected(vendor_store.error());
  auto vendors = (*vendor_store)->list();
  if (!vendors) return Unexpected(vendors.error());
  auto remediation = devices::RemediationStore::open(data_dir);
  if (!remediation) return Unexpected(remediation.error());
  auto findings = remediation->findings();
  if (!findings) return Unexpected(findings.error());
  return evidence_from(*vendors, *findings, catalog, incidents::today_utc());
}

}  // namespace ward::controls
