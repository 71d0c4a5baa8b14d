// `ward vulns cvd add | show | list | update`: coordinated vulnerability disclosure intake — a
// vulnerability reported in a device model or in Ward itself, entered by staff from the
// reporter's report, and its disclosure timeline (docs/devices.md#coordinated-vulnerability-disclosure).
#include <memory>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "cli/cli_audit.h"
#include "cli/commands.h"
#include "core/time.h"
#include "devices/cvd_json.h"
#include "devices/cvd_store.h"
#include "devices/remediation.h"

namespace ward::cli {
namespace {

using namespace ward::devices;

struct CvdOptions {
  CvdReport report;
  std::int64_t id = 0;
  std::string state, format = "text", note;
  // update: the option and the field of the change it fills when given
  std::vector<std::pair<CLI::Option*, std::optional<std::string> CvdChange::*>> change_options;
  std::vector<std::string> values = std::vector<std::string>(16);
};

int cvd_add(const GlobalOptions& global, const CvdOptions& o) {
  auto store = CvdStore::open(global.data_dir);
  if (!store) { print_error(store.error()); return kExitFailure; }
  auto r = store->add(o.report, cli_actor(), now_ns());
  if (!r) { print_error(r.error()); return kExitFailure; }
  fmt::print("CVD report {} received on {}; target disclosure {} ({} days)\n", r->id, r->received_on, r->target_disclosure_on,
             disclosure_clock(*r, today(now_ns())).days_to_disclosure.value_or(0));
  return kExitOk;
}

void print_report(const CvdReport& r, const std::vector<CvdEntry>& timeline) {
  const DisclosureClock clock = disclosure_clock(r, today(now_ns()));
  fmt::print("CVD report {}: {}\n", r.id, r.title.empty() ? r.description.substr(0, 80) : r.title);
  fmt::print("state: {}\nsubject: {}\naffected: {} {} {}\ncve: {}\n", r.state, r.subject, r.vendor, r.product, r.version,
             r.cve.empty() ? "(none yet)" : r.cve);
  fmt::print("reporter: {}\n", r.reporter.empty() && r.reporter_contact.empty()
                                   ? std::string("anonymous")
                                   : fmt::format("{} {}", r.reporter, r.reporter_contact.empty() ? "" : "<" + r.reporter_contact + ">"));
  for (const auto& [name, value] : {std::pair{"received", &r.received_on}, {"acknowledged", &r.acknowledged_on},
                                    {"triaged", &r.triaged_on}, {"vendor notified", &r.vendor_notified_on},
                                    {"fix available", &r.fix_available_on}, {"disclosed", &r.disclosed_on},
                                    {"target disclosure", &r.target_disclosure_on}}) {
    if (!value->empty()) fmt::print("{}: {}\n", name, *value);
  }
  if (clock.days_taken) fmt::print("disclosed {} days after receipt\n", *clock.days_taken);
  if (clock.days_to_disclosure) {
    fmt::print("{}\n", clock.overdue ? fmt::format("disclosure overdue by {} days", -*clock.days_to_disclosure)
                                     : fmt::format("{} days to disclosure", *clock.days_to_disclosure));
  }
  if (!r.description.empty()) fmt::print("description: {}\n", r.description);
  fmt::print("timeline:\n");
  for (const CvdEntry& e : timeline) fmt::print("  {} {} {}: {}\n", format_iso8601(e.at), e.actor, e.event, e.detail);
}

int cvd_show(const GlobalOptions& global, const CvdOptions& o) {
  auto store = CvdStore::open(global.data_dir);
  if (!store) { print_error(store.error()); return kExitFailure; }
  auto r = store->find(o.id);
  if (!r) { print_error(r.error()); return kExitFailure; }
  auto timeline = store->timeline(o.id);
  if (!timeline) { print_error(timeline.error()); return kExitFailure; }
  if (o.format == "json") fmt::print("{}\n", cvd_report_json(*r, today(now_ns()), &*timeline).dump());
  else print_report(*r, *timeline);
  return kExitOk;
}

int list_cvd_reports(const GlobalOptions& global, const CvdOptions& o) {
  auto store = CvdStore::open(global.data_dir);
  if (!store) { print_error(store.error()); return kExitFailure; }
  auto reports = store->list(o.state);
  if (!reports) { print_error(reports.error()); return kExitFailure; }
  const std::string day = today(now_ns());
  if (o.format == "json") {
    for (const CvdReport& r : *reports) fmt::print("{}\n", cvd_report_json(r, day).dump());
    return kExitOk;
  }
  fmt::print("id,state,subject,vendor,product,version,cve,received_on,target_disclosure_on,days_to_disclosure,title\n");
  const auto quoted = [](const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
  };
  for (const CvdReport& r : *reports) {
    const auto days = disclosure_clock(r, day).days_to_disclosure;
    fmt::print("{},{},{},{},{},{},{},{},{},{},{}\n", r.id, r.state, r.subject, quoted(r.vendor), quoted(r.product),
               quoted(r.version), r.cve, r.received_on, r.target_disclosure_on, days ? std::to_string(*days) : "",
               quoted(r.title));
  }
  return kExitOk;
}

int cvd_update(const GlobalOptions& global, const CvdOptions& o) {
  CvdChange change;
  for (std::size_t i = 0; i < o.change_options.size(); ++i) {
    const auto& [option, field] = o.change_options[i];
    if (option->count() > 0) change.*field = o.values[i];
  }
  change.note = o.note;
  auto store = CvdStore::open(global.data_dir);
  if (!store) { print_error(store.error()); return kExitFailure; }
  auto r = store->update(o.id, change, cli_actor(), now_ns());
  if (!r) { print_error(r.error()); return kExitFailure; }
  fmt::print("CVD report {}: {}\n", r->id, r->state);
  return kExitOk;
}

}  // namespace

void add_cvd_commands(CLI::App& vulns, const GlobalOptions& global, int& exit_code) {
  auto o = std::make_shared<CvdOptions>();
  auto* cvd = vulns.add_subcommand("cvd", "coordinated vulnerability disclosure: reported vulnerabilities and their timeline");
  cvd->require_subcommand(1);

  auto* add_cmd = cvd->add_subcommand("add", "record a reported vulnerability (state received)");
  CvdReport& r = o->report;
  add_cmd->add_option("--title", r.title, "a short title (a title or a description is required)");
  add_cmd->add_option("--description", r.description, "what was reported");
  add_cmd->add_option("--subject", r.subject, "device (a device model) or ward (Ward itself)")
      ->check(CLI::IsMember({"device", "ward"}))->capture_default_str();
  add_cmd->add_option("--reporter", r.reporter, "who reported it (leave out for an anonymous report)");
  add_cmd->add_option("--contact", r.reporter_contact, "how to reach the reporter");
  add_cmd->add_option("--vendor", r.vendor, "the affected product's vendor");
  add_cmd->add_option("--product", r.product, "the affected product or model");
  add_cmd->add_option("--version", r.version, "the affected version(s)");
  add_cmd->add_option("--cve", r.cve, "the CVE id, when one is assigned");
  add_cmd->add_option("--received-on", r.received_on, "YYYY-MM-DD (default today)");
  add_cmd->add_option("--target", r.target_disclosure_on, "target public disclosure, YYYY-MM-DD (default 90 days after receipt)");
  add_cmd->callback([&global, &exit_code, o] { exit_code = cvd_add(global, *o); });

  auto* show_cmd = cvd->add_subcommand("show", "one report with its dates, days to disclosure and timeline");
  show_cmd->add_option("id", o->id, "report id")->required();
  show_cmd->add_option("--format", o->format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  show_cmd->callback([&global, &exit_code, o] { exit_code = cvd_show(global, *o); });

  auto* list_cmd = cvd->add_subcommand("list", "reports, newest first");
  list_cmd->add_option("--state", o->state, "only this state, or open (not disclosed, closed or rejected)");
  list_cmd->add_option("--format", o->format, "csv or json (JSON lines)")->check(CLI::IsMember({"csv", "json"}))->default_str("csv");
  list_cmd->callback([&global, &exit_code, o] {
    if (o->format == "text") o->format = "csv";
    exit_code = list_cvd_reports(global, *o);
  });

  auto* update_cmd = cvd->add_subcommand("update", "move a report on (state, dates), correct its details, add a note");
  update_cmd->add_option("id", o->id, "report id")->required();
  const std::pair<const char*, std::optional<std::string> CvdChange::*> fields[] = {
      {"--state", &CvdChange::state}, {"--title", &CvdChange::title}, {"--description", &CvdChange::description},
      {"--cve", &CvdChange::cve}, {"--vendor", &CvdChange::vendor}, {"--product", &CvdChange::product},
      {"--version", &CvdChange::version}, {"--reporter", &CvdChange::reporter}, {"--contact", &CvdChange::reporter_contact},
      {"--received-on", &CvdChange::received_on}, {"--acknowledged-on", &CvdChange::acknowledged_on},
      {"--triaged-on", &CvdChange::triaged_on}, {"--vendor-notified-on", &CvdChange::vendor_notified_on},
      {"--fix-available-on", &CvdChange::fix_available_on}, {"--disclosed-on", &CvdChange::disclosed_on},
      {"--target", &CvdChange::target_disclosure_on}};
  for (std::size_t i = 0; i < std::size(fields); ++i) {
    const std::string help = i == 0 ? fmt::format("the new state: {}", kCvdStates)
                             : i >= 9 && i != 15 ? "YYYY-MM-DD (with the state change that reaches it, or to correct it)"
                                                 : "the new value";
    o->change_options.emplace_back(update_cmd->add_option(fields[i].first, o->values[i], help), fields[i].second);
  }
  update_cmd->add_option("--note", o->note, "a note for the timeline");
  update_cmd->callback([&global, &exit_code, o] { exit_code = cvd_update(global, *o); });
}

}  // namespace ward::cli
