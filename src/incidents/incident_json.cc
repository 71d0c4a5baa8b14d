// incident_json.h: the JSON shapes of incidents and deadlines.
#include "incidents/incident_json.h"

#include <map>

namespace ward::incidents {

using nlohmann::json;

json incident_json(const Incident& i) {
  return {{"id", i.id},
          {"title", i.title},
          {"description", i.description},
          {"reporter", i.reporter.empty() ? json(nullptr) : json(i.reporter)},
          {"reporter_contact", i.reporter_contact.empty() ? json(nullptr) : json(i.reporter_contact)},
          {"source", i.source},
          {"status", i.status},
          {"severity", i.severity.empty() ? json(nullptr) : json(i.severity)},
          {"owner", i.owner.empty() ? json(nullptr) : json(i.owner)},
          {"occurred_on", i.occurred_on.empty() ? json(nullptr) : json(i.occurred_on)},
          {"discovered_on", i.discovered_on.empty() ? json(nullptr) : json(i.discovered_on)},
          {"created", format_iso8601(i.created)},
          {"updated", format_iso8601(i.updated)}};
}

json entry_json(const IncidentEntry& e) {
  json out = {{"id", e.id}, {"kind", e.kind}, {"author", e.author}, {"time", format_iso8601(e.created)}};
  if (e.kind == "law_enforcement") out["law_enforcement"] = json::parse(e.body, nullptr, false);
  else out["text"] = e.body;
  if (e.done) out["done"] = *e.done;
  return out;
}

json incident_detail_json(const Incident& i, const std::vector<IncidentEntry>& entries,
                          const std::optional<StoredAssessment>& assessment, const std::optional<BreachClock>& clock,
                          Day today) {
  json out = incident_json(i);
  json timeline = json::array();
  for (const IncidentEntry& e : entries) timeline.push_back(entry_json(e));
  out["timeline"] = std::move(timeline);
  out["assessment"] = nullptr;
  if (assessment) {
    out["assessment"] = {{"outcome", assessment->result.outcome},
                         {"notify", assessment->result.notify},
                         {"reasons", assessment->result.reasons},
                         {"assessed_by", assessment->assessed_by},
                         {"assessed", format_iso8601(assessment->assessed)},
                         {"answers", assessment_to_json(assessment->record)}};
  }
  out["deadlines"] = json::array();
  out["notes"] = json::array();
  if (clock) {
    for (const Deadline& d : clock->deadlines) out["deadlines"].push_back(deadline_json(d, today));
    out["notes"] = clock->notes;
  }
  return out;
}

Result<json> incident_detail(IncidentStore& store, std::int64_t id, const StateLaws& laws, Day today) {
  auto found = store.find(id);
  if (!found) return Unexpected(found.error());
  if (!*found) return fail(ErrorCode::not_found, "there is no incident " + std::to_string(id), "incident");
  auto entries = store.entries(id);
  if (!entries) return Unexpected(entries.error());
  auto a = store.assessment(id);
  if (!a) return Unexpected(a.error());
  std::optional<BreachClock> clock;
  if (*a && (*a)->result.notify) {
    auto c = incident_clock(store, id, laws);
    if (!c) return Unexpected(c.error());
    clock = std::move(*c);
  }
  return incident_detail_json(**found, *entries, *a, clock, today);
}

Result<json> incident_list(IncidentStore& store, const std::string& status, const StateLaws& laws, Day today) {
  auto rows = store.list(status);
  if (!rows) return Unexpected(rows.error());
  auto outcomes = store.outcomes();
  if (!outcomes) return Unexpected(outcomes.error());
  auto deadlines = open_breach_deadlines(store, laws);  // soonest first: the first per incident is its next
  if (!deadlines) return Unexpected(deadlines.error());
  std::map<std::int64_t, const Deadline*> next;
  for (const IncidentDeadline& d : *deadlines) next.try_emplace(d.incident.id, &d.deadline);
  json out = json::array();
  for (const Incident& i : *rows) {
    json row = incident_json(i);
    const auto outcome = outcomes->find(i.id);
    row["breach"] = outcome == outcomes->end() ? json(nullptr) : json(outcome->second);
    const auto soonest = next.find(i.id);
    row["next_deadline"] = nullptr;
    if (soonest != next.end())
      row["next_deadline"] = {{"duty", soonest->second->duty},
                              {"due", format_day(soonest->second->due)},
                              {"days_left", days_between(today, soonest->second->due)}};
    out.push_back(std::move(row));
  }
  return json{{"incidents", std::move(out)}};
}

json deadlines_json(const std::vector<IncidentDeadline>& deadlines, Day today) {
  json rows = json::array();
  int overdue = 0;
  for (const IncidentDeadline& d : deadlines) {
    json row = deadline_json(d.deadline, today);
    row["incident"] = d.incident.id;  // no title: executives read this list
    if (row["days_left"].get<int>() < 0) ++overdue;
    rows.push_back(std::move(row));
  }
  return {{"today", format_day(today)}, {"deadlines", std::move(rows)}, {"overdue", overdue}};
}

}  // namespace ward::incidents
