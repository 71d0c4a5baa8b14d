// Ward's key figures from hand-built store rows: open privacy cases and alerts and the mean time
// to close each, approved AI systems, BAAs and KEV devices, MFA coverage; the same figures give
// the notes, each saying its figure and where it came from, or that the figure is absent.
#include <gtest/gtest.h>

#include "controls/ward_evidence.h"
#include "core/time.h"

namespace ward::controls {
namespace {

TEST(WardFigures, CountsOpenCasesAlertsAndMeanDaysToClose) {
  WardData data;
  data.case_tallies = {{"new", "snooping", 3}, {"in_review", "vip", 2}, {"confirmed", "snooping", 4}, {"dismissed", "", 1}};
  // Closed 2 and 4 days after the last access; one without a last access is left out.
  data.case_closings = {{1, 10 * kNsPerDay, 12 * kNsPerDay}, {2, 20 * kNsPerDay, 24 * kNsPerDay}, {3, 0, 30 * kNsPerDay}};
  data.alert_tallies = {{"high", "open", 5}, {"low", "acknowledged", 2}, {"high", "closed", 9}};
  ai_governance::SystemRecord approved, intake;
  approved.status = "approved";
  intake.status = "intake";
  data.ai_systems = {approved, intake, intake};
  const WardFigures f = ward_figures(data, incidents::Day(std::chrono::days(20000)));
  EXPECT_EQ(f.open_privacy_cases, 5);
  EXPECT_EQ(f.closed_privacy_cases, 2);
  ASSERT_TRUE(f.mean_days_to_close);
  EXPECT_DOUBLE_EQ(*f.mean_days_to_close, 3.0);
  EXPECT_EQ(f.open_alerts, 7);
  EXPECT_EQ(f.ai_systems, 3);
  EXPECT_EQ(f.ai_systems_approved, 1);
  EXPECT_TRUE(f.shadow_ai_services.empty()) << "no AI use counted";
  EXPECT_FALSE(f.mean_days_to_close_alerts) << "no alert closed";
  for (const EvidenceNote& n : evidence_notes(f, "csf-2.0")) {  // no vendors, no findings: no notes on them
    EXPECT_TRUE(n.kind != "vendors_without_baa" && n.kind != "devices_with_kev") << n.text;
  }
}

TEST(WardFigures, AlertsCloseOnAverageFromWhenWardRaisedThem) {
  WardData data;
  // Closed 6 and 18 hours after they were raised; one closed before it was raised is left out.
  data.alert_closings = {{1, 10 * kNsPerDay, 10 * kNsPerDay + kNsPerDay / 4}, {2, 20 * kNsPerDay, 20 * kNsPerDay + 3 * kNsPerDay / 4}, {3, 5 * kNsPerDay, 4 * kNsPerDay}};
  data.alert_tallies = {{"high", "open", 1}, {"high", "closed", 2}};
  const WardFigures f = ward_figures(data, incidents::Day{});
  EXPECT_EQ(f.closed_alerts, 2);
  ASSERT_TRUE(f.mean_days_to_close_alerts);
  EXPECT_DOUBLE_EQ(*f.mean_days_to_close_alerts, 0.5);
  EXPECT_EQ(mean_time_text(*f.mean_days_to_close_alerts), "12.0 hours");
  EXPECT_EQ(mean_time_text(3), "3.0 days");
}

// The notes of kind `kind` for `catalog`, as "control: text".
std::vector<std::string> notes(const WardFigures& f, const char* catalog, const char* kind) {
  std::vector<std::string> out;
  for (const EvidenceNote& n : evidence_notes(f, catalog))
    if (n.kind == kind) out.push_back(n.control_id + ": " + n.text);
  return out;
}

identity::MfaImport mfa_import(std::int64_t enabled, std::int64_t with_mfa) {
  identity::MfaImport i;
  i.source = "entra.csv";
  i.imported_ns = 20'788 * kNsPerDay;  // 2026-12-01
  i.coverage.accounts = enabled + 3;
  i.coverage.enabled = enabled;
  i.coverage.enabled_with_mfa = with_mfa;
  return i;
}

TEST(WardEvidence, MfaCoverageOnTheAuthenticationControlsOfEachCatalogue) {
  WardFigures f;
  f.mfa = mfa_import(430, 412);
  const std::string text = "Ward: MFA coverage 412 of 430 enabled accounts (95.8%), imported 2026-12-01 from entra.csv";
  EXPECT_EQ(notes(f, "csf-2.0", "mfa_coverage"), std::vector<std::string>{"PR.AA-03: " + text});
  EXPECT_EQ(notes(f, "hph-cpg", "mfa_coverage"), std::vector<std::string>{"hph-cpg-essential-03: " + text});
  EXPECT_EQ(notes(f, "hicp-405d", "mfa_coverage"), std::vector<std::string>{"hicp-03: " + text});
  EXPECT_EQ(notes(f, "hipaa-security", "mfa_coverage"), std::vector<std::string>{"hipaa-164.312-d: " + text});
  EXPECT_TRUE(notes(f, "my-own.json", "mfa_coverage").empty());
  for (const EvidenceNote& n : evidence_notes(f, "csf-2.0")) {
    if (n.kind == "mfa_coverage") {
      EXPECT_EQ(n.count, 18);  // enabled accounts without MFA
    }
  }

  f.mfa->coverage.privileged_known = true;
  f.mfa->coverage.privileged = 1;
  f.mfa->coverage.privileged_with_mfa = 1;
  EXPECT_EQ(notes(f, "csf-2.0", "mfa_coverage"),
            std::vector<std::string>{"PR.AA-03: Ward: MFA coverage 412 of 430 enabled accounts (95.8%); privileged: 1 of 1 "
                                     "account (100.0%), imported 2026-12-01 from entra.csv"});
}

TEST(WardEvidence, AbsentFiguresAreSaidToBeAbsent) {
  WardFigures f;
  f.open_privacy_cases = 1;
  EXPECT_EQ(notes(f, "hph-cpg", "mfa_coverage"),
            std::vector<std::string>{"hph-cpg-essential-03: Ward: MFA coverage unknown: no identity-provider export imported "
                                     "(ward program mfa import FILE)"});
  EXPECT_EQ(notes(f, "hipaa-security", "privacy_case_closing"),
            std::vector<std::string>{"hipaa-164.308-a-1-ii-D: Ward: no privacy case closed yet, so no mean time to close "
                                     "(1 open privacy case)"});
  EXPECT_EQ(notes(f, "hph-cpg", "alert_closing"),
            std::vector<std::string>{"hph-cpg-enhanced-06: Ward: no alert closed yet, so no mean time to close (0 open alerts)"});
  EXPECT_EQ(notes(f, "hicp-405d", "ai_systems"),
            std::vector<std::string>{"hicp-05: Ward: no AI system in the registry and no AI service used without approval in "
                                     "the logs of the last 30 days"});
  f.mfa = mfa_import(0, 0);
  EXPECT_EQ(notes(f, "csf-2.0", "mfa_coverage"),
            std::vector<std::string>{"PR.AA-03: Ward: MFA coverage unknown: the export imported 2026-12-01 from entra.csv "
                                     "lists no enabled account"});
}

TEST(WardEvidence, MeanTimesToCloseAndAiUseSayWhereTheyCameFrom) {
  WardFigures f;
  f.open_privacy_cases = 5;
  f.closed_privacy_cases = 2;
  f.mean_days_to_close = 3.0;
  f.open_alerts = 1;
  f.closed_alerts = 1;
  f.mean_days_to_close_alerts = 0.25;
  f.ai_systems = 3;
  f.ai_systems_approved = 1;
  f.shadow_ai_services = {"claude", "deepseek"};
  EXPECT_EQ(notes(f, "csf-2.0", "privacy_case_closing"),
            std::vector<std::string>{"DE.AE-02: Ward: privacy cases closed in 3.0 days on average after their last access "
                                     "(2 closed privacy cases, from case review); 5 open privacy cases"});
  EXPECT_EQ(notes(f, "csf-2.0", "alert_closing"),
            (std::vector<std::string>{"DE.AE-02: Ward: alerts closed in 6.0 hours on average after Ward raised them (1 closed "
                                      "alert, from their status changes); 1 open alert",
                                      "RS.MA-02: Ward: alerts closed in 6.0 hours on average after Ward raised them (1 closed "
                                      "alert, from their status changes); 1 open alert"}));
  EXPECT_EQ(notes(f, "csf-2.0", "ai_systems"),
            std::vector<std::string>{"ID.AM-02: Ward: 1 of 3 AI systems approved in the registry; 2 AI services used without "
                                     "approval in the logs of the last 30 days (claude, deepseek)"});
  f.shadow_ai_services = {"claude"};
  f.ai_systems = 1;
  EXPECT_EQ(notes(f, "hph-cpg", "ai_systems"),
            std::vector<std::string>{"hph-cpg-enhanced-01: Ward: 1 of 1 AI system approved in the registry; 1 AI service used "
                                     "without approval in the logs of the last 30 days (claude)"});
}

TEST(WardFigures, ShadowAiIsEveryServiceUsedWithoutApproval) {
  using ai_governance::UsageStatus;
  WardData data;
  data.ai_usage[{"E1", "openai", "2026-11-02", UsageStatus::approved}] = {};
  data.ai_usage[{"E2", "deepseek", "2026-11-02", UsageStatus::unknown}] = {};
  data.ai_usage[{"E3", "deepseek", "2026-11-03", UsageStatus::unknown}] = {};
  data.ai_usage[{"E1", "claude", "2026-11-04", UsageStatus::unapproved}] = {};
  const WardFigures f = ward_figures(data, incidents::Day(std::chrono::days(20000)));
  EXPECT_EQ(f.shadow_ai_services, (std::vector<std::string>{"claude", "deepseek"}));
}

TEST(WardFigures, NoClosedCaseHasNoMean) {
  EXPECT_FALSE(ward_figures(WardData{}, incidents::Day{}).mean_days_to_close);
}

TEST(WardFigures, ExpiredBaaCountsAsMissing) {
  WardData data;
  data.vendors.push_back({.name = "Cloud Fax", .business_associate = true, .baa_status = "signed", .baa_expires = "2026-06-30"});
  data.vendors.push_back({.name = "Lab", .business_associate = true, .baa_status = "signed"});
  auto today = incidents::parse_day("2026-12-01", "today");
  const WardFigures f = ward_figures(data, *today);
  EXPECT_EQ(f.business_associates, 2);
  EXPECT_EQ(f.vendors_without_baa, 1);
  EXPECT_EQ(f.vendors_lacking, std::vector<std::string>{"Cloud Fax (signed)"});
}

}  // namespace
}  // namespace ward::controls
