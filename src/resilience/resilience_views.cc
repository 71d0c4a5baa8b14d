// resilience_views.h: records as JSON with the names they refer to.
#include "resilience/resilience_views.h"

#include <fmt/format.h>

#include "resilience/duration.h"
#include "resilience/resilience_json.h"
#include "third_parties/vendor_risk.h"

namespace ward::resilience {

using nlohmann::json;

ResilienceViews::ResilienceViews(const ResilienceData& data) : data_(data) {
  for (const Service& s : data.services) services_[s.id] = s.name;
  for (const third_parties::Vendor& v : data.vendors) vendors_[v.id] = v.name;
}

std::string ResilienceViews::service_name(std::int64_t id) const {
  auto it = services_.find(id);
  return it == services_.end() ? fmt::format("service {}", id) : it->second;
}

std::string ResilienceViews::vendor_name(std::int64_t id) const {
  auto it = vendors_.find(id);
  return it == vendors_.end() ? fmt::format("vendor {}", id) : it->second;
}

json ResilienceViews::services_named(const std::vector<std::int64_t>& ids) const {
  json out = json::array();
  for (std::int64_t id : ids) out.push_back({{"id", id}, {"name", service_name(id)}});
  return out;
}

json ResilienceViews::vendors_named(const std::vector<std::int64_t>& ids) const {
  json out = json::array();
  for (std::int64_t id : ids) out.push_back({{"id", id}, {"name", vendor_name(id)}});
  return out;
}

json ResilienceViews::service(const Service& s) const {
  json j = service_to_json(s);
  j["id"] = s.id;
  j["rto_minutes"] = s.rto_minutes;
  j["rpo_minutes"] = s.rpo_minutes;
  j["depends_on"] = services_named(s.depends_on);
  j["vendors"] = vendors_named(s.vendors);
  return j;
}

json ResilienceViews::service_detail(const Service& s, const DependencyChain& chain, const std::vector<Finding>& findings) const {
  json j = service(s);
  j["chain"] = {{"services", services_named(chain.services)},
                {"vendors", vendors_named(chain.vendors)},
                {"devices", chain.devices},
                {"systems", chain.systems}};
  json backups = json::array();
  for (const Backup& b : data_.backups)
    if (b.service == s.id) backups.push_back(backup(b));
  j["backups"] = std::move(backups);
  json texts = json::array();
  for (const Finding& f : findings)
    if (f.service == s.id) texts.push_back({{"kind", f.kind}, {"backup", f.backup}, {"text", f.text}});
  j["findings"] = std::move(texts);
  return j;
}

json ResilienceViews::backup(const Backup& b) const {
  json j = backup_to_json(b);
  j["id"] = b.id;
  j["service"] = {{"id", b.service}, {"name", service_name(b.service)}};
  j["interval_minutes"] = b.interval_minutes;
  j["restore_minutes"] = b.restore_minutes;
  return j;
}

json ResilienceViews::exercise(const Exercise& e, incidents::Day today) const {
  json j = exercise_to_json(e);
  j["id"] = e.id;
  j["services"] = services_named(e.services);
  json actions = json::array();
  for (const CorrectiveAction& a : e.actions) {
    json row = action_to_json(a);
    auto due = incidents::parse_day(a.due, "due");
    const int late = due ? incidents::days_between(*due, today) : 0;
    row["overdue"] = a.status == "open" && late > 0;
    row["days_late"] = a.status == "open" && late > 0 ? late : 0;
    actions.push_back(std::move(row));
  }
  j["actions"] = std::move(actions);
  return j;
}

json ResilienceViews::report(const std::vector<Finding>& findings, const DependencyView& view,
                             const std::vector<OverdueAction>& overdue, const FindingSettings& settings) const {
  json f = json::array();
  for (const Finding& x : findings)
    f.push_back({{"service", {{"id", x.service}, {"name", service_name(x.service)}}},
                 {"backup", x.backup ? json(x.backup) : json(nullptr)},
                 {"kind", x.kind},
                 {"text", x.text}});
  // The vendor list's own concentration view (third_parties): services only one vendor provides.
  const auto sole = third_parties::single_vendor_services(data_.vendors);
  json points = json::array();
  for (const SinglePoint& p : view.single_points) {
    const std::string name = p.kind == "vendor" ? vendor_name(p.id) : p.kind == "service" ? service_name(p.id) : p.name;
    std::vector<std::string> dependents, only_provider_of;
    for (std::int64_t id : p.tier1_services) dependents.push_back(service_name(id));
    if (p.kind == "vendor")
      for (const third_parties::Concentration& c : sole)
        if (c.vendor == name) only_provider_of.push_back(c.service);
    std::string text = fmt::format("{} {}: {} tier-1 service{} depend{} on it ({})", p.kind, name, dependents.size(),
                                   dependents.size() == 1 ? "" : "s", dependents.size() == 1 ? "s" : "",
                                   fmt::join(dependents, ", "));
    if (!only_provider_of.empty()) text += fmt::format("; the only vendor of {}", fmt::join(only_provider_of, ", "));
    json row = {{"kind", p.kind}, {"name", name}, {"tier1_services", services_named(p.tier1_services)},
                {"only_provider_of", only_provider_of}, {"text", text + "."}};
    if (p.id) row["id"] = p.id;
    points.push_back(std::move(row));
  }
  json cycles = json::array();
  for (const Cycle& c : view.cycles) {
    std::vector<std::string> names;
    for (std::int64_t id : c) names.push_back(service_name(id));
    cycles.push_back({{"services", services_named(c)}, {"text", fmt::format("{}", fmt::join(names, " -> "))}});
  }
  json late = json::array();
  for (const OverdueAction& o : overdue)
    late.push_back({{"exercise", o.exercise->id}, {"action", o.action->id}, {"text", o.action->text}, {"owner", o.action->owner},
                    {"due", o.action->due}, {"days_late", o.days_late}});
  json services = json::array();  // the list a dashboard shows beside the findings
  for (const Service& s : data_.services) {
    int count = 0;
    for (const Finding& x : findings) count += x.service == s.id;
    services.push_back({{"id", s.id}, {"name", s.name}, {"tier", s.tier}, {"rto", format_duration(s.rto_minutes)},
                        {"rpo", format_duration(s.rpo_minutes)}, {"findings", count}});
  }
  return {{"settings", {{"restore_test_max_age_days", settings.restore_test_max_age_days},
                        {"procedure_max_age_days", settings.procedure_max_age_days}}},
          {"counts", {{"services", data_.services.size()}, {"backups", data_.backups.size()},
                      {"exercises", data_.exercises.size()}, {"findings", f.size()},
                      {"single_points_of_failure", points.size()}, {"cycles", cycles.size()},
                      {"overdue_actions", late.size()}}},
          {"services", std::move(services)},
          {"findings", std::move(f)},
          {"single_points_of_failure", std::move(points)},
          {"cycles", std::move(cycles)},
          {"overdue_actions", std::move(late)}};
}

}  // namespace ward::resilience
