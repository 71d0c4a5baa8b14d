// Windows per (correlation, group) and the four correlation types (correlation_engine.h).
#include "sigma/correlation_engine.h"

#include <algorithm>
#include <charconv>
#include <limits>

#include <fmt/format.h>

#include "ingest/log_time.h"

namespace ward::sigma {

// State per group is kept to what the condition needs (docs/benchmarks.md, "Correlation
// state"): a group is its key text (the group-by values joined by \x1f, split again only for an
// alert), its window's entries and, for value_count, a count per distinct value's 64-bit hash
// (correlation_groups.h). Two values share a hash with a chance of about n²/2⁶⁵ for n values in
// a window (~3e-12 at 10,000): then they count as one.

namespace {

std::uint64_t hash_value(std::string_view text) { return std::hash<std::string_view>()(text); }

}  // namespace

struct CorrelationEngine::Correlation {
  using Id = CorrelationGroups::Id;

  explicit Correlation(const LinkedCorrelation& l)
      : linked(&l), groups(l.rule.type == CorrelationType::value_count) {}

  const LinkedCorrelation* linked = nullptr;
  CountCondition condition;
  bool fires_early = true;
  std::size_t max_matches = 0;
  CorrelationGroups groups;
  std::string key, counted;  // feed()'s buffers: one per correlation, as feed() nests across them
  TimeNs newest = std::numeric_limits<TimeNs>::min();
  std::uint64_t last_event_key = std::numeric_limits<std::uint64_t>::max();
  std::vector<std::pair<std::size_t, std::size_t>> parents;  // (correlation, input) fed by its alerts
  bool group_cap_raised = false;  // re-armed below half of max_groups open groups
  std::uint64_t groups_dropped = 0, matches_dropped = 0;

  TimeNs span() const { return linked->rule.timespan; }
  CorrelationType type() const { return linked->rule.type; }

  // The group's values, with their group-by names (aliases), from its key.
  std::vector<std::pair<std::string, std::string>> named_values(Id g) const {
    std::vector<std::pair<std::string, std::string>> out;
    const std::string_view text = groups.key(g);
    std::size_t start = 0;
    for (const std::string& name : linked->rule.group_by) {
      const std::size_t end = text.find('\x1f', start);
      if (end == std::string_view::npos) break;
      out.emplace_back(name, text.substr(start, end - start));
      start = end + 1;
    }
    return out;
  }

  std::uint64_t count(Id g) const {
    const std::size_t size = groups.window_size(g);
    switch (type()) {
      case CorrelationType::event_count: return size;
      case CorrelationType::value_count: return groups.distinct_values(g);
      case CorrelationType::temporal: {
        std::vector<bool> seen(linked->inputs.size());
        std::uint64_t n = 0;
        for (std::size_t i = 0; i < size && n < seen.size(); ++i) {
          const std::uint32_t input = groups.entry(g, i).input;
          if (!seen[input]) seen[input] = true, ++n;
        }
        return n;
      }
      case CorrelationType::temporal_ordered: {
        std::size_t next = 0;  // the longest prefix of `rules:` found in time order
        for (std::size_t i = 0; i < size; ++i)
          if (next < linked->inputs.size() && groups.entry(g, i).input == next) ++next;
        return next;
      }
    }
    return 0;
  }
};

CorrelationEngine::CorrelationEngine(const std::vector<CompiledRule>& rules, const CorrelationSet& set,
                                     AlertSink on_alert, CorrelationOptions options)
    : rules_(rules), set_(set), on_alert_(std::move(on_alert)), options_(options) {
  for (const LinkedCorrelation& linked : set.correlations) {
    auto c = std::make_unique<Correlation>(linked);
    c->condition = linked.rule.condition;
    if (!linked.rule.has_condition) c->condition.gte = linked.inputs.size();  // temporal: every rule
    c->fires_early = c->condition.grows_true();
    std::uint64_t bound = 0;
    for (const auto& b : {c->condition.gt, c->condition.gte, c->condition.lt, c->condition.lte, c->condition.eq, c->condition.neq})
      if (b) bound = std::max(bound, *b);
    c->max_matches = std::max<std::size_t>(options_.max_matches_per_group, bound + 1);
    state_.push_back(std::move(c));
  }
  if (options_.lateness > 0) reorder_ = std::make_unique<MatchReorderBuffer>(options_.lateness, options_.max_held, files_);
  for (std::size_t ci = 0; ci < set.correlations.size(); ++ci) {
    const LinkedCorrelation& linked = set.correlations[ci];
    for (std::size_t in = 0; in < linked.inputs.size(); ++in) {
      const CorrelationInput& input = linked.inputs[in];
      if (input.is_correlation) {
        state_[input.index]->parents.emplace_back(ci, in);
        continue;
      }
      auto& [pairs, fields] = uses_[&rules[input.index]];
      pairs.emplace_back(ci, in);
      auto add_field = [&fields](const std::string& f) {
        if (std::find(fields.begin(), fields.end(), f) == fields.end()) fields.push_back(f);
      };
      for (const std::string& f : input.group_fields) add_field(f);
      if (linked.rule.type == CorrelationType::value_count) add_field(linked.rule.field);
    }
  }
}

CorrelationEngine::~CorrelationEngine() = default;

bool CorrelationEngine::correlates(const CompiledRule& rule) const { return uses_.contains(&rule); }

const std::vector<std::string>& CorrelationEngine::fields_read(const CompiledRule& rule) const {
  static const std::vector<std::string> kNone;
  const auto it = uses_.find(&rule);
  return it == uses_.end() ? kNone : it->second.second;
}

void CorrelationEngine::observe(const CompiledRule& rule, TimeNs time, const EventView& event, std::string_view file,
                                std::uint64_t event_index) {
  const auto it = uses_.find(&rule);
  if (it == uses_.end()) return;
  ++stats_.matches;
  std::uint32_t file_id = 0;
  for (; file_id < files_.size() && files_[file_id] != file; ++file_id) {}
  if (file_id == files_.size()) files_.emplace_back(file);
  if (!reorder_) {
    correlate(it->second.first, rule, time, event, file_id, event_index);
    return;
  }
  HeldMatch m{time, static_cast<std::uint32_t>(&rule - rules_.data()), file_id, event_index, {}};
  for (const std::string& field : it->second.second)
    for (const FieldValue& v : event.values_of(field)) m.fields.emplace_back(field, std::string(v.text));
  std::optional<HeldMatch> forced;
  const bool held = reorder_->hold(std::move(m), forced);
  if (forced) {
    ++stats_.released_early;
    release(*forced);
  }
  if (!held) ++stats_.late;
  while (auto next = reorder_->next_released(false)) release(*next);
}

void CorrelationEngine::release(const HeldMatch& m) {
  released_.clear();
  for (const auto& [name, value] : m.fields) released_.add_copy(name, value, ValueKind::string);
  released_.finish();
  const CompiledRule& rule = rules_[m.rule];
  correlate(uses_.at(&rule).first, rule, m.time, released_, m.file, m.event_index);
}

void CorrelationEngine::release_held() {
  if (!reorder_) return;
  while (auto next = reorder_->next_released(true)) release(*next);
}

void CorrelationEngine::correlate(const Uses& uses, const CompiledRule& rule, TimeNs time, const EventView& event,
                                  std::uint32_t file_id, std::uint64_t event_index) {
  // Several rules matching one event arrive one after the other: one key for them all.
  if (file_id != last_file_ || event_index != last_index_) ++event_key_;
  last_file_ = file_id, last_index_ = event_index;
  const EventRef ref{time, event_index, file_id, static_cast<std::uint32_t>(&rule - rules_.data())};
  for (const auto& [correlation, input] : uses)
    feed(correlation, input, time, event, &ref, 1, event_key_);
}

void CorrelationEngine::raise_state_cap(Correlation& c, AlertCause cause, CorrelationGroups::Id group, TimeNs time) {
  CorrelationAlert alert;
  alert.correlation = c.linked;
  alert.cause = cause;
  alert.cap = cause == AlertCause::group_cap ? options_.max_groups : c.max_matches;
  alert.count = cause == AlertCause::group_cap ? c.groups_dropped : c.matches_dropped;
  if (group != CorrelationGroups::kNone) alert.group = c.named_values(group);
  alert.first = alert.last = time;
  ++stats_.cap_alerts;
  on_alert_(alert);
}

void CorrelationEngine::feed(std::size_t ci, std::size_t input, TimeNs time, const EventView& event, const EventRef* refs,
                             std::size_t ref_count, std::uint64_t event_key) {
  using Id = CorrelationGroups::Id;
  Correlation& c = *state_[ci];
  CorrelationGroups& groups = c.groups;
  const CorrelationRule& rule = c.linked->rule;
  const bool counts_events = rule.type == CorrelationType::event_count || rule.type == CorrelationType::value_count;
  if (counts_events && event_key == c.last_event_key) return;  // one event, several listed rules: once
  c.last_event_key = event_key;

  std::string& key = c.key;
  key.clear();
  for (const std::string& field : c.linked->inputs[input].group_fields) {
    const auto found = event.values_of(field);
    if (found.empty()) {
      ++stats_.no_group_value;
      return;
    }
    key += found.front().text;
    key += '\x1f';
  }
  std::uint64_t counted = 0;
  if (rule.type == CorrelationType::value_count) {
    // `field: [a, b]` counts distinct combinations.
    std::string& combined = c.counted;
    combined.clear();
    for (std::size_t start = 0; start <= rule.field.size();) {
      const std::size_t comma = std::min(rule.field.find(',', start), rule.field.size());
      const auto found = event.values_of(std::string_view(rule.field).substr(start, comma - start));
      if (found.empty()) {
        ++stats_.no_group_value;
        return;
      }
      combined += found.front().text;
      combined += '\x1f';
      start = comma + 1;
    }
    counted = hash_value(combined);
  }

  // Time moves on: groups whose newest match is a timespan behind the newest match are done.
  c.newest = std::max(c.newest, time);
  while (groups.oldest() != CorrelationGroups::kNone && groups.newest(groups.oldest()) < c.newest - c.span() &&
         groups.key(groups.oldest()) != key)
    close_and_erase(ci, groups.oldest());

  Id g = groups.find(key);
  if (g == CorrelationGroups::kNone) {
    if (groups.size() >= options_.max_groups && groups.oldest() != CorrelationGroups::kNone) {
      evict_oldest(ci, time);
    } else if (c.group_cap_raised && groups.size() < options_.max_groups / 2) {
      c.group_cap_raised = false;
    }
    // A full key arena (4 GiB of keys) drops groups as max_groups does.
    while ((g = groups.open(key, time)) == CorrelationGroups::kNone && groups.oldest() != CorrelationGroups::kNone)
      evict_oldest(ci, time);
    if (g == CorrelationGroups::kNone) return;
  } else {
    groups.touch(g);
  }
  if (time < groups.newest(g) - c.span() || (!c.fires_early && time < groups.window_start(g))) {
    ++stats_.late;
    return;
  }
  if (!c.fires_early && groups.window_size(g) > 0 && time > groups.window_start(g) + c.span()) {
    close_window(ci, g);
    groups.window_start(g) = time;
  }
  if (!c.fires_early && groups.window_size(g) == 0) groups.window_start(g) = time;
  groups.add(g, time, static_cast<std::uint32_t>(input), {refs, ref_count}, counted);
  if (c.fires_early)
    while (groups.front_time(g) < groups.newest(g) - c.span()) groups.pop_front(g);
  while (groups.window_size(g) > c.max_matches) {
    ++stats_.dropped_matches;
    ++c.matches_dropped;
    groups.pop_front(g);
    if (!groups.match_cap_raised(g)) {
      groups.set_match_cap_raised(g);
      raise_state_cap(c, AlertCause::match_cap, g, time);
    }
  }
  if (c.fires_early && c.condition.holds(c.count(g))) {
    close_window(ci, g);
    groups.erase(g);
  }
}

void CorrelationEngine::evict_oldest(std::size_t ci, TimeNs time) {
  Correlation& c = *state_[ci];
  ++stats_.evicted_groups;
  ++c.groups_dropped;
  close_and_erase(ci, c.groups.oldest());
  if (!std::exchange(c.group_cap_raised, true)) raise_state_cap(c, AlertCause::group_cap, CorrelationGroups::kNone, time);
}

void CorrelationEngine::close_window(std::size_t ci, CorrelationGroups::Id g) {
  Correlation& c = *state_[ci];
  const CorrelationGroups& groups = c.groups;
  const std::size_t size = groups.window_size(g);
  if (size == 0) return;
  const std::uint64_t n = c.count(g);
  if (!c.condition.holds(n)) {
    c.groups.clear(g);
    return;
  }
  CorrelationAlert alert;
  alert.correlation = c.linked;
  alert.group = c.named_values(g);
  alert.count = n;
  // temporal_ordered: the matches of the chain found (earliest first); other types: the window.
  std::vector<std::size_t> shown;
  for (std::size_t i = 0; i < size; ++i)
    if (c.type() != CorrelationType::temporal_ordered || (shown.size() < n && groups.entry(g, i).input == shown.size()))
      shown.push_back(i);
  if (shown.empty())  // a temporal_ordered bound like `lt: 2` can hold with no chain at all
    for (std::size_t i = 0; i < size; ++i) shown.push_back(i);
  alert.first = groups.entry(g, shown.front()).time;  // or earlier: the first event behind a nested alert
  alert.last = groups.entry(g, shown.back()).time;
  std::vector<EventRef> refs;
  const auto take = [&](const EventRef& r) {
    alert.first = std::min(alert.first, r.time);
    ++alert.events_total;
    if (refs.size() < options_.max_alert_events) refs.push_back(r);
  };
  for (const std::size_t i : shown) {
    const WindowEntry e = groups.entry(g, i);
    take(e.first);
    for (const EventRef& r : e.more) take(r);
  }
  c.groups.clear(g);
  // The events' details are looked up only now that an alert fires.
  for (const EventRef& r : refs)
    alert.events.push_back({files_[r.file], r.event_index, r.time, rules_[r.rule].rule().id, rules_[r.rule].rule().title});
  if (c.linked->standalone) {
    ++stats_.alerts;
    on_alert_(alert);
  }
  if (c.parents.empty()) return;
  // An alert is a match for the correlations that use this one; its fields are its group.
  FlatEvent view;
  for (const auto& [name, value] : alert.group) view.add_copy(name, value, ValueKind::string);
  view.finish();
  const std::uint64_t key = (std::uint64_t{1} << 63) | ++alert_key_;
  for (const auto& [parent, input] : c.parents) feed(parent, input, alert.last, view, refs.data(), refs.size(), key);
}

void CorrelationEngine::close_and_erase(std::size_t ci, CorrelationGroups::Id g) {
  Correlation& c = *state_[ci];
  if (!c.fires_early) close_window(ci, g);
  c.groups.erase(g);
}

void CorrelationEngine::finish() {
  release_held();
  for (std::size_t ci = 0; ci < state_.size(); ++ci) {  // inner before outer: their alerts feed on
    Correlation& c = *state_[ci];
    while (c.groups.oldest() != CorrelationGroups::kNone) close_and_erase(ci, c.groups.oldest());
    c.newest = std::numeric_limits<TimeNs>::min();
  }
}

std::string state_cap_title(const CorrelationAlert& a) {
  return fmt::format("Correlation state cap reached: {}", a.correlation->rule.title);
}

std::string state_cap_text(const CorrelationAlert& a) {
  if (a.cause == AlertCause::group_cap)
    return fmt::format("max_groups {} reached: the least recently fed group is dropped for each new one "
                       "({} dropped so far); its alerts may be missed", a.cap, a.count);
  return fmt::format("{} matches in one window reached: the oldest are dropped ({} dropped so far); counts "
                     "of this window are a lower bound", a.cap, a.count);
}

Result<TimeNs> parse_event_time(std::string_view text) { return ingest::parse_iso8601_or_epoch(text); }

}  // namespace ward::sigma
