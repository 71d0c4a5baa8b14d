// Subgroup metrics (group_metrics.h).
#include "ai_governance/group_metrics.h"

#include <algorithm>

#include <fmt/format.h>

namespace ward::ai_governance {
namespace {

std::optional<double> ratio(std::size_t num, std::size_t den) {
  if (den == 0) return std::nullopt;
  return static_cast<double>(num) / static_cast<double>(den);
}

std::vector<ReliabilityBin> reliability_bins(std::span<const ScoredCase> cases, std::size_t bins) {
  std::vector<ReliabilityBin> out(bins);
  std::vector<double> score_sum(bins, 0), label_sum(bins, 0);
  for (std::size_t b = 0; b < bins; ++b) {
    out[b].lower = static_cast<double>(b) / static_cast<double>(bins);
    out[b].upper = static_cast<double>(b + 1) / static_cast<double>(bins);
  }
  for (const ScoredCase& c : cases) {
    std::size_t b = std::min(bins - 1, static_cast<std::size_t>(c.score * static_cast<double>(bins)));
    ++out[b].n;
    score_sum[b] += c.score;
    label_sum[b] += c.label;
  }
  for (std::size_t b = 0; b < bins; ++b) {
    if (out[b].n == 0) continue;
    out[b].mean_score = score_sum[b] / static_cast<double>(out[b].n);
    out[b].observed_rate = label_sum[b] / static_cast<double>(out[b].n);
  }
  return out;
}

}  // namespace

Confusion confusion_at(std::span<const ScoredCase> cases, double threshold) {
  Confusion c;
  for (const ScoredCase& s : cases) {
    const bool predicted = s.score >= threshold;
    if (s.label == 1) ++(predicted ? c.tp : c.fn);
    else ++(predicted ? c.fp : c.tn);
  }
  return c;
}

std::optional<double> exact_auc(std::span<const ScoredCase> cases) {
  std::vector<ScoredCase> sorted(cases.begin(), cases.end());
  std::sort(sorted.begin(), sorted.end(), [](const ScoredCase& a, const ScoredCase& b) { return a.score < b.score; });
  double positive_rank_sum = 0;
  std::size_t positives = 0;
  for (std::size_t i = 0; i < sorted.size();) {
    std::size_t j = i;
    while (j < sorted.size() && sorted[j].score == sorted[i].score) ++j;
    const double average_rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2.0;  // ranks i+1..j
    for (std::size_t k = i; k < j; ++k) {
      if (sorted[k].label == 1) {
        positive_rank_sum += average_rank;
        ++positives;
      }
    }
    i = j;
  }
  const std::size_t negatives = sorted.size() - positives;
  if (positives == 0 || negatives == 0) return std::nullopt;
  const double p = static_cast<double>(positives);
  const double u = positive_rank_sum - p * (p + 1) / 2.0;
  return u / (p * static_cast<double>(negatives));
}

GroupMetrics group_metrics(std::span<const ScoredCase> cases, const MetricOptions& options) {
  GroupMetrics m;
  m.n = cases.size();
  const Confusion c = confusion_at(cases, options.threshold);
  m.tp = c.tp;
  m.fp = c.fp;
  m.tn = c.tn;
  m.fn = c.fn;
  m.positives = c.tp + c.fn;
  m.negatives = c.fp + c.tn;
  m.enough = m.n >= options.min_group && m.n > 0;
  if (!m.enough) {
    m.notes.push_back(fmt::format("n={} < {}: too few for a rate", m.n, options.min_group));
    return m;
  }
  m.prevalence = ratio(m.positives, m.n);
  m.selection_rate = ratio(c.tp + c.fp, m.n);
  m.tpr = ratio(c.tp, m.positives);
  m.fpr = ratio(c.fp, m.negatives);
  m.ppv = ratio(c.tp, c.tp + c.fp);
  m.auc = exact_auc(cases);
  if (m.positives == 0) m.notes.push_back("no positives: TPR and AUC undefined");
  if (m.negatives == 0) m.notes.push_back("no negatives: FPR and AUC undefined");
  if (c.tp + c.fp == 0) m.notes.push_back("no positive predictions: PPV undefined");
  const bool probabilities = std::all_of(cases.begin(), cases.end(), [](const ScoredCase& s) { return s.score >= 0 && s.score <= 1; });
  if (probabilities && options.bins > 0) m.calibration = reliability_bins(cases, options.bins);
  else m.notes.push_back("scores outside [0, 1]: no calibration bins");
  return m;
}

}  // namespace ward::ai_governance
