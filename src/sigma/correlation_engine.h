// Running correlation rules: fed with the matches of detection rules (rule, event time, the
// event's fields), it keeps per (correlation, group-by values) a window of one timespan and
// emits a CorrelationAlert when the correlation's condition holds. Windows use event time.
// Not thread-safe: one engine per stream of matches. correlation_set.h says what is correlated.
//
// When an alert fires:
// - conditions with only lower bounds (gt, gte; temporal types without a condition): at the
//   match that makes the condition true, over the window that ends at that match (sliding);
//   the group then starts afresh, so the next alert needs new matches;
// - conditions with an upper bound (lt, lte, eq, neq): when the window that started at the
//   group's first match is over (a later match, the group expiring, or finish()).
// Order: a match more than one timespan older than the newest match of its group is late:
// counted and dropped. Within that, matches are placed by time (temporal_ordered follows event
// time, not arrival). Feed matches in time order for exact results (hunting sorts them).
#pragma once

#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/time.h"
#include "sigma/correlation_set.h"
#include "sigma/event_view.h"

namespace ward::sigma {

struct CorrelationOptions {
  std::size_t max_groups = 100'000;            // per correlation; the least recently fed is evicted
  std::size_t max_matches_per_group = 10'000;  // raised to a condition's bound when that is larger
  std::size_t max_alert_events = 20;           // events listed in one alert (the count is exact)
};

// One event behind an alert.
struct AlertEvent {
  std::string file;
  std::uint64_t event_index = 0;  // 1-based within the file
  TimeNs time = 0;
  std::string rule_id, rule_title;  // the detection rule that matched it
};

struct CorrelationAlert {
  const LinkedCorrelation* correlation = nullptr;
  std::vector<std::pair<std::string, std::string>> group;  // group-by name (alias) → value
  std::uint64_t count = 0;  // matches (event_count), distinct values (value_count), rules (temporal)
  TimeNs first = 0, last = 0;  // the earliest event behind it; its latest match
  std::vector<AlertEvent> events;  // in time order, at most max_alert_events
  std::uint64_t events_total = 0;
};

struct CorrelationStats {
  std::uint64_t matches = 0;        // detection matches fed to at least one correlation
  std::uint64_t alerts = 0;         // shown alerts (those of correlations used only inside others not counted)
  std::uint64_t late = 0;           // matches older than their group's window
  std::uint64_t no_group_value = 0; // matches whose event lacks a group-by field (or value_count's field)
  std::uint64_t evicted_groups = 0; // groups dropped at max_groups
  std::uint64_t dropped_matches = 0;// matches dropped at max_matches_per_group
};

class CorrelationEngine {
 public:
  using AlertSink = std::function<void(const CorrelationAlert&)>;

  // `rules` and `set` must outlive the engine; `set` was linked against `rules`.
  CorrelationEngine(const std::vector<CompiledRule>& rules, const CorrelationSet& set, AlertSink on_alert,
                    CorrelationOptions options = {});
  ~CorrelationEngine();
  CorrelationEngine(const CorrelationEngine&) = delete;
  CorrelationEngine& operator=(const CorrelationEngine&) = delete;

  // Whether any correlation uses `rule`: only those matches need observe().
  bool correlates(const CompiledRule& rule) const;
  // The field names observe() reads of a `rule` match (group-by fields and value_count fields).
  const std::vector<std::string>& fields_read(const CompiledRule& rule) const;

  // `rule` (one of `rules`) matched event `event_index` of `file` at `time`; `event` gives the
  // group-by values and is read only during the call. Alerts go to the sink before it returns.
  void observe(const CompiledRule& rule, TimeNs time, const EventView& event, std::string_view file,
               std::uint64_t event_index);
  // End of input: windows waiting for their end are evaluated, then all state is dropped.
  void finish();

  const CorrelationStats& stats() const { return stats_; }

 private:
  struct Ref;
  struct Entry;
  struct Group;
  struct Correlation;
  void feed(std::size_t correlation, std::size_t input, TimeNs time, const EventView& event,
            std::vector<Ref> refs, std::uint64_t event_key);
  // Evaluates the group's window (an alert when the condition holds) and empties it.
  void close_window(std::size_t correlation, Group& group);
  void close_and_erase(std::size_t correlation, std::string key);

  const std::vector<CompiledRule>& rules_;
  const CorrelationSet& set_;
  AlertSink on_alert_;
  CorrelationOptions options_;
  std::vector<std::unique_ptr<Correlation>> state_;
  // Per compiled rule: (correlation, input) pairs it feeds, and the fields those read.
  std::unordered_map<const CompiledRule*, std::pair<std::vector<std::pair<std::size_t, std::size_t>>,
                                                    std::vector<std::string>>> uses_;
  std::vector<std::string> files_;  // interned file names of refs
  std::uint64_t event_key_ = 0;  // one per event observed; alerts fed to outer correlations
  // take keys with the top bit set
  std::uint64_t alert_key_ = 0;
  std::uint32_t last_file_ = 0;
  std::uint64_t last_index_ = 0;
  CorrelationStats stats_;
};

// A match's time from its text: ISO 8601 (core/time.h), or epoch seconds (with a fraction) or
// epoch milliseconds (13 or more digits). Fails on anything else.
Result<TimeNs> parse_event_time(std::string_view text);

}  // namespace ward::sigma
