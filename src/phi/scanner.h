// The PHI scanner: Hyperscan passes over a text for every identifier pattern, validators on
// the candidates only, names and places from the dictionaries, known values of the record, then
// one finding per span (the most confident where they overlap).
//
//   auto scanner = phi::Scanner::build();           // once; immutable, shared by threads
//   auto scratch = phi::ScanScratch::make(*scanner);  // one per thread
//   auto findings = scanner->scan(text, *scratch);
#pragma once

#include <string_view>
#include <vector>

#include "core/error.h"
#include "phi/candidate_checks.h"
#include "phi/dictionaries.h"
#include "phi/finding.h"
#include "phi/known_phi.h"
#include "phi/pattern_database.h"

namespace ward::phi {

struct ScanOptions {
  double min_confidence = 0.5;  // findings below are dropped
};

class ScanScratch;

class Scanner {
 public:
  // `dictionaries` must outlive the scanner (the embedded ones live for the whole process).
  static Result<Scanner> build(ScanOptions options = {}, const Dictionaries& dictionaries = Dictionaries::embedded());

  // Findings in `text` sorted by offset, none overlapping. `known`: this record's own values.
  // Fails only if Hyperscan fails; any bytes are accepted (UTF-8 is expected for names).
  Result<std::vector<Finding>> scan(std::string_view text, ScanScratch& scratch,
                                    const std::vector<KnownValue>& known = {}) const;

  const ScanOptions& options() const { return options_; }

 private:
  friend class ScanScratch;
  Scanner(PatternDatabase database, CandidateChecker checker, ScanOptions options, const Dictionaries& dictionaries)
      : database_(std::move(database)), checker_(std::move(checker)), options_(options), dictionaries_(&dictionaries) {}
  PatternDatabase database_;
  CandidateChecker checker_;
  ScanOptions options_;
  const Dictionaries* dictionaries_;
};

// Per-thread working memory of a scan.
class ScanScratch {
 public:
  static Result<ScanScratch> make(const Scanner& scanner);

 private:
  friend class Scanner;
  explicit ScanScratch(PatternScratch patterns) : patterns_(std::move(patterns)) {}
  PatternScratch patterns_;
  std::vector<Candidate> candidates_;
};

// Keeps the most confident (then the longest) of overlapping findings; a finding dropped only for
// overlapping kept ones of its own type widens them over its bytes. Sorts by offset.
std::vector<Finding> resolve_overlaps(std::vector<Finding> findings);

}  // namespace ward::phi
