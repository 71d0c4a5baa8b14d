// `ward program service add|update|show|list`, `ward program backup add|list`, `ward program exercise
// add|action|list` and `ward program resilience`: critical services, their backups and
// continuity exercises, and what a continuity lead should fix (docs/program.md#resilience).
// Forms from --file JSON or from flags go through the same checks (resilience_json.h). Audited.
#include <memory>

#include <fmt/format.h>

#include "cli/program_cli.h"
#include "core/plural.h"
#include "resilience/resilience_service.h"

namespace ward::cli {
namespace {

using namespace ward::resilience;
using nlohmann::json;

struct ResilienceOptions {
  std::string file, which, format = "text";
  // service
  std::string name, owner, rto, rpo, procedure, reviewed;
  int tier = 0;
  std::vector<std::string> depends_on, devices, systems;
  std::vector<std::int64_t> vendors;
  // backup
  std::string service, what, location, frequency, started, last_success, restore_test, restore_result, restore_time;
  bool offsite = false, immutable = false, offline = false;
  // exercise and actions
  std::string kind, date, title, text, due;
  std::vector<std::string> services, participants, findings;
  std::int64_t exercise = 0, done = 0;
  int restore_test_days = 365;
};

Result<ResilienceService> open_service(const GlobalOptions& g) { return ResilienceService::open(g.data_dir); }

// Puts each non-empty flag into the form; the checks are resilience_json.h's.
void put(json& body, const char* key, const std::string& value) {
  if (!value.empty()) body[key] = value;
}
template <class T>
void put(json& body, const char* key, const std::vector<T>& values) {
  if (!values.empty()) body[key] = values;
}

Result<json> service_body(const ResilienceOptions& o) {
  if (!o.file.empty()) return read_json_input(o.file);
  json body = json::object();
  for (auto [key, value] : {std::pair{"name", &o.name}, std::pair{"owner", &o.owner}, std::pair{"rto", &o.rto},
                            std::pair{"rpo", &o.rpo}, std::pair{"downtime_procedure", &o.procedure},
                            std::pair{"procedure_reviewed", &o.reviewed}})
    put(body, key, *value);
  if (o.tier != 0) body["tier"] = o.tier;
  put(body, "depends_on", o.depends_on);
  put(body, "vendors", o.vendors);
  put(body, "devices", o.devices);
  put(body, "systems", o.systems);
  return body;
}

Result<json> backup_body(const ResilienceOptions& o) {
  if (!o.file.empty()) return read_json_input(o.file);
  json body = json::object();
  for (auto [key, value] : {std::pair{"service", &o.service}, std::pair{"what", &o.what}, std::pair{"location", &o.location},
                            std::pair{"frequency", &o.frequency}, std::pair{"started", &o.started},
                            std::pair{"last_success", &o.last_success}, std::pair{"last_restore_test", &o.restore_test},
                            std::pair{"restore_result", &o.restore_result}, std::pair{"restore_time", &o.restore_time}})
    put(body, key, *value);
  for (auto [key, value] : {std::pair{"offsite", o.offsite}, std::pair{"immutable", o.immutable}, std::pair{"offline", o.offline}})
    if (value) body[key] = true;
  return body;
}

Result<json> exercise_body(const ResilienceOptions& o) {
  if (!o.file.empty()) return read_json_input(o.file);
  json body = json::object();
  put(body, "kind", o.kind);
  put(body, "date", o.date);
  put(body, "title", o.title);
  put(body, "services", o.services);
  put(body, "participants", o.participants);
  put(body, "findings", o.findings);
  return body;
}

std::string names(const json& list) {
  std::vector<std::string> out;
  for (const json& x : list) out.push_back(x.is_object() ? x["name"].get<std::string>() : x.get<std::string>());
  return out.empty() ? "-" : fmt::format("{}", fmt::join(out, ", "));
}

std::string service_text(const json& s) {
  std::string out = fmt::format("service {}: {}\n  tier {}, RTO {}, RPO {}, owner {}\n", s["id"].get<std::int64_t>(),
                                s["name"].get<std::string>(), s["tier"].get<int>(), s["rto"].get<std::string>(),
                                s["rpo"].get<std::string>(), s["owner"].get<std::string>().empty() ? "-" : s["owner"].get<std::string>());
  const std::string procedure = s["downtime_procedure"];
  out += procedure.empty() ? "  downtime procedure: none\n"
                           : fmt::format("  downtime procedure (reviewed {}): {}\n",
                                         s["procedure_reviewed"].get<std::string>().empty() ? "never" : s["procedure_reviewed"].get<std::string>(),
                                         procedure);
  out += fmt::format("  depends on: services {}; vendors {}; devices {}; systems {}\n", names(s["depends_on"]),
                     names(s["vendors"]), names(s["devices"]), names(s["systems"]));
  const json& c = s["chain"];
  out += fmt::format("  all the way down: services {}; vendors {}; devices {}; systems {}\n", names(c["services"]),
                     names(c["vendors"]), names(c["devices"]), names(c["systems"]));
  for (const json& b : s["backups"])
    out += fmt::format("  backup {}: {} every {}{}, last restore test {}\n", b["id"].get<std::int64_t>(), b["what"].get<std::string>(),
                       b["frequency"].get<std::string>(), b["immutable"].get<bool>() || b["offline"].get<bool>() ? " (isolated copy)" : "",
                       b["last_restore_test"].get<std::string>().empty() ? "never" : b["last_restore_test"].get<std::string>());
  for (const json& f : s["findings"]) out += fmt::format("  finding: {}\n", f["text"].get<std::string>());
  return out;
}

Result<FindingSettings> settings_of(const ResilienceOptions& o) {
  if (o.restore_test_days < 1 || o.restore_test_days > 3650)
    return fail(ErrorCode::invalid_input, "--restore-test-days: expected 1 to 3650", "--restore-test-days");
  FindingSettings settings;
  settings.restore_test_max_age_days = o.restore_test_days;
  return settings;
}

using TextOf = std::function<std::string(const json&)>;

// A list view: `get` on the open service, shown as JSON or as `text` makes it.
Result<std::string> listing(const GlobalOptions& g, const ResilienceOptions& o, Result<json> (ResilienceService::*get)(),
                            const TextOf& text) {
  auto svc = open_service(g);
  if (!svc) return Unexpected(svc.error());
  auto all = ((*svc).*get)();
  if (!all) return Unexpected(all.error());
  return o.format == "json" ? all->dump(2) + "\n" : text(*all);
}

// An add: the form `body` through `add`, and the one line `said` makes of the record added.
Result<std::string> adding(const GlobalOptions& g, const Result<json>& body,
                           Result<json> (ResilienceService::*add)(const json&), const TextOf& said) {
  if (!body) return Unexpected(body.error());
  auto svc = open_service(g);
  if (!svc) return Unexpected(svc.error());
  auto added = ((*svc).*add)(*body);
  if (!added) return Unexpected(added.error());
  return said(*added);
}

Result<std::string> service_add(const GlobalOptions& g, const ResilienceOptions& o) {
  return adding(g, service_body(o), &ResilienceService::add_service, [](const json& s) {
    return fmt::format("service {} added: {} (tier {}, RTO {}, RPO {})\n", s["id"].get<std::int64_t>(), s["name"].get<std::string>(),
                       s["tier"].get<int>(), s["rto"].get<std::string>(), s["rpo"].get<std::string>());
  });
}

// The flags given (or --file) change those fields of the service; the rest stay.
Result<std::string> service_update(const GlobalOptions& g, const ResilienceOptions& o) {
  auto changes = service_body(o);
  if (!changes) return Unexpected(changes.error());
  auto svc = open_service(g);
  if (!svc) return Unexpected(svc.error());
  auto s = svc->update_service(o.which, *changes);
  if (!s) return Unexpected(s.error());
  return fmt::format("service {} updated: {} (tier {}, RTO {}, RPO {})\n", (*s)["id"].get<std::int64_t>(),
                     (*s)["name"].get<std::string>(), (*s)["tier"].get<int>(), (*s)["rto"].get<std::string>(),
                     (*s)["rpo"].get<std::string>());
}

Result<std::string> service_list(const GlobalOptions& g, const ResilienceOptions& o) {
  return listing(g, o, &ResilienceService::services, [](const json& j) {
    std::string text = fmt::format("{:>4}  {:<28}  {:>4}  {:>6}  {:>6}  {}\n", "ID", "NAME", "TIER", "RTO", "RPO", "DEPENDS ON");
    for (const json& s : j["services"])
      text += fmt::format("{:>4}  {:<28}  {:>4}  {:>6}  {:>6}  {}\n", s["id"].get<std::int64_t>(), s["name"].get<std::string>(),
                          s["tier"].get<int>(), s["rto"].get<std::string>(), s["rpo"].get<std::string>(), names(s["depends_on"]));
    return text + fmt::format("{}\n", counted(j["services"].size(), "service", "services"));
  });
}

Result<std::string> service_show(const GlobalOptions& g, const ResilienceOptions& o) {
  auto settings = settings_of(o);
  if (!settings) return Unexpected(settings.error());
  auto svc = open_service(g);
  if (!svc) return Unexpected(svc.error());
  auto s = svc->service(o.which, *settings);
  if (!s) return Unexpected(s.error());
  if (!*s) return fail(ErrorCode::not_found, fmt::format("there is no service \"{}\"", o.which), "service");
  return o.format == "json" ? s->value().dump(2) + "\n" : service_text(**s);
}

Result<std::string> backup_add(const GlobalOptions& g, const ResilienceOptions& o) {
  return adding(g, backup_body(o), &ResilienceService::add_backup, [](const json& b) {
    return fmt::format("backup {} added to {}: {} every {}\n", b["id"].get<std::int64_t>(), b["service"]["name"].get<std::string>(),
                       b["what"].get<std::string>(), b["frequency"].get<std::string>());
  });
}

Result<std::string> backup_list(const GlobalOptions& g, const ResilienceOptions& o) {
  return listing(g, o, &ResilienceService::backups, [](const json& j) {
    std::string text = fmt::format("{:>4}  {:<20}  {:<24}  {:>6}  {:<8}  {:<12}  {}\n", "ID", "SERVICE", "WHAT", "EVERY", "ISOLATED",
                                   "RESTORE TEST", "RESULT, TIME");
    for (const json& b : j["backups"])
      text += fmt::format("{:>4}  {:<20}  {:<24}  {:>6}  {:<8}  {:<12}  {}\n", b["id"].get<std::int64_t>(),
                          b["service"]["name"].get<std::string>(), b["what"].get<std::string>(), b["frequency"].get<std::string>(),
                          b["immutable"].get<bool>() ? "immutable" : b["offline"].get<bool>() ? "offline" : "no",
                          b["last_restore_test"].get<std::string>().empty() ? "never" : b["last_restore_test"].get<std::string>(),
                          b["restore_result"].get<std::string>().empty() ? "-"
                              : b["restore_result"].get<std::string>() +
                                    (b["restore_time"].is_null() ? "" : ", " + b["restore_time"].get<std::string>()));
    return text + fmt::format("{}\n", counted(j["backups"].size(), "backup", "backups"));
  });
}

Result<std::string> exercise_add(const GlobalOptions& g, const ResilienceOptions& o) {
  return adding(g, exercise_body(o), &ResilienceService::add_exercise, [](const json& e) {
    return fmt::format("exercise {} added: {} on {} covering {}\n", e["id"].get<std::int64_t>(), e["kind"].get<std::string>(),
                       e["date"].get<std::string>(), names(e["services"]));
  });
}

Result<std::string> exercise_action(const GlobalOptions& g, const ResilienceOptions& o) {
  auto svc = open_service(g);
  if (!svc) return Unexpected(svc.error());
  if (o.done != 0) {
    auto a = svc->set_action_status(o.exercise, o.done, "done");
    if (!a) return Unexpected(a.error());
    return fmt::format("exercise {}: action {} done\n", o.exercise, o.done);
  }
  json body = json::object();
  put(body, "text", o.text);
  put(body, "owner", o.owner);
  put(body, "due", o.due);
  auto a = svc->add_action(o.exercise, body);
  if (!a) return Unexpected(a.error());
  return fmt::format("exercise {}: action {} added, due {} ({})\n", o.exercise, (*a)["id"].get<std::int64_t>(),
                     (*a)["due"].get<std::string>(), (*a)["owner"].get<std::string>());
}

Result<std::string> exercise_list(const GlobalOptions& g, const ResilienceOptions& o) {
  return listing(g, o, &ResilienceService::exercises, [](const json& j) {
    std::string text;
    for (const json& e : j["exercises"]) {
      text += fmt::format("exercise {}: {} on {}{} covering {}\n", e["id"].get<std::int64_t>(), e["kind"].get<std::string>(),
                          e["date"].get<std::string>(), e["title"].get<std::string>().empty() ? "" : " (" + e["title"].get<std::string>() + ")",
                          names(e["services"]));
      if (!e["participants"].empty()) text += fmt::format("  participants: {}\n", names(e["participants"]));
      for (const json& f : e["findings"]) text += fmt::format("  finding: {}\n", f.get<std::string>());
      for (const json& a : e["actions"])
        text += fmt::format("  action {} [{}] due {} ({}): {}{}\n", a["id"].get<std::int64_t>(), a["status"].get<std::string>(),
                            a["due"].get<std::string>(), a["owner"].get<std::string>(), a["text"].get<std::string>(),
                            a["overdue"].get<bool>() ? fmt::format(" — OVERDUE by {} days", a["days_late"].get<int>()) : "");
    }
    return text + fmt::format("{}\n", counted(j["exercises"].size(), "exercise", "exercises"));
  });
}

std::string report_text(const json& j) {
  std::string text = fmt::format("findings ({}):\n", j["findings"].size());
  for (const json& f : j["findings"]) text += fmt::format("  - {}\n", f["text"].get<std::string>());
  text += fmt::format("single points of failure of tier-1 services ({}):\n", j["single_points_of_failure"].size());
  for (const json& p : j["single_points_of_failure"]) text += fmt::format("  - {}\n", p["text"].get<std::string>());
  text += fmt::format("dependency cycles ({}):\n", j["cycles"].size());
  for (const json& c : j["cycles"]) text += fmt::format("  - {}\n", c["text"].get<std::string>());
  text += fmt::format("overdue corrective actions ({}):\n", j["overdue_actions"].size());
  for (const json& a : j["overdue_actions"])
    text += fmt::format("  - exercise {} action {}: {} ({}), due {}, {} days late\n", a["exercise"].get<std::int64_t>(),
                        a["action"].get<std::int64_t>(), a["text"].get<std::string>(), a["owner"].get<std::string>(),
                        a["due"].get<std::string>(), a["days_late"].get<int>());
  return text;
}

Result<std::string> report(const GlobalOptions& g, const ResilienceOptions& o) {
  auto settings = settings_of(o);
  if (!settings) return Unexpected(settings.error());
  auto svc = open_service(g);
  if (!svc) return Unexpected(svc.error());
  auto r = svc->report(*settings);
  if (!r) return Unexpected(r.error());
  if (o.format == "json") return r->dump(2) + "\n";
  return report_text(*r);
}

}  // namespace

void add_program_resilience_commands(CLI::App& program, const GlobalOptions& global, int& exit_code) {
  auto o = std::make_shared<ResilienceOptions>();
  auto run = [&global, &exit_code, o](std::string_view command, auto body, std::string subject_kind = "") {
    return [&global, &exit_code, o, command, body, subject_kind] {
      const std::string subject = subject_kind.empty() ? std::string()
                                  : subject_kind == "exercise" ? fmt::format("exercise:{}", o->exercise)
                                                               : subject_kind + ":" + o->which;
      exit_code = run_audited(global, command, subject, [&] { return body(global, *o); });
    };
  };
  auto add_format = [o](CLI::App* c) {
    c->add_option("--format", o->format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  };
  auto add_file = [o](CLI::App* c, const char* what) {
    c->add_option("--file", o->file, fmt::format("the {} as JSON (docs/program.md), - for stdin; instead of the flags", what));
  };

  auto* service = program.add_subcommand("service", "critical services and systems: RTO/RPO, downtime procedure, dependencies");
  service->require_subcommand(1);
  // The service's fields as flags: all of them for add, the ones to change for update.
  auto add_service_fields = [o, add_file](CLI::App* c) {
    add_file(c, "service");
    c->add_option("--name", o->name, "the service: EHR, PACS, Pharmacy dispensing…");
    c->add_option("--owner", o->owner, "who answers for it");
    c->add_option("--tier", o->tier, "1 (life-critical) to 4; default 3");
    c->add_option("--rto", o->rto, "recovery time objective: 30m, 4h, 2d");
    c->add_option("--rpo", o->rpo, "recovery point objective: 15m, 1h, 1d");
    c->add_option("--downtime-procedure", o->procedure, "how work goes on while it is down");
    c->add_option("--procedure-reviewed", o->reviewed, "YYYY-MM-DD the downtime procedure was last reviewed");
    c->add_option("--depends-on", o->depends_on, "another service (id or name) it needs (repeat)");
    c->add_option("--vendor", o->vendors, "a vendor id it needs (ward program vendor list; repeat)");
    c->add_option("--device", o->devices, "a device id of the inventory it needs (repeat)");
    c->add_option("--system", o->systems, "any other system it needs: Active Directory, core network (repeat)");
  };
  auto* add_svc = service->add_subcommand("add", "add a service (from --file JSON, or from the flags)");
  add_service_fields(add_svc);
  add_svc->callback(run("ward program service add", service_add));
  auto* update_svc = service->add_subcommand("update", "change the fields given (flags, or --file JSON); a list flag replaces the list");
  update_svc->add_option("service", o->which, "id or name")->required();
  add_service_fields(update_svc);
  update_svc->callback(run("ward program service update {service}", service_update, "service"));
  auto* list_svc = service->add_subcommand("list", "services with their tier, RTO and RPO");
  add_format(list_svc);
  list_svc->callback(run("ward program service list", service_list));
  auto* show_svc = service->add_subcommand("show", "one service with its dependencies all the way down, backups and findings");
  show_svc->add_option("service", o->which, "id or name")->required();
  show_svc->add_option("--restore-test-days", o->restore_test_days, "a restore test older than this is a finding")->capture_default_str();
  add_format(show_svc);
  show_svc->callback(run("ward program service show {service}", service_show, "service"));

  auto* backup = program.add_subcommand("backup", "backups of the services and their restore tests");
  backup->require_subcommand(1);
  auto* add_bk = backup->add_subcommand("add", "add a backup (from --file JSON, or from the flags)");
  add_file(add_bk, "backup");
  add_bk->add_option("--service", o->service, "the service it protects (id or name)");
  add_bk->add_option("--what", o->what, "what is copied: database, images, configuration");
  add_bk->add_option("--location", o->location, "where the copies are");
  add_bk->add_flag("--offsite", o->offsite, "a copy is kept off site");
  add_bk->add_flag("--immutable", o->immutable, "a copy cannot be changed or deleted (object lock, WORM)");
  add_bk->add_flag("--offline", o->offline, "a copy is disconnected (tape, air gap)");
  add_bk->add_option("--frequency", o->frequency, "how often it runs: 15m, 4h, 1d");
  add_bk->add_option("--started", o->started, "YYYY-MM-DD it was first taken");
  add_bk->add_option("--last-success", o->last_success, "YYYY-MM-DD of the last successful backup");
  add_bk->add_option("--restore-test", o->restore_test, "YYYY-MM-DD of the last restore test");
  add_bk->add_option("--restore-result", o->restore_result, std::string(kRestoreResults));
  add_bk->add_option("--restore-time", o->restore_time, "how long that restore took: 3h, 45m");
  add_bk->callback(run("ward program backup add", backup_add));
  auto* list_bk = backup->add_subcommand("list", "backups with their last restore test");
  add_format(list_bk);
  list_bk->callback(run("ward program backup list", backup_list));

  auto* exercise = program.add_subcommand("exercise", "continuity exercises: tabletop, failover, full interruption");
  exercise->require_subcommand(1);
  auto* add_ex = exercise->add_subcommand("add", "record an exercise (from --file JSON with its actions, or from the flags)");
  add_file(add_ex, "exercise");
  add_ex->add_option("--kind", o->kind, std::string(kExerciseKinds));
  add_ex->add_option("--date", o->date, "YYYY-MM-DD");
  add_ex->add_option("--title", o->title, "a few words");
  add_ex->add_option("--service", o->services, "a service covered (id or name; repeat)");
  add_ex->add_option("--participant", o->participants, "who took part (repeat)");
  add_ex->add_option("--finding", o->findings, "what it found (repeat)");
  add_ex->callback(run("ward program exercise add", exercise_add));
  auto* action = exercise->add_subcommand("action", "add a corrective action to an exercise, or mark one done");
  action->add_option("exercise", o->exercise, "exercise id")->required();
  action->add_option("--text", o->text, "what will be done");
  action->add_option("--owner", o->owner, "who does it");
  action->add_option("--due", o->due, "YYYY-MM-DD");
  action->add_option("--done", o->done, "the action id to mark done");
  action->callback(run("ward program exercise action {exercise}", exercise_action, "exercise"));
  auto* list_ex = exercise->add_subcommand("list", "exercises with their findings and actions, overdue ones marked");
  add_format(list_ex);
  list_ex->callback(run("ward program exercise list", exercise_list));

  auto* resilience = program.add_subcommand("resilience", "backup and procedure findings, single points of failure, overdue actions");
  resilience->add_option("--restore-test-days", o->restore_test_days, "a restore test older than this is a finding")->capture_default_str();
  add_format(resilience);
  resilience->callback(run("ward program resilience", report));
}

}  // namespace ward::cli
