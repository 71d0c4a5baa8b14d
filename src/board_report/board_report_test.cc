// The board report's numbers from small hand-built inputs: quarters, the posture and its trend,
// the top risks by residual score, the budget ranking by risk reduced per cost, the breach
// deadlines' days left; and the HTML shows those numbers.
#include <gtest/gtest.h>

#include "board_report/board_figures.h"
#include "board_report/board_html.h"
#include "board_report/quarter.h"

namespace ward::board_report {
namespace {

incidents::Day day(const char* text) { return *incidents::parse_day(text, "day"); }
std::int64_t ns_of(const char* text) {
  return static_cast<std::int64_t>(day(text).time_since_epoch().count()) * 86'400LL * 1'000'000'000LL;
}

TEST(Quarter, ParsesAndBounds) {
  auto q = parse_quarter("2026Q4");
  ASSERT_TRUE(q);
  EXPECT_EQ(format_quarter(*q), "2026Q4");
  EXPECT_EQ(incidents::format_day(first_day(*q)), "2026-10-01");
  EXPECT_EQ(incidents::format_day(last_day(*q)), "2026-12-31");
  EXPECT_EQ(format_quarter(quarter_of(day("2026-03-31"))), "2026Q1");
  EXPECT_EQ(format_quarter(previous(Quarter{2026, 1})), "2025Q4");
  for (const char* bad : {"2026Q5", "2026-Q4", "Q4 2026", "", "20264"}) {
    auto r = parse_quarter(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().field, "quarter");
  }
}

risks::Risk risk(std::int64_t id, const char* title, int l, int i) {
  risks::Risk r;
  r.id = id;
  r.title = title;
  r.likelihood = l;
  r.impact = i;
  return r;
}

risks::Treatment treatment(std::int64_t id, const char* status, std::int64_t cost, int l, int i) {
  risks::Treatment t;
  t.id = id;
  t.status = status;
  t.cost = cost;
  t.residual_likelihood = l;
  t.residual_impact = i;
  return t;
}

TEST(BudgetRanking, RanksOpenTreatmentsByRiskReducedPerCost) {
  auto ehr = risk(1, "EHR ransomware", 4, 5);                       // inherent 20
  ehr.treatments = {treatment(1, "planned", 50000, 2, 3),           // reduces 14: 0.28 per 1,000
                    treatment(2, "done", 1000, 1, 1),               // done: not a gap
                    treatment(3, "cancelled", 10, 1, 1)};            // cancelled: not a gap
  auto vendor = risk(2, "Clearinghouse outage", 3, 4);              // inherent 12
  vendor.treatments = {treatment(4, "in_progress", 5000, 2, 2),     // reduces 8: 1.6 per 1,000
                       treatment(5, "planned", 0, 3, 3),            // reduces 3 at no cost: first
                       treatment(6, "planned", 100, 3, 4)};          // reduces nothing: not a gap
  const auto gaps = rank_gaps({ehr, vendor});
  ASSERT_EQ(gaps.size(), 3u);
  EXPECT_EQ(gaps[0].treatment_id, 5);
  EXPECT_EQ(gaps[1].treatment_id, 4);
  EXPECT_DOUBLE_EQ(gaps[1].reduced_per_1000, 1.6);
  EXPECT_EQ(gaps[2].treatment_id, 1);
  EXPECT_EQ(gaps[2].reduced, 14);
  EXPECT_DOUBLE_EQ(gaps[2].reduced_per_1000, 0.28);
}

AssessedPosture csf(std::int64_t id, const char* created, int implemented, int partial) {
  AssessedPosture a;
  a.assessment.id = id;
  a.assessment.name = "CSF " + std::to_string(id);
  a.assessment.catalog = "csf-2.0";
  a.assessment.created_ns = ns_of(created);
  controls::Posture gv{"GV", "Govern", 10, implemented, partial, 10 - implemented - partial, 0, 0, 0};
  gv.score = (implemented + 0.5 * partial) / 10;
  a.functions = {gv};
  a.overall = gv;
  return a;
}

TEST(BoardReport, PostureTrendTopRisksAndDeadlines) {
  BoardInputs in;
  in.quarter = Quarter{2026, 4};
  in.today = day("2026-12-01");
  // Q2: one; Q3: two (the later counts); Q4: one; 2027Q1: after the report's quarter.
  in.csf_assessments = {csf(1, "2026-05-10", 2, 0), csf(2, "2026-07-01", 3, 0), csf(3, "2026-09-30", 4, 2),
                        csf(4, "2026-11-15", 6, 2), csf(5, "2027-01-05", 9, 0)};
  in.risks = {risk(1, "Low", 1, 2), risk(2, "EHR ransomware", 4, 5), risk(3, "Phishing", 4, 3)};
  in.risks[1].treatments = {treatment(1, "done", 10000, 2, 2)};  // residual 4
  in.figures.open_privacy_cases = 7;
  in.figures.closed_alerts = 4;
  in.figures.mean_days_to_close_alerts = 0.25;
  identity::MfaImport mfa;
  mfa.source = "entra.csv";
  mfa.imported_ns = ns_of("2026-11-30");
  mfa.coverage = {.accounts = 440, .enabled = 430, .enabled_with_mfa = 412};
  in.figures.mfa = mfa;
  incidents::IncidentDeadline d;
  d.incident.id = 9;
  d.deadline.duty = "individuals";
  d.deadline.due = day("2026-12-31");
  in.deadlines = {d};
  const BoardReport r = build_board_report(in);
  ASSERT_TRUE(r.posture);
  EXPECT_EQ(r.posture->assessment_id, 4);
  ASSERT_EQ(r.posture->functions.size(), 1u);
  EXPECT_DOUBLE_EQ(r.posture->functions[0].implemented, 0.6);
  EXPECT_DOUBLE_EQ(r.posture->functions[0].partial, 0.2);
  EXPECT_DOUBLE_EQ(r.posture->functions[0].score, 0.7);
  ASSERT_EQ(r.trend.size(), 3u);
  EXPECT_EQ(format_quarter(r.trend[0].quarter), "2026Q2");
  EXPECT_EQ(r.trend[1].assessment_id, 3);
  EXPECT_EQ(r.trend[2].assessment_id, 4);
  ASSERT_EQ(r.top_risks.size(), 3u);
  EXPECT_EQ(r.top_risks[0].title, "Phishing");  // residual 12 beats the treated 20 (now 4)
  EXPECT_EQ(r.top_risks[1].residual, 4);
  ASSERT_EQ(r.deadlines.size(), 1u);
  EXPECT_EQ(r.deadlines[0].days_left, 30);

  const std::string html = board_html(r);
  EXPECT_NE(html.find("board report 2026Q4"), std::string::npos);
  EXPECT_NE(html.find("<td>open privacy cases</td><td class=\"n\"><b>7</b></td>"), std::string::npos);
  EXPECT_NE(html.find(">70%<"), std::string::npos);  // Govern's score
  EXPECT_NE(html.find("<td>alert mean time to close (4 closed)</td><td class=\"n\"><b>6.0 hours</b></td>"), std::string::npos);
  EXPECT_NE(html.find("<td>MFA coverage (412 of 430 enabled accounts)</td><td class=\"n\"><b>95.8%</b></td>"),
            std::string::npos);
  EXPECT_NE(html.find(">2026Q2</th>"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("http"), std::string::npos);  // nothing external

  // An earlier quarter sees only what existed by its end.
  in.quarter = Quarter{2026, 2};
  const BoardReport q2 = build_board_report(in);
  ASSERT_TRUE(q2.posture);
  EXPECT_EQ(q2.posture->assessment_id, 1);
  EXPECT_EQ(q2.trend.size(), 1u);
}

TEST(BoardReport, WithoutDataSaysWhatToDo) {
  BoardInputs in;
  in.quarter = Quarter{2026, 4};
  in.today = day("2026-12-01");
  const std::string html = board_html(build_board_report(in));
  EXPECT_NE(html.find("No CSF 2.0 assessment yet"), std::string::npos);
  EXPECT_NE(html.find("The risk register is empty"), std::string::npos);
  // Figures Ward does not have are left out, not shown as zero.
  EXPECT_EQ(html.find("MFA coverage"), std::string::npos);
  EXPECT_EQ(html.find("alert mean time to close"), std::string::npos);
}

}  // namespace
}  // namespace ward::board_report
