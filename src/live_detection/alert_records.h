// What the store keeps of a Sigma match or a correlation (store::AlertRecord): the rule, level,
// tags, when, host and user, the matched fields as JSON and, for a match, the event's fields as
// a JSON object (its raw event). `ward detect --save` (src/cli/saved_alerts.h)
// and live detection (detection_monitor.h) both build their alerts here.
#pragma once

#include "core/time.h"
#include "sigma/correlation_engine.h"
#include "sigma/hunt.h"
#include "store/alert_rows.h"

namespace ward::live_detection {

// A rule match: source is match.file, event_ref "event <index>", the event time parsed from
// match.time (`detected` when it has none). Host and user come from the event's usual fields.
store::AlertRecord alert_from_match(const sigma::HuntMatch& match, TimeNs detected);

// A correlation: one alert per group and window (event_ref names the group's values and where
// the window started); source is the file of its first event.
store::AlertRecord alert_from_correlation(const sigma::CorrelationAlert& alert, TimeNs detected);

}  // namespace ward::live_detection
