// Ward's own figures and the evidence they give, attached to the controls they bear on:
// business associates without a signed, current BAA (src/third_parties), devices with open
// findings in CISA's KEV catalogue (the devices remediation store), open privacy cases and the
// mean time to close them, open alerts, AI systems approved in the registry. WardFigures is
// computed once (the board report prints it); which controls each figure bears on is a table
// per built-in catalogue (ward_evidence.cc); other catalogues get none. Computed when asked,
// never stored, so it is as current as the data.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <optional>

#include "ai_governance/ai_store.h"
#include "core/error.h"
#include "devices/remediation.h"
#include "incidents/calendar_day.h"
#include "store/case_closings.h"
#include "store/overview_rows.h"
#include "third_parties/vendor.h"

namespace ward::controls {

struct EvidenceNote {
  std::string control_id;
  std::string kind;         // "vendors_without_baa", "devices_with_kev"
  std::int64_t count = 0;   // business associates without a BAA; devices with open KEV findings
  std::string text;         // the sentence shown, with the numbers
};

// What the figures are computed from (each store's rows as read).
struct WardData {
  std::vector<third_parties::Vendor> vendors;
  std::vector<devices::TrackedFinding> findings;
  std::vector<store::CaseTally> case_tallies;
  std::vector<store::CaseClosing> case_closings;
  std::vector<store::AlertTally> alert_tallies;
  std::vector<ai_governance::SystemRecord> ai_systems;
  ai_governance::UsageRows ai_usage;  // AI use counted from logs in the last 30 days
};

struct WardFigures {
  std::int64_t business_associates = 0, vendors_without_baa = 0;
  std::vector<std::string> vendors_lacking;  // "name (baa status)"
  std::int64_t tracked_findings = 0, devices_with_kev = 0, open_kev_findings = 0;
  std::vector<std::string> kev_cves;          // sorted
  std::int64_t open_privacy_cases = 0;        // new or in review
  std::int64_t closed_privacy_cases = 0;      // confirmed or dismissed, with a closing review
  // Mean days from a closed case's last access to the review that closed it; none when no
  // closed case has both times.
  std::optional<double> mean_days_to_close;
  std::int64_t open_alerts = 0;               // open or acknowledged (not closed)
  std::int64_t ai_systems = 0, ai_systems_approved = 0;
  // AI services used in the last 30 days without the registry's approval (shadow AI), sorted.
  std::vector<std::string> shadow_ai_services;
};

// The figures from `data`; `today` decides which BAAs have expired.
WardFigures ward_figures(const WardData& data, incidents::Day today);
// The same from the stores under `data_dir`.
Result<WardFigures> ward_figures(const std::filesystem::path& data_dir, incidents::Day today);

// The notes the figures give for `catalog` (a builtin_catalogs.h name). Nothing about vendors
// when no business associate is recorded, nothing about devices when no finding is tracked.
std::vector<EvidenceNote> evidence_notes(const WardFigures& figures, const std::string& catalog);

// The notes from these vendors and findings for `catalog` (a builtin_catalogs.h name). Nothing
// about vendors when none is recorded, nothing about devices when no finding is tracked.
std::vector<EvidenceNote> evidence_from(const std::vector<third_parties::Vendor>& vendors,
                                        const std::vector<devices::TrackedFinding>& findings, const std::string& catalog,
                                        incidents::Day today);

// The same from the stores under `data_dir`.
Result<std::vector<EvidenceNote>> ward_evidence(const std::filesystem::path& data_dir, const std::string& catalog);

}  // namespace ward::controls
