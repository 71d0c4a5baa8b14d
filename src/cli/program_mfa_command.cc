// `ward program mfa import FILE` and `ward program mfa show`: MFA coverage from an identity
// provider's user export (src/identity, docs/program.md#mfa-coverage). The import prints what it
// read, each rejected row with its line, column and reason, and the coverage; show prints the
// latest coverage and the enabled accounts without MFA. Both go to Ward's audit trail.
#include <memory>

#include <fmt/format.h>

#include "cli/cli_audit.h"
#include "cli/program_cli.h"
#include "core/file_reader.h"
#include "identity/mfa_import.h"

namespace ward::cli {
namespace {

struct MfaOptions {
  std::string file, format = "text";
};

Result<std::string> import(const GlobalOptions& g, const MfaOptions& o) {
  auto bytes = read_input_file(o.file);
  if (!bytes) return Unexpected(bytes.error());
  auto store = identity::MfaStore::open(g.data_dir);
  if (!store) return Unexpected(store.error());
  // The file's name, not its path, is kept with the import and named in the evidence.
  auto report = identity::import_mfa_export(*store, bytes->view(), std::filesystem::path(o.file).filename().string(), cli_actor());
  if (!report) return Unexpected(report.error());
  return o.format == "json" ? identity::import_json(*report).dump(2) + "\n" : identity::import_text(*report);
}

Result<std::string> mfa_show(const GlobalOptions& g, const MfaOptions& o) {
  auto store = identity::MfaStore::open(g.data_dir);
  if (!store) return Unexpected(store.error());
  auto latest = store->latest();
  if (!latest) return Unexpected(latest.error());
  auto accounts = store->accounts();
  if (!accounts) return Unexpected(accounts.error());
  return o.format == "json" ? identity::coverage_report_json(*latest, *accounts).dump(2) + "\n"
                            : identity::coverage_report_text(*latest, *accounts);
}

}  // namespace

void add_program_mfa_commands(CLI::App& program, const GlobalOptions& global, int& exit_code) {
  auto o = std::make_shared<MfaOptions>();
  auto* mfa = program.add_subcommand("mfa", "MFA coverage from an identity provider's user export");
  mfa->require_subcommand(1);
  auto add_format = [o](CLI::App* c) {
    c->add_option("--format", o->format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  };
  auto* import_cmd = mfa->add_subcommand(
      "import", "read a user export (Entra ID user registration details, or user_id,enabled,mfa CSV) and keep its coverage");
  import_cmd->add_option("file", o->file, "the CSV export")->required();
  add_format(import_cmd);
  import_cmd->callback([&global, &exit_code, o] {
    exit_code = run_audited(global, "ward program mfa import", "mfa:" + std::filesystem::path(o->file).filename().string(),
                            [&] { return import(global, *o); });
  });
  auto* show_cmd = mfa->add_subcommand("show", "the latest MFA coverage and the enabled accounts without MFA");
  add_format(show_cmd);
  show_cmd->callback([&global, &exit_code, o] {
    exit_code = run_audited(global, "ward program mfa show", "", [&] { return mfa_show(global, *o); });
  });
}

}  // namespace ward::cli
