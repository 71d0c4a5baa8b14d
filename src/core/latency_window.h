// The latencies of the last N items a live monitor handled (commit → done) and their
// percentiles, for the monitors' status (privacy/monitor.h, live_detection/detection_monitor.h).
// Bounded: the oldest latency is dropped when the window is full. Not thread-safe.
#pragma once

#include <cstddef>
#include <deque>

namespace ward {

class LatencyWindow {
 public:
  explicit LatencyWindow(std::size_t capacity = 10'000) : capacity_(capacity) {}

  void add(double ms);

  struct Summary {
    double p50_ms = 0, p99_ms = 0, max_ms = 0;  // all 0 when the window is empty
  };
  Summary summary() const;

 private:
  std::size_t capacity_;
  std::deque<double> values_;
};

}  // namespace ward
