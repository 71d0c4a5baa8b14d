// Ward's own figures and the evidence they give, attached to the controls they bear on:
// business associates without a signed, current BAA (src/third_parties), devices with open
// findings in CISA's KEV catalogue (the devices remediation store), MFA coverage from the latest
// identity-provider import (src/identity), open privacy cases and alerts and the mean time to
// close each, AI systems approved in the registry against AI used without approval. WardFigures is
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
#include "identity/mfa_store.h"
#include "incidents/calendar_day.h"
#include "store/closings.h"
#include "store/overview_rows.h"
#include "third_parties/vendor.h"

namespace ward::controls {

struct EvidenceNote {
  std::string control_id;
  // "vendors_without_baa", "devices_with_kev", "mfa_coverage", "privacy_case_closing",
  // "alert_closing", "ai_systems"
  std::string kind;
  // Business associates without a BAA; devices with open KEV findings; enabled accounts without
  // MFA; closed cases; closed alerts; AI services used without approval (0 when the figure is absent).
  std::int64_t count = 0;
  std::string text;         // the sentence shown, with the numbers
};

// What the figures are computed from (each store's rows as read).
struct WardData {
  std::vector<third_parties::Vendor> vendors;
  std::vector<devices::TrackedFinding> findings;
  std::vector<store::CaseTally> case_tallies;
  std::vector<store::Closing> case_closings;
  std::vector<store::AlertTally> alert_tallies;
  std::vector<store::Closing> alert_closings;
  std::optional<identity::MfaImport> mfa;  // the latest MFA import; none before the first
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
  std::int64_t closed_alerts = 0;             // closed, with their closing change
  // Mean days from raising a closed alert to closing it; none when no alert was closed.
  std::optional<double> mean_days_to_close_alerts;
  std::optional<identity::MfaImport> mfa;     // the latest import's coverage; none when never imported
  std::int64_t ai_systems = 0, ai_systems_approved = 0;
  // AI services used in the last 30 days without the registry's approval (shadow AI), sorted.
  std::vector<std::string> shadow_ai_services;
};

// The figures from `data`; `today` decides which BAAs have expired.
WardFigures ward_figures(const WardData& data, incidents::Day today);
// The same from the stores under `data_dir`.
Result<WardFigures> ward_figures(const std::filesystem::path& data_dir, incidents::Day today);

// The notes the figures give for `catalog` (a builtin_catalogs.h name). Nothing about vendors
// when no business associate is recorded, nothing about devices when no finding is tracked; the
// MFA, case, alert and AI notes are always given, saying so when their figure is absent.
std::vector<EvidenceNote> evidence_notes(const WardFigures& figures, const std::string& catalog);

// A mean time to close for people: "5.2 hours" under a day, else "3.0 days".
std::string mean_time_text(double days);

// The notes from these vendors and findings for `catalog` (a builtin_catalogs.h name). Nothing
// about vendors when none is recorded, nothing about devices when no finding is tracked.
std::vector<EvidenceNote> evidence_from(const std::vector<third_parties::Vendor>& vendors,
                                        const std::vector<devices::TrackedFinding>& findings, const std::string& catalog,
                                        incidents::Day today);

// The same from the stores under `data_dir`.
Result<std::vector<EvidenceNote>> ward_evidence(const std::filesystem::path& data_dir, const std::string& catalog);

}  // namespace ward::controls
