#include "api/routes.h"

#include <charconv>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "api/case_cursor.h"
#include "case_review/review_json.h"
#include "case_review/review_states.h"
#include "ingest/fhir/fhir_parser.h"
#include "privacy/engine.h"
#include "privacy/monitor.h"

namespace ward::api {
namespace {

using nlohmann::json;

json summary_json(const privacy::PrivacyRunSummary& s) {
  return {{"accesses", s.accesses}, {"explained", s.explained},
          {"explained_share", s.explained_share()}, {"unknown_users", s.unknown_users},
          {"unknown_patients", s.unknown_patients}, {"explained_by", s.explained_by},
          {"findings", s.findings}, {"cases", s.cases}};
}

// What the last privacy run said of the access; null before the first run.
json explanation_json(const store::EventRow& r) {
  if (r.explained == store::EventRow::Explained::not_run) return nullptr;
  if (r.explained == store::EventRow::Explained::no)
    return {{"explained", false}, {"code", nullptr}, {"evidence", r.explanation_evidence}};
  return {{"explained", true}, {"code", r.explanation_code}, {"evidence", r.explanation_evidence}};
}

json event_json(const store::EventRow& r, const WorkforceMember* who) {
  json user = {{"id", r.user_id}};
  // The directory says who a person is; the event's own values are the fallback (an EHR
  // log's "role" is often the agent type of the access, not the person's job).
  auto pick = [](const std::string& own, const std::string* dir) {
    return dir != nullptr && !dir->empty() ? *dir : own;
  };
  user["name"] = pick(r.user_name, who ? &who->name : nullptr);
  user["role"] = pick(r.role, who ? &who->role : nullptr);
  user["department"] = pick(r.department, who ? &who->department : nullptr);
  return {
      {"seq", r.seq},
      {"time", format_iso8601(r.time)},
      {"kind", to_string(r.kind)},
      {"action", to_string(r.action)},
      {"outcome", to_string(r.outcome)},
      {"user", std::move(user)},
      {"patient", {{"id", r.patient_id}, {"mrn", r.patient_mrn}}},
      {"object", r.object},
      {"purpose", r.purpose},
      {"network_address", r.ip},
      {"workstation", r.host},
      {"source", r.source},
      {"event_id", r.event_id},
      {"explanation", explanation_json(r)},
  };
}

// Reads ?from=&to=&limit=&cursor= into `q`; an error names the parameter.
Result<void> read_window(const RequestContext& ctx, store::EventQuery& q) {
  if (auto r = read_time_param(ctx, "from", q.from); !r) return r;
  if (auto r = read_time_param(ctx, "to", q.to); !r) return r;
  if (auto r = read_int_param(ctx, "limit", 1, 1000, q.limit); !r) return r;
  if (auto it = ctx.query.find("cursor"); it != ctx.query.end()) q.cursor = it->second;
  return {};
}

// One page of events as JSON, with user names filled from the directory.
Result<json> events_page(store::Store& store, const store::EventQuery& q) {
  auto page = store.find_events(q);
  if (!page) return Unexpected(page.error());
  std::unordered_map<std::string, std::optional<WorkforceMember>> users;
  json rows = json::array();
  for (const auto& r : page->rows) {
    auto it = users.find(r.user_id);
    if (it == users.end()) {
      auto w = r.user_id.empty() ? Result<std::optional<WorkforceMember>>{} : store.find_workforce(r.user_id);
      if (!w) return Unexpected(w.error());
      it = users.emplace(r.user_id, std::move(*w)).first;
    }
    rows.push_back(event_json(r, it->second ? &*it->second : nullptr));
  }
  json out = {{"count", rows.size()}, {"accesses", std::move(rows)}};
  out["next_cursor"] = page->next_cursor.empty() ? json(nullptr) : json(page->next_cursor);
  return out;
}

json patient_json(const PatientRecord& p) {
  return {{"id", p.id}, {"mrn", p.mrn}, {"name", p.name}, {"birth_date", p.birth_date},
          {"confidential", p.confidential}};
}

json workforce_json(const WorkforceMember& w) {
  return {{"id", w.id}, {"employee_id", w.employee_id}, {"name", w.name}, {"role", w.role},
          {"department", w.department}, {"hire_date", w.hire_date},
          {"termination_date", w.termination_date}};
}

// ?status=&user=&sort=&order=&limit=&offset= of the case queue; an error names the parameter.
Result<store::CaseQuery> case_query(const RequestContext& ctx) {
  store::CaseQuery q;
  q.limit = 100;
  auto param = [&](const char* key) {
    auto it = ctx.query.find(key);
    return it == ctx.query.end() ? std::string() : it->second;
  };
  q.status = param("status");
  if (!q.status.empty() && q.status != "open" && !case_review::is_one_of(case_review::kCaseStates, q.status))
    return fail(ErrorCode::invalid_input, "status: expected new, in_review, confirmed, dismissed or open", "status");
  q.user_id = param("user");
  if (std::string sort = param("sort"); !sort.empty()) {
    if (sort != "score" && sort != "last" && sort != "first" && sort != "case_id")
      return fail(ErrorCode::invalid_input, "sort: expected score, last, first or case_id", "sort");
    q.sort = sort;
  }
  if (std::string order = param("order"); !order.empty()) {
    if (order != "asc" && order != "desc") return fail(ErrorCode::invalid_input, "order: expected asc or desc", "order");
    q.descending = order == "desc";
  }
  if (auto r = read_int_param(ctx, "limit", 1, 10000, q.limit); !r) return Unexpected(r.error());
  int offset = 0;
  if (auto r = read_int_param(ctx, "offset", 0, 100'000'000, offset); !r) return Unexpected(r.error());
  q.offset = offset;
  if (std::string cursor = param("cursor"); !cursor.empty()) {
    if (q.offset != 0) return fail(ErrorCode::invalid_input, "cursor: give a cursor or an offset, not both", "cursor");
    auto after = read_case_cursor(cursor, q);
    if (!after) return Unexpected(after.error());
    q.after = *after;
  }
  return q;
}

// Import into the store from a request body; 2xx only once the data is committed.
class IngestRoute {
 public:
  IngestRoute(store::Store& store, const ApiOptions& options) : store_(store), options_(options) {}
  Response operator()(const RequestContext& ctx) const {
    ingest::ParseContext parse(fmt_source(ctx), store_, options_.parse);
    auto r = ingest::parse_fhir(ctx.request.body(), parse);
    if (!r) return error_response(ctx.request, r.error());
    const auto& summary = parse.summary();
    json by_type = json::object();
    for (const auto& [type, c] : summary.by_type)
      by_type[type] = {{"accepted", c.accepted}, {"rejected", c.rejected}, {"skipped", c.skipped},
                       {"duplicates", c.duplicates}};
    // Posting an event again is harmless: it counts as accepted and as a duplicate.
    json body = {{"accepted", summary.accepted()}, {"rejected", summary.rejected()},
                 {"skipped", summary.skipped()}, {"duplicates", summary.duplicates()},
                 {"by_type", by_type}};
    auto status = summary.accepted() == 0 && summary.rejected() > 0
                      ? http::status::unprocessable_entity : http::status::ok;
    if (summary.accepted() == 0 && summary.rejected() == 0 && summary.skipped() == 0)
      return error_response(ctx.request, http::status::bad_request, "the body holds no FHIR resources");
    return json_response(ctx.request, status, body.dump());
  }

 private:
  static std::string fmt_source(const RequestContext& ctx) {
    return "POST /api/v1/ingest/fhir (token " + std::to_string(ctx.token ? ctx.token->id : 0) + ")";
  }
  store::Store& store_;
  ApiOptions options_;
};

}  // namespace

Router build_router(store::Store& store, const ApiOptions& options) {
  Router router;
  router.add(http::verb::get, "/api/v1/health", [&store](const RequestContext& ctx) {
    auto ok = store.count_tokens();
    if (!ok) return error_response(ctx.request, http::status::service_unavailable, "store unavailable");
    return json_response(ctx.request, http::status::ok,
                         json{{"status", "ok"}, {"version", "0.1.0"}}.dump());
  }, /*is_public=*/true);

  router.add(http::verb::get, "/api/v1/events", [&store](const RequestContext& ctx) {
    store::EventQuery q;
    if (auto it = ctx.query.find("user"); it != ctx.query.end()) q.user = it->second;
    if (auto it = ctx.query.find("patient"); it != ctx.query.end()) q.patient = it->second;
    if (auto r = read_window(ctx, q); !r) return error_response(ctx.request, r.error());
    auto page = events_page(store, q);
    if (!page) return error_response(ctx.request, page.error());
    json body = *page;
    body["events"] = std::move(body["accesses"]);
    body.erase("accesses");
    return json_response(ctx.request, http::status::ok, body.dump());
  });

  router.add(http::verb::get, "/api/v1/patients/{id}/accesses", [&store](const RequestContext& ctx) {
    store::EventQuery q;
    q.patient = ctx.path.at("id");
    if (auto r = read_window(ctx, q); !r) return error_response(ctx.request, r.error());
    auto patient = store.find_patient(q.patient);
    if (!patient) return error_response(ctx.request, patient.error());
    auto page = events_page(store, q);
    if (!page) return error_response(ctx.request, page.error());
    if (!*patient && (*page)["count"] == 0)
      return error_response(ctx.request, http::status::not_found,
                            "no patient and no accesses with that id or MRN");
    json body = *page;
    body["patient"] = *patient ? patient_json(**patient) : json{{"id", q.patient}};
    return json_response(ctx.request, http::status::ok, body.dump());
  });

  router.add(http::verb::get, "/api/v1/users/{id}/accesses", [&store](const RequestContext& ctx) {
    store::EventQuery q;
    q.user = ctx.path.at("id");
    if (auto r = read_window(ctx, q); !r) return error_response(ctx.request, r.error());
    auto user = store.find_workforce(q.user);
    if (!user) return error_response(ctx.request, user.error());
    auto page = events_page(store, q);
    if (!page) return error_response(ctx.request, page.error());
    if (!*user && (*page)["count"] == 0)
      return error_response(ctx.request, http::status::not_found,
                            "no workforce member and no accesses with that id");
    json body = *page;
    body["user"] = *user ? workforce_json(**user) : json{{"id", q.user}};
    return json_response(ctx.request, http::status::ok, body.dump());
  });

  router.add(http::verb::get, "/api/v1/quarantine", [&store](const RequestContext& ctx) {
    int limit = 100;
    if (auto r = read_int_param(ctx, "limit", 1, 10000, limit); !r) return error_response(ctx.request, r.error());
    auto rows = store.quarantined(limit);
    if (!rows) return error_response(ctx.request, rows.error());
    json out = json::array();
    for (const auto& q : *rows)
      out.push_back({{"id", q.id}, {"received", format_iso8601(q.received)}, {"source", q.source},
                     {"line", q.line}, {"offset", q.offset}, {"field", q.field},
                     {"code", q.code}, {"reason", q.reason}, {"record_type", q.record_type}});
    return json_response(ctx.request, http::status::ok, json{{"rejections", out}}.dump());
  });

  router.add(http::verb::get, "/api/v1/stats", [&store](const RequestContext& ctx) {
    auto c = store.counts();
    if (!c) return error_response(ctx.request, c.error());
    return json_response(ctx.request, http::status::ok,
                         json{{"events", c->events}, {"patients", c->patients},
                              {"workforce", c->workforce}, {"encounters", c->encounters},
                              {"quarantined", c->quarantined}}.dump());
  });

  router.add(http::verb::post, "/api/v1/ingest/fhir", IngestRoute(store, options));

  router.add(http::verb::post, "/api/v1/privacy/run", [&store, options](const RequestContext& ctx) {
    // While serving, the live monitor runs it, so one engine writes the results.
    auto s = options.monitor != nullptr ? options.monitor->run_full() : privacy::run_privacy(store, options.privacy);
    if (!s) return error_response(ctx.request, s.error());
    return json_response(ctx.request, http::status::ok, summary_json(*s).dump());
  });

  router.add(http::verb::get, "/api/v1/privacy/status", [options](const RequestContext& ctx) {
    if (options.monitor == nullptr)
      return json_response(ctx.request, http::status::ok, json{{"live", false}}.dump());
    const auto s = options.monitor->status();
    json body = {{"live", true},
                 {"ready", s.ready},
                 {"idle", s.idle},
                 {"catch_ups", s.catch_ups},
                 {"commits_scored", s.commits},
                 {"latency_ms", {{"p50", s.p50_ms}, {"p99", s.p99_ms}, {"max", s.max_ms}}},
                 {"last_error", s.last_error.empty() ? json(nullptr) : json(s.last_error)},
                 {"summary", summary_json(s.summary)}};
    return json_response(ctx.request, http::status::ok, body.dump());
  });

  router.add(http::verb::get, "/api/v1/privacy/cases", [&store](const RequestContext& ctx) {
    auto q = case_query(ctx);
    if (!q) return error_response(ctx.request, q.error());
    auto cases = store.privacy_cases(*q);
    if (!cases) return error_response(ctx.request, cases.error());
    auto total = store.count_privacy_cases(*q);
    if (!total) return error_response(ctx.request, total.error());
    json out = json::array();
    for (const auto& c : *cases) out.push_back(case_review::case_json(c));
    // A full page may have more after it: its cursor starts the next page at no extra cost.
    json next = static_cast<int>(cases->size()) == q->limit ? json(case_cursor_text(cases->back(), *q)) : json(nullptr);
    return json_response(ctx.request, http::status::ok,
                         json{{"cases", std::move(out)}, {"total", *total}, {"offset", q->offset},
                              {"next_cursor", std::move(next)}}.dump());
  });
  add_case_review_routes(router, store, options);
  add_alert_routes(router, store);
  add_detection_routes(router, options);
  add_rule_routes(router, store, options);
  add_phi_routes(router, options);
  add_session_routes(router, store, std::make_shared<SignIn>(store, options.sessions));
  add_account_routes(router, store, options);
  add_audit_routes(router, store);
  add_stats_routes(router, store, options);
  add_program_routes(router, options);
  add_mfa_routes(router, options);
  add_discovery_routes(router, options);
  add_device_routes(router, options);
  add_ai_routes(router, store, options);
  add_assessment_routes(router, options);
  add_resilience_routes(router, options);
  add_questionnaire_routes(router, options);
  add_risk_routes(router, options);
  return router;
}

}  // namespace ward::api
