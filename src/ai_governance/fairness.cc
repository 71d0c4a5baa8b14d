// Gaps between subgroups with bootstrap intervals (fairness.h).
#include "ai_governance/fairness.h"

#include <algorithm>
#include <cmath>
#include <random>

#include <fmt/format.h>

namespace ward::ai_governance {
namespace {

// The three rates a gap is made of, per group; absent when the group takes no part.
struct Rates {
  std::optional<double> tpr, fpr, selection;
};

Rates rates_of(const Confusion& c, bool enough) {
  Rates r;
  if (!enough) return r;
  const std::size_t pos = c.tp + c.fn, neg = c.fp + c.tn, n = pos + neg;
  if (pos) r.tpr = static_cast<double>(c.tp) / static_cast<double>(pos);
  if (neg) r.fpr = static_cast<double>(c.fp) / static_cast<double>(neg);
  if (n) r.selection = static_cast<double>(c.tp + c.fp) / static_cast<double>(n);
  return r;
}

struct References {
  std::optional<double> tpr, fpr, selection;
};

References references_of(const std::vector<Rates>& rates, std::optional<std::size_t> reference) {
  References ref;
  if (reference) {
    const Rates& r = rates[*reference];
    return {r.tpr, r.fpr, r.selection};
  }
  auto best = [&](std::optional<double> Rates::*m, bool highest) {
    std::optional<double> out;
    for (const Rates& r : rates) {
      if (!(r.*m)) continue;
      if (!out || (highest ? *(r.*m) > *out : *(r.*m) < *out)) out = r.*m;
    }
    return out;
  };
  return {best(&Rates::tpr, true), best(&Rates::fpr, false), best(&Rates::selection, true)};
}

std::optional<double> gap_value(GapKind kind, const Rates& r, const References& ref) {
  auto diff = [](std::optional<double> a, std::optional<double> b) -> std::optional<double> {
    if (!a || !b) return std::nullopt;
    return std::fabs(*a - *b);
  };
  switch (kind) {
    case GapKind::equal_opportunity: return diff(r.tpr, ref.tpr);
    case GapKind::demographic_parity: return diff(r.selection, ref.selection);
    case GapKind::equalised_odds: {
      auto t = diff(r.tpr, ref.tpr), f = diff(r.fpr, ref.fpr);
      if (!t || !f) return std::nullopt;
      return std::max(*t, *f);
    }
  }
  return std::nullopt;
}

double threshold_of(GapKind kind, const GapThresholds& t) {
  switch (kind) {
    case GapKind::equal_opportunity: return t.equal_opportunity;
    case GapKind::equalised_odds: return t.equalised_odds;
    case GapKind::demographic_parity: return t.demographic_parity;
  }
  return 0;
}

// A uniform index in [0, n) from the generator, the same on every platform (rejection
// sampling; std::uniform_int_distribution's algorithm is left to the library).
std::size_t uniform_index(std::mt19937_64& rng, std::size_t n) {
  const std::uint64_t range = static_cast<std::uint64_t>(n);
  const std::uint64_t limit = std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % range;
  std::uint64_t x;
  do x = rng(); while (x >= limit);
  return static_cast<std::size_t>(x % range);
}

// Gaps of every group and the largest of each kind, for one set of per-group rates.
void gaps_for(const std::vector<Rates>& rates, std::optional<std::size_t> reference,
              std::vector<std::vector<std::optional<double>>>& per_group,  // [group][kind]
              std::vector<std::optional<double>>& largest, std::vector<std::size_t>* largest_at) {
  const References ref = references_of(rates, reference);
  largest.assign(3, std::nullopt);
  if (largest_at) largest_at->assign(3, 0);
  per_group.assign(rates.size(), std::vector<std::optional<double>>(3));
  for (std::size_t g = 0; g < rates.size(); ++g) {
    for (std::size_t k = 0; k < 3; ++k) {
      auto v = gap_value(kGapKinds[k], rates[g], ref);
      per_group[g][k] = v;
      if (v && (!largest[k] || *v > *largest[k])) {
        largest[k] = v;
        if (largest_at) (*largest_at)[k] = g;
      }
    }
  }
}

}  // namespace

std::string_view gap_name(GapKind kind) {
  switch (kind) {
    case GapKind::equal_opportunity: return "equal_opportunity_difference";
    case GapKind::equalised_odds: return "equalised_odds_difference";
    case GapKind::demographic_parity: return "demographic_parity_difference";
  }
  return "";
}

Gap& GroupGaps::operator[](GapKind k) {
  return k == GapKind::equal_opportunity ? equal_opportunity : k == GapKind::equalised_odds ? equalised_odds : demographic_parity;
}
const Gap& GroupGaps::operator[](GapKind k) const { return const_cast<GroupGaps&>(*this)[k]; }

double percentile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return 0;
  const double pos = q * static_cast<double>(sorted.size() - 1);
  const std::size_t lo = static_cast<std::size_t>(std::floor(pos));
  const std::size_t hi = std::min(sorted.size() - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - static_cast<double>(lo));
}

Result<FairnessReport> assess_fairness(const PredictionTable& table, const FairnessOptions& options) {
  const std::size_t groups = table.group_names.size();
  std::vector<std::vector<ScoredCase>> cases(groups);
  for (const Prediction& p : table.rows) cases[p.group].push_back({p.label, p.score});

  FairnessReport report;
  report.options = options;
  report.reference = options.reference;
  report.rows_used = table.rows.size();
  std::vector<Rates> rates(groups);
  for (std::size_t g = 0; g < groups; ++g) {
    GroupResult r{table.group_names[g], group_metrics(cases[g], options.metrics), {}};
    rates[g] = {r.metrics.tpr, r.metrics.fpr, r.metrics.selection_rate};
    report.groups.push_back(std::move(r));
  }
  std::optional<std::size_t> reference;
  if (!options.reference.empty()) {
    auto it = std::find(table.group_names.begin(), table.group_names.end(), options.reference);
    if (it == table.group_names.end()) {
      std::string names;
      for (const std::string& n : table.group_names) names += (names.empty() ? "" : ", ") + n;
      return fail(ErrorCode::invalid_input, fmt::format("no group '{}' to compare against; the groups are: {}", options.reference, names), "--reference");
    }
    reference = static_cast<std::size_t>(it - table.group_names.begin());
    if (!report.groups[*reference].metrics.enough) {
      return fail(ErrorCode::invalid_input,
                  fmt::format("the reference group '{}' is too small: {}", options.reference, report.groups[*reference].metrics.notes.front()),
                  "--reference");
    }
  }

  std::vector<std::vector<std::optional<double>>> point;
  std::vector<std::optional<double>> largest;
  std::vector<std::size_t> largest_at;
  gaps_for(rates, reference, point, largest, &largest_at);
  for (std::size_t g = 0; g < groups; ++g) {
    for (std::size_t k = 0; k < 3; ++k) report.groups[g].gaps[kGapKinds[k]].value = point[g][k];
  }
  for (std::size_t k = 0; k < 3; ++k) {
    report.largest[kGapKinds[k]].value = largest[k];
    report.largest_group.push_back(largest[k] ? table.group_names[largest_at[k]] : "");
  }

  if (options.bootstrap > 0) {
    std::mt19937_64 rng(options.seed);
    std::vector<std::vector<std::vector<double>>> samples(groups, std::vector<std::vector<double>>(3));
    std::vector<std::vector<double>> largest_samples(3);
    std::vector<Rates> resampled(groups);
    std::vector<std::vector<std::optional<double>>> per_group;
    std::vector<std::optional<double>> top;
    for (std::size_t b = 0; b < options.bootstrap; ++b) {
      for (std::size_t g = 0; g < groups; ++g) {
        const auto& c = cases[g];
        if (!report.groups[g].metrics.enough) continue;
        Confusion m;
        for (std::size_t i = 0; i < c.size(); ++i) {
          const ScoredCase& s = c[uniform_index(rng, c.size())];
          const bool predicted = s.score >= options.metrics.threshold;
          if (s.label == 1) ++(predicted ? m.tp : m.fn);
          else ++(predicted ? m.fp : m.tn);
        }
        resampled[g] = rates_of(m, true);
      }
      gaps_for(resampled, reference, per_group, top, nullptr);
      for (std::size_t k = 0; k < 3; ++k) {
        for (std::size_t g = 0; g < groups; ++g) {
          if (per_group[g][k]) samples[g][k].push_back(*per_group[g][k]);
        }
        if (top[k]) largest_samples[k].push_back(*top[k]);
      }
    }
    const double alpha = (1 - options.confidence) / 2;
    auto interval = [&](std::vector<double>& values, Gap& gap) {
      // Fewer than half the resamples defining it: no honest interval.
      if (!gap.value || values.size() * 2 < options.bootstrap) return;
      std::sort(values.begin(), values.end());
      gap.ci = Interval{percentile(values, alpha), percentile(values, 1 - alpha)};
    };
    for (std::size_t k = 0; k < 3; ++k) {
      for (std::size_t g = 0; g < groups; ++g) interval(samples[g][k], report.groups[g].gaps[kGapKinds[k]]);
      interval(largest_samples[k], report.largest[kGapKinds[k]]);
    }
  }

  for (GapKind kind : kGapKinds) {
    const double limit = threshold_of(kind, options.thresholds);
    for (GroupResult& g : report.groups) {
      Gap& gap = g.gaps[kind];
      gap.flagged = gap.value && *gap.value > limit;
    }
    Gap& top = report.largest[kind];
    top.flagged = top.value && *top.value > limit;
    if (top.flagged) {
      const auto k = static_cast<std::size_t>(kind);
      std::string ci = top.ci ? fmt::format(" ({:.0f}% CI {:.3f} to {:.3f})", options.confidence * 100, top.ci->lower, top.ci->upper) : "";
      report.flags.push_back(fmt::format("{} {:.3f}{} for group '{}' is over the threshold {:.3f}", gap_name(kind), *top.value, ci,
                                         report.largest_group[k], limit));
    }
  }
  return report;
}

}  // namespace ward::ai_governance
