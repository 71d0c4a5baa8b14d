// The API of the rule store (docs/api.md#rules): list and read the stored Sigma rules, upload
// YAML (checked with Ward's own compiler before anything is stored), enable, disable, delete.
// Changes need an admin or analyst token. The HTTP layer audits every request; the {rule}
// capture makes the audit subject "rule:<id>", and stored rules say who added and changed them.
#include <algorithm>
#include <cctype>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "api/routes.h"
#include "core/plural.h"
#include "rules/rule_json.h"
#include "rules/rule_upload.h"

namespace ward::api {
namespace {

using nlohmann::json;

Result<store::DetectionRuleQuery> rule_query(const RequestContext& ctx) {
  store::DetectionRuleQuery q;
  auto param = [&](const char* key) -> std::string {
    auto it = ctx.query.find(key);
    return it == ctx.query.end() ? std::string() : it->second;
  };
  if (std::string enabled = param("enabled"); !enabled.empty()) {
    if (enabled != "true" && enabled != "false")
      return fail(ErrorCode::invalid_input, "enabled: expected true or false", "enabled");
    q.enabled = enabled == "true";
  }
  q.level = param("level");
  if (!q.level.empty() && store::alert_level_rank(q.level) < 0)
    return fail(ErrorCode::invalid_input, "level: expected informational, low, medium, high or critical",
                "level");
  q.product = param("product");
  q.category = param("category");
  q.service = param("service");
  q.title_contains = param("q");
  q.after_id = param("cursor");
  if (auto r = read_int_param(ctx, "limit", 1, 1000, q.limit); !r) return Unexpected(r.error());
  return q;
}

// Uploads are YAML: application/yaml (and its x- and text/ spellings) or text/plain.
bool is_yaml_content_type(std::string_view type) {
  type = type.substr(0, type.find(';'));
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  for (std::string_view t : {"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain"})
    if (type.size() == t.size() &&
        std::equal(t.begin(), t.end(), type.begin(), [](char a, char b) { return a == std::tolower(b); }))
      return true;
  return false;
}

Response upload_response(const RequestContext& ctx, const rules::UploadResult& done) {
  if (!done.accepted()) {
    json problems = json::array();
    for (const auto& p : done.checked.problems) problems.push_back(rules::problem_json(p));
    const std::size_t refused = done.checked.problems.size();
    json body = {{"error", {{"status", 422},
                            {"message", fmt::format("{} in the upload; nothing was stored",
                                                    counted(refused, "problem", "problems"))},
                            {"problems", std::move(problems)}}}};
    return ok(ctx, body, http::status::unprocessable_entity);
  }
  json out = {{"added", json::array()}, {"updated", json::array()}, {"unchanged", json::array()},
              {"rules", json::array()}};
  bool any_added = false;
  for (std::size_t i = 0; i < done.outcomes.size(); ++i) {
    const auto& r = done.checked.rules[i];
    out[std::string(rules::to_string(done.outcomes[i]))].push_back(r.id);
    out["rules"].push_back({{"id", r.id}, {"title", r.title}, {"kind", r.kind},
                            {"result", rules::to_string(done.outcomes[i])}});
    any_added |= done.outcomes[i] == store::RuleUpsert::added;
  }
  return ok(ctx, out, any_added ? http::status::created : http::status::ok);
}

Response rule_not_found(const RequestContext& ctx, const std::string& id) {
  return error_response(ctx.request, Error{ErrorCode::not_found, fmt::format("there is no rule {}", id)});
}

}  // namespace

void add_rule_routes(Router& router, store::Store& store, const ApiOptions& options) {
  router.add(http::verb::get, "/api/v1/rules", [&store](const RequestContext& ctx) {
    auto q = rule_query(ctx);
    if (!q) return error_response(ctx.request, q.error());
    auto found = store.detection_rules(*q);
    if (!found) return error_response(ctx.request, found.error());
    json list = json::array();
    for (const auto& r : *found) list.push_back(rules::rule_json(r, /*with_yaml=*/false));
    json body = {{"rules", std::move(list)}};
    body["next_cursor"] = static_cast<int>(found->size()) == q->limit && !found->empty()
                              ? json(found->back().id)
                              : json(nullptr);
    return ok(ctx, body);
  });

  router.add(http::verb::get, "/api/v1/rules/{rule}", [&store](const RequestContext& ctx) {
    const std::string& id = ctx.path.at("rule");
    auto found = store.detection_rule(id);
    if (!found) return error_response(ctx.request, found.error());
    if (!*found) return rule_not_found(ctx, id);
    return ok(ctx, rules::rule_json(**found, /*with_yaml=*/true));
  });

  router.add(http::verb::post, "/api/v1/rules", [&store, options](const RequestContext& ctx) {
    const auto type = ctx.request[http::field::content_type];
    if (!is_yaml_content_type(std::string_view(type.data(), type.size())))
      return error_response(ctx.request, http::status::unsupported_media_type,
                            "send the rules as YAML: Content-Type application/yaml or text/plain");
    if (ctx.request.body().empty())
      return error_response(ctx.request, http::status::bad_request,
                            "the body is empty: send one or more Sigma rules as YAML");
    auto done = rules::upload_rules(store, ctx.request.body(), "upload", options.rules, "api", actor_of(ctx));
    if (!done) return error_response(ctx.request, done.error());
    if (done->accepted() && options.on_rules_changed) options.on_rules_changed();
    return upload_response(ctx, *done);
  });

  router.add(http::verb::patch, "/api/v1/rules/{rule}", [&store, options](const RequestContext& ctx) {
    auto body = json_object_body(ctx.request, {"enabled"});
    if (!body) return error_response(ctx.request, body.error());
    if (!body->contains("enabled") || !(*body)["enabled"].is_boolean())
      return error_response(ctx.request, http::status::bad_request, "enabled: expected true or false");
    auto changed = store.set_detection_rule_enabled(ctx.path.at("rule"), (*body)["enabled"].get<bool>(),
                                                    actor_of(ctx), now_ns());
    if (!changed) return error_response(ctx.request, changed.error());
    if (options.on_rules_changed) options.on_rules_changed();
    return ok(ctx, rules::rule_json(*changed, /*with_yaml=*/false));
  });

  router.add(http::verb::delete_, "/api/v1/rules/{rule}", [&store, options](const RequestContext& ctx) {
    const std::string& id = ctx.path.at("rule");
    if (auto done = store.delete_detection_rule(id); !done) return error_response(ctx.request, done.error());
    if (options.on_rules_changed) options.on_rules_changed();
    return ok(ctx, json{{"deleted", id}});
  });
}

}  // namespace ward::api
