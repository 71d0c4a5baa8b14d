// Computing the board report's numbers (board_figures.h).
#include "board_report/board_figures.h"

#include <algorithm>
#include <map>

namespace ward::board_report {
namespace {

double share(int part, int whole) { return whole == 0 ? 0 : static_cast<double>(part) / whole; }

incidents::Day day_of(std::int64_t ns) {
  return incidents::Day(std::chrono::days(ns / (86'400LL * 1'000'000'000LL)));
}

QuarterPosture quarter_posture(Quarter q, const AssessedPosture& a) {
  QuarterPosture out{q, a.assessment.id, a.assessment.name, {}, a.overall.score};
  for (const controls::Posture& p : a.functions) {
    const int applicable = p.controls - p.not_applicable;
    out.functions.push_back({p.group_id, p.group_title, applicable, share(p.implemented, applicable),
                             share(p.partial, applicable), p.score});
  }
  return out;
}

std::vector<TopRisk> top_risks(const std::vector<risks::Risk>& all) {
  std::vector<TopRisk> out;
  for (const risks::Risk& r : all) out.push_back({r.id, r.title, r.owner, risks::inherent_score(r), risks::residual_score(r)});
  std::sort(out.begin(), out.end(), [](const TopRisk& a, const TopRisk& b) {
    if (a.residual != b.residual) return a.residual > b.residual;
    if (a.inherent != b.inherent) return a.inherent > b.inherent;
    return a.id < b.id;
  });
  if (out.size() > kTopRisks) out.resize(kTopRisks);
  return out;
}

}  // namespace

std::vector<BudgetGap> rank_gaps(const std::vector<risks::Risk>& all) {
  std::vector<BudgetGap> out;
  for (const risks::Risk& r : all)
    for (const risks::Treatment& t : r.treatments) {
      if (t.status != "planned" && t.status != "in_progress") continue;
      const int reduced = risks::risk_reduced(r, t);
      if (reduced <= 0) continue;
      out.push_back({r.id, t.id, r.title, t.kind, t.description, t.owner, t.status, t.target, t.cost, reduced,
                     t.cost == 0 ? 0 : reduced * 1000.0 / static_cast<double>(t.cost)});
    }
  std::sort(out.begin(), out.end(), [](const BudgetGap& a, const BudgetGap& b) {
    if ((a.cost == 0) != (b.cost == 0)) return a.cost == 0;
    if (a.reduced_per_1000 != b.reduced_per_1000) return a.reduced_per_1000 > b.reduced_per_1000;
    if (a.reduced != b.reduced) return a.reduced > b.reduced;
    if (a.risk_id != b.risk_id) return a.risk_id < b.risk_id;
    return a.treatment_id < b.treatment_id;
  });
  return out;
}

BoardReport build_board_report(const BoardInputs& in) {
  BoardReport r;
  r.quarter = in.quarter;
  r.generated = incidents::format_day(in.today);
  // The latest assessment of each quarter up to the report's (by creation time, then id).
  std::map<Quarter, const AssessedPosture*> latest;
  for (const AssessedPosture& a : in.csf_assessments) {
    const Quarter q = quarter_of(day_of(a.assessment.created_ns));
    if (q > in.quarter) continue;
    const AssessedPosture*& slot = latest[q];
    if (!slot || std::pair(a.assessment.created_ns, a.assessment.id) > std::pair(slot->assessment.created_ns, slot->assessment.id))
      slot = &a;
  }
  for (auto it = latest.rbegin(); it != latest.rend() && r.trend.size() < kTrendQuarters; ++it)
    r.trend.insert(r.trend.begin(), quarter_posture(it->first, *it->second));
  if (!r.trend.empty()) r.posture = r.trend.back();
  r.risks = static_cast<std::int64_t>(in.risks.size());
  r.top_risks = top_risks(in.risks);
  r.figures = in.figures;
  for (const incidents::IncidentDeadline& d : in.deadlines)
    r.deadlines.push_back({d.incident.id, d.deadline.duty, d.deadline.notify, d.deadline.rule,
                           incidents::format_day(d.deadline.due), incidents::days_between(in.today, d.deadline.due)});
  r.gaps = rank_gaps(in.risks);
  for (const BudgetGap& g : r.gaps) {
    r.gaps_cost += g.cost;
    r.gaps_reduced += g.reduced;
  }
  return r;
}

}  // namespace ward::board_report
