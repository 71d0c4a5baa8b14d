// `ward devices import FILE.csv [--mapping M.yaml]`, `ward vulns import PATH…` and
// `ward vulns match [--format csv|json] [--confirmed] [--advisory ID]`: the medical device inventory, the
// advisories (CSAF 2.0, CISA KEV) and the matches between them with their SSVC outcome, recorded
// for remediation (docs/devices.md). Remediation's own commands: remediation_command.cc.
#include <map>
#include <memory>
#include <tuple>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/model_command.h"
#include "cli/ward_config.h"
#include "core/file_reader.h"
#include "core/time.h"
#include "devices/advisory_files.h"
#include "devices/advisory_match_run.h"
#include "devices/advisory_json.h"
#include "devices/device_store.h"
#include "devices/finding_report.h"
#include "devices/inventory_csv.h"
#include "devices/match_run.h"
#include "devices/matcher.h"

namespace ward::cli {
namespace {

namespace fs = std::filesystem;
using namespace ward::devices;

struct Counts {
  std::size_t added = 0, updated = 0, unchanged = 0;
  void count(Upsert u) { ++(u == Upsert::added ? added : u == Upsert::updated ? updated : unchanged); }
};

int import_devices(const GlobalOptions& global, const std::string& file, const std::string& mapping_file) {
  ColumnMapping mapping;
  if (!mapping_file.empty()) {
    auto m = load_column_mapping(mapping_file);
    if (!m) {
      Error e = m.error();
      if (e.source.empty()) e.source = mapping_file;
      print_error(e);
      return kExitFailure;
    }
    mapping = std::move(*m);
  }
  auto bytes = read_input_file(file);
  if (!bytes) { print_error(bytes.error()); return kExitFailure; }
  auto read = read_inventory_csv(bytes->view(), mapping, file);
  if (!read) { print_error(read.error()); return kExitFailure; }
  for (const Error& e : read->quarantined) print_error(e);
  auto store = DeviceStore::open(global.data_dir);
  if (!store) { print_error(store.error()); return kExitFailure; }
  auto outcomes = store->upsert_devices(read->devices);
  if (!outcomes) { print_error(outcomes.error()); return kExitFailure; }
  Counts counts;
  for (Upsert u : *outcomes) counts.count(u);
  for (const Device& d : read->devices) {
    if (!d.notes.empty()) fmt::print("{}: {}\n", d.device_id, d.notes);
  }
  fmt::print("{}: {} rows, {} devices: {} added, {} updated, {} unchanged; {} duplicates merged, {} rows quarantined\n",
             file, read->rows, read->devices.size(), counts.added, counts.updated, counts.unchanged,
             read->merged_duplicates, read->quarantined.size());
  return read->quarantined.empty() ? kExitOk : kExitPartial;
}

// What a match did to the tracked findings, on stderr: each change worth a look, then the counts.
// `what`: "" for a whole match, "ID revision R: " for one advisory (whose gone findings count as
// no longer affected, `fixed` of them fixed).
void print_changes(const MatchRun& run, const std::string& what, std::size_t fixed) {
  std::map<FindingChange, std::size_t> counts;
  for (const ReconciledFinding& r : run.reconciled) {
    const TrackedFinding& f = r.finding;
    ++counts[r.change];
    if (r.change == FindingChange::changed || r.change == FindingChange::reopened || r.change == FindingChange::gone) {
      fmt::print(stderr, "{} {} {} {}: {}\n", to_string(r.change), f.device_id, f.advisory_id, f.cve, f.change_note);
    }
  }
  const std::string gone = what.empty() ? fmt::format("{} no longer matched", counts[FindingChange::gone])
                                        : fmt::format("{} no longer affected ({} fixed)", counts[FindingChange::gone], fixed);
  fmt::print(stderr, "{}{} findings: {} new, {} changed, {} re-opened, {} revised (same match), {}, {} unchanged\n", what,
             run.findings.size(), counts[FindingChange::added], counts[FindingChange::changed], counts[FindingChange::reopened],
             counts[FindingChange::revised], gone, counts[FindingChange::unchanged]);
}

int import_advisories(const GlobalOptions& global, const std::vector<std::string>& inputs, bool match_each) {
  auto files = advisory_files(std::vector<fs::path>(inputs.begin(), inputs.end()));
  if (!files) { print_error(files.error()); return kExitFailure; }
  LoadedAdvisories loaded = load_advisory_files(*files);
  bool failed = false;
  std::size_t skipped = 0;
  for (const Error& e : loaded.errors) {
    print_error(e);
    if (e.code == ErrorCode::unsupported) ++skipped;
    else failed = true;
  }
  auto store = DeviceStore::open(global.data_dir);
  if (!store) { print_error(store.error()); return kExitFailure; }
  Counts counts;
  std::vector<const Advisory*> to_match;  // added or updated: matched alone after the import (--match)
  for (const LoadedAdvisory& l : loaded.loaded) {
    const Advisory& a = l.advisory;
    auto outcome = store->upsert_advisory({a.id, a.kind, a.revision, content_hash(l.text), l.file.string(), l.text});
    if (!outcome) { print_error(outcome.error()); return kExitFailure; }
    counts.count(*outcome);
    if (*outcome != Upsert::unchanged) {
      fmt::print("{} {} (revision {}, {} products, {} vulnerabilities)\n", *outcome == Upsert::added ? "added" : "updated",
                 a.id, a.revision, a.products.size(), a.vulnerabilities.size());
      to_match.push_back(&a);
    } else if (match_each) {
      fmt::print("{} revision {} unchanged: not matched again, nothing new\n", a.id, a.revision);
    }
  }
  if (match_each && !to_match.empty()) {
    auto config = load_config(global.config_file, global.data_dir);
    if (!config) { print_error(config.error()); return kExitFailure; }
    for (const Advisory* a : to_match) {
      auto one = run_advisory_match(global.data_dir, config->devices, a->id, now_ns());
      if (!one) { print_error(one.error()); return kExitFailure; }
      print_changes(one->run, fmt::format("{} revision {}: ", one->advisory_id, one->revision), one->fixed);
    }
  }
  fmt::print("{} files: {} advisories added, {} updated, {} unchanged; {} skipped, {} rejected\n", files->size(),
             counts.added, counts.updated, counts.unchanged, skipped, loaded.errors.size() - skipped);
  return failed ? kExitPartial : kExitOk;
}

// The JSON fields a match line carries besides the finding: SSVC (both trees, the inputs and
// their reasons) and what the match did to the tracked finding.
nlohmann::json match_extra(const SsvcAssessment& a, const ReconciledFinding* r, const SsvcSettings& settings) {
  nlohmann::json j = {{"ssvc", a.outcome(settings.tree)},
                      {"ssvc_tree", settings.tree == SsvcTree::cisa ? "cisa" : "deployer"},
                      {"ssvc_deployer", a.deployer},
                      {"ssvc_cisa", a.cisa},
                      {"ssvc_inputs", ssvc_inputs_json(a.inputs)}};
  if (r != nullptr) {
    j["change"] = to_string(r->change);
    j["state"] = to_string(r->finding.state);
    const auto due = due_date(r->finding, settings);
    j["due"] = due ? nlohmann::json(*due) : nlohmann::json(nullptr);
  }
  return j;
}

void print_findings(const MatchRun& run, const DevicesConfig& config, const std::string& format, bool confirmed_only) {
  using Key = std::tuple<std::string, std::string, std::string>;
  std::map<Key, const ReconciledFinding*> reconciled;
  for (const ReconciledFinding& r : run.reconciled) {
    reconciled.emplace(Key{r.finding.device_id, r.finding.advisory_id, r.finding.cve}, &r);
  }
  std::vector<Finding> shown;
  std::vector<std::string> ssvc;
  std::vector<nlohmann::json> extra;
  for (std::size_t i = 0; i < run.findings.size(); ++i) {
    const Finding& f = run.findings[i];
    if (confirmed_only && f.match->confidence < kConfirmed) continue;
    shown.push_back(f);
    ssvc.push_back(run.assessments[i]->outcome(config.ssvc.tree));
    if (format == "json") {
      const auto it = reconciled.find(Key{f.device_id, f.match->advisory_id, f.match->cve});
      extra.push_back(match_extra(*run.assessments[i], it == reconciled.end() ? nullptr : it->second, config.ssvc));
    }
  }
  fmt::print("{}", format == "json" ? findings_json_lines(shown, extra) : findings_csv(shown, ssvc));
}

int match(const GlobalOptions& global, const std::string& format, bool confirmed_only, const std::string& advisory) {
  auto config = load_config(global.config_file, global.data_dir);
  if (!config) { print_error(config.error()); return kExitFailure; }
  if (!advisory.empty()) {
    auto one = run_advisory_match(global.data_dir, config->devices, advisory, now_ns());
    if (!one) { print_error(one.error()); return kExitFailure; }
    print_changes(one->run, fmt::format("{} revision {}: ", one->advisory_id, one->revision), one->fixed);
    print_findings(one->run, config->devices, format, confirmed_only);
    return kExitOk;
  }
  auto run = run_match(global.data_dir, config->devices, now_ns());
  if (!run) { print_error(run.error()); return kExitFailure; }
  print_changes(*run, "", 0);
  print_findings(*run, config->devices, format, confirmed_only);
  return kExitOk;
}

}  // namespace

struct DevicesOptions {
  std::string file, mapping;
  std::vector<std::string> inputs;
  std::string format = "csv";
  bool confirmed = false;
  std::string advisory;     // match one advisory alone
  bool match_each = false;  // import: match each added or updated advisory alone
};

void add_devices_commands(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto o = std::make_shared<DevicesOptions>();
  auto* devices = app.add_subcommand("devices", "the medical device inventory");
  devices->require_subcommand(1);
  auto* import = devices->add_subcommand("import", "import devices from a CMMS/asset CSV");
  import->add_option("file", o->file, "inventory CSV")->required();
  import->add_option("--mapping", o->mapping, "YAML mapping of fields to the CSV's column names");
  import->callback([&global, &exit_code, o] { exit_code = import_devices(global, o->file, o->mapping); });
  add_model_commands(*devices, global, exit_code);

  auto* vulns = app.add_subcommand("vulns", "advisories (CSAF 2.0, CISA KEV) and their matches to devices");
  vulns->require_subcommand(1);
  auto* vimport = vulns->add_subcommand("import", "import advisory files or directories (idempotent)");
  vimport->add_option("paths", o->inputs, "CSAF JSON or KEV JSON files, or directories of them")->required();
  vimport->add_flag("--match", o->match_each, "match each added or updated advisory alone against the inventory");
  vimport->callback([&global, &exit_code, o] { exit_code = import_advisories(global, o->inputs, o->match_each); });
  auto* vmatch = vulns->add_subcommand("match", "match the inventory against the imported advisories");
  vmatch->add_option("--format", o->format, "csv or json (JSON lines)")->check(CLI::IsMember({"csv", "json"}))->capture_default_str();
  vmatch->add_flag("--confirmed", o->confirmed, "only confirmed matches (confidence >= 0.7)");
  vmatch->add_option("--advisory", o->advisory, "match this imported advisory alone (its findings only; others untouched)");
  vmatch->callback([&global, &exit_code, o] { exit_code = match(global, o->format, o->confirmed, o->advisory); });
  add_remediation_commands(*vulns, global, exit_code);
  add_cvd_commands(*vulns, global, exit_code);
}

}  // namespace ward::cli
