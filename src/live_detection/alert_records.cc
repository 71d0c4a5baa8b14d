#include "live_detection/alert_records.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

namespace ward::live_detection {
namespace {

std::string_view level_or_default(std::string_view level) { return level.empty() ? "medium" : level; }

// The first of `names` the event has, or "".
std::string first_value(const sigma::EventView& event, std::initializer_list<std::string_view> names) {
  for (std::string_view name : names) {
    auto values = event.values_of(name);
    if (!values.empty() && !values.front().text.empty()) return std::string(values.front().text);
  }
  return {};
}

std::string dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The event as the rule saw it: a JSON object of its fields, a repeated field as an array;
// numbers, booleans and nulls as such. "" when it has no field.
std::string raw_event(const sigma::EventView& event) {
  auto value_json = [](const sigma::FieldValue& v) -> nlohmann::json {
    switch (v.kind) {
      case sigma::ValueKind::null: return nullptr;
      case sigma::ValueKind::boolean: return v.text == "true";
      case sigma::ValueKind::number: {
        auto parsed = nlohmann::json::parse(v.text, nullptr, /*allow_exceptions=*/false);
        return parsed.is_number() ? parsed : nlohmann::json(std::string(v.text));
      }
      case sigma::ValueKind::string: break;
    }
    return std::string(v.text);
  };
  nlohmann::json out = nlohmann::json::object();
  for (std::size_t i = 0; i < event.name_count(); ++i) {
    const sigma::NamedValues field = event.named(i);
    if (field.values.size() == 1) {
      out[std::string(field.name)] = value_json(field.values.front());
      continue;
    }
    nlohmann::json list = nlohmann::json::array();
    for (const sigma::FieldValue& v : field.values) list.push_back(value_json(v));
    out[std::string(field.name)] = std::move(list);
  }
  return out.empty() ? std::string() : dump(out);
}

// Sigma tags as the store keeps them: space-separated.
std::string joined_tags(const std::vector<std::string>& tags) { return fmt::format("{}", fmt::join(tags, " ")); }

// A correlation by its id, else its name, else its file.
std::string correlation_ref(const sigma::CorrelationRule& rule) {
  return rule.id.empty() ? (rule.name.empty() ? rule.file.string() : rule.name) : rule.id;
}

nlohmann::json group_json(const sigma::CorrelationAlert& c) {
  nlohmann::json group = nlohmann::json::object();
  for (const auto& [name, value] : c.group) group[name] = value;
  return group;
}

// A cap of the engine's state reached: one alert per crossing, under its own rule id.
store::AlertRecord alert_from_state_cap(const sigma::CorrelationAlert& c, TimeNs detected) {
  const auto& rule = c.correlation->rule;
  store::AlertRecord a;
  a.rule_id = sigma::kStateCapRuleId;
  a.rule_title = sigma::state_cap_title(c);
  a.level = sigma::kStateCapLevel;
  a.kind = "correlation";
  a.detected = detected;
  a.event_time = c.last;
  a.source = rule.file.string();
  const bool groups = c.cause == sigma::AlertCause::group_cap;
  a.event_ref = fmt::format("{} {}{} at {}", correlation_ref(rule), groups ? "max_groups" : "max_matches",
                            groups ? "" : " " + dump(group_json(c)), format_iso8601(c.last));
  nlohmann::json matched = group_json(c);
  matched["correlation"] = correlation_ref(rule);
  matched[groups ? "max_groups" : "max_matches"] = std::to_string(c.cap);
  matched[groups ? "groups_dropped" : "matches_dropped"] = std::to_string(c.count);
  matched["what"] = sigma::state_cap_text(c);
  a.matched = dump(matched);
  return a;
}

}  // namespace

store::AlertRecord alert_from_match(const sigma::HuntMatch& m, TimeNs detected) {
  const auto& rule = m.rule->rule();
  store::AlertRecord a;
  a.rule_id = rule.id.empty() ? rule.file.string() : rule.id;
  a.rule_title = rule.title;
  a.level = level_or_default(rule.level);
  a.detected = detected;
  auto t = sigma::parse_event_time(m.time);
  a.event_time = t ? *t : detected;
  a.source = m.file;
  a.event_ref = fmt::format("event {}", m.event_index);
  nlohmann::json matched = nlohmann::json::object();
  for (const auto& f : m.fields) matched[f.field] = f.value;
  a.matched = dump(matched);
  a.tags = joined_tags(rule.tags);
  if (m.event != nullptr) {
    a.host = first_value(*m.event, {"Computer", "host.name", "hostname", "host"});
    a.user_id = first_value(*m.event, {"User", "TargetUserName", "SubjectUserName", "user.name", "user"});
    a.raw = raw_event(*m.event);
  }
  return a;
}

store::AlertRecord alert_from_correlation(const sigma::CorrelationAlert& c, TimeNs detected) {
  if (c.cause != sigma::AlertCause::condition) return alert_from_state_cap(c, detected);
  const auto& rule = c.correlation->rule;
  store::AlertRecord a;
  a.rule_id = correlation_ref(rule);
  a.rule_title = rule.title;
  a.level = level_or_default(rule.level);
  a.kind = "correlation";
  a.tags = joined_tags(rule.tags);
  a.detected = detected;
  a.event_time = c.last;
  a.source = c.events.empty() ? rule.file.string() : c.events.front().file;
  // One alert per group and window: the group's values and where its window started.
  const nlohmann::json group = group_json(c);
  a.event_ref = fmt::format("{} from {}", dump(group), format_iso8601(c.first));
  nlohmann::json matched = group;
  matched["count"] = std::to_string(c.count);
  matched["first"] = format_iso8601(c.first);
  matched["last"] = format_iso8601(c.last);
  a.matched = dump(matched);
  return a;
}

}  // namespace ward::live_detection
