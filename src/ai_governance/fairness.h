// Bias testing of a classifier across subgroups (`ward ai fairness`, docs/ai_governance.md):
// per-group metrics (group_metrics.h) and the gaps between groups with seeded bootstrap
// confidence intervals, flagged when over a threshold. Start at assess_fairness().
//
// Gaps, each an absolute difference against a reference: the group named by `reference`, or
// when none is named the best group for that rate (highest TPR, lowest FPR, highest selection
// rate), so the largest gap is then max − min over the groups:
//   equal opportunity difference  |TPR(g) − TPR(ref)|
//   equalised odds difference     max(|TPR(g) − TPR(ref)|, |FPR(g) − FPR(ref)|)
//   demographic parity difference |selection rate(g) − selection rate(ref)|
// Groups too small (MetricOptions::min_group) or with an undefined rate take no part in it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ai_governance/group_metrics.h"
#include "ai_governance/predictions_csv.h"
#include "core/error.h"

namespace ward::ai_governance {

struct GapThresholds {
  double equal_opportunity = 0.1, equalised_odds = 0.1, demographic_parity = 0.1;
};

struct FairnessOptions {
  MetricOptions metrics;
  std::string reference;        // a group name; "" = the best group per rate
  std::size_t bootstrap = 1000;  // resamples (within each group, keeping its size); 0 = no CIs
  std::uint64_t seed = 1;
  double confidence = 0.95;     // percentile interval
  GapThresholds thresholds;
};

struct Interval {
  double lower = 0, upper = 0;
};

struct Gap {
  std::optional<double> value;    // absent when the group takes no part
  std::optional<Interval> ci;     // absent without bootstrap or when too few resamples define it
  bool flagged = false;           // value > threshold
};

enum class GapKind { equal_opportunity, equalised_odds, demographic_parity };
inline constexpr GapKind kGapKinds[] = {GapKind::equal_opportunity, GapKind::equalised_odds, GapKind::demographic_parity};
std::string_view gap_name(GapKind kind);  // "equal_opportunity_difference", …

struct GroupGaps {
  Gap equal_opportunity, equalised_odds, demographic_parity;
  Gap& operator[](GapKind k);
  const Gap& operator[](GapKind k) const;
};

struct GroupResult {
  std::string name;
  GroupMetrics metrics;
  GroupGaps gaps;
};

struct FairnessReport {
  std::vector<GroupResult> groups;
  GroupGaps largest;               // the largest gap of each kind over the groups
  std::vector<std::string> largest_group;  // per GapKind: the group with the largest gap
  std::string reference;           // as asked; "" = best group per rate
  std::vector<std::string> flags;  // one sentence per flagged largest gap
  FairnessOptions options;
  std::size_t rows_used = 0;
};

// Fails when `reference` names no group (listing them) or names a group too small for rates.
Result<FairnessReport> assess_fairness(const PredictionTable& table, const FairnessOptions& options);

// Percentile (linear interpolation between order statistics, as numpy's default) of sorted values.
double percentile(const std::vector<double>& sorted, double q);

}  // namespace ward::ai_governance
