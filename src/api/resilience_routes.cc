// Resilience over the API (docs/program.md#resilience): services with their dependencies and
// findings, backups, exercises and their corrective actions, and the report (findings, single
// points of failure, cycles, overdue actions). The stores are opened on options.data_dir per
// request, as the assessments' are; no data_dir answers 503. The HTTP layer audits each request
// ({service} makes the subject "service:EHR").
#include <nlohmann/json.hpp>

#include "api/routes.h"
#include "resilience/resilience_service.h"

namespace ward::api {
namespace {

using nlohmann::json;
using resilience::ResilienceService;

// Runs f(service) with the stores open, answering f's result as JSON (`status` on success).
template <class F>
Response with_service(const RequestContext& ctx, const std::filesystem::path& data_dir, F f,
                      http::status status = http::status::ok) {
  if (data_dir.empty())
    return error_response(ctx.request, http::status::service_unavailable, "resilience is not available on this server");
  auto svc = ResilienceService::open(data_dir);
  if (!svc) return error_response(ctx.request, svc.error());
  Result<json> out = f(*svc);
  if (!out) return error_response(ctx.request, out.error());
  return json_response(ctx.request, status, out->dump());
}

Result<json> body_of(const Request& req) {
  if (req.body().empty()) return json::object();
  json body = json::parse(req.body(), nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded() || !body.is_object()) return fail(ErrorCode::invalid_input, "the body must be a JSON object", "body");
  return body;
}

// POST routes: the body through `add`.
template <class Add>
auto adding(const std::filesystem::path& data_dir, Add add) {
  return [data_dir, add](const RequestContext& ctx) {
    return with_service(ctx, data_dir, [&](ResilienceService& svc) -> Result<json> {
      auto body = body_of(ctx.request);
      if (!body) return Unexpected(body.error());
      return add(svc, *body, ctx);
    }, http::status::created);
  };
}

}  // namespace

void add_resilience_routes(Router& router, const ApiOptions& options) {
  const std::filesystem::path data_dir = options.data_dir;

  router.add(http::verb::get, "/api/v1/program/services", [data_dir](const RequestContext& ctx) {
    return with_service(ctx, data_dir, [](ResilienceService& svc) { return svc.services(); });
  });
  router.add(http::verb::post, "/api/v1/program/services",
             adding(data_dir, [](ResilienceService& svc, const json& body, const RequestContext&) { return svc.add_service(body); }));
  router.add(http::verb::get, "/api/v1/program/services/{service}", [data_dir](const RequestContext& ctx) {
    return with_service(ctx, data_dir, [&](ResilienceService& svc) -> Result<json> {
      auto s = svc.service(ctx.path.at("service"));
      if (!s) return Unexpected(s.error());
      if (!*s) return fail(ErrorCode::not_found, "there is no such service", "service");
      return **s;
    });
  });
  router.add(http::verb::patch, "/api/v1/program/services/{service}", [data_dir](const RequestContext& ctx) {
    return with_service(ctx, data_dir, [&](ResilienceService& svc) -> Result<json> {
      auto body = body_of(ctx.request);
      if (!body) return Unexpected(body.error());
      return svc.update_service(ctx.path.at("service"), *body);
    });
  });
  router.add(http::verb::get, "/api/v1/program/backups", [data_dir](const RequestContext& ctx) {
    return with_service(ctx, data_dir, [](ResilienceService& svc) { return svc.backups(); });
  });
  router.add(http::verb::post, "/api/v1/program/backups",
             adding(data_dir, [](ResilienceService& svc, const json& body, const RequestContext&) { return svc.add_backup(body); }));
  router.add(http::verb::get, "/api/v1/program/exercises", [data_dir](const RequestContext& ctx) {
    return with_service(ctx, data_dir, [](ResilienceService& svc) { return svc.exercises(); });
  });
  router.add(http::verb::post, "/api/v1/program/exercises",
             adding(data_dir, [](ResilienceService& svc, const json& body, const RequestContext&) { return svc.add_exercise(body); }));
  router.add(http::verb::post, "/api/v1/program/exercises/{exercise}/actions",
             adding(data_dir, [](ResilienceService& svc, const json& body, const RequestContext& ctx) -> Result<json> {
               auto id = id_in_path(ctx, "exercise");
               if (!id) return Unexpected(id.error());
               return svc.add_action(*id, body);
             }));
  router.add(http::verb::patch, "/api/v1/program/exercises/{exercise}/actions/{action}", [data_dir](const RequestContext& ctx) {
    return with_service(ctx, data_dir, [&](ResilienceService& svc) -> Result<json> {
      auto exercise = id_in_path(ctx, "exercise");
      if (!exercise) return Unexpected(exercise.error());
      auto action = id_in_path(ctx, "action");
      if (!action) return Unexpected(action.error());
      auto body = json_object_body(ctx.request, {"status"});
      if (!body) return Unexpected(body.error());
      if (!(*body)["status"].is_string()) return fail(ErrorCode::invalid_input, "status: expected open or done", "status");
      return svc.set_action_status(*exercise, *action, (*body)["status"].get<std::string>());
    });
  });
  router.add(http::verb::get, "/api/v1/program/resilience", [data_dir](const RequestContext& ctx) {
    resilience::FindingSettings settings;
    if (auto r = read_int_param(ctx, "restore_test_days", 1, 3650, settings.restore_test_max_age_days); !r)
      return error_response(ctx.request, r.error());
    return with_service(ctx, data_dir, [&](ResilienceService& svc) { return svc.report(settings); });
  });
}

}  // namespace ward::api
