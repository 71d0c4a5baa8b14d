// `ward bench phi-accuracy`: entity-level precision, recall, F1 and F2 of the PHI scanner per
// HIPAA type against a labelled data set in the presidio-research format (full_text, spans with
// entity_type and character offsets), and false positives per 10 kB on PHI-free clinical text:
// prose full of eponyms, and structured notes (headings, vitals, labs, drugs, devices), with the
// spans Safe Harbor de-identification changes in each; and the identifiers it leaves in the
// labelled records.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"

namespace ward::bench {

struct PhiAccuracyOptions {
  std::filesystem::path dataset;     // default: <shared data>/deid_gold/synth_dataset_v2.public.json
  // default: bench/data/phi_free_clinical.txt and phi_free_structured_notes.txt of the source tree
  std::vector<std::filesystem::path> clean_texts;
  double min_confidence = 0.5;       // what the scanner reports (`ward scan`'s default)
  // The residual check's de-identification threshold; default: the built-in Safe Harbor
  // policy's (`ward deid --policy safe-harbor`), lower than the scan's.
  std::optional<double> deid_min_confidence;
  bool list_errors = false;          // print each miss and false positive (the data set is synthetic)
};

struct PhiScore {
  std::size_t gold = 0, gold_found = 0;  // recall = gold_found / gold
  std::size_t predicted = 0, predicted_right = 0;  // precision = predicted_right / predicted
  double precision() const { return predicted == 0 ? 1.0 : static_cast<double>(predicted_right) / static_cast<double>(predicted); }
  double recall() const { return gold == 0 ? 1.0 : static_cast<double>(gold_found) / static_cast<double>(gold); }
  double f(double beta) const;
};

// The scanner's findings on one PHI-free text: every one is a false positive.
struct CleanTextResult {
  std::filesystem::path path;
  std::size_t bytes = 0, findings = 0;
  std::size_t deid_changed = 0;  // spans Safe Harbor de-identification changes in it (over-masking)
  double per_10k() const { return bytes == 0 ? 0 : static_cast<double>(findings) * 10240.0 / static_cast<double>(bytes); }
};

struct PhiAccuracyResult {
  std::filesystem::path dataset;
  std::size_t records = 0;
  std::map<std::string, PhiScore> by_type;  // Ward's type names
  PhiScore overall;           // a finding must have the gold span's type
  PhiScore overall_any_type;  // any PHI type (what masking sees)
  // Labelled spans that are not HIPAA identifiers (ORGANIZATION, TITLE, NRP) or that Safe Harbor
  // keeps (a bare year or weekday, a country or state, an age under 90): how many, how many flagged.
  std::map<std::string, std::pair<std::size_t, std::size_t>> not_counted;
  // Labelled identifiers (counted ones) by type: how many, how many whose text is still in the
  // record after Safe Harbor de-identification.
  std::map<std::string, std::pair<std::size_t, std::size_t>> residual;
  double deid_min_confidence = 0;  // the residual check's threshold
  std::vector<CleanTextResult> clean;
  std::string errors;  // with list_errors
};

Result<PhiAccuracyResult> run_phi_accuracy_bench(const PhiAccuracyOptions& options);
std::string format_report(const PhiAccuracyResult& result);

}  // namespace ward::bench
