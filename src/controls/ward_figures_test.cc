// Ward's key figures from hand-built store rows: open privacy cases and the mean time to close
// them, open alerts, approved AI systems, BAAs and KEV devices; the same figures give the notes.
#include <gtest/gtest.h>

#include "controls/ward_evidence.h"

namespace ward::controls {
namespace {

constexpr std::int64_t kDay = 86'400LL * 1'000'000'000LL;

TEST(WardFigures, CountsOpenCasesAlertsAndMeanDaysToClose) {
  WardData data;
  data.case_tallies = {{"new", "snooping", 3}, {"in_review", "vip", 2}, {"confirmed", "snooping", 4}, {"dismissed", "", 1}};
  // Closed 2 and 4 days after the last access; one without a last access is left out.
  data.case_closings = {{1, 10 * kDay, 12 * kDay}, {2, 20 * kDay, 24 * kDay}, {3, 0, 30 * kDay}};
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
  EXPECT_TRUE(evidence_notes(f, "csf-2.0").empty());  // no vendors, no findings: no notes
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
