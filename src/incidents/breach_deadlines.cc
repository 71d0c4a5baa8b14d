// breach_deadlines.h: assessments and law-enforcement entries into clocks.
#include "incidents/breach_deadlines.h"

#include <algorithm>

#include <fmt/format.h>

namespace ward::incidents {

Result<BreachClock> incident_clock(IncidentStore& store, std::int64_t incident_id, const StateLaws& laws) {
  auto a = store.assessment(incident_id);
  if (!a) return Unexpected(a.error());
  if (!*a) return fail(ErrorCode::not_found, fmt::format("incident {} has no breach assessment", incident_id), "incident");
  auto entries = store.entries(incident_id);
  if (!entries) return Unexpected(entries.error());
  BreachFacts facts = (*a)->record.facts;
  for (const IncidentEntry& e : *entries) {
    if (e.kind != "law_enforcement") continue;
    auto contact = law_enforcement_from_json(nlohmann::json::parse(e.body, nullptr, false));
    if (!contact) continue;  // stored through law_enforcement_from_json, so this does not happen
    if (auto d = delay_of(*contact); d && d->stated >= facts.discovered) facts.delays.push_back(*d);
  }
  return compute_breach_clock(facts, laws);
}

Result<std::vector<IncidentDeadline>> open_breach_deadlines(IncidentStore& store, const StateLaws& laws) {
  auto incidents = store.list("open");
  if (!incidents) return Unexpected(incidents.error());
  std::vector<IncidentDeadline> out;
  for (const Incident& i : *incidents) {
    auto a = store.assessment(i.id);
    if (!a) return Unexpected(a.error());
    if (!*a || !(*a)->result.notify) continue;
    auto clock = incident_clock(store, i.id, laws);
    if (!clock) return Unexpected(clock.error());
    for (Deadline& d : clock->deadlines) out.push_back({i, std::move(d)});
  }
  std::stable_sort(out.begin(), out.end(), [](const IncidentDeadline& a, const IncidentDeadline& b) {
    return a.deadline.due != b.deadline.due ? a.deadline.due < b.deadline.due : a.incident.id < b.incident.id;
  });
  return out;
}

}  // namespace ward::incidents
