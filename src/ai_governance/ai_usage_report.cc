// The usage report's forms (ai_usage_report.h).
#include "ai_governance/ai_usage_report.h"

#include <fmt/format.h>

#include "core/csv_field.h"

namespace ward::ai_governance {

using nlohmann::json;

json usage_json(const UsageReportInput& in) {
  json rows = json::array();
  std::map<std::string, json> services;  // per service: status counts, users, requests
  std::map<std::string, std::string> departments;
  for (const auto& [key, row] : in.counter.rows()) {
    std::string department;
    if (row.is_user && in.department_of) {
      auto [it, added] = departments.try_emplace(key.who);
      if (added) it->second = in.department_of(key.who);
      department = it->second;
    }
    json hosts = json::array();
    for (const std::string& h : row.hosts) hosts.push_back(h);
    rows.push_back({{"who", key.who}, {"is_user", row.is_user}, {"department", department}, {"service", key.service},
                    {"group", row.group}, {"day", key.day}, {"status", to_string(key.status)},
                    {"requests", row.requests}, {"first", format_iso8601(row.first)},
                    {"last", format_iso8601(row.last)}, {"hosts", hosts}});
    json& s = services[key.service];
    if (s.is_null()) s = {{"service", key.service}, {"group", row.group}, {"requests", 0}, {"who", json::array()}, {"status", json::array()}};
    s["requests"] = s["requests"].get<std::uint64_t>() + row.requests;
    if (std::find(s["who"].begin(), s["who"].end(), key.who) == s["who"].end()) s["who"].push_back(key.who);
    const std::string status(to_string(key.status));
    if (std::find(s["status"].begin(), s["status"].end(), status) == s["status"].end()) s["status"].push_back(status);
  }
  json by_service = json::array();
  for (auto& [name, s] : services) {
    s["users"] = s["who"].size();
    s.erase("who");
    by_service.push_back(std::move(s));
  }
  json malformed = json::array(), files = json::array();
  std::uint64_t rejected = 0;
  for (const ingest::FileReport& f : in.files) {
    json file = {{"file", f.path.string()}, {"format", ingest::to_string(f.format)},
                 {"lines", f.summary.accepted() + f.summary.rejected() + f.summary.skipped()},
                 {"malformed", f.summary.rejected()}};
    if (f.failure) file["error"] = f.failure->message;
    files.push_back(std::move(file));
    rejected += f.summary.rejected();
    for (const Error& e : f.first_rejections)
      malformed.push_back({{"file", e.source.empty() ? f.path.string() : e.source}, {"line", e.line}, {"field", e.field}, {"error", e.message}});
  }
  return {{"events", in.counter.events()}, {"ai_requests", in.counter.matched()},
          {"before_since", in.counter.before_since()}, {"malformed_lines", rejected}, {"files", files},
          {"services", by_service}, {"first_seen", in.first_seen}, {"usage", rows}, {"malformed", malformed}};
}

std::string usage_text(const json& r) {
  std::string out = fmt::format("{} log events read, {} to AI services, {} malformed lines\n", r["events"].get<std::uint64_t>(),
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
    out += fmt::format("  {:<20} {:<6} {:>8} requests {:>5} users/clients  {}\n", s["service"].get<std::string>(),
                       s["group"].get<std::string>(), s["requests"].get<std::uint64_t>(), s["users"].get<std::size_t>(), statuses);
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

}  // namespace ward::ai_governance
