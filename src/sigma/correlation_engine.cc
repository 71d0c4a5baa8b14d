// Windows per (correlation, group) and the four correlation types (correlation_engine.h).
#include "sigma/correlation_engine.h"

#include <algorithm>
#include <charconv>
#include <limits>

#include <fmt/format.h>

namespace ward::sigma {

// State per group is kept to what the condition needs (docs/benchmarks.md, "Correlation
// state"): a group is its key text (the group-by values joined by \x1f, split again only for an
// alert), its window's entries and, for value_count, a count per distinct value's 64-bit hash.

// One event behind a match: where it is and which rule matched it (an index into rules_).
struct CorrelationEngine::Ref {
  TimeNs time = 0;
  std::uint64_t event_index = 0;
  std::uint32_t file = 0;
  std::uint32_t rule = 0;
};

// One match in a window: a detection match is its own single ref; an inner correlation's alert
// keeps its other events in `more` (no allocation for a plain match).
struct CorrelationEngine::Entry {
  TimeNs time = 0;
  Ref ref;
  std::uint64_t value = 0;  // value_count: hash of the counted value
  std::uint32_t input = 0;
  std::unique_ptr<std::vector<Ref>> more;
};

struct CorrelationEngine::Group {
  std::vector<Entry> entries;  // the window by (time, arrival) from `head` on (those before are popped)
  std::uint32_t head = 0;
  bool match_cap_raised = false;  // this window has lost a match at the cap (re-armed when it closes)
  // value_count: matches per distinct value hash. Two values share a hash with a chance of about
  // n²/2⁶⁵ for n values in a window (~3e-12 at 10,000): then they count as one.
  // Sorted by hash: a few bytes per value, not a hash map's nodes and buckets.
  std::vector<std::pair<std::uint64_t, std::uint32_t>> per_value;
  TimeNs newest = std::numeric_limits<TimeNs>::min();
  TimeNs window_start = 0;  // windows that wait for their end
  const std::string* key = nullptr;  // the map's own key (node-based: stable)
  Group* older = nullptr;  // least recently fed order: an intrusive list
  Group* newer = nullptr;

  std::size_t size() const { return entries.size() - head; }
  const Entry& front() const { return entries[head]; }
  auto begin() const { return entries.begin() + head; }
  auto end() const { return entries.end(); }
};

namespace {

std::uint64_t hash_value(std::string_view text) { return std::hash<std::string_view>()(text); }

}  // namespace

struct CorrelationEngine::Correlation {
  const LinkedCorrelation* linked = nullptr;
  CountCondition condition;
  bool fires_early = true;
  std::size_t max_matches = 0;
  std::unordered_map<std::string, Group> groups;
  Group* oldest = nullptr;  // least recently fed first
  Group* youngest = nullptr;
  TimeNs newest = std::numeric_limits<TimeNs>::min();
  std::uint64_t last_event_key = std::numeric_limits<std::uint64_t>::max();
  std::vector<std::pair<std::size_t, std::size_t>> parents;  // (correlation, input) fed by its alerts
  bool group_cap_raised = false;  // re-armed below half of max_groups open groups
  std::uint64_t groups_dropped = 0, matches_dropped = 0;

  TimeNs span() const { return linked->rule.timespan; }
  CorrelationType type() const { return linked->rule.type; }

  void unlink(Group& g) {
    (g.older ? g.older->newer : oldest) = g.newer;
    (g.newer ? g.newer->older : youngest) = g.older;
    g.older = g.newer = nullptr;
  }
  void link_youngest(Group& g) {
    g.older = youngest;
    g.newer = nullptr;
    (youngest ? youngest->newer : oldest) = &g;
    youngest = &g;
  }

  // The group's values, with their group-by names (aliases), from its key.
  std::vector<std::pair<std::string, std::string>> named_values(const Group& g) const {
    std::vector<std::pair<std::string, std::string>> out;
    std::size_t start = 0;
    for (const std::string& name : linked->rule.group_by) {
      const std::size_t end = g.key->find('\x1f', start);
      if (end == std::string::npos) break;
      out.emplace_back(name, g.key->substr(start, end - start));
      start = end + 1;
    }
    return out;
  }

  void add(Group& g, Entry e) const {
    if (type() == CorrelationType::value_count) {
      auto v = value_slot(g, e.value);
      if (v == g.per_value.end() || v->first != e.value) v = g.per_value.emplace(v, e.value, 0);
      ++v->second;
    }
    g.newest = std::max(g.newest, e.time);
    // After every match of the same time: arrival order breaks ties.
    auto at = std::upper_bound(g.entries.begin() + g.head, g.entries.end(), e.time,
                               [](TimeNs t, const Entry& x) { return t < x.time; });
    g.entries.insert(at, std::move(e));
  }

  void pop_front(Group& g) const {
    const Entry& e = g.front();
    if (type() == CorrelationType::value_count) {
      const auto v = value_slot(g, e.value);
      if (--v->second == 0) g.per_value.erase(v);
    }
    g.entries[g.head].more.reset();
    if (++g.head == g.entries.size()) {
      g.entries.clear();
      g.head = 0;
    } else if (g.head >= 16 && g.head * 2 >= g.entries.size()) {  // amortised: each entry moves once
      g.entries.erase(g.entries.begin(), g.entries.begin() + g.head);
      g.head = 0;
    }
  }

  void clear(Group& g) const {
    g.match_cap_raised = false;
    g.entries.clear();
    g.head = 0;
    g.per_value.clear();
  }

  using ValueSlot = std::vector<std::pair<std::uint64_t, std::uint32_t>>::iterator;
  static ValueSlot value_slot(Group& g, std::uint64_t value) {
    return std::lower_bound(g.per_value.begin(), g.per_value.end(), value,
                            [](const auto& slot, std::uint64_t v) { return slot.first < v; });
  }

  std::uint64_t count(const Group& g) const {
    switch (type()) {
      case CorrelationType::event_count: return g.size();
      case CorrelationType::value_count: return g.per_value.size();
      case CorrelationType::temporal: {
        std::vector<bool> seen(linked->inputs.size());
        std::uint64_t n = 0;
        for (auto e = g.begin(); e != g.end() && n < seen.size(); ++e)
          if (!seen[e->input]) seen[e->input] = true, ++n;
        return n;
      }
      case CorrelationType::temporal_ordered: {
        std::size_t next = 0;  // the longest prefix of `rules:` found in time order
        for (auto e = g.begin(); e != g.end(); ++e)
          if (next < linked->inputs.size() && e->input == next) ++next;
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
    auto c = std::make_unique<Correlation>();
    c->linked = &linked;
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
  const Ref ref{time, event_index, file_id, static_cast<std::uint32_t>(&rule - rules_.data())};
  for (const auto& [correlation, input] : uses)
    feed(correlation, input, time, event, &ref, 1, event_key_);
}

void CorrelationEngine::raise_state_cap(Correlation& c, AlertCause cause, const Group* group, TimeNs time) {
  CorrelationAlert alert;
  alert.correlation = c.linked;
  alert.cause = cause;
  alert.cap = cause == AlertCause::group_cap ? options_.max_groups : c.max_matches;
  alert.count = cause == AlertCause::group_cap ? c.groups_dropped : c.matches_dropped;
  if (group != nullptr) alert.group = c.named_values(*group);
  alert.first = alert.last = time;
  ++stats_.cap_alerts;
  on_alert_(alert);
}

void CorrelationEngine::feed(std::size_t ci, std::size_t input, TimeNs time, const EventView& event, const Ref* refs,
                             std::size_t ref_count, std::uint64_t event_key) {
  Correlation& c = *state_[ci];
  const CorrelationRule& rule = c.linked->rule;
  const bool counts_events = rule.type == CorrelationType::event_count || rule.type == CorrelationType::value_count;
  if (counts_events && event_key == c.last_event_key) return;  // one event, several listed rules: once
  c.last_event_key = event_key;

  std::string key;
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
    std::string combined;
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
  while (c.oldest != nullptr && c.oldest->newest < c.newest - c.span() && *c.oldest->key != key)
    close_and_erase(ci, *c.oldest->key);

  auto g_it = c.groups.find(key);
  if (g_it == c.groups.end()) {
    if (c.groups.size() >= options_.max_groups && c.oldest != nullptr) {
      ++stats_.evicted_groups;
      ++c.groups_dropped;
      close_and_erase(ci, *c.oldest->key);
      if (!std::exchange(c.group_cap_raised, true)) raise_state_cap(c, AlertCause::group_cap, nullptr, time);
    } else if (c.group_cap_raised && c.groups.size() < options_.max_groups / 2) {
      c.group_cap_raised = false;
    }
    g_it = c.groups.emplace(std::move(key), Group{}).first;
    g_it->second.key = &g_it->first;
    g_it->second.window_start = time;
    g_it->second.newest = time;
  } else {
    c.unlink(g_it->second);
  }
  Group& g = g_it->second;
  c.link_youngest(g);
  if (time < g.newest - c.span() || (!c.fires_early && time < g.window_start)) {
    ++stats_.late;
    return;
  }
  if (!c.fires_early && g.size() > 0 && time > g.window_start + c.span()) {
    close_window(ci, g);
    g.window_start = time;
  }
  if (!c.fires_early && g.size() == 0) g.window_start = time;
  Entry entry{time, refs[0], counted, static_cast<std::uint32_t>(input), nullptr};
  if (ref_count > 1) entry.more = std::make_unique<std::vector<Ref>>(refs + 1, refs + ref_count);
  c.add(g, std::move(entry));
  if (c.fires_early)
    while (g.front().time < g.newest - c.span()) c.pop_front(g);
  while (g.size() > c.max_matches) {
    ++stats_.dropped_matches;
    ++c.matches_dropped;
    c.pop_front(g);
    if (!std::exchange(g.match_cap_raised, true)) raise_state_cap(c, AlertCause::match_cap, &g, time);
  }
  if (c.fires_early && c.condition.holds(c.count(g))) {
    close_window(ci, g);
    c.unlink(g);
    c.groups.erase(g_it);
  }
}

void CorrelationEngine::close_window(std::size_t ci, Group& g) {
  Correlation& c = *state_[ci];
  if (g.size() == 0) return;
  const std::uint64_t n = c.count(g);
  if (!c.condition.holds(n)) {
    c.clear(g);
    return;
  }
  CorrelationAlert alert;
  alert.correlation = c.linked;
  alert.group = c.named_values(g);
  alert.count = n;
  // temporal_ordered: the matches of the chain found (earliest first); other types: the window.
  std::vector<const Entry*> shown;
  for (auto e = g.begin(); e != g.end(); ++e)
    if (c.type() != CorrelationType::temporal_ordered || (shown.size() < n && e->input == shown.size())) shown.push_back(&*e);
  if (shown.empty())  // a temporal_ordered bound like `lt: 2` can hold with no chain at all
    for (auto e = g.begin(); e != g.end(); ++e) shown.push_back(&*e);
  alert.first = shown.front()->time;  // or earlier: the first event behind a nested alert
  alert.last = shown.back()->time;
  std::vector<Ref> refs;
  const auto take = [&](const Ref& r) {
    alert.first = std::min(alert.first, r.time);
    ++alert.events_total;
    if (refs.size() < options_.max_alert_events) refs.push_back(r);
  };
  for (const Entry* e : shown) {
    take(e->ref);
    if (e->more)
      for (const Ref& r : *e->more) take(r);
  }
  c.clear(g);
  // The events' details are looked up only now that an alert fires.
  for (const Ref& r : refs)
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

void CorrelationEngine::close_and_erase(std::size_t ci, std::string key) {
  Correlation& c = *state_[ci];
  const auto it = c.groups.find(key);
  if (!c.fires_early) close_window(ci, it->second);
  c.unlink(it->second);
  c.groups.erase(it);
}

void CorrelationEngine::finish() {
  release_held();
  for (std::size_t ci = 0; ci < state_.size(); ++ci) {  // inner before outer: their alerts feed on
    Correlation& c = *state_[ci];
    while (c.oldest != nullptr) close_and_erase(ci, *c.oldest->key);
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

Result<TimeNs> parse_event_time(std::string_view text) {
  if (text.size() >= 10 && text[4] == '-') return parse_iso8601(text);
  const std::size_t dot = std::min(text.find('.'), text.size());
  std::int64_t whole = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + dot, whole);
  if (text.empty() || ec != std::errc() || end != text.data() + dot || whole < 0)
    return fail(ErrorCode::invalid_input, "not an ISO 8601 time or epoch number");
  if (dot == text.size() && dot >= 13) return whole * 1'000'000;  // epoch milliseconds
  if (whole > std::numeric_limits<TimeNs>::max() / kNsPerSecond) return fail(ErrorCode::invalid_input, "epoch number out of range");
  TimeNs ns = whole * kNsPerSecond;
  TimeNs scale = kNsPerSecond / 10;
  for (std::size_t i = dot + 1; i < text.size(); ++i, scale /= 10) {
    if (text[i] < '0' || text[i] > '9') return fail(ErrorCode::invalid_input, "not an ISO 8601 time or epoch number");
    ns += (text[i] - '0') * scale;
  }
  return ns;
}

}  // namespace ward::sigma
