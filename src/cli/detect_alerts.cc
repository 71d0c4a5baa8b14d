// Printing correlation alerts for `ward detect` (detect_alerts.h).
#include "cli/detect_alerts.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace ward::cli {
namespace {

std::string group_text(const sigma::CorrelationAlert& a) {
  std::string out;
  for (const auto& [name, value] : a.group) out += fmt::format("{}{}={}", out.empty() ? "" : " ", name, value);
  return out.empty() ? "(all events)" : out;
}

std::string count_text(const sigma::CorrelationAlert& a) {
  switch (a.correlation->rule.type) {
    case sigma::CorrelationType::event_count: return fmt::format("{} events", a.count);
    case sigma::CorrelationType::value_count: return fmt::format("{} distinct {}", a.count, a.correlation->rule.field);
    case sigma::CorrelationType::temporal:
    case sigma::CorrelationType::temporal_ordered: return fmt::format("{}/{} rules", a.count, a.correlation->inputs.size());
  }
  return {};
}

}  // namespace

void print_alert_table_header() {
  fmt::print("{:<28} {:<13} {:<50} {:<36} {:<16} {}\n", "correlation (last time)", "level", "title", "rule id", "type",
             "group: count, first time, file:event…");
}

void print_alert_table_row(const sigma::CorrelationAlert& a) {
  const auto& rule = a.correlation->rule;
  if (a.cause != sigma::AlertCause::condition) {
    fmt::print("{:<28} {:<13} {:<50} {:<36} {:<16} {}{}\n", format_iso8601(a.last), sigma::kStateCapLevel,
               sigma::state_cap_title(a), sigma::kStateCapRuleId, "state-cap",
               a.group.empty() ? "" : group_text(a) + ": ", sigma::state_cap_text(a));
    return;
  }
  std::string events;
  for (const auto& e : a.events) events += fmt::format("{}{}:{}", events.empty() ? "" : ",", e.file, e.event_index);
  if (a.events_total > a.events.size()) events += fmt::format(",…({} in all)", a.events_total);
  fmt::print("{:<28} {:<13} {:<50} {:<36} {:<16} {}: {}, from {}, {}\n", format_iso8601(a.last),
             rule.level.empty() ? "-" : rule.level, rule.title, rule.id.empty() ? "-" : rule.id, sigma::to_string(rule.type),
             group_text(a), count_text(a), format_iso8601(a.first), events);
}

void print_alert_json_row(const sigma::CorrelationAlert& a) {
  const auto& rule = a.correlation->rule;
  nlohmann::json group = nlohmann::json::object();
  for (const auto& [name, value] : a.group) group[name] = value;
  if (a.cause != sigma::AlertCause::condition) {
    const bool groups = a.cause == sigma::AlertCause::group_cap;
    const nlohmann::json row = {{"kind", "state_cap"}, {"rule_id", sigma::kStateCapRuleId},
                                {"title", sigma::state_cap_title(a)}, {"level", sigma::kStateCapLevel},
                                {"correlation", {{"id", rule.id}, {"title", rule.title}}},
                                {"cap", groups ? "max_groups" : "max_matches"}, {"limit", a.cap},
                                {"dropped", a.count}, {"group", group}, {"time", format_iso8601(a.last)},
                                {"what", sigma::state_cap_text(a)}};
    fmt::print("{}\n", row.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    return;
  }
  nlohmann::json events = nlohmann::json::array();
  for (const auto& e : a.events)
    events.push_back({{"file", e.file}, {"event", e.event_index}, {"time", format_iso8601(e.time)}, {"rule_id", e.rule_id}});
  const nlohmann::json row = {{"kind", "correlation"}, {"rule_id", rule.id}, {"title", rule.title},
                              {"level", rule.level}, {"tags", rule.tags}, {"type", sigma::to_string(rule.type)},
                              {"timespan", rule.timespan_text}, {"group", group}, {"count", a.count},
                              {"first", format_iso8601(a.first)}, {"last", format_iso8601(a.last)},
                              {"events", events}, {"events_total", a.events_total}};
  fmt::print("{}\n", row.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void print_correlation_summary(std::FILE* out, const sigma::CorrelationSet& set, const sigma::CorrelationHuntStats& s) {
  fmt::print(out, "{} correlation rules run, {} correlation alerts\n", set.correlations.size(), s.engine.alerts);
  if (s.engine.cap_alerts > 0)
    fmt::print(stderr, "ward: {} state-cap alert(s) ({}): correlation state reached a cap and dropped some of it\n",
               s.engine.cap_alerts, sigma::kStateCapRuleId);
  if (s.no_time > 0)
    fmt::print(stderr, "ward: {} matches of correlated rules had no readable time and were not correlated "
                       "(first: {}; --time-field names the field)\n", s.no_time, s.first_no_time);
  if (s.engine.no_group_value > 0)
    fmt::print(stderr, "ward: {} matches lacked a group-by or value_count field and were not correlated\n",
               s.engine.no_group_value);
  if (s.engine.late + s.engine.evicted_groups + s.engine.dropped_matches + s.engine.released_early > 0)
    fmt::print(stderr, "ward: correlation limits: {} late matches dropped, {} correlated before the lateness bound "
                       "passed them (buffer full), {} groups evicted, {} matches dropped from full groups\n",
               s.engine.late, s.engine.released_early, s.engine.evicted_groups, s.engine.dropped_matches);
}

void print_correlation_check(const sigma::CorrelationSet& set) {
  if (set.loaded == 0) return;
  fmt::print("correlation rules: {} loaded, {} linked\n", set.loaded, set.correlations.size());
}

}  // namespace ward::cli
