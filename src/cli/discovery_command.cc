// `ward devices discover FILES… [--format text|json|csv] [--all-addresses] [--oui FILE]` and
// `ward devices discovered [--new|--unseen|--conflicts] [--format …]`: passive discovery of
// devices from Zeek logs and ATNA audit messages, reconciled with the CMMS inventory (docs/devices.md#passive-discovery).
// The work is src/discovery's (discovery_run.h); this file parses options and prints.
#include <memory>

#include <fmt/format.h>

#include "cli/discovery_command.h"
#include "core/plural.h"
#include "discovery/discovery_json.h"
#include "discovery/discovery_run.h"

namespace ward::cli {
namespace {

namespace fs = std::filesystem;
using namespace ward::discovery;

struct DiscoveryOptions {
  std::vector<std::string> files;
  std::string format = "text";
  std::string oui = std::string(kDebianOuiCsv);
  bool all_addresses = false, only_new = false, only_unseen = false, only_conflicts = false;
};

std::string render(const std::vector<ReconciledRow>& rows, const std::string& format) {
  if (format == "csv") return rows_csv(rows);
  if (format == "text") return rows_text(rows);
  std::string out;
  for (const ReconciledRow& r : rows) out += row_json(r).dump() + "\n";
  return out;
}

int print_rows(const GlobalOptions& global, const DiscoveryOptions& o) {
  RowFilter filter = RowFilter::all;
  if (o.only_new + o.only_unseen + o.only_conflicts > 1) {
    print_error(Error{ErrorCode::invalid_input, "give one of --new, --unseen and --conflicts"});
    return kExitFailure;
  }
  if (o.only_new) filter = RowFilter::new_devices;
  if (o.only_unseen) filter = RowFilter::unseen;
  if (o.only_conflicts) filter = RowFilter::conflicts;
  auto view = discovered_view(global.data_dir, filter);
  if (!view) { print_error(view.error()); return kExitFailure; }
  fmt::print("{}", render((*view)->rows, o.format));
  return kExitOk;
}

int discover(const GlobalOptions& global, const DiscoveryOptions& o) {
  DiscoverOptions options;
  options.observe.local_only = !o.all_addresses;
  options.oui_file = o.oui;
  auto run = discover_files(global.data_dir, std::vector<fs::path>(o.files.begin(), o.files.end()), options);
  if (!run) { print_error(run.error()); return kExitFailure; }
  for (const Error& e : run->errors) print_error(e);
  for (const Error& e : run->summary.rejected) print_error(e);
  if (!run->oui_note.empty()) fmt::print(stderr, "ward: {}\n", run->oui_note);
  for (const std::string& note : run->summary.notes) fmt::print(stderr, "ward: {}\n", note);
  std::string records;
  std::uint64_t total = 0;
  for (const auto& [type, n] : run->summary.records) {
    records += fmt::format("{}{} {}", records.empty() ? "" : ", ", n, type);
    total += n;
  }
  fmt::print(stderr,
             "{}: {} records ({}), {}; {} observations, {} of public addresses left out; "
             "{} hosts known: {} added, {} updated, {} unchanged, {} folded into their MAC{}\n",
             counted(static_cast<std::int64_t>(o.files.size()), "file", "files"), total,
             records.empty() ? "none" : records, counted(static_cast<std::int64_t>(run->summary.rejected.size()), "bad line", "bad lines"), run->summary.observations,
             run->summary.public_skipped, run->hosts, run->saved.added, run->saved.updated, run->saved.unchanged,
             run->saved.removed, run->dropped > 0 ? fmt::format(" ({} new hosts not kept: the table is full)", run->dropped) : "");
  if (int shown = print_rows(global, o); shown != kExitOk) return shown;
  return run->errors.empty() && run->summary.rejected.empty() ? kExitOk : kExitPartial;
}

void add_format(CLI::App* command, DiscoveryOptions& o) {
  command->add_option("--format", o.format, "text, json (JSON lines) or csv")
      ->check(CLI::IsMember({"text", "json", "csv"}))
      ->capture_default_str();
  command->add_flag("--new", o.only_new, "only hosts seen on the network that the CMMS does not have");
  command->add_flag("--unseen", o.only_unseen, "only CMMS devices never seen on the network");
  command->add_flag("--conflicts", o.only_conflicts, "only matches whose CMMS IP or MAC differs from what was seen");
}

}  // namespace

void add_discovery_commands(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto o = std::make_shared<DiscoveryOptions>();
  CLI::App* devices = app.get_subcommand("devices");
  auto* discover_cmd = devices->add_subcommand(
      "discover", "passive discovery: read Zeek logs (conn, dhcp, dns, http, ssl, known_services, software) and ATNA audit "
                  "messages (DICOM nodes), keep the hosts seen and reconcile them with the inventory");
  discover_cmd->add_option("files", o->files, "Zeek logs (TSV or JSON), ATNA audit messages (XML or syslog), gzip or not")->required();
  discover_cmd->add_flag("--all-addresses", o->all_addresses, "keep hosts with public addresses too");
  discover_cmd->add_option("--oui", o->oui, "IEEE OUI CSV naming MAC vendors (\"\" for none)")->capture_default_str();
  add_format(discover_cmd, *o);
  discover_cmd->callback([&global, &exit_code, o] { exit_code = discover(global, *o); });

  auto* discovered = devices->add_subcommand("discovered", "the hosts discovery has seen, reconciled with the inventory");
  add_format(discovered, *o);
  discovered->callback([&global, &exit_code, o] { exit_code = print_rows(global, *o); });
}

}  // namespace ward::cli
