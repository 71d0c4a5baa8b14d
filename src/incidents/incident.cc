// incident.h: the checks every incident and entry passes before it is stored.
#include "incidents/incident.h"

#include <fmt/format.h>

#include "incidents/calendar_day.h"
#include "incidents/form_fields.h"

namespace ward::incidents {
namespace {

constexpr std::size_t kMaxTitle = 200;
constexpr std::size_t kMaxText = 20'000;

}  // namespace

Result<void> check_one_of(std::string_view value, std::string_view allowed, std::string_view field) {
  std::string_view rest = allowed;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    while (item.starts_with(' ')) item.remove_prefix(1);
    if (item == value) return {};
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  return field_error(field, fmt::format("\"{}\" is not one of {}", value.substr(0, 40), allowed));
}

Result<void> check_incident(const Incident& in) {
  if (in.title.empty()) return field_error("title", "missing: say in a few words what happened");
  if (in.title.size() > kMaxTitle) return field_error("title", fmt::format("longer than {} characters", kMaxTitle));
  if (in.owner.size() > kMaxTitle) return field_error("owner", fmt::format("longer than {} characters", kMaxTitle));
  if (in.description.size() > kMaxText) return field_error("description", fmt::format("longer than {} characters", kMaxText));
  if (auto r = check_one_of(in.status, kStatuses, "status"); !r) return r;
  if (!in.severity.empty())
    if (auto r = check_one_of(in.severity, kSeverities, "severity"); !r) return r;
  std::optional<Day> occurred, discovered;
  if (!in.occurred_on.empty()) {
    auto d = parse_day(in.occurred_on, "occurred_on");
    if (!d) return Unexpected(d.error());
    occurred = *d;
  }
  if (!in.discovered_on.empty()) {
    auto d = parse_day(in.discovered_on, "discovered_on");
    if (!d) return Unexpected(d.error());
    discovered = *d;
  }
  if (occurred && discovered && *discovered < *occurred)
    return field_error("discovered_on", fmt::format("{} is before occurred_on {}: dates in the wrong order", in.discovered_on,
                                            in.occurred_on));
  return {};
}

Result<void> check_entry(const IncidentEntry& e) {
  if (auto r = check_one_of(e.kind, kEntryKinds, "kind"); !r) return r;
  if (e.body.empty()) return field_error("text", "missing");
  if (e.body.size() > kMaxText) return field_error("text", fmt::format("longer than {} characters", kMaxText));
  if (e.kind == "alert" || e.kind == "case") {
    for (char c : e.body)
      if (c < '0' || c > '9') return field_error(e.kind, fmt::format("expected the {} id, a whole number", e.kind));
  }
  return {};
}

}  // namespace ward::incidents
