// The API of detection alerts (docs/api.md#alerts): the list an analyst works from, newest
// first with filters and paging, one alert with the event as received, its status changes
// (open -> acknowledged -> closed, src/alert_review) and their history. The HTTP layer audits
// every request; the {alert} capture makes the audit subject "alert:42" (an alert's raw event
// may hold PHI, so the list leaves it out and opening one is recorded).
#include <charconv>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "alert_review/alert_json.h"
#include "alert_review/alert_review.h"
#include "api/routes.h"

namespace ward::api {
namespace {

using alert_review::alert_json;
using alert_review::change_json;
using nlohmann::json;

// "TIME_NS:ID" of the last alert of a page, for ?cursor= on the next.
std::string cursor_of(const store::AlertRecord& a) { return fmt::format("{}:{}", a.event_time, a.id); }

// The alert the path names ({alert}); not_found when there is none.
Result<store::AlertRecord> alert_in_path(store::Store& store, const RequestContext& ctx) {
  auto id = id_in_path(ctx, "alert");
  if (!id) return Unexpected(id.error());
  auto alert = store.alert(*id);
  if (!alert) return Unexpected(alert.error());
  if (!*alert) return Unexpected(Error{ErrorCode::not_found, fmt::format("there is no alert {}", *id)});
  return std::move(**alert);
}

Result<void> read_cursor(const std::string& text, store::AlertQuery& q) {
  const auto colon = text.find(':');
  auto bad = [] { return fail(ErrorCode::invalid_input, "cursor: not one this API gave", "cursor"); };
  if (colon == std::string::npos) return bad();
  auto t = std::from_chars(text.data(), text.data() + colon, q.before_time);
  auto i = std::from_chars(text.data() + colon + 1, text.data() + text.size(), q.before_id);
  if (t.ec != std::errc() || t.ptr != text.data() + colon || i.ec != std::errc() ||
      i.ptr != text.data() + text.size() || q.before_id < 1)
    return bad();
  return {};
}

Result<store::AlertQuery> alert_query(const RequestContext& ctx) {
  store::AlertQuery q;
  auto param = [&](const char* key) -> std::string {
    auto it = ctx.query.find(key);
    return it == ctx.query.end() ? std::string() : it->second;
  };
  for (const char* key : {"level", "min_level"}) {
    std::string level = param(key);
    if (!level.empty() && store::alert_level_rank(level) < 0)
      return fail(ErrorCode::invalid_input,
                  fmt::format("{}: expected informational, low, medium, high or critical", key), key);
    (std::string_view(key) == "level" ? q.level : q.min_level) = std::move(level);
  }
  q.rule_id = param("rule");
  q.status = param("status");
  if (!q.status.empty() && q.status != "open" && q.status != "acknowledged" && q.status != "closed")
    return fail(ErrorCode::invalid_input, "status: expected open, acknowledged or closed", "status");
  for (const char* key : {"from", "to"}) {
    std::string text = param(key);
    if (text.empty()) continue;
    auto t = parse_iso8601(text);
    if (!t) return fail(ErrorCode::invalid_input, fmt::format("{}: {}", key, t.error().message), key);
    (std::string_view(key) == "from" ? q.from : q.to) = *t;
  }
  if (auto r = read_int_param(ctx, "limit", 1, 1000, q.limit); !r) return Unexpected(r.error());
  if (std::string cursor = param("cursor"); !cursor.empty())
    if (auto r = read_cursor(cursor, q); !r) return Unexpected(r.error());
  return q;
}

}  // namespace

void add_alert_routes(Router& router, store::Store& store) {
  router.add(http::verb::get, "/api/v1/alerts", [&store](const RequestContext& ctx) {
    auto q = alert_query(ctx);
    if (!q) return error_response(ctx.request, q.error());
    auto alerts = store.alerts(*q);
    if (!alerts) return error_response(ctx.request, alerts.error());
    json list = json::array();
    for (const auto& a : *alerts) list.push_back(alert_json(a, /*with_raw=*/false));
    json body = {{"alerts", std::move(list)}};
    body["next_cursor"] = static_cast<int>(alerts->size()) == q->limit && !alerts->empty()
                              ? json(cursor_of(alerts->back()))
                              : json(nullptr);
    return json_response(ctx.request, http::status::ok, body.dump());
  });

  router.add(http::verb::get, "/api/v1/alerts/{alert}", [&store](const RequestContext& ctx) {
    auto alert = alert_in_path(store, ctx);
    if (!alert) return error_response(ctx.request, alert.error());
    return json_response(ctx.request, http::status::ok, alert_json(*alert, /*with_raw=*/true).dump());
  });

  router.add(http::verb::patch, "/api/v1/alerts/{alert}", [&store](const RequestContext& ctx) {
    auto id = id_in_path(ctx, "alert");
    if (!id) return error_response(ctx.request, id.error());
    auto fields = string_fields(ctx.request, {"status", "resolution", "comment"});
    if (!fields) return error_response(ctx.request, fields.error());
    if (fields->count("status") == 0)
      return error_response(ctx.request, http::status::bad_request,
                            "the body needs \"status\": acknowledged or closed");
    alert_review::StatusRequest request{(*fields)["status"], (*fields)["resolution"], (*fields)["comment"]};
    auto done = alert_review::change_status(store, *id, request, actor_of(ctx));
    if (!done) return error_response(ctx.request, done.error());
    json body = alert_json(done->alert, /*with_raw=*/false);
    body["change"] = change_json(done->change);
    return json_response(ctx.request, http::status::ok, body.dump());
  });

  router.add(http::verb::get, "/api/v1/alerts/{alert}/history", [&store](const RequestContext& ctx) {
    auto alert = alert_in_path(store, ctx);
    if (!alert) return error_response(ctx.request, alert.error());
    auto history = store.alert_history(alert->id);
    if (!history) return error_response(ctx.request, history.error());
    json list = json::array();
    for (const auto& c : *history) list.push_back(change_json(c));
    json body = {{"alert", alert->id}, {"status", alert->status}, {"history", std::move(list)}};
    return json_response(ctx.request, http::status::ok, body.dump());
  });
}

}  // namespace ward::api
