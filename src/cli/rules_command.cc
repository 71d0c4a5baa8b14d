// `ward rules import | list | enable | disable`: the rule store from the command line (docs/
// detection.md, "Managing rules"). Import reads files and folders as `ward detect --rules` does
// and checks every document with Ward's compiler before storing it; each command goes to Ward's
// audit trail (cli_audit.h).
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/cli_audit.h"
#include "cli/commands.h"
#include "cli/ward_config.h"
#include "core/plural.h"
#include "rules/rule_json.h"
#include "rules/rule_upload.h"
#include "sigma/rule_set.h"
#include "sigma/yaml_documents.h"
#include "store/store.h"

namespace ward::cli {
namespace {

struct ImportCounts {
  std::size_t added = 0, updated = 0, unchanged = 0, rejected_files = 0;
};

// Imports one file as one upload: all of its documents, or none. Prints a line per rule or problem.
Result<void> import_file(store::Store& store, const std::filesystem::path& file,
                         const sigma::CompileOptions& options, ImportCounts& counts) {
  auto text = sigma::read_rule_text(file);
  if (!text) {
    fmt::print("rejected   {}: {}\n", file.string(), text.error().message);
    ++counts.rejected_files;
    return {};
  }
  auto done = rules::upload_rules(store, *text, file.string(), options, "cli", cli_actor());
  if (!done) return Unexpected(done.error());
  if (!done->accepted()) {
    for (const rules::UploadProblem& p : done->checked.problems)
      fmt::print("rejected   {}: {}\n", file.string(), p.describe());
    ++counts.rejected_files;
    return {};
  }
  for (std::size_t i = 0; i < done->outcomes.size(); ++i) {
    const store::DetectionRuleRecord& r = done->checked.rules[i];
    const store::RuleUpsert outcome = done->outcomes[i];
    (outcome == store::RuleUpsert::added     ? counts.added
     : outcome == store::RuleUpsert::updated ? counts.updated
                                             : counts.unchanged)++;
    fmt::print("{:<10} {}  {} ({})\n", rules::to_string(outcome), r.id, r.title, r.kind);
  }
  return {};
}

int import_rules(const GlobalOptions& global, const std::vector<std::string>& paths) {
  auto config = load_config(global.config_file, global.data_dir);
  if (!config) { print_error(config.error()); return kExitFailure; }
  const sigma::CompileOptions options = sigma::compile_options(config->detection);
  auto store = store::open_sqlite_store(global.data_dir);
  if (!store) { print_error(store.error()); return kExitFailure; }
  ImportCounts counts;
  Result<void> done;
  for (const std::string& path : paths) {
    auto files = sigma::find_rule_files(path);
    if (!files) { done = Unexpected(files.error()); break; }
    for (const auto& file : *files) {
      done = import_file(**store, file, options, counts);
      if (!done) break;
    }
    if (!done) break;
  }
  const bool ok = done && counts.rejected_files == 0;
  if (!audit_command(**store, "ward rules import", "", ok)) return kExitFailure;
  if (!done) { print_error(done.error()); return kExitFailure; }
  fmt::print("{} added, {} updated, {} unchanged, {} rejected\n", counts.added, counts.updated, counts.unchanged,
             counted(counts.rejected_files, "file", "files"));
  return ok ? kExitOk : kExitFailure;
}

int list_rules(const GlobalOptions& global, const std::string& format) {
  auto store = store::open_sqlite_store(global.data_dir);
  if (!store) { print_error(store.error()); return kExitFailure; }
  auto found = (*store)->detection_rules({.limit = 1'000'000});
  if (!audit_command(**store, "ward rules list", "", found.has_value())) return kExitFailure;
  if (!found) { print_error(found.error()); return kExitFailure; }
  if (format == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : *found) out.push_back(rules::rule_json(r, /*with_yaml=*/false));
    fmt::print("{}\n", out.dump(2));
    return kExitOk;
  }
  fmt::print("{:<38} {:<11} {:<13} {:<8} {:<32} {}\n", "id", "kind", "level", "enabled", "logsource", "title");
  for (const auto& r : *found)
    fmt::print("{:<38} {:<11} {:<13} {:<8} {:<32} {}\n", r.id, r.kind, r.level.empty() ? "-" : r.level,
               r.enabled ? "yes" : "no", rules::logsource_text(r).empty() ? "-" : rules::logsource_text(r),
               r.title);
  return kExitOk;
}

int set_enabled(const GlobalOptions& global, const std::string& id, bool enabled) {
  auto store = store::open_sqlite_store(global.data_dir);
  if (!store) { print_error(store.error()); return kExitFailure; }
  auto changed = (*store)->set_detection_rule_enabled(id, enabled, cli_actor(), now_ns());
  if (!audit_command(**store, enabled ? "ward rules enable {id}" : "ward rules disable {id}",
                     fmt::format("rule:{}", id), changed.has_value()))
    return kExitFailure;
  if (!changed) { print_error(changed.error()); return kExitFailure; }
  fmt::print("rule {} ({}) {}\n", changed->id, changed->title, enabled ? "enabled" : "disabled");
  return kExitOk;
}

}  // namespace

void add_rules_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto* rules_cmd = app.add_subcommand("rules", "the rule store: Sigma rules the live detection runs");
  rules_cmd->require_subcommand(1);

  auto* import_cmd = rules_cmd->add_subcommand(
      "import", "check Sigma rule files (or folders of them) with Ward's compiler and store them");
  auto paths = std::make_shared<std::vector<std::string>>();
  import_cmd->add_option("paths", *paths, "rule files or folders (.yml, .yaml below them)")->required();
  import_cmd->callback([&global, &exit_code, paths] { exit_code = import_rules(global, *paths); });

  auto* list_cmd = rules_cmd->add_subcommand("list", "the stored rules, in id order");
  auto format = std::make_shared<std::string>("table");
  list_cmd->add_option("--format", *format, "table or json")
      ->check(CLI::IsMember({"table", "json"}))->capture_default_str();
  list_cmd->callback([&global, &exit_code, format] { exit_code = list_rules(global, *format); });

  for (const bool enable : {true, false}) {
    auto* cmd = rules_cmd->add_subcommand(enable ? "enable" : "disable",
                                          enable ? "run a stored rule again" : "stop running a stored rule");
    auto id = std::make_shared<std::string>();
    cmd->add_option("id", *id, "the rule's id (ward rules list)")->required();
    cmd->callback([&global, &exit_code, id, enable] { exit_code = set_enabled(global, *id, enable); });
  }
}

}  // namespace ward::cli
