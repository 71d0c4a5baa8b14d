// The breach clocks of the incidents in the store: for each incident whose assessment is a
// presumed breach and that is not closed, its deadlines with the days left. What `ward program
// deadlines` prints and GET /api/v1/program/deadlines answers.
#pragma once

#include <vector>

#include "incidents/breach_clock.h"
#include "incidents/incident_store.h"

namespace ward::incidents {

// The incident's clock: its assessment's facts with the delays of its law-enforcement entries.
// ErrorCode::not_found when the incident has no assessment.
Result<BreachClock> incident_clock(IncidentStore& store, std::int64_t incident_id, const StateLaws& laws);

struct IncidentDeadline {
  Incident incident;
  Deadline deadline;
};

// Every deadline of every open incident with a presumed breach, soonest first.
Result<std::vector<IncidentDeadline>> open_breach_deadlines(IncidentStore& store, const StateLaws& laws);

}  // namespace ward::incidents
