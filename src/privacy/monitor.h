// Live privacy monitoring for `ward serve`: it listens to the store's commits (AuditEvents over
// HTTP, ADT over MLLP, imports in the same process) and, on its own thread, explains and scores
// what each commit added (PrivacyEngine::catch_up), so an access is explained and its case is up
// to date well within a second of its arrival (docs/benchmarks.md). It starts with a full run
// over the store.
// Commits that arrive while a catch-up runs are taken together by the next one.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/latency_window.h"
#include "privacy/engine.h"
#include "store/store.h"

namespace ward::privacy {

class PrivacyMonitor {
 public:
  PrivacyMonitor(store::Store& store, PrivacyConfig config);
  ~PrivacyMonitor();  // stops listening and waits for the thread
  PrivacyMonitor(const PrivacyMonitor&) = delete;
  PrivacyMonitor& operator=(const PrivacyMonitor&) = delete;

  // Listens to the store and starts the thread (the full run first).
  void start();

  // p50_ms, p99_ms, max_ms: from commit to scored, over the last 10,000 commits.
  struct Status : LatencyWindow::Summary {
    bool ready = false;                 // the full run is done
    bool idle = false;                  // every commit notified so far is scored
    std::uint64_t catch_ups = 0;
    std::uint64_t commits = 0;          // commits scored
    std::string last_error;             // "" when the last catch-up succeeded
    PrivacyRunSummary summary;
  };
  Status status() const;

  // Blocks until every commit notified so far is scored (tests, benchmarks).
  void wait_until_idle();

  // A full run on the monitor's thread (POST /api/v1/privacy/run while serving), so one engine
  // writes the results and the live state starts afresh with them (and with rules accepted
  // since). Blocks until it is done.
  Result<PrivacyRunSummary> run_full();

 private:
  void run();
  void notice(const store::CommitNotice& n);

  store::Store& store_;
  PrivacyEngine engine_;
  mutable std::mutex mu_;
  std::condition_variable wake_, idle_;
  std::vector<store::CommitNotice> pending_;
  bool busy_ = true;  // until the full run and every pending notice are done
  bool stopping_ = false;
  std::uint64_t full_runs_asked_ = 1;  // the first is asked by start()
  std::uint64_t full_runs_done_ = 0;
  Result<PrivacyRunSummary> last_full_ = PrivacyRunSummary{};
  std::condition_variable full_done_;
  Status status_;
  LatencyWindow latencies_;  // last 10,000 commits
  std::thread thread_;
};

}  // namespace ward::privacy
