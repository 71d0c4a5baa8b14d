// Turns a pattern's candidate into a finding or drops it: extracts the value after a label
// (the pattern's first capture group, with RE2, on the candidate only), runs the kind's
// validator (validators.h) and weighs context words (context.h). Immutable; thread-safe.
#pragma once

#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "phi/finding.h"
#include "phi/pattern_database.h"

namespace re2 { class RE2; }

namespace ward::phi {

class CandidateChecker {
 public:
  static Result<CandidateChecker> build();
  CandidateChecker(CandidateChecker&&) noexcept;
  CandidateChecker& operator=(CandidateChecker&&) noexcept;
  ~CandidateChecker();

  // A finding for `candidate` (a match in `text`), or nothing when its validator rejects it.
  std::optional<Finding> check(std::string_view text, const Candidate& candidate) const;

 private:
  CandidateChecker() = default;
  std::vector<std::unique_ptr<re2::RE2>> values_;  // by pattern; null when the pattern has no group
};

}  // namespace ward::phi
