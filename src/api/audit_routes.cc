// The API of Ward's own audit trail (docs/audit.md), for the admin audit-log viewer: the trail
// newest first with filters and server-side paging — as JSON, a FHIR searchset Bundle of
// AuditEvents, or FHIR NDJSON — and the hash chain's check. Admins and compliance only.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "api/routes.h"
#include "core/time.h"
#include "self_audit/audit_event_fhir.h"
#include "self_audit/chain_check.h"

namespace ward::api {
namespace {

using nlohmann::json;

// Who may read the trail; "auditor" is the older token role that compliance replaces.

json entry_json(const store::AuditRecord& r) {
  const store::ApiAuditEntry& e = r.entry;
  return {{"seq", r.seq},
          {"time", format_iso8601(e.time)},
          {"actor", store::audit_actor(e)},
          {"token_id", e.token_id == 0 ? json(nullptr) : json(e.token_id)},
          {"method", e.method},
          {"route", e.route},
          {"subject", e.subject},
          {"status", e.status},
          {"action", e.action},
          {"client_address", e.client_address},
          {"prev_hash", r.prev_hash},
          {"hash", r.hash}};
}

json report_json(const self_audit::ChainReport& r) {
  json broken = nullptr;
  if (r.broken)
    broken = {{"kind", self_audit::to_string(r.broken->kind)},
              {"seq", r.broken->seq},
              {"time", r.broken->time == 0 ? json(nullptr) : json(format_iso8601(r.broken->time))},
              {"detail", r.broken->detail}};
  return {{"ok", r.ok()},
          {"entries", r.entries},
          {"head", {{"seq", r.head_seq}, {"hash", r.head_hash}}},
          {"broken", std::move(broken)}};
}

Result<store::AuditQuery> audit_query(const RequestContext& ctx) {
  store::AuditQuery q;
  if (auto r = read_time_param(ctx, "from", q.from); !r) return Unexpected(r.error());
  if (auto r = read_time_param(ctx, "to", q.to); !r) return Unexpected(r.error());
  if (auto r = read_int_param(ctx, "limit", 1, 1000, q.limit); !r) return Unexpected(r.error());
  for (auto [key, to] : {std::pair{"actor", &q.actor}, {"subject", &q.subject}, {"cursor", &q.cursor}})
    if (auto it = ctx.query.find(key); it != ctx.query.end()) *to = it->second;
  return q;
}

// This request's target with ?cursor= set to `cursor`, the rest of its query as sent.
std::string target_with_cursor(const RequestContext& ctx, const std::string& cursor) {
  std::string_view target(ctx.request.target().data(), ctx.request.target().size());
  const auto qmark = target.find('?');
  std::string out(target.substr(0, qmark));
  char sep = '?';
  if (qmark != std::string_view::npos) {
    std::string_view rest = target.substr(qmark + 1);
    while (!rest.empty()) {
      const auto amp = rest.find('&');
      std::string_view pair = rest.substr(0, amp);
      rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
      if (pair.empty() || pair.substr(0, 7) == "cursor=" || pair == "cursor") continue;
      out += sep;
      out += pair;
      sep = '&';
    }
  }
  return out + sep + "cursor=" + cursor;
}

Response trail_response(const RequestContext& ctx, const store::AuditPage& page, std::string_view format) {
  if (format == "json") {
    json entries = json::array();
    for (const auto& r : page.records) entries.push_back(entry_json(r));
    json body = {{"count", entries.size()}, {"entries", std::move(entries)}};
    body["next_cursor"] = page.next_cursor.empty() ? json(nullptr) : json(page.next_cursor);
    return json_response(ctx.request, http::status::ok, body.dump());
  }
  const std::string site = self_audit::ward_site();
  const std::string next = page.next_cursor.empty() ? std::string() : target_with_cursor(ctx, page.next_cursor);
  if (format == "ndjson") {
    std::string body;
    for (const auto& r : page.records) body += self_audit::audit_event_json(r, site).dump() + "\n";
    Response res = json_response(ctx.request, http::status::ok, std::move(body));
    res.set(http::field::content_type, "application/fhir+ndjson");
    if (!next.empty()) res.set(http::field::link, "<" + next + ">; rel=\"next\"");
    return res;
  }
  using fhir_json = nlohmann::ordered_json;  // resourceType first
  fhir_json entries = fhir_json::array();
  for (const auto& r : page.records)
    entries.push_back({{"resource", self_audit::audit_event_json(r, site)}, {"search", {{"mode", "match"}}}});
  std::string_view self(ctx.request.target().data(), ctx.request.target().size());
  fhir_json links = fhir_json::array({{{"relation", "self"}, {"url", self}}});
  if (!next.empty()) links.push_back({{"relation", "next"}, {"url", next}});
  fhir_json bundle = {{"resourceType", "Bundle"}, {"type", "searchset"}, {"link", std::move(links)},
                      {"entry", std::move(entries)}};
  Response res = json_response(ctx.request, http::status::ok, bundle.dump());
  res.set(http::field::content_type, "application/fhir+json");
  return res;
}

}  // namespace

void add_audit_routes(Router& router, store::Store& store) {
  router.add(http::verb::get, "/api/v1/audit", [&store](const RequestContext& ctx) {
    std::string format = "json";
    if (auto it = ctx.query.find("format"); it != ctx.query.end() && !it->second.empty()) format = it->second;
    if (format != "json" && format != "fhir" && format != "ndjson")
      return error_response(ctx.request, http::status::bad_request, "format: expected json, fhir or ndjson");
    auto q = audit_query(ctx);
    if (!q) return error_response(ctx.request, q.error());
    auto page = store.audit_trail(*q);
    if (!page) return error_response(ctx.request, page.error());
    return trail_response(ctx, *page, format);
  });

  router.add(http::verb::get, "/api/v1/audit/verify", [&store](const RequestContext& ctx) {
    std::optional<self_audit::Anchor> anchor;
    if (auto it = ctx.query.find("anchor"); it != ctx.query.end() && !it->second.empty()) {
      auto a = self_audit::parse_anchor(it->second);
      if (!a) return error_response(ctx.request, a.error());
      anchor = std::move(*a);
    }
    auto report = self_audit::check_chain(store, anchor);
    if (!report) return error_response(ctx.request, report.error());
    return json_response(ctx.request, http::status::ok, report_json(*report).dump());
  });
}

}  // namespace ward::api
