// The API of coordinated vulnerability disclosure intake (docs/api.md#devices): staff record a
// reported vulnerability (POST), list and read reports with their timeline and days to
// disclosure (GET), and move them on (PATCH: state, dates, details, a note). No public intake:
// the reporter's report is entered by staff. Registered by add_device_routes before its
// /api/v1/devices/{device} routes (the router takes the first pattern that fits). The store is
// opened on the first request and used under a lock; the {report} capture makes the audit
// subject "report:<id>".
#include <nlohmann/json.hpp>

#include "api/lazy_store.h"
#include "api/routes.h"
#include "core/time.h"
#include "devices/cvd_json.h"
#include "devices/cvd_store.h"
#include "devices/remediation.h"

namespace ward::api {
namespace {

using nlohmann::json;
using namespace ward::devices;

Response report_response(const Request& req, http::status status, CvdStore& store, const CvdReport& r) {
  auto timeline = store.timeline(r.id);
  if (!timeline) return error_response(req, timeline.error());
  return json_response(req, status, cvd_report_json(r, today(now_ns()), &*timeline).dump());
}

}  // namespace

void add_cvd_routes(Router& router, const ApiOptions& options) {
  auto reports = std::make_shared<LazyStore<CvdStore>>(options.data_dir, "CVD");

  router.add(http::verb::get, "/api/v1/devices/cvd", [reports](const RequestContext& ctx) {
    const auto it = ctx.query.find("state");
    const std::string state = it == ctx.query.end() ? std::string() : it->second;
    return reports->with(ctx.request, [&](CvdStore& store) {
      auto list = store.list(state);
      if (!list) return error_response(ctx.request, list.error());
      const std::string day = today(now_ns());
      json out = json::array();
      for (const CvdReport& r : *list) out.push_back(cvd_report_json(r, day));
      return json_response(ctx.request, http::status::ok, json{{"reports", std::move(out)}}.dump());
    });
  });

  router.add(http::verb::post, "/api/v1/devices/cvd", [reports](const RequestContext& ctx) {
    auto body = json_object_body(ctx.request, kCvdReportKeys);
    if (!body) return error_response(ctx.request, body.error());
    auto report = cvd_report_from_json(*body);
    if (!report) return error_response(ctx.request, report.error());
    return reports->with(ctx.request, [&](CvdStore& store) {
      auto added = store.add(std::move(*report), actor_of(ctx), now_ns());
      if (!added) return error_response(ctx.request, added.error());
      return report_response(ctx.request, http::status::created, store, *added);
    });
  });

  router.add(http::verb::get, "/api/v1/devices/cvd/{report}", [reports](const RequestContext& ctx) {
    auto id = id_in_path(ctx, "report");
    if (!id) return error_response(ctx.request, id.error());
    return reports->with(ctx.request, [&](CvdStore& store) {
      auto r = store.find(*id);
      if (!r) return error_response(ctx.request, r.error());
      return report_response(ctx.request, http::status::ok, store, *r);
    });
  });

  router.add(http::verb::patch, "/api/v1/devices/cvd/{report}", [reports](const RequestContext& ctx) {
    auto id = id_in_path(ctx, "report");
    if (!id) return error_response(ctx.request, id.error());
    auto body = json_object_body(ctx.request, kCvdChangeKeys);
    if (!body) return error_response(ctx.request, body.error());
    auto change = cvd_change_from_json(*body);
    if (!change) return error_response(ctx.request, change.error());
    return reports->with(ctx.request, [&](CvdStore& store) {
      auto r = store.update(*id, *change, actor_of(ctx), now_ns());
      if (!r) return error_response(ctx.request, r.error());
      return report_response(ctx.request, http::status::ok, store, *r);
    });
  });
}

}  // namespace ward::api
