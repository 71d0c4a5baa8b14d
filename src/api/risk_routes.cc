// The risk register and the board report over the API (docs/program.md "Risk register", "Board
// report"): the risks with their scores, one risk, adding a risk (its controls checked against
// the built-in catalogues), adding a treatment, and the one-page board report as HTML. The
// rules are risks/risk_service.h's and board_report/'s, shared with the CLI. Stores open on
// options.data_dir per request; no data_dir answers 503. {risk} makes the audit subject "risk:3".
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "api/routes.h"
#include "board_report/board_data.h"
#include "board_report/board_html.h"
#include "risks/risk_service.h"

namespace ward::api {
namespace {

using nlohmann::json;
using namespace ward::risks;

template <class F>
Response with_store(const RequestContext& ctx, const std::filesystem::path& data_dir, F f) {
  if (data_dir.empty())
    return error_response(ctx.request, http::status::service_unavailable, "the risk register is not available on this server");
  auto store = RiskStore::open(data_dir);
  if (!store) return error_response(ctx.request, store.error());
  return f(**store);
}

// Reads the keys into the fields they name; a value of the wrong type is invalid_input naming it.
Result<void> read_text(const json& body, const char* key, std::string& out) {
  if (!body.contains(key) || body[key].is_null()) return {};
  if (!body[key].is_string()) return fail(ErrorCode::invalid_input, fmt::format("{}: expected text", key), key);
  out = body[key].get<std::string>();
  return {};
}
template <class Int>
Result<void> read_int(const json& body, const char* key, Int& out) {
  if (!body.contains(key) || body[key].is_null()) return {};
  if (!body[key].is_number_integer()) return fail(ErrorCode::invalid_input, fmt::format("{}: expected a whole number", key), key);
  out = body[key].get<Int>();
  return {};
}

Result<Risk> risk_from(const json& body) {
  Risk r;
  for (auto [key, out] : {std::pair{"title", &r.title}, std::pair{"description", &r.description},
                          std::pair{"category", &r.category}, std::pair{"owner", &r.owner}})
    if (auto t = read_text(body, key, *out); !t) return Unexpected(t.error());
  for (auto [key, out] : {std::pair{"likelihood", &r.likelihood}, std::pair{"impact", &r.impact}})
    if (auto t = read_int(body, key, *out); !t) return Unexpected(t.error());
  if (body.contains("controls")) {
    if (!body["controls"].is_array()) return fail(ErrorCode::invalid_input, "controls: expected a list of \"catalogue:control\"", "controls");
    for (const json& c : body["controls"]) {
      if (!c.is_string()) return fail(ErrorCode::invalid_input, "controls: expected a list of \"catalogue:control\"", "controls");
      auto link = parse_linked_control(c.get<std::string>());
      if (!link) return Unexpected(link.error());
      r.controls.push_back(*link);
    }
  }
  return r;
}

Result<Treatment> treatment_from(const json& body) {
  Treatment t;
  for (auto [key, out] : {std::pair{"kind", &t.kind}, std::pair{"description", &t.description}, std::pair{"owner", &t.owner},
                          std::pair{"status", &t.status}, std::pair{"target", &t.target}})
    if (auto r = read_text(body, key, *out); !r) return Unexpected(r.error());
  if (auto r = read_int(body, "cost", t.cost); !r) return Unexpected(r.error());
  for (auto [key, out] : {std::pair{"residual_likelihood", &t.residual_likelihood}, std::pair{"residual_impact", &t.residual_impact}})
    if (auto r = read_int(body, key, *out); !r) return Unexpected(r.error());
  return t;
}

Response html(const RequestContext& ctx, std::string body) {
  Response res{http::status::ok, ctx.request.version()};
  res.set(http::field::content_type, "text/html; charset=utf-8");
  res.set(http::field::cache_control, "no-store");
  res.set("X-Content-Type-Options", "nosniff");
  res.set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
  res.keep_alive(ctx.request.keep_alive());
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

}  // namespace

void add_risk_routes(Router& router, const ApiOptions& options) {
  const std::filesystem::path data_dir = options.data_dir;

  router.add(http::verb::get, "/api/v1/program/risks", [data_dir](const RequestContext& ctx) {
    return with_store(ctx, data_dir, [&](RiskStore& store) {
      auto all = store.list();
      if (!all) return error_response(ctx.request, all.error());
      return ok(ctx, risks_json(*all));
    });
  });

  router.add(http::verb::post, "/api/v1/program/risks", [data_dir](const RequestContext& ctx) {
    return with_store(ctx, data_dir, [&](RiskStore& store) {
      auto body = json_object_body(ctx.request, {"title", "description", "category", "owner", "likelihood", "impact", "controls"});
      if (!body) return error_response(ctx.request, body.error());
      auto risk = risk_from(*body);
      if (!risk) return error_response(ctx.request, risk.error());
      auto added = add_risk(store, std::move(*risk), actor_of(ctx));
      if (!added) return error_response(ctx.request, added.error());
      return ok(ctx, risk_json(*added), http::status::created);
    });
  });

  router.add(http::verb::get, "/api/v1/program/risks/{risk}", [data_dir](const RequestContext& ctx) {
    return with_store(ctx, data_dir, [&](RiskStore& store) {
      auto id = id_in_path(ctx, "risk");
      if (!id) return error_response(ctx.request, id.error());
      auto risk = existing_risk(store, *id);
      if (!risk) return error_response(ctx.request, risk.error());
      return ok(ctx, risk_json(*risk));
    });
  });

  router.add(http::verb::post, "/api/v1/program/risks/{risk}/treatments", [data_dir](const RequestContext& ctx) {
    return with_store(ctx, data_dir, [&](RiskStore& store) {
      auto id = id_in_path(ctx, "risk");
      if (!id) return error_response(ctx.request, id.error());
      auto body = json_object_body(ctx.request, {"kind", "description", "owner", "status", "target", "cost",
                                                 "residual_likelihood", "residual_impact"});
      if (!body) return error_response(ctx.request, body.error());
      auto t = treatment_from(*body);
      if (!t) return error_response(ctx.request, t.error());
      if (auto added = treat_risk(store, *id, std::move(*t), actor_of(ctx)); !added) return error_response(ctx.request, added.error());
      auto risk = existing_risk(store, *id);
      if (!risk) return error_response(ctx.request, risk.error());
      return ok(ctx, risk_json(*risk), http::status::created);
    });
  });

  router.add(http::verb::get, "/api/v1/program/board-report", [data_dir](const RequestContext& ctx) {
    if (data_dir.empty())
      return error_response(ctx.request, http::status::service_unavailable, "the board report is not available on this server");
    const incidents::Day today = incidents::today_utc();
    board_report::Quarter quarter = board_report::quarter_of(today);
    if (auto it = ctx.query.find("quarter"); it != ctx.query.end() && !it->second.empty()) {
      auto q = board_report::parse_quarter(it->second);
      if (!q) return error_response(ctx.request, q.error());
      quarter = *q;
    }
    auto report = board_report::load_board_report(data_dir, quarter, today);
    if (!report) return error_response(ctx.request, report.error());
    return html(ctx, board_report::board_html(*report));
  });
}

}  // namespace ward::api
