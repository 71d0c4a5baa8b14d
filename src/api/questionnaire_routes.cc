// Vendor security questionnaires over the API (docs/program.md "Security questionnaires"):
// Ward's template, sending one to a vendor (Ward's template or a custom one in the body), the
// list with scores, one with its answers, and recording answers. The store is opened on
// options.data_dir per request, as the assessments' is; no data_dir answers 503.
// {questionnaire} and {vendor} make the audit subject "questionnaire:3", "vendor:2".
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "api/routes.h"
#include "controls/builtin_catalogs.h"
#include "third_parties/questionnaire_service.h"
#include "third_parties/questionnaire_template.h"

namespace ward::api {
namespace {

using nlohmann::json;
using namespace ward::third_parties;

template <class F>
Response with_stores(const RequestContext& ctx, const std::filesystem::path& data_dir, F f) {
  if (data_dir.empty())
    return error_response(ctx.request, http::status::service_unavailable, "questionnaires are not available on this server");
  auto vendors = VendorStore::open(data_dir);
  if (!vendors) return error_response(ctx.request, vendors.error());
  auto questionnaires = QuestionnaireStore::open(data_dir);
  if (!questionnaires) return error_response(ctx.request, questionnaires.error());
  return f(**vendors, **questionnaires);
}

// The template of a send: Ward's, or the body's "template" object checked as a file would be.
Result<QuestionnaireTemplate> template_of(const json& body) {
  if (!body.contains("template") || body["template"].is_null())
    return builtin_questionnaire_template(controls::is_builtin_control);
  if (!body["template"].is_object())
    return fail(ErrorCode::invalid_input, "template: expected an object {name, title, questions}", "template");
  auto t = parse_questionnaire_template(body["template"].dump(), "template", controls::is_builtin_control);
  if (!t && t.error().field.rfind("template", 0) != 0) t.error().field = "template." + t.error().field;
  return t;
}

}  // namespace

void add_questionnaire_routes(Router& router, const ApiOptions& options) {
  const std::filesystem::path data_dir = options.data_dir;

  router.add(http::verb::get, "/api/v1/program/questionnaires/template", [](const RequestContext& ctx) {
    auto t = builtin_questionnaire_template(controls::is_builtin_control);
    if (!t) return error_response(ctx.request, t.error());
    return ok(ctx, template_to_json(*t));
  });

  router.add(http::verb::post, "/api/v1/program/vendors/{vendor}/questionnaires", [data_dir](const RequestContext& ctx) {
    return with_stores(ctx, data_dir, [&](VendorStore& vendors, QuestionnaireStore& questionnaires) {
      auto body = json_object_body(ctx.request, {"template"});
      if (!body) return error_response(ctx.request, body.error());
      auto t = template_of(*body);
      if (!t) return error_response(ctx.request, t.error());
      auto q = send_questionnaire(vendors, questionnaires, ctx.path.at("vendor"), *t, actor_of(ctx));
      if (!q) return error_response(ctx.request, q.error());
      return ok(ctx, questionnaire_json(*q), http::status::created);
    });
  });

  router.add(http::verb::get, "/api/v1/program/questionnaires", [data_dir](const RequestContext& ctx) {
    return with_stores(ctx, data_dir, [&](VendorStore& vendors, QuestionnaireStore& questionnaires) {
      std::int64_t vendor_id = 0;
      if (auto it = ctx.query.find("vendor"); it != ctx.query.end()) {
        auto v = vendors.find(it->second);
        if (!v) return error_response(ctx.request, v.error());
        if (!*v) return error_response(ctx.request, Error{ErrorCode::invalid_input, "vendor: there is no such vendor", {}, 0, 0, "vendor"});
        vendor_id = (*v)->id;
      }
      auto all = questionnaires.list(vendor_id);
      if (!all) return error_response(ctx.request, all.error());
      json rows = json::array();
      for (const Questionnaire& q : *all) {
        json j = questionnaire_json(q);
        j.erase("questions");
        rows.push_back(std::move(j));
      }
      return ok(ctx, {{"questionnaires", std::move(rows)}});
    });
  });

  router.add(http::verb::get, "/api/v1/program/questionnaires/{questionnaire}", [data_dir](const RequestContext& ctx) {
    return with_stores(ctx, data_dir, [&](VendorStore&, QuestionnaireStore& questionnaires) {
      auto id = id_in_path(ctx, "questionnaire");
      if (!id) return error_response(ctx.request, id.error());
      auto q = questionnaires.find(*id);
      if (!q) return error_response(ctx.request, q.error());
      if (!*q) return error_response(ctx.request, http::status::not_found, "there is no such questionnaire");
      return ok(ctx, questionnaire_json(**q));
    });
  });

  router.add(http::verb::put, "/api/v1/program/questionnaires/{questionnaire}/answers", [data_dir](const RequestContext& ctx) {
    return with_stores(ctx, data_dir, [&](VendorStore&, QuestionnaireStore& questionnaires) {
      auto id = id_in_path(ctx, "questionnaire");
      if (!id) return error_response(ctx.request, id.error());
      auto body = json_object_body(ctx.request, {"answers"});
      if (!body) return error_response(ctx.request, body.error());
      auto q = answer_questionnaire(questionnaires, *id, *body, actor_of(ctx));
      if (!q) return error_response(ctx.request, q.error());
      return ok(ctx, questionnaire_json(*q));
    });
  });
}

}  // namespace ward::api
