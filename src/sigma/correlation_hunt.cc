// Matches of a hunt, sorted by time, through the correlation engine (correlation_hunt.h).
#include "sigma/correlation_hunt.h"

#include <algorithm>
#include <functional>

#include <fmt/format.h>

#include "sigma/flat_event.h"

namespace ward::sigma {

CorrelationHunt::CorrelationHunt(const RuleSet& set, CorrelationEngine::AlertSink on_alert,
                                 CorrelationHuntOptions options)
    : set_(set), options_(std::move(options)), engine_(set.rules, set.correlations, std::move(on_alert), options_.engine) {}

bool CorrelationHunt::take(const HuntMatch& m) {
  const auto& rules = set_.rules;
  const bool ours = !rules.empty() && std::less_equal<>()(rules.data(), m.rule) && std::less<>()(m.rule, rules.data() + rules.size());
  const auto index = ours ? static_cast<std::size_t>(m.rule - rules.data()) : rules.size();
  const bool shown = index >= set_.correlations.rule_shown.size() || set_.correlations.rule_shown[index];
  if (!engine_.correlates(*m.rule) || m.event == nullptr) return shown;
  std::string_view text = m.time;
  if (!options_.time_field.empty()) {
    const auto values = m.event->values_of(options_.time_field);
    text = values.empty() ? std::string_view() : values.front().text;
  }
  auto time = text.empty() ? fail(ErrorCode::invalid_input, "no time field") : parse_event_time(text);
  if (!time) {
    if (stats_.no_time++ == 0) stats_.first_no_time = fmt::format("{}:{}: {}", m.file, m.event_index, time.error().message);
    return shown;
  }
  Kept kept{*time, m.rule, 0, m.event_index, {}};
  if (!files_.empty() && files_.back() == m.file) kept.file = static_cast<std::uint32_t>(files_.size() - 1);
  for (; kept.file < files_.size() && files_[kept.file] != m.file; ++kept.file) {}
  if (kept.file == files_.size()) files_.push_back(m.file);
  for (const std::string& field : engine_.fields_read(*m.rule))
    for (const FieldValue& v : m.event->values_of(field)) kept.fields.emplace_back(field, std::string(v.text));
  kept_.push_back(std::move(kept));
  if (kept_.size() >= options_.max_buffered) correlate_kept();
  return shown;
}

void CorrelationHunt::correlate_kept() {
  if (kept_.empty()) return;
  ++stats_.sorted_batches;
  // Stable: the matches of one event stay together, in rule order.
  std::stable_sort(kept_.begin(), kept_.end(), [](const Kept& a, const Kept& b) { return a.time < b.time; });
  FlatEvent event;
  for (const Kept& k : kept_) {
    event.clear();
    for (const auto& [name, value] : k.fields) event.add_copy(name, value, ValueKind::string);
    event.finish();
    engine_.observe(*k.rule, k.time, event, files_[k.file], k.event_index);
  }
  kept_.clear();
}

void CorrelationHunt::finish() {
  correlate_kept();
  engine_.finish();
}

CorrelationHuntStats CorrelationHunt::stats() const {
  CorrelationHuntStats out = stats_;
  out.engine = engine_.stats();
  return out;
}

}  // namespace ward::sigma
