// The overview's aggregates (docs/api.md#overview): what the web UI's first page shows, counted
// by the store so the answer costs the same for 100 cases as for 100,000.
//   GET /api/v1/stats/inputs?days=&stale_after_hours=  events per input per UTC day, freshness
//   GET /api/v1/stats/cases                            cases by status, open cases by category
//   GET /api/v1/stats/alerts                           alerts by level and status
//   GET /api/v1/inputs                                 the listeners of `ward serve` and their counts
#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "api/routes.h"
#include "core/time.h"

namespace ward::api {
namespace {

using nlohmann::json;

std::string day_text(std::int64_t day) { return format_iso8601(day * kNsPerDay).substr(0, 10); }

// The last `days` UTC days up to the newest event's (today's when there are none; none before
// the oldest event's), each input's count on each of them, and whether its newest event is
// older than `stale_after_hours`.
Response inputs(store::Store& store, const RequestContext& ctx) {
  int days = 14, stale_hours = 24;
  if (auto r = read_int_param(ctx, "days", 1, 366, days); !r) return error_response(ctx.request, r.error());
  if (auto r = read_int_param(ctx, "stale_after_hours", 1, 24 * 366, stale_hours); !r)
    return error_response(ctx.request, r.error());
  const TimeNs now = now_ns();
  // The window is placed before reading: the newest event time needs one cheap look first.
  auto newest = store.find_events({.limit = 1});
  if (!newest) return error_response(ctx.request, newest.error());
  const TimeNs end = newest->rows.empty() ? now : newest->rows.front().time;
  const std::int64_t last_day = end / kNsPerDay;
  auto activity = store.input_activity(last_day - days + 1);
  if (!activity) return error_response(ctx.request, activity.error());
  // Days before the oldest event are left out: a store of three days charts three days.
  std::int64_t first_day = last_day - days + 1, oldest_day = last_day;
  for (const auto& a : *activity) oldest_day = std::min(oldest_day, a.first / kNsPerDay);
  first_day = std::max(first_day, oldest_day);
  days = static_cast<int>(last_day - first_day + 1);

  json day_list = json::array();
  for (std::int64_t d = first_day; d <= last_day; ++d) day_list.push_back(day_text(d));
  json list = json::array();
  for (const auto& a : *activity) {
    std::vector<std::uint64_t> per_day(static_cast<std::size_t>(days), 0);
    for (const auto& [day, n] : a.per_day)
      if (day >= first_day && day <= last_day) per_day[static_cast<std::size_t>(day - first_day)] = n;
    list.push_back({{"source", a.source}, {"events", a.events}, {"first", format_iso8601(a.first)},
                    {"last", format_iso8601(a.last)},
                    {"stale", now - a.last > static_cast<TimeNs>(stale_hours) * 3600 * kNsPerSecond},
                    {"per_day", per_day}});
  }
  json body = {{"now", format_iso8601(now)}, {"stale_after_hours", stale_hours},
               {"days", std::move(day_list)}, {"inputs", std::move(list)}};
  return json_response(ctx.request, http::status::ok, body.dump());
}

// Categories are stored joined with ';' ("snooping;vip").
template <typename F>
void each_category(const std::string& categories, F&& f) {
  std::size_t start = 0;
  while (start <= categories.size()) {
    auto end = std::min(categories.find(';', start), categories.size());
    if (end > start) f(categories.substr(start, end - start));
    start = end + 1;
  }
}

Response cases(store::Store& store, const RequestContext& ctx) {
  auto tallies = store.case_tallies();
  if (!tallies) return error_response(ctx.request, tallies.error());
  std::map<std::string, std::uint64_t> by_status = {{"new", 0}, {"in_review", 0}, {"confirmed", 0}, {"dismissed", 0}};
  std::map<std::string, std::uint64_t> open_by_category;
  std::uint64_t total = 0, open = 0;
  for (const auto& t : *tallies) {
    by_status[t.status] += t.cases;
    total += t.cases;
    if (t.status != "new" && t.status != "in_review") continue;
    open += t.cases;
    each_category(t.categories, [&](const std::string& c) { open_by_category[c] += t.cases; });
  }
  json body = {{"total", total}, {"open", open}, {"by_status", by_status},
               {"open_by_category", open_by_category}};
  return json_response(ctx.request, http::status::ok, body.dump());
}

Response alerts(store::Store& store, const RequestContext& ctx) {
  auto tallies = store.alert_tallies();
  if (!tallies) return error_response(ctx.request, tallies.error());
  json by_level = json::object();
  std::uint64_t total = 0, open = 0;
  for (const auto& t : *tallies) {
    json& level = by_level[t.level];
    if (level.is_null()) level = {{"open", 0}, {"acknowledged", 0}, {"closed", 0}};
    level[t.status] = level.value(t.status, std::uint64_t{0}) + t.alerts;
    total += t.alerts;
    if (t.status == "open") open += t.alerts;
  }
  json body = {{"total", total}, {"open", open}, {"by_level", std::move(by_level)}};
  return json_response(ctx.request, http::status::ok, body.dump());
}

// The listeners running in this process (none outside `ward serve`), with what each has done.
Response live_inputs(const LiveInputs& inputs, const RequestContext& ctx) {
  json rows = json::array();
  if (inputs) {
    for (const InputStatus& i : inputs()) {
      rows.push_back({{"name", i.name}, {"protocol", i.protocol}, {"address", i.address}, {"tls", i.tls},
                      {"received", i.received}, {"accepted", i.accepted}, {"rejected", i.rejected},
                      {"store_failures", i.store_failures},
                      {"last_received", i.last_received == 0 ? json(nullptr) : json(format_iso8601(i.last_received))}});
    }
  }
  return json_response(ctx.request, http::status::ok, json{{"live", static_cast<bool>(inputs)}, {"inputs", std::move(rows)}}.dump());
}

}  // namespace

void add_stats_routes(Router& router, store::Store& store, const ApiOptions& options) {
  router.add(http::verb::get, "/api/v1/inputs", [inputs = options.live_inputs](const RequestContext& ctx) {
    return live_inputs(inputs, ctx);
  });
  router.add(http::verb::get, "/api/v1/stats/inputs", [&store](const RequestContext& ctx) { return inputs(store, ctx); });
  router.add(http::verb::get, "/api/v1/stats/cases", [&store](const RequestContext& ctx) { return cases(store, ctx); });
  router.add(http::verb::get, "/api/v1/stats/alerts", [&store](const RequestContext& ctx) { return alerts(store, ctx); });
}

}  // namespace ward::api
