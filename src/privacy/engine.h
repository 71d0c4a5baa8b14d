// The privacy engine: explain every EHR access in the store, run the detectors, group findings
// into cases, and keep the explanations and cases in the store. `ward privacy run` runs it once
// over everything; `ward serve` keeps one running and feeds it each commit (catch_up), so
// accesses are explained and scored as they arrive. Either way, ADT that arrives late explains
// the accesses it covers and their cases go (unless a person already reviewed them).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "core/error.h"
#include "privacy/detectors.h"
#include "privacy/explain.h"
#include "store/store.h"

namespace ward::privacy {

struct PrivacyConfig {
  std::vector<ExplanationRule> explanations = default_explanation_rules();
  DetectorOptions detectors;
};

// Reads the `privacy` section (explanations, neighbour_house_distance, bulk_export_count,
// bulk_export_window, out_of_care_window, off_hours_share, volume_min_patients,
// volume_deviations); absent keys keep their defaults.
Result<PrivacyConfig> privacy_config_from_yaml(const YAML::Node& section);

struct PrivacyRunSummary {
  std::uint64_t accesses = 0;
  std::uint64_t explained = 0;
  std::uint64_t unknown_users = 0;     // accesses whose user the directory does not know
  std::uint64_t unknown_patients = 0;  // … whose patient it does not know
  // Of `accesses`: those the store handed over as it committed them (a run beside an import,
  // Loading::handed_batches), rather than read back.
  std::uint64_t handed_over = 0;
  std::map<std::string, std::uint64_t> explained_by;  // rule code -> accesses
  std::map<std::string, std::uint64_t> findings;      // category -> accesses
  std::uint64_t cases = 0;
  double explained_share() const {
    return accesses == 0 ? 0.0 : static_cast<double>(explained) / static_cast<double>(accesses);
  }
};

// What one catch-up did.
struct CatchUpSummary {
  std::uint64_t accesses = 0;       // new accesses read
  std::uint64_t reexamined = 0;     // earlier accesses explained again: of the people that changed
  std::uint64_t reexplained = 0;    // earlier accesses whose explanation changed (late ADT)
  std::uint64_t cases_saved = 0;    // new or changed cases
  std::uint64_t cases_gone = 0;     // cases no longer found
};

// A load still committing events, for a run beside it.
struct Loading {
  std::function<bool()> more_coming;  // false once the load's last commit is done
  // The run reads on once this many events are committed after its last read (each read looks
  // at the whole string dictionary), or when the load ends.
  std::int64_t scan_events = 200'000;
  // The store hands the run each batch it commits whole, while the run holds fewer than this
  // many (each up to ingest::ParseOptions::batch_size events); the run reads the others back.
  // 0: none, every access is read back.
  std::size_t handed_batches = 6;
};

class PrivacyEngine {
 public:
  PrivacyEngine(store::Store& store, PrivacyConfig config);
  ~PrivacyEngine();
  PrivacyEngine(const PrivacyEngine&) = delete;
  PrivacyEngine& operator=(const PrivacyEngine&) = delete;

  // Everything in the store, from scratch: every explanation and case is replaced. With
  // `loading`, a load (`ward import --privacy`) is still committing events: the run reads the
  // accesses as they are committed and ends after the load's last ones. It sees the directory
  // as it was when it began: directory records committed later are taken by a catch_up naming
  // them (src/privacy_import does that).
  Result<PrivacyRunSummary> run(const Loading* loading = nullptr);
  // What the store gained since run() or the last catch-up: the accesses after the last one
  // seen, and the directory records `changes` names (re-read from the store). Explains and
  // scores the new accesses; re-explains the accesses of the users and patients whose records
  // or encounters changed; rebuilds the cases of the users this touched (their
  // accesses, their habits or their peer group's) and saves only what changed. The result is
  // what run() would find, but for what docs/privacy.md lists. Runs run() first when it has
  // not run.
  Result<CatchUpSummary> catch_up(const store::CommitNotice& changes);
  // The totals over everything seen so far.
  PrivacyRunSummary summary() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// One full run (`ward privacy run`, POST /api/v1/privacy/run).
Result<PrivacyRunSummary> run_privacy(store::Store& store, const PrivacyConfig& config);

}  // namespace ward::privacy
