// Control assessments over the API (docs/program.md "Assessments"): the list with each one's
// posture per function, one assessment with every control and Ward's evidence, starting one and
// rating a control. The store is opened on options.data_dir per request (like the evidence it
// reads); no data_dir answers 503. {assessment} makes the audit subject "assessment:3".
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "api/routes.h"
#include "controls/assessment_service.h"
#include "controls/builtin_catalogs.h"

namespace ward::api {
namespace {

using nlohmann::json;
using namespace ward::controls;

// Runs f(store) with the store open, or answers why not.
template <class F>
Response with_store(const RequestContext& ctx, const std::filesystem::path& data_dir, F f) {
  if (data_dir.empty())
    return error_response(ctx.request, http::status::service_unavailable, "assessments are not available on this server");
  auto store = AssessmentStore::open(data_dir);
  if (!store) return error_response(ctx.request, store.error());
  return f(**store);
}

Result<std::string> text_of(const json& body, const char* key) {
  if (!body.contains(key) || body[key].is_null()) return std::string();
  if (!body[key].is_string()) return fail(ErrorCode::invalid_input, fmt::format("{}: expected text", key), key);
  return body[key].get<std::string>();
}

}  // namespace

void add_assessment_routes(Router& router, const ApiOptions& options) {
  const std::filesystem::path data_dir = options.data_dir;

  router.add(http::verb::get, "/api/v1/program/assessments", [data_dir](const RequestContext& ctx) {
    return with_store(ctx, data_dir, [&](AssessmentStore& store) {
      auto all = store.list();
      if (!all) return error_response(ctx.request, all.error());
      nlohmann::ordered_json out = nlohmann::ordered_json::array();
      for (const Assessment& a : *all) {
        auto loaded = load_report(store, data_dir, a.id);
        if (!loaded) return error_response(ctx.request, loaded.error());
        out.push_back(posture_json(loaded->report));
      }
      return ok(ctx, nlohmann::ordered_json{{"assessments", std::move(out)}});
    });
  });

  router.add(http::verb::post, "/api/v1/program/assessments", [data_dir](const RequestContext& ctx) {
    return with_store(ctx, data_dir, [&](AssessmentStore& store) {
      auto body = json_object_body(ctx.request, {"catalog", "name"});
      if (!body) return error_response(ctx.request, body.error());
      auto catalog = text_of(*body, "catalog");
      auto name = text_of(*body, "name");
      if (!catalog) return error_response(ctx.request, catalog.error());
      if (!name) return error_response(ctx.request, name.error());
      // Built-in catalogues only: a catalogue file is a path on this server, for the CLI alone.
      if (catalog->ends_with(".json"))
        return error_response(ctx.request, http::status::bad_request,
                              fmt::format("catalog: the API starts assessments of Ward's catalogues ({}); a catalogue "
                                          "file is for `ward program assess start --catalog FILE` on the server",
                                          controls::kBuiltinCatalogs),
                              "catalog");
      auto a = start_assessment(store, catalog->empty() ? "csf-2.0" : *catalog, *name, actor_of(ctx));
      if (!a) return error_response(ctx.request, a.error().code == ErrorCode::not_found
                                     ? Error{ErrorCode::invalid_input, a.error().message, {}, 0, 0, "catalog"}
                                     : a.error());
      auto loaded = load_report(store, data_dir, a->id);
      if (!loaded) return error_response(ctx.request, loaded.error());
      return ok(ctx, posture_json(loaded->report), http::status::created);
    });
  });

  router.add(http::verb::get, "/api/v1/program/assessments/{assessment}", [data_dir](const RequestContext& ctx) {
    return with_store(ctx, data_dir, [&](AssessmentStore& store) {
      auto id = id_in_path(ctx, "assessment");
      if (!id) return error_response(ctx.request, id.error());
      auto loaded = load_report(store, data_dir, *id);
      if (!loaded) return error_response(ctx.request, loaded.error());
      return ok(ctx, report_json(loaded->report));
    });
  });

  router.add(http::verb::put, "/api/v1/program/assessments/{assessment}/controls/{control}", [data_dir](const RequestContext& ctx) {
    return with_store(ctx, data_dir, [&](AssessmentStore& store) {
      auto id = id_in_path(ctx, "assessment");
      if (!id) return error_response(ctx.request, id.error());
      auto body = json_object_body(ctx.request, {"status", "owner", "evidence", "target"});
      if (!body) return error_response(ctx.request, body.error());
      ControlRating r;
      r.control_id = ctx.path.at("control");
      auto status = text_of(*body, "status");
      if (!status) return error_response(ctx.request, status.error());
      auto parsed = parse_control_status(*status);
      if (!parsed) return error_response(ctx.request, parsed.error());
      r.status = *parsed;
      for (auto [key, out] : {std::pair{"owner", &r.owner}, std::pair{"evidence", &r.evidence}, std::pair{"target", &r.target}}) {
        auto t = text_of(*body, key);
        if (!t) return error_response(ctx.request, t.error());
        *out = std::move(*t);
      }
      if (auto done = rate_control(store, *id, r, actor_of(ctx)); !done) return error_response(ctx.request, done.error());
      auto loaded = load_report(store, data_dir, *id);
      if (!loaded) return error_response(ctx.request, loaded.error());
      return ok(ctx, posture_json(loaded->report));
    });
  });
}

}  // namespace ward::api
