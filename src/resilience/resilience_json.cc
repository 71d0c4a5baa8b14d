// resilience_json.h: checked JSON in, JSON out.
#include "resilience/resilience_json.h"

#include <algorithm>
#include <initializer_list>
#include <optional>

#include <fmt/format.h>

#include "incidents/form_fields.h"
#include "incidents/incident.h"
#include "resilience/duration.h"

namespace ward::resilience {
namespace {

using nlohmann::json;
using incidents::Day;

Unexpected bad(std::string_view field, std::string_view what) { return incidents::field_error(field, what); }

// Prefix for fields of a nested object: "actions[2]." or "".
std::string at(std::string_view prefix, std::string_view key) {
  return prefix.empty() ? std::string(key) : fmt::format("{}.{}", prefix, key);
}

Result<void> known_keys(const json& body, std::initializer_list<std::string_view> keys, std::string_view prefix = "") {
  if (!body.is_object()) return bad(prefix.empty() ? "body" : prefix, "expected a JSON object");
  for (const auto& [key, value] : body.items())
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) return bad(at(prefix, key), "unknown field");
  return {};
}

Result<std::string> text(const json& j, const char* key, std::string_view prefix = "", bool required = false) {
  auto t = incidents::string_field(j, key, at(prefix, key));
  if (t && required && t->empty()) return bad(at(prefix, key), "missing");
  if (t && t->size() > 4000) return bad(at(prefix, key), "longer than 4000 characters");
  return t;
}

// A date YYYY-MM-DD or ""; when `today` is given, not after it.
Result<std::string> day(const json& j, const char* key, std::optional<Day> today, std::string_view prefix = "") {
  auto t = text(j, key, prefix);
  if (!t || t->empty()) return t;
  auto d = incidents::parse_day(*t, at(prefix, key));
  if (!d) return Unexpected(d.error());
  if (today && *d > *today) return bad(at(prefix, key), fmt::format("{} is in the future", *t));
  return t;
}

Result<bool> flag(const json& j, const char* key) {
  if (!j.contains(key) || j[key].is_null()) return false;
  if (!j[key].is_boolean()) return bad(key, "expected true or false");
  return j[key].get<bool>();
}

// A duration text ("4h") or a number of minutes; 0 when absent and not required.
Result<int> duration(const json& j, const char* key, bool required) {
  if (!j.contains(key) || j[key].is_null() || (j[key].is_string() && j[key].get<std::string>().empty())) {
    if (required) return bad(key, "missing: a duration such as 4h, 30m or 2d");
    return 0;
  }
  if (j[key].is_number_integer()) return parse_duration(std::to_string(j[key].get<std::int64_t>()), key);
  if (!j[key].is_string()) return bad(key, "expected a duration such as 4h, 30m or 2d");
  return parse_duration(j[key].get<std::string>(), key);
}

Result<ServiceRef> ref(const json& v, std::string_view field) {
  if (v.is_number_integer() && v.get<std::int64_t>() > 0) return ServiceRef{v.get<std::int64_t>(), {}};
  if (v.is_string() && !v.get<std::string>().empty()) return ServiceRef{0, v.get<std::string>()};
  return bad(field, "expected a service's id or name");
}

Result<std::vector<ServiceRef>> refs(const json& j, const char* key) {
  std::vector<ServiceRef> out;
  if (!j.contains(key) || j[key].is_null()) return out;
  if (!j[key].is_array()) return bad(key, "expected a list of service ids or names");
  for (std::size_t i = 0; i < j[key].size(); ++i) {
    auto r = ref(j[key][i], fmt::format("{}[{}]", key, i));
    if (!r) return Unexpected(r.error());
    out.push_back(std::move(*r));
  }
  return out;
}

json refs_json(const std::vector<std::int64_t>& ids) { return ids; }

}  // namespace

Result<ServiceForm> service_from_json(const json& body, Day today) {
  if (auto r = known_keys(body, {"name", "owner", "tier", "rto", "rpo", "downtime_procedure", "procedure_reviewed",
                                 "depends_on", "vendors", "devices", "systems"});
      !r)
    return Unexpected(r.error());
  ServiceForm f;
  Service& s = f.service;
  auto name = text(body, "name", "", true);
  if (!name) return Unexpected(name.error());
  if (name->size() > 200) return bad("name", "longer than 200 characters");
  s.name = *name;
  auto owner = text(body, "owner");
  auto procedure = text(body, "downtime_procedure");
  auto reviewed = day(body, "procedure_reviewed", today);
  for (auto* r : {&owner, &procedure, &reviewed})
    if (!*r) return Unexpected(r->error());
  s.owner = *owner;
  s.downtime_procedure = *procedure;
  s.procedure_reviewed = *reviewed;
  if (!s.procedure_reviewed.empty() && s.downtime_procedure.empty())
    return bad("procedure_reviewed", "given without a downtime_procedure");
  if (body.contains("tier") && !body["tier"].is_null()) {
    if (!body["tier"].is_number_integer() || body["tier"].get<std::int64_t>() < 1 || body["tier"].get<std::int64_t>() > 4)
      return bad("tier", "expected 1 (life-critical), 2, 3 or 4");
    s.tier = body["tier"].get<int>();
  }
  auto rto = duration(body, "rto", true);
  if (!rto) return Unexpected(rto.error());
  auto rpo = duration(body, "rpo", true);
  if (!rpo) return Unexpected(rpo.error());
  s.rto_minutes = *rto;
  s.rpo_minutes = *rpo;
  auto deps = refs(body, "depends_on");
  if (!deps) return Unexpected(deps.error());
  f.depends_on = std::move(*deps);
  if (body.contains("vendors") && !body["vendors"].is_null()) {
    if (!body["vendors"].is_array()) return bad("vendors", "expected a list of vendor ids");
    for (std::size_t i = 0; i < body["vendors"].size(); ++i) {
      const json& v = body["vendors"][i];
      if (!v.is_number_integer() || v.get<std::int64_t>() <= 0)
        return bad(fmt::format("vendors[{}]", i), "expected a vendor id (ward program vendor list)");
      s.vendors.push_back(v.get<std::int64_t>());
    }
  }
  for (auto [key, out] : {std::pair{"devices", &s.devices}, std::pair{"systems", &s.systems}}) {
    auto list = incidents::string_list_field(body, key);
    if (!list) return Unexpected(list.error());
    *out = std::move(*list);
  }
  return f;
}

Result<BackupForm> backup_from_json(const json& body, Day today) {
  if (auto r = known_keys(body, {"service", "what", "location", "offsite", "immutable", "offline", "frequency", "started",
                                 "last_success", "last_restore_test", "restore_result", "restore_time"});
      !r)
    return Unexpected(r.error());
  BackupForm f;
  Backup& b = f.backup;
  if (!body.contains("service") || body["service"].is_null()) return bad("service", "missing: the service's id or name");
  auto service = ref(body["service"], "service");
  if (!service) return Unexpected(service.error());
  f.service = *service;
  auto what = text(body, "what", "", true);
  auto location = text(body, "location");
  auto result = text(body, "restore_result");
  for (auto* r : {&what, &location, &result})
    if (!*r) return Unexpected(r->error());
  b.what = *what;
  b.location = *location;
  b.restore_result = *result;
  for (auto [key, out] : {std::pair{"offsite", &b.offsite}, std::pair{"immutable", &b.immutable}, std::pair{"offline", &b.offline}}) {
    auto v = flag(body, key);
    if (!v) return Unexpected(v.error());
    *out = *v;
  }
  auto interval = duration(body, "frequency", true);
  if (!interval) return Unexpected(interval.error());
  b.interval_minutes = *interval;
  auto restore = duration(body, "restore_time", false);
  if (!restore) return Unexpected(restore.error());
  b.restore_minutes = *restore;
  for (auto [key, out] : {std::pair{"started", &b.started}, std::pair{"last_success", &b.last_success},
                          std::pair{"last_restore_test", &b.last_restore_test}}) {
    auto d = day(body, key, today);
    if (!d) return Unexpected(d.error());
    *out = *d;
  }
  if (!b.started.empty()) {  // YYYY-MM-DD compares as text
    if (!b.last_success.empty() && b.last_success < b.started)
      return bad("last_success", fmt::format("{} is before started {}: dates in the wrong order", b.last_success, b.started));
    if (!b.last_restore_test.empty() && b.last_restore_test < b.started)
      return bad("last_restore_test", fmt::format("{} is before started {}: a restore test cannot precede the backup",
                                                  b.last_restore_test, b.started));
  }
  if (!b.restore_result.empty())
    if (auto r = incidents::check_one_of(b.restore_result, kRestoreResults, "restore_result"); !r) return Unexpected(r.error());
  if (!b.last_restore_test.empty() && b.restore_result.empty())
    return bad("restore_result", "missing: how the restore test on last_restore_test went (" + std::string(kRestoreResults) + ")");
  if (b.last_restore_test.empty() && !b.restore_result.empty())
    return bad("last_restore_test", "missing: the day of the restore test whose result is given");
  if (b.last_restore_test.empty() && b.restore_minutes > 0)
    return bad("last_restore_test", "missing: the day of the restore test that took restore_time");
  return f;
}

Result<CorrectiveAction> action_from_json(const json& body, std::string_view prefix) {
  if (auto r = known_keys(body, {"text", "owner", "due", "status", "id"}, prefix); !r) return Unexpected(r.error());
  CorrectiveAction a;
  auto t = text(body, "text", prefix, true);
  auto owner = text(body, "owner", prefix, true);
  auto status = text(body, "status", prefix);
  auto due = day(body, "due", std::nullopt, prefix);
  for (auto* r : {&t, &owner, &status, &due})
    if (!*r) return Unexpected(r->error());
  if (due->empty()) return bad(at(prefix, "due"), "missing: the day the action is due (YYYY-MM-DD)");
  a.text = *t;
  a.owner = *owner;
  a.due = *due;
  if (!status->empty()) a.status = *status;
  if (auto r = incidents::check_one_of(a.status, kActionStatuses, at(prefix, "status")); !r) return Unexpected(r.error());
  if (body.contains("id") && body["id"].is_number_integer()) a.id = body["id"].get<std::int64_t>();
  return a;
}

Result<ExerciseForm> exercise_from_json(const json& body) {
  if (auto r = known_keys(body, {"kind", "date", "title", "services", "participants", "findings", "actions"}); !r)
    return Unexpected(r.error());
  ExerciseForm f;
  Exercise& e = f.exercise;
  auto kind = text(body, "kind", "", true);
  auto title = text(body, "title");
  auto date = day(body, "date", std::nullopt);
  for (auto* r : {&kind, &title, &date})
    if (!*r) return Unexpected(r->error());
  if (auto r = incidents::check_one_of(*kind, kExerciseKinds, "kind"); !r) return Unexpected(r.error());
  if (date->empty()) return bad("date", "missing: the day of the exercise (YYYY-MM-DD)");
  e.kind = *kind;
  e.title = *title;
  e.date = *date;
  auto services = refs(body, "services");
  if (!services) return Unexpected(services.error());
  if (services->empty()) return bad("services", "missing: the services the exercise covered");
  f.services = std::move(*services);
  for (auto [key, out] : {std::pair{"participants", &e.participants}, std::pair{"findings", &e.findings}}) {
    auto list = incidents::string_list_field(body, key);
    if (!list) return Unexpected(list.error());
    *out = std::move(*list);
  }
  if (body.contains("actions") && !body["actions"].is_null()) {
    if (!body["actions"].is_array()) return bad("actions", "expected a list of {text, owner, due}");
    for (std::size_t i = 0; i < body["actions"].size(); ++i) {
      auto a = action_from_json(body["actions"][i], fmt::format("actions[{}]", i));
      if (!a) return Unexpected(a.error());
      e.actions.push_back(std::move(*a));
    }
  }
  return f;
}

Result<ServiceForm> service_with_changes(const Service& current, const json& changes, Day today) {
  if (!changes.is_object()) return bad("body", "expected a JSON object");
  json merged = service_to_json(current);
  for (const auto& [key, value] : changes.items()) merged[key] = value;
  auto form = service_from_json(merged, today);
  if (form) form->service.id = current.id;
  return form;
}

json service_to_json(const Service& s) {
  return {{"name", s.name},
          {"owner", s.owner},
          {"tier", s.tier},
          {"rto", format_duration(s.rto_minutes)},
          {"rpo", format_duration(s.rpo_minutes)},
          {"downtime_procedure", s.downtime_procedure},
          {"procedure_reviewed", s.procedure_reviewed},
          {"depends_on", refs_json(s.depends_on)},
          {"vendors", refs_json(s.vendors)},
          {"devices", s.devices},
          {"systems", s.systems}};
}

json backup_to_json(const Backup& b) {
  json j = {{"service", b.service},
            {"what", b.what},
            {"location", b.location},
            {"offsite", b.offsite},
            {"immutable", b.immutable},
            {"offline", b.offline},
            {"frequency", format_duration(b.interval_minutes)},
            {"started", b.started},
            {"last_success", b.last_success},
            {"last_restore_test", b.last_restore_test},
            {"restore_result", b.restore_result},
            {"restore_time", b.restore_minutes > 0 ? json(format_duration(b.restore_minutes)) : json(nullptr)}};
  return j;
}

json exercise_to_json(const Exercise& e) {
  return {{"kind", e.kind},         {"date", e.date},       {"title", e.title},
          {"services", e.services}, {"participants", e.participants}, {"findings", e.findings}};
}

json action_to_json(const CorrectiveAction& a) {
  return {{"id", a.id}, {"text", a.text}, {"owner", a.owner}, {"due", a.due}, {"status", a.status}};
}

}  // namespace ward::resilience
