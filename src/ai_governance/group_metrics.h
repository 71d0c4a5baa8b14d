// Classification metrics of one subgroup for bias testing: counts at a threshold, prevalence,
// TPR, FPR, PPV, selection rate, AUC (Mann–Whitney, ties counted half) and reliability bins.
// A metric that cannot be computed is absent (std::nullopt) with the reason in `notes`, never 0.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace ward::ai_governance {

struct ReliabilityBin {
  double lower = 0, upper = 0;  // score range [lower, upper); the last bin includes 1
  std::size_t n = 0;
  std::optional<double> mean_score, observed_rate;  // absent when the bin is empty
};

struct GroupMetrics {
  std::size_t n = 0, positives = 0, negatives = 0;
  std::size_t tp = 0, fp = 0, tn = 0, fn = 0;
  bool enough = false;  // n >= the minimum group size: rates are reported
  std::optional<double> prevalence, tpr, fpr, ppv, selection_rate, auc;
  std::vector<ReliabilityBin> calibration;  // empty when the scores are not all in [0, 1]
  std::vector<std::string> notes;           // why a metric is absent: "n=7 < 30: too few for a rate"
};

struct ScoredCase {
  int label = 0;
  double score = 0;
};

struct MetricOptions {
  double threshold = 0.5;      // score >= threshold is a positive prediction
  std::size_t min_group = 30;  // smaller groups get counts only
  std::size_t bins = 10;       // reliability bins over [0, 1]
};

// Counts at the threshold only (no AUC, no bins): what the bootstrap recomputes.
struct Confusion {
  std::size_t tp = 0, fp = 0, tn = 0, fn = 0;
};
Confusion confusion_at(std::span<const ScoredCase> cases, double threshold);

// Area under the ROC curve by the Mann–Whitney U statistic with average ranks for ties:
// the chance that a random positive scores above a random negative, ties counting one half.
// Absent when there are no positives or no negatives.
std::optional<double> exact_auc(std::span<const ScoredCase> cases);

GroupMetrics group_metrics(std::span<const ScoredCase> cases, const MetricOptions& options);

}  // namespace ward::ai_governance
