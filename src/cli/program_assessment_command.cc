// `ward program assess start|set|show`: control assessments against a catalogue (CSF 2.0, the
// HHS CPGs, HICP, the HIPAA Security Rule, an OSCAL file with an optional profile), their posture per function and Ward's own evidence (docs/program.md
// "Assessments"). Audited (program_cli.h). `ward program assess ID --file` (an incident's breach
// assessment) is program_command.cc's; these are its subcommands.
#include <algorithm>
#include <filesystem>
#include <memory>

#include <fmt/format.h>

#include "cli/cli_audit.h"
#include "cli/program_cli.h"
#include "controls/assessment_service.h"
#include "controls/builtin_catalogs.h"
#include "core/plural.h"

namespace ward::cli {
namespace {

using namespace ward::controls;

struct AssessOptions {
  std::int64_t id = 0;
  std::string catalog = "csf-2.0", profile, name, control, status, owner, evidence, target, format = "text";
};

Result<std::unique_ptr<AssessmentStore>> open_assessment_store(const GlobalOptions& g) { return AssessmentStore::open(g.data_dir); }

Result<std::string> start(const GlobalOptions& g, AssessOptions& o) {
  auto store = open_assessment_store(g);
  if (!store) return Unexpected(store.error());
  // Kept with the assessment and read again for each `set` and `show`: from anywhere, not just here.
  const std::string profile = o.profile.empty() ? std::string() : std::filesystem::absolute(o.profile).string();
  auto a = start_assessment(**store, o.catalog, o.name, cli_actor(), profile);
  if (!a) return Unexpected(a.error());
  o.id = a->id;
  return fmt::format("assessment {} started: {} ({})\n", a->id, a->name, a->catalog);
}

Result<std::string> set(const GlobalOptions& g, const AssessOptions& o) {
  auto status = parse_control_status(o.status);
  if (!status) return Unexpected(status.error());
  auto store = open_assessment_store(g);
  if (!store) return Unexpected(store.error());
  ControlRating r;
  r.control_id = o.control;
  r.status = *status;
  r.owner = o.owner;
  r.evidence = o.evidence;
  r.target = o.target;
  if (auto done = rate_control(**store, o.id, r, cli_actor()); !done) return Unexpected(done.error());
  return fmt::format("assessment {}: {} {}\n", o.id, o.control, o.status);
}

Result<std::string> assessment_show(const GlobalOptions& g, const AssessOptions& o) {
  auto store = open_assessment_store(g);
  if (!store) return Unexpected(store.error());
  auto loaded = load_report(**store, g.data_dir, o.id);
  if (!loaded) return Unexpected(loaded.error());
  if (o.format == "json") return report_json(loaded->report).dump(2) + "\n";
  if (o.format == "csv") return report_csv(loaded->report);
  return report_text(loaded->report);
}

Result<std::string> list_assessments(const GlobalOptions& g, const AssessOptions&) {
  auto store = open_assessment_store(g);
  if (!store) return Unexpected(store.error());
  auto rows = (*store)->list();
  if (!rows) return Unexpected(rows.error());
  std::size_t width = 10;  // the catalogue column fits its longest name ("sp800-53-moderate")
  for (const Assessment& a : *rows) width = std::max(width, a.catalog.size());
  std::string text = fmt::format("{:>5}  {:<{}}  {}\n", "ID", "CATALOG", width, "NAME");
  for (const Assessment& a : *rows) text += fmt::format("{:>5}  {:<{}}  {}\n", a.id, a.catalog, width, a.name);
  return text + fmt::format("{}\n", counted(rows->size(), "assessment", "assessments"));
}

}  // namespace

void add_program_assessment_commands(CLI::App& assess, const GlobalOptions& global, int& exit_code) {
  auto o = std::make_shared<AssessOptions>();
  auto run = [&global, &exit_code, o](std::string_view command, auto body, bool about_one = true) {
    return [&global, &exit_code, o, command, body, about_one] {
      exit_code = run_audited(global, command, about_one ? fmt::format("assessment:{}", o->id) : std::string(),
                              [&] { return body(global, *o); });
    };
  };
  auto* start_cmd = assess.add_subcommand("start", "start a control assessment on a catalogue");
  start_cmd->add_option("--catalog", o->catalog, std::string(kBuiltinCatalogs) + ", or an OSCAL catalogue file (.json)")
      ->capture_default_str();
  start_cmd->add_option("--profile", o->profile,
                        "an OSCAL profile file (an SP 800-53 baseline): rate only the controls it selects");
  start_cmd->add_option("--name", o->name, "a name (default: the catalogue's title and today's date)");
  start_cmd->callback(run("ward program assess start", start, false));
  auto* set_cmd = assess.add_subcommand("set", "rate one control of an assessment");
  set_cmd->add_option("assessment", o->id, "assessment id")->required();
  set_cmd->add_option("control", o->control, "control id, e.g. GV.SC-05")->required();
  set_cmd->add_option("--status", o->status, std::string(kControlStatuses))->required();
  set_cmd->add_option("--owner", o->owner, "who owns the control");
  set_cmd->add_option("--evidence", o->evidence, "what shows it (a document, a ticket, a test)");
  set_cmd->add_option("--target", o->target, "YYYY-MM-DD it should be implemented by");
  set_cmd->callback(run("ward program assess set {assessment}", set));
  auto* show_cmd = assess.add_subcommand("show", "posture per function, the controls rated and Ward's evidence");
  show_cmd->add_option("assessment", o->id, "assessment id")->required();
  show_cmd->add_option("--format", o->format, "text, json or csv")->check(CLI::IsMember({"text", "json", "csv"}))->capture_default_str();
  show_cmd->callback(run("ward program assess show {assessment}", assessment_show));
  auto* list_cmd = assess.add_subcommand("list", "the control assessments, newest first");
  list_cmd->callback(run("ward program assess list", list_assessments, false));
}

}  // namespace ward::cli
