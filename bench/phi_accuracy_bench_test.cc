// `ward bench phi-accuracy` on the real labelled sentences of ../shared/data/deid_gold and on the
// project's PHI-free clinical text: the floors below are what the scanner reaches today (see
// docs/benchmarks.md), set a little under the measured values so a regression fails.
#include "bench/phi_accuracy_bench.h"

#include <gtest/gtest.h>

#include "testing/shared_data.h"

namespace ward::bench {
namespace {

class PhiAccuracyBench : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    PhiAccuracyOptions options;
    options.dataset = testing::shared_data("deid_gold/synth_dataset_v2.public.json");
    options.clean_texts = {"bench/data/phi_free_clinical.txt", "bench/data/phi_free_structured_notes.txt"};  // tests run in the source tree
    auto run = run_phi_accuracy_bench(options);
    ASSERT_TRUE(run) << run.error().describe();
    result_ = new PhiAccuracyResult(std::move(*run));
  }
  static void TearDownTestSuite() { delete result_; result_ = nullptr; }
  static const PhiScore& type(const std::string& name) { return result_->by_type.at(name); }
  static PhiAccuracyResult* result_;
};
PhiAccuracyResult* PhiAccuracyBench::result_ = nullptr;

TEST_F(PhiAccuracyBench, ReadsEveryPublicRecord) {
  EXPECT_EQ(result_->records, 1000u);
  EXPECT_EQ(type("name").gold, 591u);  // PERSON spans, per MANIFEST.md
}

TEST_F(PhiAccuracyBench, OverallPrecisionRecallAndFScoresReachTheTargets) {
  EXPECT_GE(result_->overall.precision(), 0.93);
  EXPECT_GE(result_->overall.recall(), 0.91);
  EXPECT_GE(result_->overall.f(1), 0.92);
  EXPECT_GE(result_->overall.f(2), 0.92);
}

TEST_F(PhiAccuracyBench, ChecksumAndPatternIdentifiersAreFoundNearlyAlways) {
  EXPECT_GE(type("ssn").recall(), 0.99);
  EXPECT_GE(type("account").recall(), 0.99);  // payment cards (Luhn) and IBANs (mod 97)
  EXPECT_GE(type("email").recall(), 0.99);
  EXPECT_GE(type("ip_address").recall(), 0.99);
  EXPECT_GE(type("phone").recall(), 0.95);
  EXPECT_GE(type("date").recall(), 0.95);
}

TEST_F(PhiAccuracyBench, NamesAndAddressesReachTheIssueRecallTarget) {
  EXPECT_GE(type("name").recall(), 0.95);
  EXPECT_GE(type("name").precision(), 0.93);
  EXPECT_GE(type("geography").recall(), 0.95);
  EXPECT_GE(type("geography").precision(), 0.95);
}

TEST_F(PhiAccuracyBench, SafeHarborKeptValuesAreReportedApart) {
  EXPECT_EQ(result_->not_counted.at("DATE_TIME: a year alone").first, 41u);
  EXPECT_GT(result_->not_counted.at("GPE: a country or state").first, 0u);
  EXPECT_EQ(result_->not_counted.at("ORGANIZATION").first, 180u);
}

TEST_F(PhiAccuracyBench, SafeHarborDeidentificationLeavesNoCheckedIdentifierAndFewNames) {
  for (const std::string t : {"ssn", "account", "email", "ip_address", "url", "date"}) {
    ASSERT_TRUE(result_->residual.count(t)) << t;
    EXPECT_EQ(result_->residual.at(t).second, 0u) << t << " left after de-identification";
  }
  std::size_t labelled = 0, left = 0;
  for (const auto& [type, n] : result_->residual) { labelled += n.first; left += n.second; }
  EXPECT_EQ(labelled, result_->overall.gold) << "every counted identifier is checked";
  EXPECT_LE(static_cast<double>(left) / static_cast<double>(labelled), 0.06);  // 5.1% measured
  // The built-in Safe Harbor policy's threshold, under the scan's: 28 left (32 at the scan's 0.5).
  EXPECT_DOUBLE_EQ(result_->deid_min_confidence, 0.45);
  EXPECT_LE(left, 30u);
  EXPECT_LT(result_->residual.at("name").second, result_->residual.at("name").first - type("name").gold_found)
      << "fewer names are left than the scanner misses: repeats of found names are changed too";
}

TEST_F(PhiAccuracyBench, EponymRichClinicalTextHasAtMostOneFalsePositivePerTenKilobytes) {
  ASSERT_EQ(result_->clean.size(), 2u);
  ASSERT_GT(result_->clean[0].bytes, 8000u);
  EXPECT_LE(result_->clean[0].per_10k(), 1.0);
}

TEST_F(PhiAccuracyBench, StructuredNotesOnceHeldOutMeetTheTargetNowTheyAreTunedOn) {
  // Held out until 2026-12-03 (17 findings, 3.45 per 10 kB, measured unseen), then tuned on: 0
  // findings since. No longer a measurement of unseen notes (bench/data/README.md), but a
  // regression on them fails here.
  ASSERT_EQ(result_->clean.size(), 2u);
  ASSERT_GT(result_->clean[1].bytes, 45000u);
  EXPECT_LE(result_->clean[1].per_10k(), 1.0);
}

TEST_F(PhiAccuracyBench, SafeHarborChangesNothingInPhiFreeText) {
  // Over-masking: the spans Safe Harbor de-identification changes in text with no PHI, at its
  // threshold (0.45; 0.4 would change 99 in the four PHI-free files, docs/benchmarks.md).
  ASSERT_EQ(result_->clean.size(), 2u);
  EXPECT_EQ(result_->clean[0].deid_changed, 0u);
  EXPECT_EQ(result_->clean[1].deid_changed, 0u);
}

TEST(PhiAccuracyBenchInput, AMissingDatasetIsAnErrorNamingIt) {
  PhiAccuracyOptions options;
  options.dataset = "no-such-file.json";
  auto run = run_phi_accuracy_bench(options);
  ASSERT_FALSE(run);
  EXPECT_EQ(run.error().source, "no-such-file.json");
}

}  // namespace
}  // namespace ward::bench
