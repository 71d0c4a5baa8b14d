// The usage report's forms (ai_usage_report.h).
#include "ai_governance/ai_usage_report.h"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "core/csv_field.h"
#include "core/time.h"

namespace ward::ai_governance {
namespace {

using nlohmann::json;

void add_unique(json& list, const std::string& value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

json hosts_json(const std::set<std::string>& hosts) {
  json out = json::array();
  for (const std::string& h : hosts) out.push_back(h);
  return out;
}

json files_json(const std::vector<ingest::FileReport>& files, json& malformed, std::uint64_t& rejected) {
  json out = json::array();
  for (const ingest::FileReport& f : files) {
    json file = {{"file", f.path.string()}, {"format", ingest::to_string(f.format)},
                 {"lines", f.summary.accepted() + f.summary.rejected() + f.summary.skipped()},
                 {"malformed", f.summary.rejected()}};
    if (f.failure) file["error"] = f.failure->message;
    out.push_back(std::move(file));
    rejected += f.summary.rejected();
    for (const Error& e : f.first_rejections)
      malformed.push_back({{"file", e.source.empty() ? f.path.string() : e.source}, {"line", e.line}, {"field", e.field}, {"error", e.message}});
  }
  return out;
}

}  // namespace

json usage_json(const UsageReportInput& in) {
  std::map<std::string, std::string> departments;
  auto department = [&](const std::string& who, bool is_user) -> std::string {
    if (!is_user || !in.department_of) return "";
    auto [it, added] = departments.try_emplace(who);
    if (added) it->second = in.department_of(who);
    return it->second;
  };
  json rows = json::array();
  std::map<std::string, json> services, users, by_department;
  for (const auto& [key, row] : in.rows) {
    const std::string dept = department(key.who, row.is_user);
    const std::string status(to_string(key.status));
    rows.push_back({{"who", key.who}, {"is_user", row.is_user}, {"department", dept}, {"service", key.service},
                    {"group", row.group}, {"day", key.day}, {"status", status}, {"requests", row.requests},
                    {"first", format_iso8601(row.first)}, {"last", format_iso8601(row.last)}, {"hosts", hosts_json(row.hosts)}});
    json& s = services[key.service];
    if (s.is_null()) s = {{"service", key.service}, {"group", row.group}, {"requests", 0}, {"who", json::array()}, {"status", json::array()}};
    s["requests"] = s["requests"].get<std::uint64_t>() + row.requests;
    add_unique(s["who"], key.who);
    add_unique(s["status"], status);
    json& u = users[key.who];
    if (u.is_null()) u = {{"who", key.who}, {"is_user", row.is_user}, {"department", dept}, {"requests", 0}, {"unapproved_requests", 0}, {"services", json::array()}};
    u["requests"] = u["requests"].get<std::uint64_t>() + row.requests;
    if (key.status != UsageStatus::approved) u["unapproved_requests"] = u["unapproved_requests"].get<std::uint64_t>() + row.requests;
    add_unique(u["services"], key.service);
    const std::string dept_name = dept.empty() ? (row.is_user ? "(not in the directory)" : "(client address)") : dept;
    json& d = by_department[dept_name];
    if (d.is_null()) d = {{"department", dept_name}, {"requests", 0}, {"unapproved_requests", 0}, {"who", json::array()}, {"services", json::array()}};
    d["requests"] = d["requests"].get<std::uint64_t>() + row.requests;
    if (key.status != UsageStatus::approved) d["unapproved_requests"] = d["unapproved_requests"].get<std::uint64_t>() + row.requests;
    add_unique(d["who"], key.who);
    add_unique(d["services"], key.service);
  }
  json phi = json::array();
  std::uint64_t phi_requests = 0;
  if (in.phi) {
    for (const auto& [key, row] : *in.phi) {
      const std::string& host = *row.hosts.begin();
      const UsageStatus status = in.status_of ? in.status_of(host) : UsageStatus::unknown;
      const bool baa = status == UsageStatus::approved && in.baa_for && in.baa_for(host);
      json types = json::object();
      for (const auto& [type, n] : row.phi) types[type] = n;
      phi.push_back({{"service", key.service}, {"who", key.who}, {"is_user", row.is_user}, {"department", department(key.who, row.is_user)},
                     {"status", to_string(status)}, {"baa", baa}, {"requests", row.requests}, {"blocked", row.blocked},
                     {"phi", types}, {"first", format_iso8601(row.first)}, {"last", format_iso8601(row.last)},
                     {"hosts", hosts_json(row.hosts)}});
      phi_requests += row.requests;
      json& s = services[key.service];
      if (s.is_null()) s = {{"service", key.service}, {"group", ""}, {"requests", 0}, {"who", json::array()}, {"status", json::array()}};
      s["phi_requests"] = s.value("phi_requests", std::uint64_t{0}) + row.requests;
      s["phi_users"] = s.value("phi_users", std::uint64_t{0}) + 1;
      add_unique(s["status"], std::string(to_string(status)));
      json& u = users[key.who];
      if (u.is_null()) u = {{"who", key.who}, {"is_user", row.is_user}, {"department", department(key.who, row.is_user)}, {"requests", 0}, {"unapproved_requests", 0}, {"services", json::array()}};
      u["phi_requests"] = u.value("phi_requests", std::uint64_t{0}) + row.requests;
      add_unique(u["services"], key.service);
    }
  }
  json by_service = json::array();
  for (auto& [name, s] : services) {
    s["users"] = s["who"].size();
    s.erase("who");
    s["first_seen"] = std::find(in.first_seen.begin(), in.first_seen.end(), name) != in.first_seen.end();
    s["flagged"] = std::any_of(s["status"].begin(), s["status"].end(), [](const json& x) { return x != "approved"; });
    if (!s.contains("phi_requests")) s["phi_requests"] = 0;
    by_service.push_back(std::move(s));
  }
  json by_user = json::array(), departments_json = json::array();
  for (auto& [who, u] : users) {
    if (!u.contains("phi_requests")) u["phi_requests"] = 0;
    by_user.push_back(std::move(u));
  }
  for (auto& [name, d] : by_department) {
    d["users"] = d["who"].size();
    d.erase("who");
    departments_json.push_back(std::move(d));
  }
  json malformed = json::array();
  std::uint64_t rejected = 0;
  json report = {{"ai_requests", in.ai_requests}, {"services", by_service}, {"first_seen", in.first_seen},
                 {"by_user", by_user}, {"by_department", departments_json}, {"phi_to_ai", phi},
                 {"phi_requests", phi_requests}, {"usage", rows}};
  if (in.files) {
    report["files"] = files_json(*in.files, malformed, rejected);
    report["events"] = in.events;
    report["before_since"] = in.before_since;
  } else {
    report["window"] = {{"from", in.from_day}, {"to", in.to_day}};
  }
  report["malformed_lines"] = rejected;
  report["malformed"] = malformed;
  return report;
}

std::string usage_text(const json& r) {
  std::string out;
  if (r.contains("window"))
    out = fmt::format("{} to {}: {} requests to AI services recorded\n", r["window"]["from"].get<std::string>(),
                      r["window"]["to"].get<std::string>(), r["ai_requests"].get<std::uint64_t>());
  else
    out = fmt::format("{} log events read, {} to AI services, {} malformed lines\n", r["events"].get<std::uint64_t>(),
                      r["ai_requests"].get<std::uint64_t>(), r["malformed_lines"].get<std::uint64_t>());
  for (const json& m : r["malformed"])
    out += fmt::format("  malformed: {}:{}: {}\n", m["file"].get<std::string>(), m["line"].get<std::uint64_t>(), m["error"].get<std::string>());
  if (!r["first_seen"].empty()) {
    out += "first seen:";
    for (const json& s : r["first_seen"]) out += " " + s.get<std::string>();
    out += "\n";
  }
  out += "services:\n";
  for (const json& s : r["services"]) {
    std::string statuses;
    for (const json& st : s["status"]) statuses += (statuses.empty() ? "" : ",") + st.get<std::string>();
    out += fmt::format("  {:<20} {:<6} {:>8} requests {:>5} users/clients  {}{}\n", s["service"].get<std::string>(),
                       s["group"].get<std::string>(), s["requests"].get<std::uint64_t>(), s["users"].get<std::size_t>(), statuses,
                       s["phi_requests"].get<std::uint64_t>() > 0 ? fmt::format("  PHI in {} requests", s["phi_requests"].get<std::uint64_t>()) : "");
  }
  if (!r["phi_to_ai"].empty()) {
    out += "PHI sent to AI services (who, department, service, status, requests, blocked, PHI):\n";
    for (const json& p : r["phi_to_ai"]) {
      std::string types;
      for (const auto& [type, n] : p["phi"].items()) types += fmt::format("{}{} {}", types.empty() ? "" : ", ", n.get<std::uint64_t>(), type);
      std::string status = p["status"].get<std::string>();
      if (p["baa"].get<bool>()) status += " (BAA)";
      out += fmt::format("  {:<16} {:<16} {:<20} {:<16} {:>4} {:>4}  {}\n", p["who"].get<std::string>(), p["department"].get<std::string>(),
                         p["service"].get<std::string>(), status, p["requests"].get<std::uint64_t>(), p["blocked"].get<std::uint64_t>(), types);
    }
  }
  out += "usage (who, department, service, day, status, requests):\n";
  for (const json& u : r["usage"])
    out += fmt::format("  {:<16} {:<16} {:<20} {} {:<10} {}\n", u["who"].get<std::string>(), u["department"].get<std::string>(),
                       u["service"].get<std::string>(), u["day"].get<std::string>(), u["status"].get<std::string>(),
                       u["requests"].get<std::uint64_t>());
  return out;
}

std::string usage_csv(const json& r) {
  std::string out = "who,is_user,department,service,group,day,status,requests,first,last,hosts\n";
  for (const json& u : r["usage"]) {
    std::string hosts;
    for (const json& h : u["hosts"]) hosts += (hosts.empty() ? "" : " ") + h.get<std::string>();
    std::string row;
    for (const char* f : {"who", "is_user", "department", "service", "group", "day", "status", "requests", "first", "last"}) {
      const json& v = u[f];
      append_csv_field(row, v.is_string() ? v.get<std::string>() : v.dump());
      row += ',';
    }
    append_csv_field(row, hosts);
    out += row + "\n";
  }
  return out;
}

Result<bool> approved_with_baa(AiStore& registry, std::string_view host) {
  auto ids = registry.systems_for_host(host);
  if (!ids) return Unexpected(ids.error());
  for (const std::string& id : *ids) {
    auto record = registry.system(id);
    if (!record) return Unexpected(record.error());
    if (record->status != "approved") continue;
    auto evidence = registry.evidence(id);
    if (!evidence) return Unexpected(evidence.error());
    if (std::any_of(evidence->begin(), evidence->end(), [](const Evidence& e) { return e.kind == "baa"; })) return true;
  }
  return false;
}

Result<json> usage_from_store(AiStore& registry, store::Store& store, const dlp::DestinationCatalogue& catalogue,
                              const std::string& from_day, const std::string& to_day) {
  auto from = parse_time_with_format(from_day, "%Y-%m-%d");
  if (!from) return fail(ErrorCode::invalid_input, "expected YYYY-MM-DD", "from");
  auto to = parse_time_with_format(to_day, "%Y-%m-%d");
  if (!to) return fail(ErrorCode::invalid_input, "expected YYYY-MM-DD", "to");
  if (*to < *from) return fail(ErrorCode::invalid_input, "the window ends before it begins", "to");
  std::optional<Error> lookup_error;
  std::map<std::string, UsageStatus, std::less<>> statuses;
  auto status_of = [&](std::string_view host) {
    auto it = statuses.find(host);
    if (it != statuses.end()) return it->second;
    auto status = registry.registry_status(host);
    if (!status && !lookup_error) lookup_error = status.error();
    return statuses.emplace(std::string(host), usage_status(status ? *status : "")).first->second;
  };
  auto baa_for = [&](std::string_view host) {
    auto baa = approved_with_baa(registry, host);
    if (!baa && !lookup_error) lookup_error = baa.error();
    return baa && *baa;
  };
  auto counted = registry.usage_between_as_now(from_day, to_day);
  if (!counted) return Unexpected(counted.error());
  const UsageRows& rows = *counted;
  std::uint64_t requests = 0;
  for (const auto& [key, row] : rows) requests += row.requests;
  auto seen = registry.seen_services();
  if (!seen) return Unexpected(seen.error());
  std::vector<std::string> first_seen;
  const TimeNs end = *to + kNsPerDay;
  for (const AiStore::SeenService& s : *seen)
    if (s.first_ns >= *from && s.first_ns < end) first_seen.push_back(s.service);
  auto phi = phi_sent_to_ai(store, catalogue, *from, end);
  if (!phi) return Unexpected(phi.error());
  auto department_of = [&](std::string_view user) -> std::string {
    auto w = store.find_workforce(user);
    return w && *w ? (*w)->department : "";
  };
  UsageReportInput input{rows, 0, requests, 0, nullptr, from_day, to_day, department_of, first_seen, &*phi, status_of, baa_for};
  json report = usage_json(input);
  if (lookup_error) return Unexpected(*lookup_error);
  return report;
}

}  // namespace ward::ai_governance
