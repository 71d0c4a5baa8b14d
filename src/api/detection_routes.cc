// The API of live detection (docs/api.md#live-detection): GET /api/v1/detection/status, what
// `ward serve`'s detection monitor is doing — the rules in use, events scanned, alerts raised,
// latency from commit to alerted. It shows counts only, no event data.
#include <nlohmann/json.hpp>

#include "api/routes.h"

namespace ward::api {

void add_detection_routes(Router& router, const ApiOptions& options) {
  using nlohmann::json;
  router.add(http::verb::get, "/api/v1/detection/status", [options](const RequestContext& ctx) {
    if (options.detection == nullptr)
      return json_response(ctx.request, http::status::ok, json{{"live", false}}.dump());
    const auto s = options.detection->status();
    json body = {{"live", true},
                 {"ready", s.ready},
                 {"idle", s.idle},
                 {"rules", {{"rules", s.rules},
                            {"filters", s.filters},
                            {"correlations", s.correlations},
                            {"files_failed", s.rule_files_failed},
                            {"reloads", s.reloads}}},
                 {"events_scanned", s.events_scanned},
                 {"matches", s.matches},
                 {"alerts_raised", s.alerts_raised},
                 {"last_seq", s.last_seq},
                 {"latency_ms", {{"p50", s.p50_ms}, {"p99", s.p99_ms}, {"max", s.max_ms}}},
                 {"last_error", s.last_error.empty() ? json(nullptr) : json(s.last_error)},
                 {"events_failed", s.events_failed},
                 {"last_event_error", s.last_event_error.empty() ? json(nullptr) : json(s.last_event_error)}};
    return json_response(ctx.request, http::status::ok, body.dump());
  });
}

}  // namespace ward::api
