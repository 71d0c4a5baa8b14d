// Matches of a hunt, with their time, into the correlation engine (correlation_hunt.h).
#include "sigma/correlation_hunt.h"

#include <algorithm>
#include <functional>

#include <fmt/format.h>

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
  engine_.observe(*m.rule, *time, *m.event, m.file, m.event_index);
  return shown;
}

void CorrelationHunt::finish() { engine_.finish(); }

CorrelationHuntStats CorrelationHunt::stats() const {
  CorrelationHuntStats out = stats_;
  out.engine = engine_.stats();
  return out;
}

}  // namespace ward::sigma
