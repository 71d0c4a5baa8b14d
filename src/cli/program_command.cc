// `ward program incident add|list|show|update|note|task-done|law-enforcement`, `ward program
// assess`, `ward program deadlines` and `ward program export ocr`: security incidents, the HIPAA
// breach assessment and the breach clock from the command line (docs/program.md). Every command
// goes to Ward's audit trail (program_cli.h). The vendor commands are in program_vendor_command.cc.
#include <memory>

#include <fmt/format.h>

#include "cli/cli_audit.h"
#include "cli/program_cli.h"
#include "core/plural.h"
#include "incidents/breach_deadlines.h"
#include "incidents/incident_json.h"
#include "incidents/incident_store.h"
#include "incidents/ocr_export.h"

namespace ward::cli {
namespace {

using namespace ward::incidents;
using nlohmann::json;

struct IncidentOptions {
  std::int64_t id = 0;
  Incident incident;
  std::string status, severity, title, owner, occurred, discovered;  // update: "" leaves as is
  std::string kind = "note", text;
  std::string file, state_laws, format = "text";
  std::string entity_name, entity_type = "Healthcare Provider";
  LawEnforcementContact contact;
  bool undone = false;
};

Result<std::unique_ptr<IncidentStore>> open_incidents(const GlobalOptions& g) { return IncidentStore::open(g.data_dir); }

std::string subject(std::int64_t id) { return fmt::format("incident:{}", id); }

std::string detail_text(const json& d) {
  std::string out = fmt::format("incident {}: {}\n  status {}, severity {}, source {}\n", d["id"].get<std::int64_t>(),
                                d["title"].get<std::string>(), d["status"].get<std::string>(),
                                d["severity"].is_null() ? "-" : d["severity"].get<std::string>(),
                                d["source"].get<std::string>());
  for (const char* key : {"owner", "occurred_on", "discovered_on", "reporter"})
    if (!d[key].is_null()) out += fmt::format("  {}: {}\n", key, d[key].get<std::string>());
  if (!d["description"].get<std::string>().empty()) out += fmt::format("  {}\n", d["description"].get<std::string>());
  out += "timeline:\n";
  for (const json& e : d["timeline"]) {
    std::string body = e.contains("text") ? e["text"].get<std::string>() : e["law_enforcement"].dump();
    std::string done = e.contains("done") ? (e["done"].get<bool>() ? " [done]" : " [open]") : "";
    out += fmt::format("  #{} {} {} {}{}: {}\n", e["id"].get<std::int64_t>(), e["time"].get<std::string>(),
                       e["kind"].get<std::string>(), e["author"].get<std::string>(), done, body);
  }
  if (!d["assessment"].is_null()) {
    out += fmt::format("breach assessment: {}\n", d["assessment"]["outcome"].get<std::string>());
    for (const json& r : d["assessment"]["reasons"]) out += fmt::format("  - {}\n", r.get<std::string>());
  }
  for (const json& dl : d["deadlines"])
    out += fmt::format("deadline {} {:>4} days left  {}  ({})\n", dl["due"].get<std::string>(), dl["days_left"].get<int>(),
                       dl["notify"].get<std::string>(), dl["rule"].get<std::string>());
  for (const json& n : d["notes"]) out += fmt::format("note: {}\n", n.get<std::string>());
  return out;
}

Result<json> detail(IncidentStore& store, std::int64_t id, const StateLaws& laws) {
  return incident_detail(store, id, laws, today_utc());
}

Result<std::string> incident_add(const GlobalOptions& g, IncidentOptions& o) {
  auto store = open_incidents(g);
  if (!store) return Unexpected(store.error());
  o.incident.source = "staff";
  o.incident.occurred_on = o.occurred;
  o.incident.discovered_on = o.discovered;
  o.incident.severity = o.severity;
  o.incident.owner = o.owner;
  auto in = (*store)->create(o.incident, cli_actor());
  if (!in) return Unexpected(in.error());
  o.id = in->id;
  return fmt::format("incident {} opened\n", in->id);
}

Result<std::string> list_incidents(const GlobalOptions& g, const IncidentOptions& o) {
  if (!o.status.empty() && o.status != "open")
    if (auto r = check_one_of(o.status, kStatuses, "--status"); !r) return Unexpected(r.error());
  auto store = open_incidents(g);
  if (!store) return Unexpected(store.error());
  auto rows = (*store)->list(o.status);
  if (!rows) return Unexpected(rows.error());
  if (o.format == "json") {
    json out = json::array();
    for (const Incident& i : *rows) out.push_back(incident_json(i));
    return json{{"incidents", out}}.dump(2) + "\n";
  }
  std::string text = fmt::format("{:>5}  {:<13}  {:<9}  {:<10}  {}\n", "ID", "STATUS", "SEVERITY", "DISCOVERED", "TITLE");
  for (const Incident& i : *rows)
    text += fmt::format("{:>5}  {:<13}  {:<9}  {:<10}  {}\n", i.id, i.status, i.severity.empty() ? "-" : i.severity,
                        i.discovered_on.empty() ? "-" : i.discovered_on, i.title);
  return text + fmt::format("{}\n", counted(rows->size(), "incident", "incidents"));
}

Result<std::string> incident_show(const GlobalOptions& g, const IncidentOptions& o) {
  auto laws = state_laws_from(o.state_laws);
  if (!laws) return Unexpected(laws.error());
  auto store = open_incidents(g);
  if (!store) return Unexpected(store.error());
  auto d = detail(**store, o.id, *laws);
  if (!d) return Unexpected(d.error());
  return o.format == "json" ? d->dump(2) + "\n" : detail_text(*d);
}

Result<std::string> incident_update(const GlobalOptions& g, const IncidentOptions& o) {
  auto store = open_incidents(g);
  if (!store) return Unexpected(store.error());
  IncidentChange c;
  auto opt = [](const std::string& s) { return s.empty() ? std::optional<std::string>() : std::optional<std::string>(s); };
  c.title = opt(o.title);
  c.status = opt(o.status);
  c.severity = opt(o.severity);
  c.owner = opt(o.owner);
  c.occurred_on = opt(o.occurred);
  c.discovered_on = opt(o.discovered);
  auto in = (*store)->update(o.id, c, cli_actor());
  if (!in) return Unexpected(in.error());
  return fmt::format("incident {}: status {}, severity {}\n", in->id, in->status, in->severity.empty() ? "-" : in->severity);
}

Result<std::string> note(const GlobalOptions& g, const IncidentOptions& o) {
  auto store = open_incidents(g);
  if (!store) return Unexpected(store.error());
  auto e = (*store)->add_entry({0, o.id, o.kind, o.text, cli_actor(), std::nullopt, 0});
  if (!e) return Unexpected(e.error());
  return fmt::format("incident {}: {} #{} added\n", o.id, e->kind, e->id);
}

Result<std::string> task_done(const GlobalOptions& g, const IncidentOptions& o, std::int64_t task) {
  auto store = open_incidents(g);
  if (!store) return Unexpected(store.error());
  if (auto r = (*store)->set_task_done(o.id, task, !o.undone, cli_actor()); !r) return Unexpected(r.error());
  return fmt::format("incident {}: task {} {}\n", o.id, task, o.undone ? "reopened" : "done");
}

Result<std::string> law_enforcement(const GlobalOptions& g, const IncidentOptions& o) {
  auto checked = law_enforcement_from_json(law_enforcement_to_json(o.contact));
  if (!checked) return Unexpected(checked.error());
  auto store = open_incidents(g);
  if (!store) return Unexpected(store.error());
  auto e = (*store)->add_entry(
      {0, o.id, "law_enforcement", law_enforcement_to_json(*checked).dump(), cli_actor(), std::nullopt, 0});
  if (!e) return Unexpected(e.error());
  return fmt::format("incident {}: law-enforcement contact #{} recorded{}\n", o.id, e->id,
                     checked->statement.empty() ? "" : "; its delay moves the breach deadlines");
}

Result<std::string> assess(const GlobalOptions& g, const IncidentOptions& o) {
  auto body = read_json_input(o.file);
  if (!body) return Unexpected(body.error());
  auto record = assessment_from_json(*body, today_utc());
  if (!record) return Unexpected(record.error());
  auto result = assess_breach_risk(record->answers);
  if (!result) return Unexpected(result.error());
  auto laws = state_laws_from(o.state_laws);
  if (!laws) return Unexpected(laws.error());
  // The clock is checked before anything is saved: bad facts save nothing.
  if (auto c = compute_breach_clock(record->facts, *laws); !c) return Unexpected(c.error());
  auto store = open_incidents(g);
  if (!store) return Unexpected(store.error());
  if (auto r = (*store)->save_assessment(o.id, {*record, *result, cli_actor(), now_ns()}); !r) return Unexpected(r.error());
  auto d = detail(**store, o.id, *laws);
  if (!d) return Unexpected(d.error());
  return o.format == "json" ? d->dump(2) + "\n" : detail_text(*d);
}

Result<std::string> deadlines(const GlobalOptions& g, const IncidentOptions& o) {
  auto laws = state_laws_from(o.state_laws);
  if (!laws) return Unexpected(laws.error());
  auto store = open_incidents(g);
  if (!store) return Unexpected(store.error());
  auto rows = open_breach_deadlines(**store, *laws);
  if (!rows) return Unexpected(rows.error());
  const Day today = today_utc();
  if (o.format == "json") return deadlines_json(*rows, today).dump(2) + "\n";
  std::string text = fmt::format("{:>8}  {:<10}  {:>9}  {:<14}  {:<22}  {}\n", "INCIDENT", "DUE", "DAYS LEFT", "DUTY", "RULE", "NOTIFY");
  for (const IncidentDeadline& d : *rows) {
    const int left = days_between(today, d.deadline.due);
    text += fmt::format("{:>8}  {:<10}  {:>9}  {:<14}  {:<22}  {}{}\n", d.incident.id, format_day(d.deadline.due),
                        left < 0 ? fmt::format("{} late", -left) : std::to_string(left), d.deadline.duty, d.deadline.rule,
                        d.deadline.notify, d.deadline.hold_until ? fmt::format(" (hold until {})", format_day(*d.deadline.hold_until)) : "");
  }
  return text + fmt::format("{}\n", counted(rows->size(), "deadline", "deadlines"));
}

Result<std::string> export_ocr(const GlobalOptions& g, const IncidentOptions& o) {
  if (auto r = check_one_of(o.entity_type, "Health Plan, Healthcare Clearinghouse, Healthcare Provider", "--entity-type"); !r)
    return Unexpected(r.error());
  auto laws = state_laws_from(o.state_laws);
  if (!laws) return Unexpected(laws.error());
  auto store = open_incidents(g);
  if (!store) return Unexpected(store.error());
  auto reports = breach_reports(**store, *laws, o.id);
  if (!reports) return Unexpected(reports.error());
  const ReportingEntity entity{o.entity_name, o.entity_type};
  if (o.format == "json") {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const OcrReport& r : *reports) out.push_back(ocr_report_json(r, entity));
    return out.dump(2) + "\n";
  }
  return ocr_reports_csv(*reports, entity);
}

}  // namespace

void add_program_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto o = std::make_shared<IncidentOptions>();
  auto* program = app.add_subcommand("program", "the security program: incidents, the breach clock, third parties");
  program->require_subcommand(1);
  auto run = [&global, &exit_code, o](std::string_view command, auto body, bool with_id = true) {
    return [&global, &exit_code, o, command, body, with_id] {
      exit_code = run_audited(global, command, with_id ? subject(o->id) : std::string(), [&] { return body(global, *o); });
    };
  };
  auto add_laws = [o](CLI::App* c) { c->add_option("--state-laws", o->state_laws, "state deadline table (YAML) instead of Ward's"); };
  auto add_format = [o](CLI::App* c) {
    c->add_option("--format", o->format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  };

  auto* incident = program->add_subcommand("incident", "security incidents");
  incident->require_subcommand(1);
  auto* add_cmd = incident->add_subcommand("add", "open an incident");
  add_cmd->add_option("--title", o->incident.title, "what happened, in a few words")->required();
  add_cmd->add_option("--description", o->incident.description, "what is known");
  add_cmd->add_option("--severity", o->severity, std::string(kSeverities));
  add_cmd->add_option("--owner", o->owner, "who handles it");
  add_cmd->add_option("--occurred", o->occurred, "YYYY-MM-DD");
  add_cmd->add_option("--discovered", o->discovered, "YYYY-MM-DD");
  add_cmd->callback([&global, &exit_code, o] {
    exit_code = run_audited(global, "ward program incident add", "", [&] { return incident_add(global, *o); });
  });
  auto* list_cmd = incident->add_subcommand("list", "incidents, newest first");
  list_cmd->add_option("--status", o->status, "open (all but closed) or one of: " + std::string(kStatuses));
  add_format(list_cmd);
  list_cmd->callback(run("ward program incident list", list_incidents, false));
  auto* show_cmd = incident->add_subcommand("show", "an incident with its timeline, assessment and deadlines");
  show_cmd->add_option("id", o->id, "incident id")->required();
  add_format(show_cmd);
  add_laws(show_cmd);
  show_cmd->callback(run("ward program incident show {id}", incident_show));
  auto* update_cmd = incident->add_subcommand("update", "triage: status, severity, owner, title, dates");
  update_cmd->add_option("id", o->id, "incident id")->required();
  update_cmd->add_option("--status", o->status, std::string(kStatuses));
  update_cmd->add_option("--severity", o->severity, std::string(kSeverities));
  update_cmd->add_option("--title", o->title, "a new title");
  update_cmd->add_option("--owner", o->owner, "who handles it");
  update_cmd->add_option("--occurred", o->occurred, "YYYY-MM-DD");
  update_cmd->add_option("--discovered", o->discovered, "YYYY-MM-DD");
  update_cmd->callback(run("ward program incident update {id}", incident_update));
  auto* note_cmd = incident->add_subcommand("note", "add to the timeline: a note, task, evidence note, alert or case link");
  note_cmd->add_option("id", o->id, "incident id")->required();
  note_cmd->add_option("--kind", o->kind, "note, task, evidence, alert (an alert id), case (a privacy case id)")
      ->check(CLI::IsMember({"note", "task", "evidence", "alert", "case"}))->capture_default_str();
  note_cmd->add_option("--text", o->text, "the text, or the alert or case id")->required();
  note_cmd->callback(run("ward program incident note {id}", note));
  auto task = std::make_shared<std::int64_t>(0);
  auto* done_cmd = incident->add_subcommand("task-done", "mark a task done");
  done_cmd->add_option("id", o->id, "incident id")->required();
  done_cmd->add_option("task", *task, "the task's entry id")->required();
  done_cmd->add_flag("--undo", o->undone, "reopen the task");
  done_cmd->callback([&global, &exit_code, o, task] {
    exit_code = run_audited(global, "ward program incident task-done {id}", subject(o->id),
                            [&] { return task_done(global, *o, *task); });
  });
  auto* le_cmd = incident->add_subcommand("law-enforcement", "document a law-enforcement contact or delay request (45 CFR 164.412)");
  le_cmd->add_option("id", o->id, "incident id")->required();
  le_cmd->add_option("--agency", o->contact.agency, "the agency")->required();
  le_cmd->add_option("--official", o->contact.official, "who (required for an oral statement)");
  le_cmd->add_option("--contact", o->contact.contact, "how to reach them");
  le_cmd->add_option("--statement", o->contact.statement, "written or oral: a request to delay notification");
  le_cmd->add_option("--stated", o->contact.stated, "YYYY-MM-DD the delay was asked for");
  le_cmd->add_option("--until", o->contact.until, "YYYY-MM-DD the delay ends (required when written)");
  le_cmd->add_option("--notes", o->contact.notes, "anything else");
  le_cmd->callback(run("ward program incident law-enforcement {id}", law_enforcement));

  auto* assess_cmd = program->add_subcommand(
      "assess", "ID --file F: record an incident's HIPAA breach risk assessment (45 CFR 164.402); start|set|show|list: control assessments");
  assess_cmd->add_option("id", o->id, "incident id (breach assessment)");
  assess_cmd->add_option("--file", o->file, "the breach assessment as JSON (docs/program.md), - for stdin");
  add_format(assess_cmd);
  add_laws(assess_cmd);
  auto breach = run("ward program assess {id}", assess);
  assess_cmd->callback([assess_cmd, breach, o, &exit_code] {
    if (!assess_cmd->get_subcommands().empty()) return;  // a control assessment command ran
    if (o->id == 0 || o->file.empty()) {
      fmt::print(stderr, "ward program assess: give an incident id and --file (breach assessment), or start|set|show|list\n");
      exit_code = 2;
      return;
    }
    breach();
  });
  add_program_assessment_commands(*assess_cmd, global, exit_code);

  auto* deadlines_cmd = program->add_subcommand("deadlines", "breach notification deadlines of open incidents, with days left");
  add_format(deadlines_cmd);
  add_laws(deadlines_cmd);
  deadlines_cmd->callback(run("ward program deadlines", deadlines, false));

  auto* export_cmd = program->add_subcommand("export", "reports for regulators");
  export_cmd->require_subcommand(1);
  auto* ocr = export_cmd->add_subcommand("ocr", "the OCR breach portal's fields for each breach (CSV or JSON)");
  ocr->add_option("--incident", o->id, "only this incident");
  ocr->add_option("--entity-name", o->entity_name, "the covered entity's name");
  ocr->add_option("--entity-type", o->entity_type, "Health Plan, Healthcare Clearinghouse or Healthcare Provider")->capture_default_str();
  ocr->add_option("--format", o->format, "csv or json")->check(CLI::IsMember({"csv", "json", "text"}));
  add_laws(ocr);
  ocr->callback(run("ward program export ocr", export_ocr, false));

  add_program_vendor_commands(*program, global, exit_code);
  add_program_resilience_commands(*program, global, exit_code);
  add_program_risk_commands(*program, global, exit_code);
  add_program_mfa_commands(*program, global, exit_code);
}

}  // namespace ward::cli
