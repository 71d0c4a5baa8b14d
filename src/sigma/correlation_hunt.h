// Correlation rules in an offline hunt: takes the matches hunt() reports, reads the time of those
// that feed a correlation and gives them to a CorrelationEngine, whose reorder buffer holds them
// (their time and the few fields the correlations read) and correlates them in time order, so
// files and records may come in any order (by default: until the end or max_held).
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
  // Hunting holds every match until the end (lateness unbounded) or until max_held are held:
  // then the oldest goes on, and matches older than it count as late. `ward detect --lateness`
  // bounds it instead: matches are correlated as soon as the watermark passes them.
  CorrelationOptions engine{.lateness = MatchReorderBuffer::kUnbounded};
};

struct CorrelationHuntStats {
  std::uint64_t no_time = 0;  // matches of correlated rules without a readable time: not correlated
  std::string first_no_time;  // "file:event: reason" of the first such match
  CorrelationStats engine;
};

class CorrelationHunt {
 public:
  // `set` must outlive this object.
  CorrelationHunt(const RuleSet& set, CorrelationEngine::AlertSink on_alert, CorrelationHuntOptions options = {});

  // Takes one match of hunt(); returns whether it is shown as a match of its own.
  bool take(const HuntMatch& match);
  // After the hunt: correlates what is held; alerts go to the sink.
  void finish();

  CorrelationHuntStats stats() const;

 private:
  const RuleSet& set_;
  CorrelationHuntOptions options_;
  CorrelationEngine engine_;
  CorrelationHuntStats stats_;
};

}  // namespace ward::sigma
