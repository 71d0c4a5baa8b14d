// `ward bench privacy`: the privacy engine on a generated hospital — how much of the legitimate
// access it explains, what it finds of the labelled snooping (per scenario, and within a review
// budget of 50 cases per 10,000 users per day), and how fast and in how much memory it does
// import + explain + detect + cases, and how soon `ward serve` scores what arrives live.
#pragma once

#include <cstdint>
#include <string>

#include "core/error.h"
#include "privacy/evaluation.h"

namespace ward::bench {

struct PrivacyBenchOptions {
  // The hospital: 2,000 users, 50,000 patients, 30 days (1–2 million accesses), with
  // snooping at a rate a reviewer's budget can hold (the generator's default is far higher).
  int users = 2000, patients = 50000, days = 30;
  std::uint64_t seed = 42;
  double incident_share = 0.0001;
  std::string workdir;  // "" = a new folder in the system temp dir
  // Live phase: accesses replayed one per commit at this rate, as AuditEvents arriving one by
  // one at `ward serve`; every 50th commit is an ADT update. 0 commits = no live phase.
  int live_commits = 2000;
  int live_rate = 100;  // commits per second
};

struct PrivacyBenchResult {
  std::string machine;
  std::uint64_t accesses = 0;
  std::uint64_t records = 0;  // every record imported: accesses, ADT, patients, encounters, staff
  std::uint64_t handed_over = 0;  // accesses the store handed the run as it committed them (not read back)
  // The privacy run goes beside the import (privacy_import): import_seconds until the last
  // file is stored (the run explaining meanwhile), privacy_seconds the rest (the run's end and
  // the event index build).
  double import_seconds = 0, privacy_seconds = 0;
  // CPU time (user + system, all threads) of each part: with the wall time, how many cores it
  // kept busy; on a shared machine also the steadier measure of the work done.
  double import_cpu_seconds = 0, privacy_cpu_seconds = 0;
  long import_peak_kb = 0, privacy_peak_kb = 0;  // peak resident memory: until the import's end, overall
  privacy::Evaluation evaluation;
  // Live phase: from commit to explained and scored.
  std::uint64_t live_commits = 0;
  double live_p50_ms = 0, live_p99_ms = 0, live_max_ms = 0;
};

Result<PrivacyBenchResult> run_privacy_bench(const PrivacyBenchOptions& options);
std::string format_report(const PrivacyBenchOptions& options, const PrivacyBenchResult& result);

}  // namespace ward::bench
