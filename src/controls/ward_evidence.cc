// Evidence from Ward's own data (ward_evidence.h).
#include "controls/ward_evidence.h"

#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/plural.h"
#include "core/time.h"
#include "identity/mfa_import.h"
#include "devices/remediation_store.h"
#include "store/capability_db.h"
#include "store/store.h"
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
      {"mfa_coverage", "csf-2.0", {"PR.AA-03"}},
      {"mfa_coverage", "hph-cpg", {"hph-cpg-essential-03"}},
      {"mfa_coverage", "hicp-405d", {"hicp-03"}},
      {"mfa_coverage", "hipaa-security", {"hipaa-164.312-d"}},
      {"privacy_case_closing", "csf-2.0", {"DE.AE-02"}},
      {"privacy_case_closing", "hicp-405d", {"hicp-08"}},
      {"privacy_case_closing", "hipaa-security", {"hipaa-164.308-a-1-ii-D"}},
      {"alert_closing", "csf-2.0", {"DE.AE-02", "RS.MA-02"}},
      {"alert_closing", "hph-cpg", {"hph-cpg-enhanced-06"}},
      {"alert_closing", "hicp-405d", {"hicp-08"}},
      {"alert_closing", "hipaa-security", {"hipaa-164.308-a-6-ii"}},
      {"ai_systems", "csf-2.0", {"ID.AM-02"}},
      {"ai_systems", "hph-cpg", {"hph-cpg-enhanced-01"}},
      {"ai_systems", "hicp-405d", {"hicp-05"}},
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

// Mean days from opening to closing over the closings with both times in order; `counted` is
// how many had them.
std::optional<double> mean_days_to_close(const std::vector<store::Closing>& closings, std::int64_t& counted) {
  double total_days = 0;
  counted = 0;
  for (const auto& c : closings) {
    if (c.opened <= 0 || c.closed < c.opened) continue;
    total_days += static_cast<double>(c.closed - c.opened) / (86'400.0 * kNsPerSecond);
    ++counted;
  }
  if (counted == 0) return std::nullopt;
  return total_days / static_cast<double>(counted);
}

std::string mfa_note(const std::optional<identity::MfaImport>& mfa) {
  if (!mfa) return "Ward: MFA coverage unknown: no identity-provider export imported (ward program mfa import FILE)";
  if (mfa->coverage.enabled == 0)
    return fmt::format("Ward: MFA coverage unknown: the export {} lists no enabled account", identity::provenance(*mfa));
  return fmt::format("Ward: MFA coverage {}, {}", identity::coverage_text(mfa->coverage), identity::provenance(*mfa));
}

// "…closed in 3.0 days on average after <since> (2 closed cases, from <where>); 5 open", or that none was closed.
std::string closing_note(const char* what_plural, const char* one, const char* many, const std::optional<double>& mean,
                         std::int64_t closed, std::int64_t open, const char* since, const char* where) {
  const std::string open_text = counted(open, fmt::format("open {}", one), fmt::format("open {}", many));
  if (!mean) return fmt::format("Ward: no {} closed yet, so no mean time to close ({})", one, open_text);
  return fmt::format("Ward: {} closed in {} on average after {} ({}, from {}); {}", what_plural, mean_time_text(*mean), since,
                     counted(closed, fmt::format("closed {}", one), fmt::format("closed {}", many)), where, open_text);
}

std::string ai_note(const WardFigures& f) {
  const auto shadow = static_cast<std::int64_t>(f.shadow_ai_services.size());
  if (f.ai_systems == 0 && shadow == 0)
    return "Ward: no AI system in the registry and no AI service used without approval in the logs of the last 30 days";
  const std::string registry = f.ai_systems == 0
                                   ? std::string("no AI system in the registry")
                                   : fmt::format("{} of {} approved in the registry", f.ai_systems_approved,
                                                 counted(f.ai_systems, "AI system", "AI systems"));
  if (shadow == 0) return fmt::format("Ward: {}; no AI service used without approval in the logs of the last 30 days", registry);
  return fmt::format("Ward: {}; {} used without approval in the logs of the last 30 days ({})", registry,
                     counted(shadow, "AI service", "AI services"), first_names(f.shadow_ai_services));
}

}  // namespace

WardFigures ward_figures(const WardData& data, incidents::Day today) {
  WardFigures f;
  for (const auto& v : data.vendors) {
    f.business_associates += v.business_associate;
    if (lacks_baa(v, today)) f.vendors_lacking.push_back(fmt::format("{} ({})", v.name, v.baa_status));
  }
  f.vendors_without_baa = static_cast<std::int64_t>(f.vendors_lacking.size());
  f.tracked_findings = static_cast<std::int64_t>(data.findings.size());
  std::set<std::string> devices_hit, cves;
  for (const auto& finding : data.findings) {
    if (!finding.matched || finding.state != devices::RemediationState::open || !from_kev(finding)) continue;
    ++f.open_kev_findings;
    devices_hit.insert(finding.device_id);
    cves.insert(finding.cve);
  }
  f.devices_with_kev = static_cast<std::int64_t>(devices_hit.size());
  f.kev_cves.assign(cves.begin(), cves.end());
  for (const auto& t : data.case_tallies)
    if (t.status == "new" || t.status == "in_review") f.open_privacy_cases += static_cast<std::int64_t>(t.cases);
  f.mean_days_to_close = mean_days_to_close(data.case_closings, f.closed_privacy_cases);
  for (const auto& t : data.alert_tallies)
    if (t.status != "closed") f.open_alerts += static_cast<std::int64_t>(t.alerts);
  f.mean_days_to_close_alerts = mean_days_to_close(data.alert_closings, f.closed_alerts);
  f.mfa = data.mfa;
  for (const auto& system : data.ai_systems) {
    ++f.ai_systems;
    f.ai_systems_approved += system.status == "approved";
  }
  std::set<std::string> shadow;
  for (const auto& [key, row] : data.ai_usage)
    if (key.status != ai_governance::UsageStatus::approved) shadow.insert(key.service);
  f.shadow_ai_services.assign(shadow.begin(), shadow.end());
  return f;
}

std::vector<EvidenceNote> evidence_notes(const WardFigures& f, const std::string& catalog) {
  std::vector<EvidenceNote> out;
  if (f.business_associates > 0) {
    const auto n = f.vendors_without_baa;
    const std::string all = counted(f.business_associates, "business associate", "business associates");
    attach("vendors_without_baa", n,
           n == 0 ? fmt::format("Ward: {} {} {} a signed BAA in force", f.business_associates == 1 ? "the" : "all", all,
                                f.business_associates == 1 ? "has" : "have")
                  : fmt::format("Ward: {} of {} {} no signed BAA in force: {}", n, all, n == 1 ? "has" : "have",
                                first_names(f.vendors_lacking)),
           catalog, out);
  }
  if (f.tracked_findings > 0) {
    const auto n = f.devices_with_kev;
    attach("devices_with_kev", n,
           n == 0 ? fmt::format("Ward: no open finding in CISA KEV among {}",
                                counted(f.tracked_findings, "tracked finding", "tracked findings"))
                  : fmt::format("Ward: {} {} {} in CISA KEV ({})", counted(n, "device", "devices"), n == 1 ? "has" : "have",
                                counted(f.open_kev_findings, "open finding", "open findings"), first_names(f.kev_cves)),
           catalog, out);
  }
  attach("mfa_coverage", f.mfa ? f.mfa->coverage.enabled - f.mfa->coverage.enabled_with_mfa : 0, mfa_note(f.mfa), catalog, out);
  attach("privacy_case_closing", f.closed_privacy_cases,
         closing_note("privacy cases", "privacy case", "privacy cases", f.mean_days_to_close, f.closed_privacy_cases,
                      f.open_privacy_cases, "their last access", "case review"),
         catalog, out);
  attach("alert_closing", f.closed_alerts,
         closing_note("alerts", "alert", "alerts", f.mean_days_to_close_alerts, f.closed_alerts, f.open_alerts,
                      "Ward raised them", "their status changes"),
         catalog, out);
  attach("ai_systems", static_cast<std::int64_t>(f.shadow_ai_services.size()), ai_note(f), catalog, out);
  return out;
}

std::vector<EvidenceNote> evidence_from(const std::vector<third_parties::Vendor>& vendors,
                                        const std::vector<devices::TrackedFinding>& findings, const std::string& catalog,
                                        incidents::Day today) {
  WardData data;
  data.vendors = vendors;
  data.findings = findings;
  return evidence_notes(ward_figures(data, today), catalog);
}

Result<WardFigures> ward_figures(const std::filesystem::path& data_dir, incidents::Day today) {
  WardData data;
  auto vendor_store = third_parties::VendorStore::open(data_dir);
  if (!vendor_store) return Unexpected(vendor_store.error());
  auto vendors = (*vendor_store)->list();
  if (!vendors) return Unexpected(vendors.error());
  data.vendors = std::move(*vendors);
  auto remediation = devices::RemediationStore::open(data_dir);
  if (!remediation) return Unexpected(remediation.error());
  auto findings = remediation->findings();
  if (!findings) return Unexpected(findings.error());
  data.findings = std::move(*findings);
  auto main_store = store::open_sqlite_store(data_dir);
  if (!main_store) return Unexpected(main_store.error());
  auto cases = (*main_store)->case_tallies();
  if (!cases) return Unexpected(cases.error());
  data.case_tallies = std::move(*cases);
  auto db = store::open_capability_db(data_dir);
  if (!db) return Unexpected(db.error());
  auto closings = store::case_closings(*db);
  if (!closings) return Unexpected(closings.error());
  data.case_closings = std::move(*closings);
  auto alerts = (*main_store)->alert_tallies();
  if (!alerts) return Unexpected(alerts.error());
  data.alert_tallies = std::move(*alerts);
  auto alert_closings = store::alert_closings(*db);
  if (!alert_closings) return Unexpected(alert_closings.error());
  data.alert_closings = std::move(*alert_closings);
  auto mfa = identity::MfaStore::open(data_dir);
  if (!mfa) return Unexpected(mfa.error());
  auto latest = mfa->latest();
  if (!latest) return Unexpected(latest.error());
  data.mfa = std::move(*latest);
  auto ai = ai_governance::AiStore::open(data_dir);
  if (!ai) return Unexpected(ai.error());
  auto systems = ai->systems();
  if (!systems) return Unexpected(systems.error());
  data.ai_systems = std::move(*systems);
  auto usage = ai->usage_between_as_now(incidents::format_day(incidents::add_days(today, -29)), incidents::format_day(today));
  if (!usage) return Unexpected(usage.error());
  data.ai_usage = std::move(*usage);
  return ward_figures(data, today);
}

std::string mean_time_text(double days) {
  return days < 1 ? fmt::format("{:.1f} hours", days * 24) : fmt::format("{:.1f} days", days);
}

Result<std::vector<EvidenceNote>> ward_evidence(const std::filesystem::path& data_dir, const std::string& catalog) {
  auto figures = ward_figures(data_dir, incidents::today_utc());
  if (!figures) return Unexpected(figures.error());
  return evidence_notes(*figures, catalog);
}

}  // namespace ward::controls
