// Live Sigma detection for `ward serve`: it listens to the store's commits (syslog, MLLP, FHIR
// AuditEvents over HTTP), and looks in the store every few seconds for events other processes
// stored (`ward import`), and, on its own thread, runs the rules over the events after the last
// one it looked at, in seq order, and keeps each match as an alert (store::add_alerts). Correlation rules
// run too (correlation_engine.h): in arrival order by default, or with a lateness bound held
// until event time passes them (or the stream is quiet that long: then they go on as they are),
// and state-cap alerts when a correlation drops state; their windows live in memory and start
// afresh on a restart. How far it got is saved in the store after each pass, so a restart goes on after the
// last event it looked at: nothing missed, nothing alerted twice. Its first start in a store
// begins at the newest event (the history is for `ward detect`).
// Thread-safe: status(), reload() and wait_until_idle() may be called from any thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/latency_window.h"
#include "sigma/correlation_engine.h"
#include "sigma/event_field_aliases.h"
#include "sigma/rule_set.h"
#include "sigma/ward_logsource.h"
#include "store/store.h"

namespace ward::live_detection {

struct DetectionMonitorOptions {
  sigma::FormatLogSources logsources;  // ward.yaml detection.logsources
  int events_per_pass = 1000;          // events read (and alerts written) at a time
  sigma::CorrelationOptions correlation;  // ward.yaml detection.correlation
  // ward.yaml detection.event_field_mappings, then the defaults (sigma/event_field_aliases.h)
  sigma::FieldMappings event_field_mappings = sigma::default_event_field_mappings();
  // How often to look in the store for events no commit notice told of: those another process
  // stored (`ward import` while `ward serve` runs). 0: never (ward.yaml detection.store_poll_interval).
  TimeNs store_poll_interval = 2 * kNsPerSecond;
};

class DetectionMonitor {
 public:
  // `store` must outlive the monitor. The rules are used from start() on; with none (an empty
  // set) the monitor only keeps up with the store until reload() brings some.
  DetectionMonitor(store::Store& store, sigma::RuleSet rules, DetectionMonitorOptions options = {});
  ~DetectionMonitor();  // stops listening and waits for the thread
  DetectionMonitor(const DetectionMonitor&) = delete;
  DetectionMonitor& operator=(const DetectionMonitor&) = delete;

  // Reads where the last run stopped, listens to the store and starts the thread, which first
  // looks at what arrived since. Every event committed after start() returns is looked at.
  // An error when the store cannot be read (then nothing is started).
  Result<void> start();

  // Swaps the rule set on the monitor's thread, between two passes; returns at once. Events
  // after the swap are matched with the new rules; correlation windows start afresh.
  void reload(sigma::RuleSet rules);

  // p50_ms, p99_ms, max_ms: commit → alerted, over the last 10,000 commits.
  struct Status : LatencyWindow::Summary {
    bool ready = false;               // the first pass is done
    bool idle = false;                // every commit notified so far is looked at
    std::uint64_t rules = 0, filters = 0, correlations = 0;
    std::uint64_t rule_files_failed = 0;  // rule files that did not load (ward detect --check says why)
    std::uint64_t reloads = 0;        // reload() calls (the rule counts above are the set in use)
    std::uint64_t events_scanned = 0;  // since start
    std::uint64_t matches = 0;         // rule matches (shown or feeding a correlation)
    std::uint64_t alerts_raised = 0;   // new alerts written (rules and correlations)
    std::int64_t last_seq = 0;         // the last event looked at
    std::string last_error;            // "" when the last pass succeeded
    // Events that could not be looked at in full (kept fields damaged: matched without them;
    // matching failed: skipped), and the latest one's reason ("event SEQ: …"). Detection goes on
    // after them.
    std::uint64_t events_failed = 0;
    std::string last_event_error;
  };
  Status status() const;

  // Blocks until every commit notified so far is looked at (tests).
  void wait_until_idle();

 private:
  struct Engine;  // the rules, their router, matcher and correlation engine
  void run();
  void notice(const store::CommitNotice& n);
  Result<void> resume_point();  // last_seq_ from the saved progress (start)
  // Every event after last_seq_, in passes of events_per_pass; how many there were.
  Result<std::uint64_t> pass(Engine& engine);
  void event_failed(std::int64_t seq, std::string_view reason);  // counted and logged; detection goes on
  Result<void> release_held(Engine& engine);  // the stream was quiet for a lateness bound
  Result<std::uint64_t> pass_over_events();  // with no rules: last_seq_ to the newest event, unread

  store::Store& store_;
  DetectionMonitorOptions options_;
  std::int64_t last_seq_ = 0;  // the monitor's thread only
  mutable std::mutex mu_;
  std::condition_variable wake_, idle_;
  std::unique_ptr<sigma::RuleSet> next_rules_;  // the rules to swap in (start, reload)
  std::vector<TimeNs> pending_;  // commit times of notices not looked at yet (bounded)
  bool busy_ = true;  // until the first pass and every pending notice are done
  bool stopping_ = false;
  Status status_;
  LatencyWindow latencies_;  // last 10,000 commits
  store::CommitSubscription subscription_;
  std::thread thread_;
};

}  // namespace ward::live_detection
