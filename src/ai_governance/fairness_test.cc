// Bias testing against numbers computed by hand (pairs counted one by one for the AUC) and
// checked with a few lines of python3 counting the same pairs, and on a generated data set
// with a known injected TPR gap.
#include "ai_governance/fairness.h"

#include <random>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "ai_governance/fairness_report.h"

namespace ward::ai_governance {
namespace {

// Group A: 4 positives (0.9 0.8 0.4 0.6), 4 negatives (0.7 0.3 0.2 0.6; 0.6 ties a positive).
// Group B: 3 positives (0.55 0.3 0.2), 3 negatives (0.1 0.5 0.2; 0.2 ties a positive).
// Group C: 2 rows (too small at min_group 3). Group D: 3 negatives only.
constexpr std::string_view kSmall =
    "id,outcome,risk,sex\n"
    "1,1,0.9,A\n2,1,0.8,A\n3,1,0.4,A\n4,0,0.7,A\n5,0,0.3,A\n6,0,0.2,A\n7,1,0.6,A\n8,0,0.6,A\n"
    "9,1,0.55,B\n10,1,0.3,B\n11,0,0.1,B\n12,0,0.5,B\n13,0,0.2,B\n14,1,0.2,B\n"
    "15,1,0.9,C\n16,0,0.1,C\n"
    "17,0,0.1,D\n18,0,0.6,D\n19,0,0.2,D\n";

PredictionTable small_table() {
  auto t = read_predictions(kSmall, {"outcome", "risk", {"sex"}}, "small.csv");
  EXPECT_TRUE(t) << t.error().describe();
  return *t;
}

FairnessOptions small_options() {
  FairnessOptions o;
  o.metrics.min_group = 3;
  o.bootstrap = 0;
  return o;
}

const GroupResult& group(const FairnessReport& r, std::string_view name) {
  for (const GroupResult& g : r.groups) if (g.name == name) return g;
  throw std::runtime_error("no group");
}

TEST(Fairness, MatchesHandComputedRatesOnASmallTable) {
  auto r = assess_fairness(small_table(), small_options());
  ASSERT_TRUE(r);
  const GroupMetrics& a = group(*r, "A").metrics;
  EXPECT_EQ(a.n, 8u);
  EXPECT_EQ(a.tp, 3u);
  EXPECT_EQ(a.fp, 2u);
  EXPECT_EQ(a.tn, 2u);
  EXPECT_EQ(a.fn, 1u);
  EXPECT_DOUBLE_EQ(*a.prevalence, 0.5);
  EXPECT_DOUBLE_EQ(*a.tpr, 0.75);
  EXPECT_DOUBLE_EQ(*a.fpr, 0.5);
  EXPECT_DOUBLE_EQ(*a.ppv, 0.6);
  EXPECT_DOUBLE_EQ(*a.selection_rate, 0.625);
  EXPECT_DOUBLE_EQ(*a.auc, 12.5 / 16);  // 4 + 4 + 2 + (2 + one tie) pairs won of 16
  const GroupMetrics& b = group(*r, "B").metrics;
  EXPECT_DOUBLE_EQ(*b.tpr, 1.0 / 3);
  EXPECT_DOUBLE_EQ(*b.fpr, 1.0 / 3);
  EXPECT_DOUBLE_EQ(*b.ppv, 0.5);
  EXPECT_DOUBLE_EQ(*b.auc, 6.5 / 9);  // 3 + 2 + (1 + one tie) of 9
}

TEST(Fairness, ReportsReliabilityBins) {
  auto r = assess_fairness(small_table(), small_options());
  ASSERT_TRUE(r);
  const auto& bins = group(*r, "A").metrics.calibration;
  ASSERT_EQ(bins.size(), 10u);
  EXPECT_EQ(bins[6].n, 2u);  // the two 0.6 scores, one positive
  EXPECT_DOUBLE_EQ(*bins[6].mean_score, 0.6);
  EXPECT_DOUBLE_EQ(*bins[6].observed_rate, 0.5);
  EXPECT_EQ(bins[5].n, 0u);
  EXPECT_FALSE(bins[5].observed_rate);
  EXPECT_EQ(bins[9].n, 1u);
}

TEST(Fairness, GapsAgainstTheBestGroup) {
  auto r = assess_fairness(small_table(), small_options());
  ASSERT_TRUE(r);
  // TPR best A 0.75; FPR best (lowest) B and D 1/3; selection best A 0.625.
  EXPECT_NEAR(*group(*r, "B").gaps.equal_opportunity.value, 0.75 - 1.0 / 3, 1e-12);
  EXPECT_NEAR(*group(*r, "A").gaps.equalised_odds.value, 0.5 - 1.0 / 3, 1e-12);
  EXPECT_NEAR(*group(*r, "B").gaps.equalised_odds.value, 0.75 - 1.0 / 3, 1e-12);
  EXPECT_NEAR(*group(*r, "D").gaps.demographic_parity.value, 0.625 - 1.0 / 3, 1e-12);
  EXPECT_NEAR(*r->largest.equal_opportunity.value, 0.75 - 1.0 / 3, 1e-12);
  EXPECT_EQ(r->largest_group[0], "B");
  EXPECT_TRUE(r->largest.equal_opportunity.flagged);
  ASSERT_FALSE(r->flags.empty());
  EXPECT_NE(r->flags[0].find("equal_opportunity_difference 0.417 for group 'B'"), std::string::npos) << r->flags[0];
}

TEST(Fairness, GapsAgainstANamedReferenceGroup) {
  FairnessOptions o = small_options();
  o.reference = "B";
  auto r = assess_fairness(small_table(), o);
  ASSERT_TRUE(r);
  EXPECT_NEAR(*group(*r, "A").gaps.equal_opportunity.value, 0.75 - 1.0 / 3, 1e-12);
  EXPECT_NEAR(*group(*r, "A").gaps.demographic_parity.value, 0.625 - 1.0 / 3, 1e-12);
  EXPECT_DOUBLE_EQ(*group(*r, "B").gaps.equal_opportunity.value, 0.0);
  o.reference = "Z";
  auto missing = assess_fairness(small_table(), o);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message, "no group 'Z' to compare against; the groups are: A, B, C, D");
  o.reference = "C";
  auto small = assess_fairness(small_table(), o);
  ASSERT_FALSE(small);
  EXPECT_NE(small.error().message.find("n=2 < 3: too few for a rate"), std::string::npos);
}

TEST(Fairness, SmallGroupsAndUndefinedRatesAreNotNumbers) {
  auto table = small_table();
  auto r = assess_fairness(table, small_options());
  ASSERT_TRUE(r);
  const GroupResult& c = group(*r, "C");
  EXPECT_FALSE(c.metrics.enough);
  EXPECT_FALSE(c.metrics.tpr);
  EXPECT_FALSE(c.gaps.equal_opportunity.value);
  EXPECT_EQ(c.metrics.notes, std::vector<std::string>{"n=2 < 3: too few for a rate"});
  const GroupResult& d = group(*r, "D");
  EXPECT_FALSE(d.metrics.tpr);
  EXPECT_FALSE(d.metrics.auc);
  EXPECT_FALSE(d.gaps.equal_opportunity.value);
  EXPECT_FALSE(d.gaps.equalised_odds.value);
  EXPECT_TRUE(d.gaps.demographic_parity.value);
  const std::string text = fairness_text(*r, table);
  EXPECT_NE(text.find("C: n=2 positives=1 negatives=1 (TP 1 FP 0 TN 1 FN 0)\n  n=2 < 3: too few for a rate\n"), std::string::npos) << text;
  EXPECT_NE(text.find("TPR undefined"), std::string::npos);
  EXPECT_NE(text.find("no positives: TPR and AUC undefined"), std::string::npos);
  const std::string csv = fairness_csv(*r);
  EXPECT_NE(csv.find("\nC,2,1,1,,,,,,,,,,,"), std::string::npos) << csv;
  const auto json = fairness_json(*r, table);
  EXPECT_TRUE(json["groups"][3]["tpr"].is_null());
}

// Two groups of 3,000 with prevalence 0.3: positives are caught with probability 0.8 in A and
// 0.6 in B (the injected bias: a true TPR gap of 0.2); negatives flagged with 0.1 in both.
PredictionTable injected_bias(std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  std::string csv = "label,score,group\n";
  for (std::string_view g : {"A", "B"}) {
    const double catch_rate = g == "A" ? 0.8 : 0.6;
    for (int i = 0; i < 3000; ++i) {
      const int label = u(rng) < 0.3 ? 1 : 0;
      const bool predicted = u(rng) < (label ? catch_rate : 0.1);
      const double score = predicted ? 0.5 + 0.5 * u(rng) : 0.5 * u(rng);
      csv += fmt::format("{},{:.6f},{}\n", label, std::min(score, 0.999999), g);
    }
  }
  auto t = read_predictions(csv, {"label", "score", {"group"}}, "generated.csv");
  EXPECT_TRUE(t);
  return *t;
}

TEST(Fairness, FindsAnInjectedTprGapWithinItsInterval) {
  FairnessOptions o;
  o.reference = "A";
  o.bootstrap = 500;
  o.seed = 7;
  auto r = assess_fairness(injected_bias(42), o);
  ASSERT_TRUE(r);
  const Gap& eo = group(*r, "B").gaps.equal_opportunity;
  ASSERT_TRUE(eo.ci);
  EXPECT_LE(eo.ci->lower, 0.2);
  EXPECT_GE(eo.ci->upper, 0.2);
  EXPECT_GT(eo.ci->lower, 0.1);  // clearly over the 0.1 threshold
  EXPECT_TRUE(eo.flagged);
  // FPR is the same in both groups: its interval holds the true 0 difference's neighbourhood.
  const Gap& odds = group(*r, "B").gaps.equalised_odds;
  EXPECT_NEAR(*odds.value, *eo.value, 1e-12);  // the TPR part dominates
  // True selection rates 0.31 and 0.25: a 0.06 gap, under the threshold.
  const Gap& dp = group(*r, "B").gaps.demographic_parity;
  EXPECT_LE(dp.ci->lower, 0.06);
  EXPECT_GE(dp.ci->upper, 0.06);
  EXPECT_FALSE(dp.flagged);
}

TEST(Fairness, BootstrapIsReproducibleForASeed) {
  FairnessOptions o;
  o.bootstrap = 200;
  o.seed = 3;
  const auto table = injected_bias(1);
  auto a = assess_fairness(table, o), b = assess_fairness(table, o);
  o.seed = 4;
  auto c = assess_fairness(table, o);
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(a->largest.equal_opportunity.ci->lower, b->largest.equal_opportunity.ci->lower);
  EXPECT_EQ(a->largest.equal_opportunity.ci->upper, b->largest.equal_opportunity.ci->upper);
  EXPECT_NE(a->largest.equal_opportunity.ci->lower, c->largest.equal_opportunity.ci->lower);
}

TEST(Fairness, PercentileInterpolatesLikeNumpy) {
  const std::vector<double> v = {1, 2, 3, 4};
  EXPECT_DOUBLE_EQ(percentile(v, 0.5), 2.5);
  EXPECT_DOUBLE_EQ(percentile(v, 0.025), 1.075);  // numpy.percentile([1,2,3,4], 2.5)
}

}  // namespace
}  // namespace ward::ai_governance
