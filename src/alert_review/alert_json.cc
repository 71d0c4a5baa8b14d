#include "alert_review/alert_json.h"

#include "core/time.h"

namespace ward::alert_review {

using nlohmann::json;

namespace {

// The store's space-separated tags as a list.
json tag_list(std::string_view tags) {
  json out = json::array();
  while (!tags.empty()) {
    const auto space = tags.find(' ');
    if (space != 0) out.push_back(std::string(tags.substr(0, space)));
    if (space == std::string_view::npos) break;
    tags.remove_prefix(space + 1);
  }
  return out;
}

}  // namespace

json alert_json(const store::AlertRecord& a, bool with_raw) {
  json matched = json::parse(a.matched, nullptr, /*allow_exceptions=*/false);
  if (matched.is_discarded()) matched = json::object();
  json out = {
      {"id", a.id},
      {"rule", {{"id", a.rule_id}, {"title", a.rule_title}}},
      {"level", a.level},
      {"kind", a.kind},
      {"tags", tag_list(a.tags)},
      {"time", format_iso8601(a.event_time)},
      {"detected", format_iso8601(a.detected)},
      {"source", a.source},
      {"event_ref", a.event_ref},
      {"host", a.host},
      {"user", a.user_id},
      {"matched", std::move(matched)},
      {"status", a.status},
      {"resolution", a.resolution.empty() ? json(nullptr) : json(a.resolution)},
  };
  if (with_raw) out["raw"] = a.raw;
  return out;
}

json change_json(const store::AlertChange& c) {
  auto or_null = [](const std::string& s) { return s.empty() ? json(nullptr) : json(s); };
  return {{"time", format_iso8601(c.time)}, {"actor", c.actor},     {"from", c.from_status},
          {"to", c.to_status},              {"resolution", or_null(c.resolution)},
          {"comment", or_null(c.comment)}};
}

}  // namespace ward::alert_review
