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
// Order: with a lateness bound (CorrelationOptions::lateness), matches are held until the
// newest event time seen minus the bound passes them and then correlated in time order, so any
// arrival order within the bound gives exactly the same alerts (match_reorder_buffer.h); older
// ones are late: counted and dropped. Without one, matches are correlated as they come: one more
// than a timespan older than its group's newest is late; within that it is placed by time.
// Caps: a correlation at max_groups drops its least recently fed group, a group at its match
// cap its oldest match; either raises a state-cap alert (state_cap_title) once per crossing.
// State per group is what its condition needs: the key text once, the window's matches (time
// and where the event is) and, for value_count, counts per 64-bit value hash, laid out in
// correlation_groups.h (`ward bench correlation` measures the bytes per key).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/time.h"
#include "sigma/correlation_groups.h"
#include "sigma/correlation_set.h"
#include "sigma/event_view.h"
#include "sigma/flat_event.h"
#include "sigma/match_reorder_buffer.h"

namespace ward::sigma {

struct CorrelationOptions {
  // Event time by which a match may trail a later-timed one and still be correlated exactly;
  // 0: no reordering (matches correlated as they come). MatchReorderBuffer::kUnbounded: all
  // held until finish() or max_held (offline hunting).
  TimeNs lateness = 0;
  std::size_t max_held = 500'000;  // matches held for reordering; when full, the oldest goes on early
  // Per correlation; at the cap the least recently fed group is dropped and a state-cap alert
  // raised; it re-arms once fewer than half of max_groups groups are open.
  std::size_t max_groups = 100'000;
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

// Which condition raised an alert: the correlation's own, or a cap of the engine's state.
enum class AlertCause : std::uint8_t { condition, group_cap, match_cap };

inline constexpr std::string_view kStateCapRuleId = "ward-correlation-state-cap";
inline constexpr std::string_view kStateCapLevel = "high";

struct CorrelationAlert {
  const LinkedCorrelation* correlation = nullptr;
  AlertCause cause = AlertCause::condition;
  // State caps: count is the groups (group_cap) or matches (match_cap) this correlation has
  // dropped so far, cap the limit reached; group: the group that lost a match (match_cap).
  std::uint64_t cap = 0;
  std::vector<std::pair<std::string, std::string>> group;  // group-by name (alias) → value
  std::uint64_t count = 0;  // matches (event_count), distinct values (value_count), rules (temporal)
  TimeNs first = 0, last = 0;  // the earliest event behind it; its latest match
  std::vector<AlertEvent> events;  // in time order, at most max_alert_events
  std::uint64_t events_total = 0;
};

struct CorrelationStats {
  std::uint64_t matches = 0;        // detection matches fed to at least one correlation
  std::uint64_t alerts = 0;         // shown alerts (those of correlations used only inside others not counted)
  std::uint64_t late = 0;           // matches older than the watermark (or their group's window)
  std::uint64_t released_early = 0; // matches correlated before the watermark passed them: max_held
  std::uint64_t no_group_value = 0; // matches whose event lacks a group-by field (or value_count's field)
  std::uint64_t evicted_groups = 0; // groups dropped at max_groups
  std::uint64_t dropped_matches = 0;// matches dropped at max_matches_per_group
  std::uint64_t cap_alerts = 0;     // state-cap alerts raised (not in `alerts`)
};

// A state-cap alert's title and its text: the correlation, the cap, what was dropped.
std::string state_cap_title(const CorrelationAlert& a);
std::string state_cap_text(const CorrelationAlert& a);

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
  // Correlates every held match now, whatever the watermark (a live stream gone quiet); matches
  // that come later are correlated as without a lateness bound.
  void release_held();
  std::size_t held() const { return reorder_ ? reorder_->size() : 0; }
  // End of input: held matches are correlated, windows waiting for their end are evaluated,
  // then all state is dropped.
  void finish();

  const CorrelationStats& stats() const { return stats_; }

 private:
  struct Correlation;
  using Uses = std::vector<std::pair<std::size_t, std::size_t>>;  // (correlation, input)
  void correlate(const Uses& uses, const CompiledRule& rule, TimeNs time, const EventView& event,
                 std::uint32_t file, std::uint64_t event_index);
  void release(const HeldMatch& m);
  // `group`: the group that lost a match (match_cap), or CorrelationGroups::kNone.
  void raise_state_cap(Correlation& c, AlertCause cause, CorrelationGroups::Id group, TimeNs time);
  // `refs`: the events behind the match (one, or an inner correlation's alert's), `count` ≥ 1.
  void feed(std::size_t correlation, std::size_t input, TimeNs time, const EventView& event,
            const EventRef* refs, std::size_t count, std::uint64_t event_key);
  // Evaluates the group's window (an alert when the condition holds) and empties it.
  void close_window(std::size_t correlation, CorrelationGroups::Id group);
  void close_and_erase(std::size_t correlation, CorrelationGroups::Id group);
  // At max_groups: the least recently fed group is closed and dropped, a state-cap alert raised.
  void evict_oldest(std::size_t correlation, TimeNs time);

  const std::vector<CompiledRule>& rules_;
  const CorrelationSet& set_;
  AlertSink on_alert_;
  CorrelationOptions options_;
  std::vector<std::unique_ptr<Correlation>> state_;
  // Per compiled rule: (correlation, input) pairs it feeds, and the fields those read.
  std::unordered_map<const CompiledRule*, std::pair<Uses, std::vector<std::string>>> uses_;
  std::unique_ptr<MatchReorderBuffer> reorder_;  // with a lateness bound
  FlatEvent released_;  // the fields of a held match, as an event
  std::vector<std::string> files_;  // interned file names of refs
  std::uint64_t event_key_ = 0;  // one per event observed; alerts fed to outer correlations
  // take keys with the top bit set
  std::uint64_t alert_key_ = 0;
  std::uint32_t last_file_ = 0;
  std::uint64_t last_index_ = 0;
  CorrelationStats stats_;
};

// A match's time from its text: ingest::parse_iso8601_or_epoch (ingest/log_time.h), the same
// reading `ward import --format json-lines` gives an event's time field.
Result<TimeNs> parse_event_time(std::string_view text);

}  // namespace ward::sigma
