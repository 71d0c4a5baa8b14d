// The security program's API (docs/program.md#api): the public "see something, say something"
// intake (no account; rate-limited per client address; small bodies; the answer is a receipt
// code and never echoes what was sent), incidents with their timeline and breach assessment, the
// breach deadlines and a summary for dashboards, the OCR portal export, and vendors with their
// reminders and concentration; a vendor is edited (PATCH) and deleted (DELETE, refused with 409
// while services depend on it unless ?force=true; the 409 names them in error.services). The HTTP
// layer audits every authenticated request; {incident} and {vendor} captures make the audit
// subject "incident:3", "vendor:2".
#include <limits>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "api/login_throttle.h"
#include "api/routes.h"
#include "incidents/breach_deadlines.h"
#include "incidents/form_fields.h"
#include "incidents/incident_json.h"
#include "incidents/ocr_export.h"
#include "resilience/vendor_removal.h"
#include "third_parties/questionnaire_service.h"
#include "third_parties/vendor_json.h"
#include "third_parties/vendor_store.h"
#include "third_parties/vendor_views.h"

namespace ward::api {
namespace {

using nlohmann::json;
using namespace ward::incidents;
using namespace ward::third_parties;

constexpr std::size_t kMaxIntakeBytes = 16 * 1024;
constexpr int kIntakePerWindow = 10;                      // reports and follow-ups per client address…
constexpr TimeNs kIntakeWindow = 10 * 60 * kNsPerSecond;  // …per ten minutes

Response unavailable(const RequestContext& ctx) {
  return error_response(ctx.request, http::status::service_unavailable, "the security program's store is not open");
}

Result<json> body_json(const Request& req) {
  if (req.body().empty()) return json::object();
  json body = json::parse(req.body(), nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded() || !body.is_object()) return fail(ErrorCode::invalid_input, "the body must be a JSON object");
  return body;
}

Result<std::string> text_field(const json& body, const char* key) { return string_field(body, key); }

Result<Incident> intake_incident(const Request& req) {
  auto body = json_object_body(req, {"title", "description", "anonymous", "name", "contact"});
  if (!body) return Unexpected(body.error());
  Incident in;
  in.source = "intake";
  for (auto [key, out] : {std::pair{"title", &in.title}, std::pair{"description", &in.description},
                          std::pair{"name", &in.reporter}, std::pair{"contact", &in.reporter_contact}}) {
    auto t = text_field(*body, key);
    if (!t) return Unexpected(t.error());
    *out = std::move(*t);
  }
  if (body->contains("anonymous") && !(*body)["anonymous"].is_boolean())
    return fail(ErrorCode::invalid_input, "anonymous: expected true or false", "anonymous");
  if (body->value("anonymous", false)) in.reporter.clear(), in.reporter_contact.clear();
  if (in.reporter.size() > 200 || in.reporter_contact.size() > 200)
    return fail(ErrorCode::invalid_input, "name and contact: at most 200 characters each", "name");
  return in;
}

std::int64_t today_days_left(const Deadline& d) { return days_between(today_utc(), d.due); }

// The questionnaire results vendors are scored with; none without a data directory.
Result<ResultsByVendor> results_in(const std::filesystem::path& data_dir) {
  if (data_dir.empty()) return ResultsByVendor{};
  return questionnaire_results(data_dir);
}

}  // namespace

void add_program_routes(Router& router, const ApiOptions& options) {
  IncidentStore* incidents = options.incidents;
  VendorStore* vendors = options.vendors;
  const std::filesystem::path data_dir = options.data_dir;
  auto throttle = std::make_shared<LoginThrottle>(kIntakePerWindow, kIntakeWindow);
  const StateLaws* laws = &builtin_state_laws();

  // Counts one intake request from the caller's address; a 429 answer when it is over the limit.
  auto over_limit = [throttle](const RequestContext& ctx) -> std::optional<Response> {
    const std::string key = "intake:" + (ctx.connection ? ctx.connection->client_address : std::string());
    const TimeNs now = now_ns();
    if (throttle->locked_until(key, now) != 0) {
      Response res = error_response(ctx.request, http::status::too_many_requests,
                                    "too many reports from this address; try again in a few minutes or call the security desk");
      res.set(http::field::retry_after, std::to_string(kIntakeWindow / kNsPerSecond));
      res.prepare_payload();
      return res;
    }
    throttle->note_failure(key, now);  // the throttle counts events: here, each report
    return std::nullopt;
  };

  router.add(http::verb::post, "/api/v1/program/intake", [incidents, over_limit](const RequestContext& ctx) {
    if (incidents == nullptr) return unavailable(ctx);
    if (auto limited = over_limit(ctx)) return std::move(*limited);
    if (ctx.request.body().size() > kMaxIntakeBytes)
      return error_response(ctx.request, http::status::payload_too_large, "a report is at most 16 KB; keep it short");
    auto in = intake_incident(ctx.request);
    if (!in) return error_response(ctx.request, in.error());
    auto created = incidents->create(*in, in->reporter.empty() ? "anonymous reporter" : "reporter");
    if (!created) return error_response(ctx.request, created.error());
    // Only the receipt: nothing of what was sent comes back (it may hold PHI).
    return ok(ctx,
              {{"receipt", created->receipt},
               {"message", "Thank you: the security team has your report. Keep this receipt code to add information "
                           "later; it is the only way to reach this report."}},
              http::status::created);
  }, /*is_public=*/true);

  router.add(http::verb::post, "/api/v1/program/intake/{receipt}", [incidents, over_limit](const RequestContext& ctx) {
    if (incidents == nullptr) return unavailable(ctx);
    if (auto limited = over_limit(ctx)) return std::move(*limited);  // also slows guessing of codes
    if (ctx.request.body().size() > kMaxIntakeBytes)
      return error_response(ctx.request, http::status::payload_too_large, "an update is at most 16 KB");
    auto body = json_object_body(ctx.request, {"text"});
    if (!body) return error_response(ctx.request, body.error());
    auto text = text_field(*body, "text");
    if (!text) return error_response(ctx.request, text.error());
    auto found = incidents->find_by_receipt(ctx.path.at("receipt"));
    if (!found) return error_response(ctx.request, found.error());
    if (!*found) return error_response(ctx.request, http::status::not_found, "no report has that receipt code");
    auto e = incidents->add_entry({0, (*found)->id, "reporter_update", *text, "reporter (receipt)", std::nullopt, 0});
    if (!e) return error_response(ctx.request, e.error());
    return ok(ctx, {{"added", true}});
  }, /*is_public=*/true);

  router.add(http::verb::get, "/api/v1/program/incidents", [incidents, laws](const RequestContext& ctx) {
    if (incidents == nullptr) return unavailable(ctx);
    std::string status;
    if (auto it = ctx.query.find("status"); it != ctx.query.end()) status = it->second;
    if (!status.empty() && status != "open")
      if (auto r = check_one_of(status, kStatuses, "status"); !r) return error_response(ctx.request, r.error());
    auto list = incident_list(*incidents, status, *laws, today_utc());
    if (!list) return error_response(ctx.request, list.error());
    return ok(ctx, *list);
  });

  router.add(http::verb::post, "/api/v1/program/incidents", [incidents](const RequestContext& ctx) {
    if (incidents == nullptr) return unavailable(ctx);
    auto fields = string_fields(ctx.request, {"title", "description", "severity", "owner", "occurred_on", "discovered_on"});
    if (!fields) return error_response(ctx.request, fields.error());
    Incident in;
    in.source = "staff";
    in.title = (*fields)["title"];
    in.description = (*fields)["description"];
    in.severity = (*fields)["severity"];
    in.owner = (*fields)["owner"];
    in.occurred_on = (*fields)["occurred_on"];
    in.discovered_on = (*fields)["discovered_on"];
    auto created = incidents->create(in, actor_of(ctx));
    if (!created) return error_response(ctx.request, created.error());
    return ok(ctx, incident_json(*created), http::status::created);
  });

  auto detail = [incidents, laws](std::int64_t id) { return incident_detail(*incidents, id, *laws, today_utc()); };

  router.add(http::verb::get, "/api/v1/program/incidents/{incident}", [incidents, detail](const RequestContext& ctx) {
    if (incidents == nullptr) return unavailable(ctx);
    auto id = id_in_path(ctx, "incident");
    if (!id) return error_response(ctx.request, id.error());
    auto d = detail(*id);
    if (!d) return error_response(ctx.request, d.error());
    return ok(ctx, *d);
  });

  router.add(http::verb::patch, "/api/v1/program/incidents/{incident}", [incidents](const RequestContext& ctx) {
    if (incidents == nullptr) return unavailable(ctx);
    auto id = id_in_path(ctx, "incident");
    if (!id) return error_response(ctx.request, id.error());
    auto fields = string_fields(ctx.request, {"title", "status", "severity", "owner", "occurred_on", "discovered_on"});
    if (!fields) return error_response(ctx.request, fields.error());
    IncidentChange c;
    auto take = [&](const char* key, std::optional<std::string>& out) {
      if (auto it = fields->find(key); it != fields->end()) out = it->second;
    };
    take("title", c.title);
    take("status", c.status);
    take("severity", c.severity);
    take("owner", c.owner);
    take("occurred_on", c.occurred_on);
    take("discovered_on", c.discovered_on);
    auto in = incidents->update(*id, c, actor_of(ctx));
    if (!in) return error_response(ctx.request, in.error());
    return ok(ctx, incident_json(*in));
  });

  router.add(http::verb::post, "/api/v1/program/incidents/{incident}/entries", [incidents](const RequestContext& ctx) {
    if (incidents == nullptr) return unavailable(ctx);
    auto id = id_in_path(ctx, "incident");
    if (!id) return error_response(ctx.request, id.error());
    auto body = json_object_body(ctx.request, {"kind", "text", "law_enforcement", "task", "done"});
    if (!body) return error_response(ctx.request, body.error());
    auto kind = text_field(*body, "kind");
    if (!kind) return error_response(ctx.request, kind.error());
    if (*kind == "task_done") {  // {"kind": "task_done", "task": 7, "done": true}
      if (!(*body)["task"].is_number_integer())
        return error_response(ctx.request, Error{ErrorCode::invalid_input, "task: expected the task's entry id", {}, 0, 0, "task"});
      auto r = incidents->set_task_done(*id, (*body)["task"].get<std::int64_t>(), body->value("done", true), actor_of(ctx));
      if (!r) return error_response(ctx.request, r.error());
      return ok(ctx, {{"done", body->value("done", true)}});
    }
    std::string text;
    if (*kind == "law_enforcement") {
      auto contact = law_enforcement_from_json(body->value("law_enforcement", json::object()));
      if (!contact) return error_response(ctx.request, contact.error());
      text = law_enforcement_to_json(*contact).dump();
    } else {
      auto t = text_field(*body, "text");
      if (!t) return error_response(ctx.request, t.error());
      text = std::move(*t);
    }
    auto e = incidents->add_entry({0, *id, *kind, text, actor_of(ctx), std::nullopt, 0});
    if (!e) return error_response(ctx.request, e.error());
    return ok(ctx, entry_json(*e), http::status::created);
  });

  router.add(http::verb::put, "/api/v1/program/incidents/{incident}/assessment",
             [incidents, laws, detail](const RequestContext& ctx) {
    if (incidents == nullptr) return unavailable(ctx);
    auto id = id_in_path(ctx, "incident");
    if (!id) return error_response(ctx.request, id.error());
    auto body = body_json(ctx.request);
    if (!body) return error_response(ctx.request, body.error());
    auto record = assessment_from_json(*body, today_utc());
    if (!record) return error_response(ctx.request, record.error());
    auto result = assess_breach_risk(record->answers);
    if (!result) return error_response(ctx.request, result.error());
    if (auto c = compute_breach_clock(record->facts, *laws); !c) return error_response(ctx.request, c.error());
    if (auto r = incidents->save_assessment(*id, {*record, *result, actor_of(ctx), now_ns()}); !r)
      return error_response(ctx.request, r.error());
    auto d = detail(*id);
    if (!d) return error_response(ctx.request, d.error());
    return ok(ctx, *d);
  });

  router.add(http::verb::get, "/api/v1/program/deadlines", [incidents, laws](const RequestContext& ctx) {
    if (incidents == nullptr) return unavailable(ctx);
    auto rows = open_breach_deadlines(*incidents, *laws);
    if (!rows) return error_response(ctx.request, rows.error());
    return ok(ctx, deadlines_json(*rows, today_utc()));
  });

  router.add(http::verb::get, "/api/v1/program/summary", [incidents, vendors, laws, data_dir](const RequestContext& ctx) {
    if (incidents == nullptr || vendors == nullptr) return unavailable(ctx);
    auto open = incidents->list("open");
    if (!open) return error_response(ctx.request, open.error());
    json by_severity = {{"critical", 0}, {"high", 0}, {"moderate", 0}, {"low", 0}, {"untriaged", 0}};
    for (const Incident& i : *open) {
      json& n = by_severity[i.severity.empty() ? "untriaged" : i.severity];
      n = n.get<int>() + 1;
    }
    auto deadlines = open_breach_deadlines(*incidents, *laws);
    if (!deadlines) return error_response(ctx.request, deadlines.error());
    int overdue = 0;
    json next = nullptr;
    for (const IncidentDeadline& d : *deadlines) {
      const auto left = today_days_left(d.deadline);
      if (left < 0) ++overdue;
      else if (next.is_null()) next = {{"incident", d.incident.id}, {"duty", d.deadline.duty}, {"due", format_day(d.deadline.due)}, {"days_left", left}};
    }
    auto all = vendors->list();
    if (!all) return error_response(ctx.request, all.error());
    auto results = results_in(data_dir);
    if (!results) return error_response(ctx.request, results.error());
    json by_level = {{"high", 0}, {"moderate", 0}, {"low", 0}};
    int without_baa = 0;
    for (const Vendor& v : *all) {
      const RiskScore r = vendor_risk(v, today_utc(), result_for(*results, v.id));
      by_level[r.level] = by_level[r.level].get<int>() + 1;
      if (v.business_associate && v.baa_status != "signed") ++without_baa;
    }
    return ok(ctx, json{{"open_incidents", open->size()},
                    {"open_by_severity", by_severity},
                    {"breach_deadlines", deadlines->size()},
                    {"overdue_deadlines", overdue},
                    {"next_deadline", next},
                    {"vendors", all->size()},
                    {"vendors_by_risk", by_level},
                    {"business_associates_without_signed_baa", without_baa},
                    {"expiring_within_60_days", expiry_reminders(*all, today_utc(), 60).size()},
                    {"single_vendor_services", single_vendor_services(*all).size()}});
  });

  router.add(http::verb::get, "/api/v1/program/export/ocr", [incidents, laws](const RequestContext& ctx) {
    if (incidents == nullptr) return unavailable(ctx);
    std::string format = "json", entity_type = "Healthcare Provider", entity_name;
    int only = 0;  // one incident's report, or all
    if (auto r = read_int_param(ctx, "incident", 1, std::numeric_limits<int>::max(), only); !r)
      return error_response(ctx.request, r.error());
    if (auto it = ctx.query.find("format"); it != ctx.query.end()) format = it->second;
    if (auto it = ctx.query.find("entity_type"); it != ctx.query.end()) entity_type = it->second;
    if (auto it = ctx.query.find("entity_name"); it != ctx.query.end()) entity_name = it->second;
    if (auto r = check_one_of(format, "json, csv", "format"); !r) return error_response(ctx.request, r.error());
    if (auto r = check_one_of(entity_type, "Health Plan, Healthcare Clearinghouse, Healthcare Provider", "entity_type"); !r)
      return error_response(ctx.request, r.error());
    auto reports = breach_reports(*incidents, *laws, only);
    if (!reports) return error_response(ctx.request, reports.error());
    const ReportingEntity entity{entity_name, entity_type};
    if (format == "csv") {
      Response res{http::status::ok, ctx.request.version()};
      res.set(http::field::content_type, "text/csv; charset=utf-8");
      res.body() = ocr_reports_csv(*reports, entity);
      res.prepare_payload();
      return res;
    }
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const OcrReport& r : *reports) out.push_back(ocr_report_json(r, entity));
    return json_response(ctx.request, http::status::ok, nlohmann::ordered_json{{"reports", out}}.dump());
  });

  router.add(http::verb::get, "/api/v1/program/vendors", [vendors, data_dir](const RequestContext& ctx) {
    if (vendors == nullptr) return unavailable(ctx);
    auto all = vendors->list();
    if (!all) return error_response(ctx.request, all.error());
    auto results = results_in(data_dir);
    if (!results) return error_response(ctx.request, results.error());
    json out = json::array();
    for (const Vendor& v : *all) out.push_back(vendor_with_risk_json(v, today_utc(), result_for(*results, v.id)));
    return ok(ctx, {{"vendors", std::move(out)}});
  });

  router.add(http::verb::post, "/api/v1/program/vendors", [vendors](const RequestContext& ctx) {
    if (vendors == nullptr) return unavailable(ctx);
    auto body = body_json(ctx.request);
    if (!body) return error_response(ctx.request, body.error());
    if (body->contains("id")) return error_response(ctx.request, Error{ErrorCode::invalid_input, "id: given by Ward", {}, 0, 0, "id"});
    auto v = vendor_from_json(*body);
    if (!v) return error_response(ctx.request, v.error());
    auto added = vendors->add(std::move(*v));
    if (!added) return error_response(ctx.request, added.error());
    return ok(ctx, vendor_with_risk_json(*added, today_utc()), http::status::created);
  });

  router.add(http::verb::get, "/api/v1/program/vendors/{vendor}", [vendors, data_dir](const RequestContext& ctx) {
    if (vendors == nullptr) return unavailable(ctx);
    auto v = vendors->find(ctx.path.at("vendor"));
    if (!v) return error_response(ctx.request, v.error());
    if (!*v) return error_response(ctx.request, http::status::not_found, "there is no such vendor");
    auto results = results_in(data_dir);
    if (!results) return error_response(ctx.request, results.error());
    return ok(ctx, vendor_with_risk_json(**v, today_utc(), result_for(*results, (*v)->id)));
  });

  router.add(http::verb::patch, "/api/v1/program/vendors/{vendor}", [vendors, data_dir](const RequestContext& ctx) {
    if (vendors == nullptr) return unavailable(ctx);
    auto body = body_json(ctx.request);
    if (!body) return error_response(ctx.request, body.error());
    auto current = vendors->find(ctx.path.at("vendor"));
    if (!current) return error_response(ctx.request, current.error());
    if (!*current) return error_response(ctx.request, http::status::not_found, "there is no such vendor");
    auto v = vendor_with_changes(**current, *body);
    if (!v) return error_response(ctx.request, v.error());
    auto updated = vendors->update(*v);
    if (!updated) return error_response(ctx.request, updated.error());
    auto results = results_in(data_dir);
    if (!results) return error_response(ctx.request, results.error());
    return ok(ctx, vendor_with_risk_json(*updated, today_utc(), result_for(*results, updated->id)));
  });

  router.add(http::verb::delete_, "/api/v1/program/vendors/{vendor}", [vendors, data_dir](const RequestContext& ctx) {
    if (vendors == nullptr || data_dir.empty()) return unavailable(ctx);
    std::string force = "false";
    if (auto it = ctx.query.find("force"); it != ctx.query.end()) force = it->second;
    if (auto r = check_one_of(force, "true, false", "force"); !r) return error_response(ctx.request, r.error());
    auto r = resilience::remove_vendor(data_dir, ctx.path.at("vendor"), force == "true");
    if (!r) return error_response(ctx.request, r.error());
    if (!r->removed)  // the services by name too, so a form can say what forcing detaches
      return error_response(ctx.request, http::status::conflict, resilience::refusal_message(*r, "delete with ?force=true"),
                            "force", {{"services", r->services}});
    return ok(ctx, {{"deleted", r->vendor.id}, {"name", r->vendor.name}, {"detached_from", r->services}});
  });

  router.add(http::verb::get, "/api/v1/program/reminders", [vendors](const RequestContext& ctx) {
    if (vendors == nullptr) return unavailable(ctx);
    int within = 60;
    if (auto r = read_int_param(ctx, "within", 0, 3650, within); !r) return error_response(ctx.request, r.error());
    auto all = vendors->list();
    if (!all) return error_response(ctx.request, all.error());
    return ok(ctx, reminders_json(expiry_reminders(*all, today_utc(), within), within));
  });

  router.add(http::verb::get, "/api/v1/program/concentration", [vendors](const RequestContext& ctx) {
    if (vendors == nullptr) return unavailable(ctx);
    auto all = vendors->list();
    if (!all) return error_response(ctx.request, all.error());
    return ok(ctx, concentration_json(single_vendor_services(*all)));
  });
}

}  // namespace ward::api
