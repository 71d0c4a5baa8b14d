// Correlation rules in an offline hunt: takes the matches hunt() reports, keeps those that feed
// a correlation (their time and the few fields the correlations read), and after the hunt runs
// them through a CorrelationEngine in time order, so files and records may come in any order.
// Also says which matches are shown on their own (`generate`). Not thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sigma/correlation_engine.h"
#include "sigma/hunt.h"
#include "sigma/rule_set.h"

namespace ward::sigma {

struct CorrelationHuntOptions {
  // The field holding an event's time; empty: the first of event_time()'s usual fields
  // (TimeCreated_SystemTime, @timestamp, timestamp, time, ts, UtcTime…). ISO 8601 or epoch.
  std::string time_field;
  // Matches kept for sorting; when reached, those kept are correlated and the buffer starts
  // again (matches after that which are older than a timespan count as late).
  std::size_t max_buffered = 500'000;
  CorrelationOptions engine;
};

struct CorrelationHuntStats {
  std::uint64_t no_time = 0;  // matches of correlated rules without a readable time: not correlated
  std::string first_no_time;  // "file:event: reason" of the first such match
  std::uint64_t sorted_batches = 0;
  CorrelationStats engine;
};

class CorrelationHunt {
 public:
  // `set` must outlive this object.
  CorrelationHunt(const RuleSet& set, CorrelationEngine::AlertSink on_alert, CorrelationHuntOptions options = {});

  // Takes one match of hunt(); returns whether it is shown as a match of its own.
  bool take(const HuntMatch& match);
  // After the hunt: correlates what is kept; alerts go to the sink.
  void finish();

  CorrelationHuntStats stats() const;

 private:
  struct Kept {
    TimeNs time = 0;
    const CompiledRule* rule = nullptr;
    std::uint32_t file = 0;
    std::uint64_t event_index = 0;
    std::vector<std::pair<std::string, std::string>> fields;
  };
  void correlate_kept();

  const RuleSet& set_;
  CorrelationHuntOptions options_;
  CorrelationEngine engine_;
  std::vector<Kept> kept_;
  std::vector<std::string> files_;
  CorrelationHuntStats stats_;
};

}  // namespace ward::sigma
