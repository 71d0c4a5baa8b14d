// `ward verify [--anchor SEQ:HASH]`: checks the hash chain of Ward's own audit trail and prints
// the entries checked, the head to keep elsewhere, and OK — or the first broken entry, exiting 2.
// `ward audit export --fhir FILE`: the trail as FHIR AuditEvents, one per line (NDJSON), in a
// file only its owner may read; the export is itself recorded first (it holds the subjects).
// docs/audit.md.
#include <fmt/format.h>

#include "cli/cli_audit.h"
#include "cli/commands.h"
#include "core/time.h"
#include "self_audit/audit_event_fhir.h"
#include "self_audit/audit_event_file.h"
#include "self_audit/chain_check.h"
#include "store/store.h"

namespace ward::cli {
namespace {

constexpr int kExitChainBroken = 2;

int verify(const GlobalOptions& global, const std::string& anchor_text) {
  std::optional<self_audit::Anchor> anchor;
  if (!anchor_text.empty()) {
    auto a = self_audit::parse_anchor(anchor_text);
    if (!a) { print_error(a.error()); return kExitFailure; }
    anchor = std::move(*a);
  }
  auto store = store::open_sqlite_store(global.data_dir);
  if (!store) { print_error(store.error()); return kExitFailure; }
  auto report = self_audit::check_chain(**store, anchor);
  if (!report) { print_error(report.error()); return kExitFailure; }
  fmt::print("entries checked: {}\n", report->entries);
  fmt::print("head: {}:{}\n", report->head_seq, report->head_hash);
  if (report->ok()) {
    fmt::print("OK{}\n", anchor ? fmt::format(" (entry {} has the anchored hash)", anchor->seq) : "");
    return kExitOk;
  }
  const self_audit::ChainBreak& b = *report->broken;
  fmt::print("BROKEN at seq {}{}: {} — {}\n", b.seq, b.time == 0 ? "" : " (" + format_iso8601(b.time) + ")",
             self_audit::to_string(b.kind), b.detail);
  return kExitChainBroken;
}

int export_fhir(const GlobalOptions& global, const std::filesystem::path& file) {
  auto store = store::open_sqlite_store(global.data_dir);
  if (!store) { print_error(store.error()); return kExitFailure; }
  if (!audit_command(**store, "ward audit export --fhir", "", true)) return kExitFailure;
  auto out = self_audit::AuditEventFile::open(file, self_audit::ward_site(), self_audit::AuditEventFile::Mode::replace);
  if (!out) { print_error(out.error()); return kExitFailure; }
  auto written = out->catch_up(**store);
  if (!written) { print_error(written.error()); return kExitFailure; }
  fmt::print("{} AuditEvents written to {}\n", *written, file.string());
  return kExitOk;
}

}  // namespace

void add_audit_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto* verify_cmd = app.add_subcommand("verify", "check the hash chain of Ward's own audit trail");
  auto anchor = std::make_shared<std::string>();
  verify_cmd->add_option("--anchor", *anchor, "SEQ:HASH, a head printed earlier and kept elsewhere: "
                                              "that entry must still have that hash");
  verify_cmd->callback([&global, &exit_code, anchor] { exit_code = verify(global, *anchor); });

  auto* audit = app.add_subcommand("audit", "Ward's own audit trail");
  audit->require_subcommand(1);
  auto* exp = audit->add_subcommand("export", "write the trail as FHIR AuditEvents (NDJSON)");
  auto file = std::make_shared<std::filesystem::path>();
  exp->add_option("--fhir", *file, "the NDJSON file to write (created readable by its owner only)")->required();
  exp->callback([&global, &exit_code, file] { exit_code = export_fhir(global, *file); });
}

}  // namespace ward::cli
