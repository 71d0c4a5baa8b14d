// How well the privacy engine does on a generated hospital (src/demo), whose truth.csv labels
// every non-routine access: the share of legitimate accesses explained, and per scenario how
// many incidents (one user and one patient; one user for bulk export) a case found — at all, and
// within a review budget of the top N cases. Used by `ward bench privacy` and the engine's tests.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/error.h"
#include "store/store.h"

namespace ward::privacy {

struct ScenarioScore {
  std::string scenario;
  std::size_t incidents = 0;
  std::size_t found = 0;            // incidents with an access in some case
  std::size_t found_in_budget = 0;  // … in one of the top `budget` cases
  double recall() const { return incidents == 0 ? 1.0 : static_cast<double>(found) / static_cast<double>(incidents); }
  double recall_in_budget() const {
    return incidents == 0 ? 1.0 : static_cast<double>(found_in_budget) / static_cast<double>(incidents);
  }
};

struct Evaluation {
  std::uint64_t legitimate = 0;           // accesses not in truth.csv, or labelled legitimate
  std::uint64_t legitimate_explained = 0;
  std::vector<ScenarioScore> scenarios;   // the snooping scenarios, by name
  std::size_t cases = 0;
  std::size_t budget = 0;                 // cases a reviewer reads
  std::size_t budget_cases_true = 0;      // of those, cases holding a labelled snooping access
  double explained_share() const {
    return legitimate == 0 ? 0.0 : static_cast<double>(legitimate_explained) / static_cast<double>(legitimate);
  }
  double precision_in_budget() const {
    const std::size_t read = std::min(budget, cases);
    return read == 0 ? 0.0 : static_cast<double>(budget_cases_true) / static_cast<double>(read);
  }
  // Incidents of every snooping scenario together.
  double recall_in_budget() const;
};

// Compares what `ward privacy run` left in `store` with `truth_csv` (event_id,scenario,explanation;
// the scenario "covering" is legitimate). `budget` is the number of top cases a reviewer reads.
Result<Evaluation> evaluate_against_truth(store::Store& store, const std::filesystem::path& truth_csv,
                                          std::size_t budget);

}  // namespace ward::privacy
