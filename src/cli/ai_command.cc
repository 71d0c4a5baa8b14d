// `ward ai …`: AI governance (docs/ai_governance.md) — bias testing (`fairness`), the registry
// (`add`, `list`, `show`), its workflow (`review`, `evidence`, `approve`, `reject`, `rmf`) and
// the transparency listing, and `usage` (AI services seen in proxy/DNS/Zeek logs, PHI sent to
// them). Changes are recorded with the Unix user who ran them (cli_actor) and go to Ward's audit
// trail (cli_audit.h) with the subject "system:<id>", as the API's do; so does `usage`.
#include <memory>

#include <fmt/format.h>

#include "ai_governance/ai_store.h"
#include "ai_governance/ai_system_json.h"
#include "ai_governance/ai_usage.h"
#include "ai_governance/ai_usage_alerts.h"
#include "ai_governance/ai_usage_report.h"
#include "ai_governance/phi_to_ai.h"
#include "ai_governance/catalogues.h"
#include "ai_governance/fairness.h"
#include "ai_governance/fairness_report.h"
#include "ai_governance/system_view.h"
#include "ai_governance/transparency.h"
#include "ai_governance/workflow.h"
#include "cli/cli_audit.h"
#include "cli/commands.h"
#include "cli/text_files.h"
#include "cli/ward_config.h"
#include "core/file_reader.h"
#include "core/time.h"
#include "store/store.h"

namespace ward::cli {
namespace {

using namespace ward::ai_governance;
using nlohmann::json;

struct AiOptions {
  // fairness
  std::string predictions, label, score, reference, format = "text", system;
  std::vector<std::string> groups;
  FairnessOptions fairness;
  bool fail_on_flag = false;
  // registry
  std::string file, id, name, vendor, version, purpose, use, deployment, owner, autonomy, incident_contact;
  std::vector<std::string> users, domains, data_categories;
  bool phi = false, predictive_dsi = false, clinical_decision = false, patient_facing = false;
  // workflow
  std::string area, outcome, notes, kind, summary, body_file, reason, conditions, next_review, subcategory, met, evidence;
  std::string out;
  // usage
  std::vector<std::string> logs;
  std::string since, until, catalogue;
  std::string hti1_exception;
};

std::string utc_today() { return format_day(now_ns() / kNsPerDay); }

int fail_with(const Error& e) {
  print_error(e);
  return kExitFailure;
}

// Runs `change` (which returns an exit status) and records `command` about system `id` in Ward's
// audit trail with its outcome (cli_audit.h), as the API records its requests.
template <class Change>
int audited(const GlobalOptions& global, std::string_view command, const std::string& id, Change change) {
  auto store = store::open_sqlite_store(global.data_dir);
  if (!store) return fail_with(store.error());
  const int rc = change();
  if (!audit_command(**store, command, id.empty() ? "" : "system:" + id, rc == kExitOk)) return kExitFailure;
  return rc;
}

// Runs command(store) on the registry in the data directory; 1 when it cannot be opened.
template <class Command>
int on_registry(const GlobalOptions& global, Command command) {
  auto store = AiStore::open(global.data_dir);
  if (!store) return fail_with(store.error());
  return command(*store);
}

std::string fairness_summary(const FairnessReport& r, const PredictionTable& t, const std::vector<std::string>& groups) {
  std::string by;
  for (const std::string& g : groups) by += (by.empty() ? "" : " x ") + g;
  const Gap& eo = r.largest.equal_opportunity;
  std::string s = fmt::format("bias test by {}: {} rows used ({} skipped), {} groups", by, r.rows_used, t.rejected.size(), r.groups.size());
  if (eo.value) s += fmt::format("; largest equal opportunity difference {:.3f}", *eo.value);
  s += r.flags.empty() ? "; no gap over its threshold" : fmt::format("; {} gap(s) flagged", r.flags.size());
  return s;
}

int run_fairness(const GlobalOptions& global, AiOptions& o) {
  auto bytes = read_input_file(o.predictions);
  if (!bytes) return fail_with(bytes.error());
  auto table = read_predictions(bytes->view(), {o.label, o.score, o.groups}, o.predictions);
  if (!table) return fail_with(table.error());
  constexpr std::size_t kShownRejects = 20;
  for (std::size_t i = 0; i < table->rejected.size() && i < kShownRejects; ++i) print_error(table->rejected[i]);
  if (table->rejected.size() > kShownRejects) fmt::print(stderr, "ward: … and {} more rows skipped\n", table->rejected.size() - kShownRejects);
  if (table->rows.empty()) return fail_with({ErrorCode::invalid_input, "no usable rows", o.predictions});
  o.fairness.reference = o.reference;
  auto report = assess_fairness(*table, o.fairness);
  if (!report) return fail_with(report.error());
  const json j = fairness_json(*report, *table);
  if (o.format == "json") fmt::print("{}\n", j.dump(2));
  else if (o.format == "csv") fmt::print("{}", fairness_csv(*report));
  else fmt::print("{}", fairness_text(*report, *table));
  if (!o.system.empty()) {
    const int stored = audited(global, "ward ai fairness --system {id}", o.system, [&] { return on_registry(global, [&](AiStore& store) {
      auto id = record_evidence(store, o.system, {0, "bias_test", fairness_summary(*report, *table, o.groups), j.dump(), cli_actor(), 0});
      if (!id) return fail_with(id.error());
      fmt::print(stderr, "stored as evidence #{} (bias_test) on {}\n", *id, o.system);
      return kExitOk;
    }); });
    if (stored != kExitOk) return stored;
  }
  if (o.fail_on_flag && !report->flags.empty()) return 2;
  return table->rejected.empty() ? kExitOk : kExitPartial;
}

Result<AiSystem> system_from_options(const AiOptions& o) {
  if (!o.file.empty()) {
    auto bytes = read_input_file(o.file);
    if (!bytes) return Unexpected(bytes.error());
    auto s = parse_ai_system(bytes->view());
    if (!s) {
      Error e = s.error();
      e.source = o.file;
      return Unexpected(e);
    }
    return s;
  }
  if (o.name.empty()) return fail(ErrorCode::invalid_input, "give a JSON file or at least --name");
  json j = {{"name", o.name}, {"receives_phi", o.phi}, {"predictive_dsi", o.predictive_dsi},
            {"clinical_decision", o.clinical_decision}, {"patient_facing", o.patient_facing},
            {"users", o.users}, {"domains", o.domains}, {"data_categories", o.data_categories}};
  auto put = [&](const char* key, const std::string& v) { if (!v.empty()) j[key] = v; };
  put("id", o.id);
  put("vendor", o.vendor);
  put("version", o.version);
  put("purpose", o.purpose);
  put("use", o.use);
  put("deployment", o.deployment);
  put("owner", o.owner);
  put("autonomy", o.autonomy);
  put("incident_contact", o.incident_contact);
  return ai_system_from_json(j);
}

// What `ward ai add` says: the tier with its reasons, and what approval will need.
void print_added(const AiSystem& system, bool added) {
  const RiskAssessment risk = assess_risk(system);
  std::string reasons;
  for (const std::string& r : risk.reasons) reasons += (reasons.empty() ? "" : "; ") + r;
  fmt::print("{} {}: risk tier {} ({})\n", added ? "added" : "updated", system.id, to_string(risk.tier), reasons);
  fmt::print("required before approval:");
  for (const RequiredEvidence& r : required_evidence(system)) fmt::print(" {} ({});", r.kind, r.why);
  fmt::print(" and reviews: security, privacy, clinical, legal, fairness\n");
}

int run_add(const GlobalOptions& global, const AiOptions& o) {
  auto system = system_from_options(o);
  if (!system) return audited(global, "ward ai add", "", [&] { return fail_with(system.error()); });
  return audited(global, "ward ai add", system->id, [&] {
    return on_registry(global, [&](AiStore& store) {
      auto added = store.put_system(*system, cli_actor());
      if (!added) return fail_with(added.error());
      print_added(*system, *added);
      return kExitOk;
    });
  });
}

int run_list(AiStore& store, const AiOptions& o) {
  auto records = store.systems();
  if (!records) return fail_with(records.error());
  const json registry = registry_json(*records, utc_today());
  fmt::print("{}", o.format == "json" ? registry.dump(2) + "\n" : registry_text(registry));
  return kExitOk;
}

int run_show(AiStore& store, const AiOptions& o) {
  auto view = system_view_json(store, o.id);
  if (!view) return fail_with(view.error());
  fmt::print("{}", o.format == "json" ? view->dump(2) + "\n" : system_view_text(*view));
  return kExitOk;
}

int run_review(AiStore& store, const AiOptions& o) {
  if (auto r = record_review(store, o.id, {o.area, o.outcome, cli_actor(), o.notes, 0}); !r) return fail_with(r.error());
  fmt::print("{} review of {} recorded: {}\n", o.area, o.id, o.outcome);
  return kExitOk;
}

int run_evidence(const GlobalOptions& global, const AiOptions& o) {
  std::string body;
  if (!o.body_file.empty()) {
    bool binary = false;
    auto text = read_text_file(o.body_file, binary);
    if (!text) return fail_with(text.error());
    if (binary) return fail_with({ErrorCode::invalid_input, "evidence files must be text; store the document elsewhere and describe it", o.body_file});
    body = std::move(*text);
  }
  return audited(global, "ward ai evidence {id}", o.id, [&] {
    return on_registry(global, [&](AiStore& store) {
      auto id = record_evidence(store, o.id, {0, o.kind, o.summary, body, cli_actor(), 0});
      if (!id) return fail_with(id.error());
      fmt::print("evidence #{} ({}) recorded on {}\n", *id, o.kind, o.id);
      return kExitOk;
    });
  });
}

int run_decide(AiStore& store, const AiOptions& o, bool approve) {
  auto next = decide(store, o.id, {approve, cli_actor(), o.reason, o.conditions, o.next_review, o.hti1_exception}, now_ns());
  if (!next) return fail_with(next.error());
  fmt::print("{} {}; re-review by {}\n", o.id, approve ? "approved" : "rejected", *next);
  return kExitOk;
}

int run_rmf(AiStore& store, const AiOptions& o) {
  if (!o.subcategory.empty()) {
    const auto list = rmf_subcategories();
    if (std::none_of(list.begin(), list.end(), [&](const RmfSubcategory& s) { return s.id == o.subcategory; })) {
      return fail_with({ErrorCode::invalid_input, fmt::format("'{}' is not an AI RMF 1.0 subcategory (e.g. MEASURE-2.11; `ward ai rmf ID` lists them)", o.subcategory), "", 0, 0, "--set"});
    }
    if (o.met != "yes" && o.met != "no") return fail_with({ErrorCode::invalid_input, "say --met yes or --met no", "", 0, 0, "--met"});
    if (auto r = store.set_rmf(o.id, {o.subcategory, o.met == "yes", o.evidence, cli_actor(), 0}); !r) return fail_with(r.error());
  }
  auto view = system_view_json(store, o.id);
  if (!view) return fail_with(view.error());
  const json& rmf = (*view)["ai_rmf"];
  if (o.format == "json") {
    fmt::print("{}\n", rmf.dump(2));
    return kExitOk;
  }
  for (const json& s : rmf["subcategories"]) {
    const std::string mark = s["met"].is_null() ? "  ?  " : s["met"].get<bool>() ? " met " : " NOT ";
    fmt::print("{:<13}[{}] {}{}\n", s["id"].get<std::string>(), mark, s["text"].get<std::string>(),
               s.contains("evidence") && !s["evidence"].get<std::string>().empty() ? " — evidence: " + s["evidence"].get<std::string>() : "");
  }
  fmt::print("{} of {} met, {} answered\n", rmf["met"].get<std::size_t>(), rmf["total"].get<std::size_t>(), rmf["answered"].get<std::size_t>());
  return kExitOk;
}

int run_transparency(AiStore& store, const AiOptions& o) {
  auto records = store.systems();
  if (!records) return fail_with(records.error());
  const json listing = transparency_json(*records, format_iso8601(now_ns()));
  const bool html = o.format == "html" || (o.format != "json" && o.out.size() >= 5 && o.out.ends_with(".html"));
  const std::string text = html ? transparency_html(listing) : listing.dump(2) + "\n";
  if (o.out.empty()) {
    fmt::print("{}", text);
    return kExitOk;
  }
  if (auto r = write_text_file(o.out, text); !r) return fail_with(r.error());
  fmt::print("{}: {} approved AI systems\n", o.out, listing["systems"].size());
  return kExitOk;
}

// `ward ai usage FILE…`: counts each file (or folder), records its counts in the store (counting
// it again replaces them) and the services seen (first seen = new to the record), and reports
// them with PHI sent to AI services in those days. `ward ai usage` alone: what the store holds for
// --since … --until (default the last 30 days). Recorded in Ward's audit trail.
int run_usage(AiStore& registry, const GlobalOptions& global, const AiOptions& o) {
  auto config = load_config(global.config_file, global.data_dir);
  if (!config) return fail_with(config.error());
  auto catalogue = ai_service_catalogue(o.catalogue.empty() ? config->ai.service_catalogue : std::filesystem::path(o.catalogue));
  if (!catalogue) return fail_with(catalogue.error());
  auto store = store::open_sqlite_store(global.data_dir);
  if (!store) return fail_with(store.error());
  std::optional<TimeNs> since;
  if (!o.since.empty()) {
    since = parse_time_with_format(o.since, "%Y-%m-%d").value_or(-1);
    if (*since < 0) return fail_with(Error{ErrorCode::invalid_input, "expected YYYY-MM-DD", "", 0, 0, "--since"});
  }
  auto show = [&](const json& report) {
    if (!audit_command(**store, "ward ai usage", "", true)) return false;
    if (o.format == "json") fmt::print("{}\n", report.dump(2));
    else if (o.format == "csv") fmt::print("{}", usage_csv(report));
    else fmt::print("{}", usage_text(report));
    return true;
  };
  if (o.logs.empty()) {
    const std::string to = o.until.empty() ? utc_today() : o.until;
    const std::string from = since ? o.since : format_day(now_ns() / kNsPerDay - 29);
    auto report = usage_from_store(registry, **store, *catalogue, from, to);
    if (!report) {
      Error e = report.error();
      if (e.field == "from") e.field = "--since";
      if (e.field == "to") e.field = "--until";
      return fail_with(e);
    }
    return show(*report) ? kExitOk : kExitFailure;
  }
  UsageOptions options;
  options.since = since.value_or(0);
  std::optional<Error> lookup_error;
  auto status_of = [&](std::string_view host) {
    auto status = registry.registry_status(host);
    if (!status && !lookup_error) lookup_error = status.error();
    return usage_status(status ? *status : "");
  };
  options.status_of = status_of;
  UsageRows rows;
  std::vector<ingest::FileReport> files;
  std::uint64_t events = 0, matched = 0, before_since = 0;
  for (const std::string& log : o.logs) {  // one source per file or folder named
    UsageCounter counter(*catalogue, options);
    auto read = count_usage({std::filesystem::path(log)}, counter);
    if (!read) return fail_with(read.error());
    const bool readable = std::none_of(read->begin(), read->end(), [](const ingest::FileReport& f) { return f.failure.has_value(); });
    if (readable) {
      std::error_code ec;
      const std::filesystem::path source = std::filesystem::absolute(log, ec);
      if (auto r = registry.record_usage(ec ? log : source.string(), counter.rows()); !r) return fail_with(r.error());
    }
    for (const auto& [key, row] : counter.rows()) add_usage(rows, key, row);
    events += counter.events();
    matched += counter.matched();
    before_since += counter.before_since();
    files.insert(files.end(), std::make_move_iterator(read->begin()), std::make_move_iterator(read->end()));
  }
  if (lookup_error) return fail_with(*lookup_error);
  auto first_seen = registry.record_seen_services(seen_services(rows));
  if (!first_seen) return fail_with(first_seen.error());
  if (auto raised = (*store)->add_alerts(first_seen_alerts(rows, *first_seen, now_ns())); !raised)
    return fail_with(raised.error());
  // PHI sent to AI services on the days the logs cover (the DLP's alerts of those days).
  TimeNs first = 0, last = 0;
  for (const auto& [key, row] : rows) {
    first = first == 0 ? row.first : std::min(first, row.first);
    last = std::max(last, row.last);
  }
  PhiToAiRows phi;
  if (!rows.empty()) {
    auto found = phi_sent_to_ai(**store, *catalogue, first - first % kNsPerDay, last - last % kNsPerDay + kNsPerDay);
    if (!found) return fail_with(found.error());
    phi = std::move(*found);
  }
  auto department_of = [&](std::string_view user) -> std::string {
    auto w = (*store)->find_workforce(user);
    return w && *w ? (*w)->department : "";
  };
  auto baa_for = [&](std::string_view host) {
    auto baa = approved_with_baa(registry, host);
    return baa && *baa;
  };
  UsageReportInput input{rows, events, matched, before_since, &files, "", "", department_of, *first_seen, &phi, status_of, baa_for};
  if (!show(usage_json(input))) return kExitFailure;
  bool failed = false;
  for (const ingest::FileReport& f : files)
    if (f.failure) {
      print_error(*f.failure);
      failed = true;
    }
  return failed ? kExitFailure : kExitOk;
}

}  // namespace

void add_ai_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto o = std::make_shared<AiOptions>();
  auto* ai = app.add_subcommand("ai", "AI governance: registry, approval workflow, bias testing, transparency");
  ai->require_subcommand(1);

  auto* fairness = ai->add_subcommand("fairness", "bias test of a classifier's predictions across subgroups");
  fairness->add_option("--predictions", o->predictions, "CSV with one row per case")->required();
  fairness->add_option("--label", o->label, "column of the true outcome (0/1)")->required();
  fairness->add_option("--score", o->score, "column of the model's score")->required();
  fairness->add_option("--group", o->groups, "group column; repeat for intersectional groups")->required();
  fairness->add_option("--threshold", o->fairness.metrics.threshold, "score >= threshold is a positive prediction")->capture_default_str();
  fairness->add_option("--min-group", o->fairness.metrics.min_group, "smaller groups get counts only")->capture_default_str();
  fairness->add_option("--bins", o->fairness.metrics.bins, "reliability bins")->capture_default_str()->check(CLI::Range(1, 100));
  fairness->add_option("--reference", o->reference, "group to compare against (default: the best group per rate)");
  fairness->add_option("--bootstrap", o->fairness.bootstrap, "bootstrap resamples (0: no intervals)")->capture_default_str()->check(CLI::Range(0, 100000));
  fairness->add_option("--seed", o->fairness.seed, "bootstrap seed")->capture_default_str();
  fairness->add_option("--confidence", o->fairness.confidence, "interval level")->capture_default_str()->check(CLI::Range(0.5, 0.999));
  fairness->add_option("--max-eod", o->fairness.thresholds.equal_opportunity, "flag equal opportunity differences over this")->capture_default_str();
  fairness->add_option("--max-equalised-odds", o->fairness.thresholds.equalised_odds, "flag equalised odds differences over this")->capture_default_str();
  fairness->add_option("--max-dp", o->fairness.thresholds.demographic_parity, "flag demographic parity differences over this")->capture_default_str();
  fairness->add_option("--format", o->format, "text, json or csv")->check(CLI::IsMember({"text", "json", "csv"}))->capture_default_str();
  fairness->add_option("--system", o->system, "store the result as bias_test evidence on this AI system");
  fairness->add_flag("--fail-on-flag", o->fail_on_flag, "exit 2 when a gap is flagged");
  fairness->callback([&global, &exit_code, o] { exit_code = run_fairness(global, *o); });

  auto* add = ai->add_subcommand("add", "add or update an AI system (JSON file, or flags)");
  add->add_option("file", o->file, "the system's record as JSON (docs/ai_governance.md)");
  add->add_option("--id", o->id, "stable id (default: from the name)");
  add->add_option("--name", o->name, "name");
  add->add_option("--vendor", o->vendor, "vendor");
  add->add_option("--version", o->version, "version");
  add->add_option("--purpose", o->purpose, "what it is for");
  add->add_option("--use", o->use, "clinical or operational")->check(CLI::IsMember({"clinical", "operational"}));
  add->add_option("--deployment", o->deployment, "saas, on_premises or embedded")->check(CLI::IsMember({"saas", "on_premises", "embedded"}));
  add->add_option("--autonomy", o->autonomy, "informs, augments or autonomous")->check(CLI::IsMember({"informs", "augments", "autonomous"}));
  add->add_option("--owner", o->owner, "accountable person or team");
  add->add_option("--incident-contact", o->incident_contact, "who to call when it misbehaves");
  add->add_option("--user", o->users, "who uses it (repeatable)");
  add->add_option("--domain", o->domains, "service host name (repeatable)");
  add->add_option("--data", o->data_categories, "data category it receives (repeatable)");
  add->add_flag("--phi", o->phi, "it receives PHI");
  add->add_flag("--predictive-dsi", o->predictive_dsi, "a predictive decision support intervention (HTI-1)");
  add->add_flag("--clinical-decision", o->clinical_decision, "its output informs clinical decisions");
  add->add_flag("--patient-facing", o->patient_facing, "patients see or talk to it");
  add->callback([&global, &exit_code, o] { exit_code = run_add(global, *o); });

  auto* list = ai->add_subcommand("list", "the AI system registry");
  list->add_option("--format", o->format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  list->callback([&global, &exit_code, o] { exit_code = on_registry(global, [&](AiStore& s) { return run_list(s, *o); }); });

  auto* show = ai->add_subcommand("show", "an AI system with its reviews, evidence, history and what blocks approval");
  show->add_option("id", o->id, "system id")->required();
  show->add_option("--format", o->format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  show->callback([&global, &exit_code, o] { exit_code = on_registry(global, [&](AiStore& s) { return run_show(s, *o); }); });

  auto* review = ai->add_subcommand("review", "record a review (security, privacy, clinical, legal, fairness)");
  review->add_option("id", o->id, "system id")->required();
  review->add_option("--area", o->area, "security, privacy, clinical, legal or fairness")->required();
  review->add_option("--outcome", o->outcome, "pass, concerns, fail or not_applicable")->required();
  review->add_option("--notes", o->notes, "what the reviewer found");
  review->callback([&global, &exit_code, o] {
    exit_code = audited(global, "ward ai review {id}", o->id, [&] { return on_registry(global, [&](AiStore& s) { return run_review(s, *o); }); });
  });

  auto* evidence = ai->add_subcommand("evidence", "record evidence (baa, local_validation, bias_test, monitoring_plan, incident_contact, other)");
  evidence->add_option("id", o->id, "system id")->required();
  evidence->add_option("--kind", o->kind, "evidence kind")->required();
  evidence->add_option("--summary", o->summary, "what it is and where it is kept")->required();
  evidence->add_option("--file", o->body_file, "a text file to keep with it");
  evidence->callback([&global, &exit_code, o] { exit_code = run_evidence(global, *o); });

  for (bool approve : {true, false}) {
    auto* d = ai->add_subcommand(approve ? "approve" : "reject", approve ? "approve (refused while evidence or reviews are missing)" : "reject");
    d->add_option("id", o->id, "system id")->required();
    d->add_option("--reason", o->reason, "why")->required();
    if (approve) {
      d->add_option("--conditions", o->conditions, "conditions of use");
      d->add_option("--hti1-exception", o->hti1_exception, "why a predictive DSI is approved without all its HTI-1 source attributes");
    }
    d->add_option("--next-review", o->next_review, "re-review date YYYY-MM-DD (default by risk tier)");
    d->callback([&global, &exit_code, o, approve] {
      exit_code = audited(global, approve ? "ward ai approve {id}" : "ward ai reject {id}", o->id,
                          [&] { return on_registry(global, [&](AiStore& s) { return run_decide(s, *o, approve); }); });
    });
  }

  auto* rmf = ai->add_subcommand("rmf", "the NIST AI RMF 1.0 checklist of a system; --set to answer one subcategory");
  rmf->add_option("id", o->id, "system id")->required();
  rmf->add_option("--set", o->subcategory, "subcategory, e.g. MEASURE-2.11");
  rmf->add_option("--met", o->met, "yes or no");
  rmf->add_option("--evidence", o->evidence, "what shows it");
  rmf->add_option("--format", o->format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  rmf->callback([&global, &exit_code, o] {
    auto run = [&] { return on_registry(global, [&](AiStore& s) { return run_rmf(s, *o); }); };
    exit_code = o->subcategory.empty() ? run() : audited(global, "ward ai rmf {id} --set", o->id, run);
  });

  auto* usage = ai->add_subcommand("usage", "AI services used, per user, service and day, from proxy, DNS and Zeek logs");
  usage->add_option("files", o->logs, "squid access.log, BIND/dnsmasq query logs, Zeek dns/http/ssl logs, or folders (none: what the store holds)");
  usage->add_option("--format", o->format, "text, csv or json")->check(CLI::IsMember({"text", "csv", "json"}))->capture_default_str();
  usage->add_option("--since", o->since, "count from this day on (YYYY-MM-DD, UTC; without files default 29 days ago)");
  usage->add_option("--until", o->until, "without files: up to this day, inclusive (YYYY-MM-DD, UTC; default today)");
  usage->add_option("--catalogue", o->catalogue, "AI service domains in the format of data/dlp/ai_service_domains.tsv (default: ward.yaml ai.service_catalogue, else that file, built in)");
  usage->callback([&global, &exit_code, o] { exit_code = on_registry(global, [&](AiStore& s) { return run_usage(s, global, *o); }); });

  auto* transparency = ai->add_subcommand("transparency", "the approved AI systems for clinicians and patients (HTML or JSON)");
  transparency->add_option("--out", o->out, "file to write (HTML when it ends in .html)");
  transparency->add_option("--format", o->format, "html or json")->check(CLI::IsMember({"html", "json", "text"}));
  transparency->callback([&global, &exit_code, o] { exit_code = on_registry(global, [&](AiStore& s) { return run_transparency(s, *o); }); });
}

}  // namespace ward::cli
