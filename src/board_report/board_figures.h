// Every number the board report prints, computed once from plain inputs (board_data.h reads
// them from the stores): posture per NIST CSF 2.0 function from the quarter's latest CSF
// assessment and the trend over the quarters before it, the top risks by residual score, Ward's
// key figures (controls/ward_evidence.h), the breach deadlines with days left, and the open
// risk treatments ranked by risk reduced per cost. board_html.h only formats this struct.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "board_report/quarter.h"
#include "controls/assessment.h"
#include "controls/assessment_report.h"
#include "controls/ward_evidence.h"
#include "incidents/breach_deadlines.h"
#include "risks/risk.h"

namespace ward::board_report {

inline constexpr std::size_t kTopRisks = 5, kTrendQuarters = 4, kShownDeadlines = 6, kShownGaps = 6;

// One assessment's posture (assessment_report.h's per-group counts), as the builder needs it.
struct AssessedPosture {
  controls::Assessment assessment;
  std::vector<controls::Posture> functions;  // per CSF function, in catalogue order
  controls::Posture overall;
};

struct FunctionLine {
  std::string id, title;
  int applicable = 0;             // controls less not applicable
  double implemented = 0, partial = 0, score = 0;  // shares of applicable, 0..1; score per assessment_report.h
};

struct QuarterPosture {
  Quarter quarter;
  std::int64_t assessment_id = 0;
  std::string assessment_name;
  std::vector<FunctionLine> functions;
  double overall = 0;
};

struct TopRisk {
  std::int64_t id = 0;
  std::string title, owner;
  int inherent = 0, residual = 0;
};

struct DeadlineLine {
  std::int64_t incident_id = 0;
  std::string duty, notify, rule, due;  // due: YYYY-MM-DD
  int days_left = 0;                    // negative: late
};

// An open treatment (planned or in progress) that reduces its risk.
struct BudgetGap {
  std::int64_t risk_id = 0, treatment_id = 0;
  std::string risk_title, kind, description, owner, status, target;
  std::int64_t cost = 0;
  int reduced = 0;               // the risk's inherent score less the treatment's expected score
  double reduced_per_1000 = 0;   // per 1,000 of cost; a treatment without cost ranks first
};

struct BoardReport {
  Quarter quarter;
  std::string generated;                 // YYYY-MM-DD
  std::optional<QuarterPosture> posture;  // the quarter's; none without a CSF assessment by its end
  std::vector<QuarterPosture> trend;      // up to kTrendQuarters quarters with an assessment, oldest first
  std::int64_t risks = 0;
  std::vector<TopRisk> top_risks;         // up to kTopRisks, highest residual first
  controls::WardFigures figures;
  std::vector<DeadlineLine> deadlines;    // every open one, soonest first
  std::vector<BudgetGap> gaps;            // every open treatment reducing risk, best value first
  std::int64_t gaps_cost = 0;             // their total cost
  int gaps_reduced = 0;                   // their total risk reduced
};

struct BoardInputs {
  Quarter quarter;
  incidents::Day today{};
  std::vector<AssessedPosture> csf_assessments;  // any order
  std::vector<risks::Risk> risks;
  controls::WardFigures figures;
  std::vector<incidents::IncidentDeadline> deadlines;  // soonest first
};

// The report for `in.quarter`. An assessment belongs to the quarter it was created in; each
// quarter's posture is its latest assessment's, as rated now.
BoardReport build_board_report(const BoardInputs& in);

// The gaps of `risks` ranked (the rule above; ties: more reduced, then risk and treatment id).
std::vector<BudgetGap> rank_gaps(const std::vector<risks::Risk>& risks);

}  // namespace ward::board_report
