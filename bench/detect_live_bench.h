// `ward bench detect-live`: how soon `ward serve` raises an alert for a syslog message that a
// rule matches — the "p99 from event arrival to alert ≤ 1 s". It starts `ward serve`
// (ward_serve_process.h) with the given rule folders and a marker rule, sends generated hospital
// syslog (hospital_syslog.h) over TCP at a steady rate, every k-th message a marker, and polls
// the store for the marker rule's alerts; per marker, the time from just before it was written
// to the socket to the poll that first saw its alert. Beside it, the monitor's own
// commit → alerted summary (GET /api/v1/detection/status).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/error.h"

namespace ward::bench {

struct DetectLiveBenchOptions {
  int rate = 1000;        // messages per second
  int seconds = 10;       // of sending
  int every = 100;        // every k-th message is a marker
  std::vector<std::string> rules;  // rule folders or files beside the marker rule (e.g. rules/healthcare)
  int timeout_seconds = 30;  // after the last message, for every marker's alert
  std::string workdir;    // "" = a new folder in the system temp dir
  std::string ward;       // the ward binary to serve with; "" = this one
};

struct DetectLiveBenchResult {
  std::string machine;
  std::uint64_t messages = 0, markers = 0, alerted = 0;
  double send_seconds = 0;  // from the first message to the last
  double p50_ms = 0, p99_ms = 0, max_ms = 0;  // sent → alert seen in the store
  double poll_mean_ms = 0, poll_max_ms = 0;   // between two polls of the store
  // GET /api/v1/detection/status at the end: the monitor's own commit → alerted, its rules, …
  double monitor_p50_ms = 0, monitor_p99_ms = 0, monitor_max_ms = 0;
  std::uint64_t monitor_rules = 0, monitor_alerts = 0, monitor_events = 0;
};

// An error when ward serve does not start, a marker's alert does not come within the timeout,
// or an alert does not show which marker it is for.
Result<DetectLiveBenchResult> run_detect_live_bench(const DetectLiveBenchOptions& options);
std::string format_report(const DetectLiveBenchOptions& options, const DetectLiveBenchResult& result);

}  // namespace ward::bench
