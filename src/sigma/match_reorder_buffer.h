// The reorder buffer in front of a CorrelationEngine (CorrelationOptions::lateness): matches are
// held until the watermark — the newest event time seen minus the lateness bound — passes them,
// then released in (time, file, event, rule) order, so the order in which they arrived within
// the bound changes nothing. A match older than the watermark when it arrives is late.
// Not thread-safe: owned by one engine.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/time.h"

namespace ward::sigma {

// A correlated match as held: what the engine reads of its event, copied.
struct HeldMatch {
  TimeNs time = 0;
  std::uint32_t rule = 0;  // index into the engine's rules
  std::uint32_t file = 0;  // index into the engine's file names
  std::uint64_t event_index = 0;
  std::vector<std::pair<std::string, std::string>> fields;  // (name, value) the correlations read
};

class MatchReorderBuffer {
 public:
  static constexpr TimeNs kUnbounded = std::numeric_limits<TimeNs>::max();

  // `lateness` > 0 (kUnbounded: hold everything until drained or full); `max_held` ≥ 1 bounds
  // the buffer. `file_names` orders matches of equal time and must outlive the buffer.
  MatchReorderBuffer(TimeNs lateness, std::size_t max_held, const std::vector<std::string>& file_names);

  // Holds `m`; returns false when it is late (older than the watermark): not held. A full
  // buffer first releases its oldest match into `forced` and raises the watermark to its time.
  bool hold(HeldMatch m, std::optional<HeldMatch>& forced);
  // The oldest held match once the watermark has passed it (all of them when `drain`).
  std::optional<HeldMatch> next_released(bool drain);

  std::size_t size() const { return heap_.size(); }
  TimeNs watermark() const;

 private:
  // Heap order: the oldest match on top; ties of time by file name, event, rule.
  struct Later {
    const std::vector<std::string>* file_names;
    bool operator()(const HeldMatch& a, const HeldMatch& b) const;
  };
  HeldMatch pop();

  TimeNs lateness_;
  std::size_t max_held_;
  Later later_;
  std::vector<HeldMatch> heap_;
  TimeNs newest_ = std::numeric_limits<TimeNs>::min();
  TimeNs floor_ = std::numeric_limits<TimeNs>::min();  // raised by matches released early
};

}  // namespace ward::sigma
