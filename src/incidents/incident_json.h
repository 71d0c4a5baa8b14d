// Incidents, their timelines and their deadlines as JSON: one shape for `ward program … --format
// json` and the API's /api/v1/program routes.
#pragma once

#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "incidents/breach_deadlines.h"

namespace ward::incidents {

nlohmann::json incident_json(const Incident& i);  // without the receipt code: the reporter's alone
nlohmann::json entry_json(const IncidentEntry& e);
// The whole incident: its fields, timeline, assessment with outcome and reasons, and the clock
// when the assessment is a presumed breach.
nlohmann::json incident_detail_json(const Incident& i, const std::vector<IncidentEntry>& entries,
                                    const std::optional<StoredAssessment>& assessment,
                                    const std::optional<BreachClock>& clock, Day today);
// The incident `id` as incident_detail_json, read from `store`; not_found naming "incident".
Result<nlohmann::json> incident_detail(IncidentStore& store, std::int64_t id, const StateLaws& laws, Day today);

// {"incidents": [...]}: the incidents of `status` ("" all, "open" all but closed), newest first,
// each with "breach" (its assessment's outcome, null before one) and "next_deadline" (the
// soonest deadline of an open presumed breach: duty, due, days_left; null when none).
Result<nlohmann::json> incident_list(IncidentStore& store, const std::string& status, const StateLaws& laws, Day today);

// {"today", "deadlines": [{incident, duty, due, days_left, …}], "overdue": n}: ids, no titles
nlohmann::json deadlines_json(const std::vector<IncidentDeadline>& deadlines, Day today);

}  // namespace ward::incidents
