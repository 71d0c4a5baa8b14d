// `ward program risk add|list|show|treat`: the risk register (docs/program.md "Risk register"):
// risks with likelihood and impact, their linked controls (checked against the built-in
// catalogues), treatments with owner, status, target, cost and expected residual levels.
// Audited (program_cli.h); the rules are risk_service.h's, shared with the API.
#include <memory>

#include <fmt/format.h>

#include "cli/cli_audit.h"
#include "cli/program_cli.h"
#include "risks/risk_service.h"

namespace ward::cli {
namespace {

using namespace ward::risks;

struct RiskOptions {
  std::int64_t id = 0, treatment_id = 0;
  Risk risk;
  std::vector<std::string> controls;
  Treatment treatment;
  std::string format = "text";
};

Result<std::unique_ptr<RiskStore>> open_risk_store(const GlobalOptions& g) { return RiskStore::open(g.data_dir); }

std::string shown(const Risk& r, const std::string& format) { return format == "json" ? risk_json(r).dump(2) + "\n" : risk_text(r); }

Result<std::string> risk_add(const GlobalOptions& g, RiskOptions& o) {
  for (const std::string& text : o.controls) {
    auto link = parse_linked_control(text);
    if (!link) return Unexpected(link.error());
    o.risk.controls.push_back(*link);
  }
  auto store = open_risk_store(g);
  if (!store) return Unexpected(store.error());
  auto risk = add_risk(**store, o.risk, cli_actor());
  if (!risk) return Unexpected(risk.error());
  o.id = risk->id;
  return shown(*risk, o.format);
}

Result<std::string> list_risks(const GlobalOptions& g, const RiskOptions& o) {
  auto store = open_risk_store(g);
  if (!store) return Unexpected(store.error());
  auto all = (*store)->list();
  if (!all) return Unexpected(all.error());
  return o.format == "json" ? risks_json(*all).dump(2) + "\n" : risks_text(*all);
}

Result<std::string> risk_show(const GlobalOptions& g, const RiskOptions& o) {
  auto store = open_risk_store(g);
  if (!store) return Unexpected(store.error());
  auto risk = existing_risk(**store, o.id);
  if (!risk) return Unexpected(risk.error());
  return shown(*risk, o.format);
}

// A new treatment, or with --treatment the status of an existing one.
Result<std::string> treat(const GlobalOptions& g, const RiskOptions& o) {
  auto store = open_risk_store(g);
  if (!store) return Unexpected(store.error());
  if (o.treatment_id != 0) {
    if (auto r = (*store)->set_treatment_status(o.id, o.treatment_id, o.treatment.status); !r) return Unexpected(r.error());
  } else if (auto t = treat_risk(**store, o.id, o.treatment, cli_actor()); !t) {
    return Unexpected(t.error());
  }
  auto risk = existing_risk(**store, o.id);
  if (!risk) return Unexpected(risk.error());
  return shown(*risk, o.format);
}

}  // namespace

void add_program_risk_commands(CLI::App& program, const GlobalOptions& global, int& exit_code) {
  auto o = std::make_shared<RiskOptions>();
  auto run = [&global, &exit_code, o](std::string_view command, auto body, bool about_one = true) {
    return [&global, &exit_code, o, command, body, about_one] {
      exit_code = run_audited(global, command, about_one ? fmt::format("risk:{}", o->id) : std::string(),
                              [&] { return body(global, *o); });
    };
  };
  auto add_format = [o](CLI::App* c) {
    c->add_option("--format", o->format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  };
  auto* risk = program.add_subcommand("risk", "the risk register: risks, linked controls, treatments");
  risk->require_subcommand(1);
  auto* add_cmd = risk->add_subcommand("add", "add a risk");
  add_cmd->add_option("--title", o->risk.title, "the risk, in a few words")->required();
  add_cmd->add_option("--description", o->risk.description, "what could happen and why");
  add_cmd->add_option("--category", o->risk.category, "e.g. third party, clinical systems, privacy");
  add_cmd->add_option("--likelihood", o->risk.likelihood, "1 (rare) to 5 (almost certain)")->required();
  add_cmd->add_option("--impact", o->risk.impact, "1 (minor) to 5 (severe)")->required();
  add_cmd->add_option("--owner", o->risk.owner, "who owns the risk");
  add_cmd->add_option("--control", o->controls, "CATALOGUE:CONTROL bearing on it, e.g. csf-2.0:GV.SC-05 (repeatable)");
  add_format(add_cmd);
  add_cmd->callback([&global, &exit_code, o] {
    exit_code = run_audited(global, "ward program risk add", "", [&] { return risk_add(global, *o); });
  });
  auto* list_cmd = risk->add_subcommand("list", "every risk with its inherent and residual score");
  add_format(list_cmd);
  list_cmd->callback(run("ward program risk list", list_risks, false));
  auto* show_cmd = risk->add_subcommand("show", "a risk with its controls and treatments");
  show_cmd->add_option("risk", o->id, "risk id")->required();
  add_format(show_cmd);
  show_cmd->callback(run("ward program risk show {risk}", risk_show));
  auto* treat_cmd = risk->add_subcommand("treat", "add a treatment to a risk, or with --treatment change its status");
  treat_cmd->add_option("risk", o->id, "risk id")->required();
  treat_cmd->add_option("--treatment", o->treatment_id, "an existing treatment's id: set its --status only");
  treat_cmd->add_option("--kind", o->treatment.kind, std::string(kTreatmentKinds))->capture_default_str();
  treat_cmd->add_option("--description", o->treatment.description, "what will be done");
  treat_cmd->add_option("--owner", o->treatment.owner, "who does it");
  treat_cmd->add_option("--status", o->treatment.status, std::string(kTreatmentStatuses))->capture_default_str();
  treat_cmd->add_option("--target", o->treatment.target, "YYYY-MM-DD it should be done by");
  treat_cmd->add_option("--cost", o->treatment.cost, "estimated cost, whole currency units");
  treat_cmd->add_option("--residual-likelihood", o->treatment.residual_likelihood, "1-5 expected once done (default: the risk's)");
  treat_cmd->add_option("--residual-impact", o->treatment.residual_impact, "1-5 expected once done (default: the risk's)");
  add_format(treat_cmd);
  treat_cmd->callback(run("ward program risk treat {risk}", treat));
}

}  // namespace ward::cli
