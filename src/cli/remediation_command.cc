// `ward vulns status DEVICE ADVISORY --state S [--cve CVE] [--evidence T] [--expires YYYY-MM-DD]`,
// `ward vulns worklist [--department D] [--format csv|json] [--all] [--confirmed]`,
// `ward vulns history DEVICE ADVISORY` and `ward vulns epss FILE.csv`: the remediation of the
// findings `ward vulns match` records (docs/devices.md).
#include <memory>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/ward_config.h"
#include "core/file_reader.h"
#include "core/time.h"
#include "devices/device_store.h"
#include "devices/epss_csv.h"
#include "devices/remediation_store.h"
#include "devices/worklist.h"

namespace ward::cli {
namespace {

using namespace ward::devices;

struct RemediationOptions {
  std::string device, advisory, cve, state, evidence, expires;
  std::string department, format = "csv", file;
  bool all = false, confirmed = false;
};

int set_status(const GlobalOptions& global, const RemediationOptions& o) {
  auto state = parse_state(o.state);
  if (!state) { print_error(state.error()); return kExitFailure; }
  auto store = RemediationStore::open(global.data_dir);
  if (!store) { print_error(store.error()); return kExitFailure; }
  auto changed = store->set_state(o.device, o.advisory, o.cve, {*state, o.evidence, o.expires}, "cli", now_ns());
  if (!changed) { print_error(changed.error()); return kExitFailure; }
  for (const TrackedFinding& f : *changed) {
    fmt::print("{} {} {}: {}{}\n", f.device_id, f.advisory_id, f.cve, to_string(f.state),
               f.expires.empty() ? std::string() : " until " + f.expires);
  }
  return kExitOk;
}

int worklist(const GlobalOptions& global, const RemediationOptions& o) {
  auto config = load_config(global.config_file, global.data_dir);
  if (!config) { print_error(config.error()); return kExitFailure; }
  auto devices_store = DeviceStore::open(global.data_dir);
  if (!devices_store) { print_error(devices_store.error()); return kExitFailure; }
  auto devices = devices_store->devices();
  if (!devices) { print_error(devices.error()); return kExitFailure; }
  auto store = RemediationStore::open(global.data_dir);
  if (!store) { print_error(store.error()); return kExitFailure; }
  auto findings = store->findings();
  if (!findings) { print_error(findings.error()); return kExitFailure; }
  auto epss = store->epss();
  if (!epss) { print_error(epss.error()); return kExitFailure; }
  const auto items = build_worklist(*findings, *devices, *epss, config->devices.ssvc, today(now_ns()),
                                    {o.department, o.all, o.confirmed});
  fmt::print("{}", o.format == "json" ? worklist_json_lines(items) : worklist_csv(items));
  return kExitOk;
}

int history(const GlobalOptions& global, const RemediationOptions& o) {
  auto store = RemediationStore::open(global.data_dir);
  if (!store) { print_error(store.error()); return kExitFailure; }
  auto entries = store->history(o.device, o.advisory);
  if (!entries) { print_error(entries.error()); return kExitFailure; }
  if (entries->empty()) {
    print_error(Error{ErrorCode::not_found, fmt::format("device {} has no finding from {}", o.device, o.advisory)});
    return kExitFailure;
  }
  for (const HistoryEntry& e : *entries) {
    fmt::print("{} {} {}{}: {}\n", format_iso8601(e.at_ns), e.cve, e.event, e.actor.empty() ? "" : " by " + e.actor, e.detail);
  }
  return kExitOk;
}

int import_epss(const GlobalOptions& global, const RemediationOptions& o) {
  auto bytes = read_input_file(o.file);
  if (!bytes) { print_error(bytes.error()); return kExitFailure; }
  auto scores = parse_epss_csv(bytes->view(), o.file);
  if (!scores) { print_error(scores.error()); return kExitFailure; }
  auto store = RemediationStore::open(global.data_dir);
  if (!store) { print_error(store.error()); return kExitFailure; }
  auto n = store->put_epss(*scores);
  if (!n) { print_error(n.error()); return kExitFailure; }
  fmt::print("{}: {} EPSS scores\n", o.file, *n);
  return kExitOk;
}

}  // namespace

void add_remediation_commands(CLI::App& vulns, const GlobalOptions& global, int& exit_code) {
  auto o = std::make_shared<RemediationOptions>();
  auto* status = vulns.add_subcommand("status", "set the remediation state of a device's findings from one advisory");
  status->add_option("device", o->device, "device id (asset tag)")->required();
  status->add_option("advisory", o->advisory, "advisory id (ICSMA-…, CISA-KEV)")->required();
  status->add_option("--state", o->state, "open, mitigated, patched or risk_accepted")
      ->required()
      ->check(CLI::IsMember({"open", "mitigated", "patched", "risk_accepted"}));
  status->add_option("--cve", o->cve, "only this CVE of the advisory (default: all of them)");
  status->add_option("--evidence", o->evidence, "what was done and where it is recorded (required but for open)");
  status->add_option("--expires", o->expires, "YYYY-MM-DD: when an accepted risk must be reviewed (risk_accepted only)");
  status->callback([&global, &exit_code, o] { exit_code = set_status(global, *o); });

  auto* list = vulns.add_subcommand("worklist", "findings to remediate, most urgent first (SSVC outcome, then due date)");
  list->add_option("--department", o->department, "only this department's devices");
  list->add_option("--format", o->format, "csv or json (JSON lines)")->check(CLI::IsMember({"csv", "json"}))->capture_default_str();
  list->add_flag("--all", o->all, "every state, not only open findings and expired risk acceptances");
  list->add_flag("--confirmed", o->confirmed, "only confirmed matches (confidence >= 0.7)");
  list->callback([&global, &exit_code, o] { exit_code = worklist(global, *o); });

  auto* hist = vulns.add_subcommand("history", "what happened to a device's findings from one advisory");
  hist->add_option("device", o->device, "device id")->required();
  hist->add_option("advisory", o->advisory, "advisory id")->required();
  hist->callback([&global, &exit_code, o] { exit_code = history(global, *o); });

  auto* epss = vulns.add_subcommand("epss", "import FIRST EPSS scores (epss_scores-YYYY-MM-DD.csv, uncompressed)");
  epss->add_option("file", o->file, "EPSS CSV")->required();
  epss->callback([&global, &exit_code, o] { exit_code = import_epss(global, *o); });
}

}  // namespace ward::cli
