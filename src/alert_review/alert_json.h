// An alert and one of its status changes as JSON: the one shape the API (/api/v1/alerts) and
// `ward alerts … --format json` both give, so scripts can read either.
#pragma once

#include <nlohmann/json.hpp>

#include "store/alert_rows.h"

namespace ward::alert_review {

// id, rule {id, title}, level, kind, tags (a list), time, detected, source, event_ref, host, user, matched (an
// object), status, resolution (null unless closed); `raw` (the event as received, which may hold
// PHI) only when `with_raw`.
nlohmann::json alert_json(const store::AlertRecord& alert, bool with_raw);

// time, actor, from, to, resolution and comment (null when none).
nlohmann::json change_json(const store::AlertChange& change);

}  // namespace ward::alert_review
