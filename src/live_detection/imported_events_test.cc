// Events loaded with `ward import` and then looked at by live detection take the same rules as a
// hunt of their files: the store records each event's format (its logsource) and keeps the
// source fields of security logs. Real samples: Zeek's dns.log of a 2018 capture and squid's
// access.log (../shared/data/zeek_logs, proxy_dns), each with a line written to match, and
// SigmaHQ's rules for `product: zeek, service: dns` and `category: proxy`.
#include <algorithm>
#include <fstream>
#include <tuple>

#include <gtest/gtest.h>

#include "core/file_reader.h"
#include "ingest/import/importer.h"
#include "ingest/json_lines/json_lines_parser.h"
#include "live_detection/alert_records.h"
#include "live_detection/detection_monitor.h"
#include "live_detection/stored_event.h"
#include "testing/shared_data.h"

namespace ward::live_detection {
namespace {

using ward::testing::shared_data;
using ward::testing::TempDir;

std::vector<std::filesystem::path> sigma_rules() {
  return {shared_data("sigma/rules/network/zeek/zeek_dns_torproxy.yml"),
          shared_data("sigma/rules/web/proxy_generic/proxy_download_susp_tlds_blacklist.yml"),
          // `not selection` on Zeek rdp: fires on every event routed to it, so on none here
          shared_data("sigma/rules/network/zeek/zeek_rdp_public_listener.yml")};
}

sigma::RuleSet load_rules(const std::vector<std::filesystem::path>& files = sigma_rules()) {
  auto set = sigma::load_rule_set(files);
  EXPECT_TRUE(set) << set.error().describe();
  if (!set) return {};
  EXPECT_EQ(set->compiled, set->files);
  return std::move(*set);
}

std::string text_of(const std::filesystem::path& p) {
  auto bytes = read_input_file(p);
  EXPECT_TRUE(bytes) << bytes.error().describe();
  return bytes ? std::string(bytes->view()) : std::string();
}

// The input files: the real logs as published, and a Tor2web query and an .exe download from a
// .xyz host, each in a file of the same format.
std::vector<std::filesystem::path> write_inputs(const TempDir& dir) {
  const std::string dns = text_of(shared_data("zeek_logs/zeek-default/dns.log.gz"));
  std::size_t header_end = 0;
  while (header_end < dns.size() && dns[header_end] == '#') header_end = dns.find('\n', header_end) + 1;
  std::ofstream(dir.path() / "tor-dns.log")
      << dns.substr(0, header_end)
      << "1521911721.100000\tCq9x2b3mF3det3eDV9\t10.47.1.100\t41773\t10.0.0.100\t53\tudp\t36330\t0.000870\t"
         "hiddenwiki.onion.to\t1\tC_INTERNET\t1\tA\t0\tNOERROR\tF\tF\tT\tT\t0\t-\t-\tF\n";
  std::ofstream(dir.path() / "access.log")
      << text_of(shared_data("proxy_dns/squid_access.log"))
      << "1677971741.901    321 192.168.1.100 TCP_MISS/200 4096 GET http://cdn.update-check.xyz/files/setup.exe"
         " user1 HIER_DIRECT/203.0.113.9 application/octet-stream\n";
  return {shared_data("zeek_logs/zeek-default/dns.log.gz"), dir.path() / "tor-dns.log", dir.path() / "access.log"};
}

// What must agree between a hunt's match and a live alert: the rule, the input, the event's
// time and host, and the fields that matched.
using Seen = std::tuple<std::string, std::string, TimeNs, std::string, std::string>;
Seen seen(const store::AlertRecord& a) { return {a.rule_id, a.source, a.event_time, a.host, a.matched}; }

std::vector<Seen> hunted(const std::vector<std::filesystem::path>& files,
                         const std::vector<std::filesystem::path>& rule_files = sigma_rules()) {
  sigma::RuleSet rules = load_rules(rule_files);
  std::vector<Seen> out;
  sigma::hunt(rules.rules, files,
              [&](const sigma::HuntMatch& m) { out.push_back(seen(alert_from_match(m, 0))); },
              [](const Error& e) { ADD_FAILURE() << e.describe(); });
  std::sort(out.begin(), out.end());
  return out;
}

// `ward serve` once on a fresh store (live detection then goes on from where it stopped), `ward
// import` of `files`, `ward serve` again: what the monitor saw and alerted.
struct LiveRun {
  ingest::ImportSummary imported;
  DetectionMonitor::Status status;
  std::uint64_t stored_events = 0;
  std::vector<Seen> alerts;         // sorted
  std::vector<std::string> titles;  // of the alerts' rules
};

LiveRun run_live(const std::vector<std::filesystem::path>& files, const std::vector<std::filesystem::path>& rule_files,
                 const ingest::ImportOptions& import) {
  LiveRun run;
  TempDir data;
  auto opened = store::open_sqlite_store(data.path());
  EXPECT_TRUE(opened) << opened.error().describe();
  if (!opened) return run;
  store::Store& store = **opened;
  {
    DetectionMonitor first(store, load_rules(rule_files));
    EXPECT_TRUE(first.start());
    first.wait_until_idle();
  }
  auto imported = ingest::import_paths(files, store, import);
  EXPECT_TRUE(imported) << imported.error().describe();
  if (!imported) return run;
  for (const auto& report : *imported) {
    EXPECT_FALSE(report.failure) << report.failure->describe();
    run.imported.merge(report.summary);
  }
  DetectionMonitor monitor(store, load_rules(rule_files));
  EXPECT_TRUE(monitor.start());
  monitor.wait_until_idle();
  run.status = monitor.status();
  auto counts = store.counts();
  EXPECT_TRUE(counts);
  if (counts) run.stored_events = counts->events;
  store::AlertQuery query;
  query.limit = 10'000;
  auto alerts = store.alerts(query);
  EXPECT_TRUE(alerts) << alerts.error().describe();
  if (!alerts) return run;
  for (const auto& a : *alerts) {
    run.alerts.push_back(seen(a));
    run.titles.push_back(a.rule_title);
  }
  std::sort(run.alerts.begin(), run.alerts.end());
  return run;
}

bool has(const std::vector<std::string>& titles, std::string_view title) {
  return std::find(titles.begin(), titles.end(), title) != titles.end();
}

TEST(ImportedEvents, TakeTheRulesOfTheirLogsourceLiveWithTheMatchesOfAHunt) {
  TempDir inputs;
  const auto files = write_inputs(inputs);
  // `ward import` with its default options, as the command runs it.
  const LiveRun run = run_live(files, sigma_rules(), ingest::ImportOptions{});
  EXPECT_EQ(run.status.last_error, "");
  EXPECT_EQ(run.status.events_failed, 0u);
  EXPECT_EQ(run.status.events_scanned, run.stored_events) << "every imported event is looked at";
  const std::vector<Seen> expected = hunted(files);
  ASSERT_GE(expected.size(), 2u) << "the Tor2web query and the .exe download at least";
  EXPECT_EQ(run.alerts, expected);
  EXPECT_TRUE(has(run.titles, "DNS TOR Proxies"));
  EXPECT_TRUE(has(run.titles, "Download From Suspicious TLD - Blacklist"));
}

// SigmaHQ's regression events for three Windows rules (Sysmon process creations and file
// events, several per file), compacted one per line, and an evtx_dump export of a Security 4688
// event (Word starting an .exe from a user's folder), which takes a process_creation rule under
// Sysmon's field names through the default event field mappings.
constexpr std::string_view kRegression = "sigma/regression_data/rules/windows/";
constexpr std::string_view kWordStartsExe =
    R"({"Event":{"System":{"Provider":{"#attributes":{"Name":"Microsoft-Windows-Security-Auditing"}},"EventID":4688,)"
    R"("Channel":"Security","Computer":"ward-ws-12.hospital.example","TimeCreated":{"#attributes":{"SystemTime":)"
    R"("2026-11-30T09:12:44.512Z"}}},"EventData":{"SubjectUserName":"jdoe","NewProcessName":)"
    R"("C:\\Users\\jdoe\\AppData\\Local\\Temp\\invoice.exe","ParentProcessName":)"
    R"("C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE"}}})";

std::vector<std::filesystem::path> windows_rules() {
  return {shared_data("sigma/rules/windows/process_creation/proc_creation_win_reg_system_restore_modification.yml"),
          shared_data("sigma/rules/windows/process_creation/proc_creation_win_findstr_recon_everyone.yml"),
          shared_data("sigma/rules/windows/file/file_event/file_event_win_hktl_netexec_file_indicators.yml"),
          shared_data("sigma/rules/windows/process_creation/proc_creation_win_office_spawn_exe_from_users_directory.yml")};
}

std::filesystem::path write_windows_events(const TempDir& dir) {
  const auto file = dir.path() / "windows.jsonl";
  std::ofstream out(file);
  for (std::string_view events :
       {"process_creation/proc_creation_win_reg_system_restore_modification/7c06ab9b-b1d2-4ba9-b06e-09491ded20d9.json",
        "process_creation/proc_creation_win_findstr_recon_everyone/47e4bab7-c626-47dc-967b-255608c9a920.json",
        "file/file_event/file_event_win_hktl_netexec_file_indicators/efc21479-9e83-41da-8cf1-122e06ba8db3.json"})
    out << ward::testing::as_json_lines(shared_data(std::string(kRegression) + std::string(events)));
  out << kWordStartsExe << "\n";
  return file;
}

TEST(ImportedEvents, JsonLinesTakeTheRulesLiveWithTheMatchesOfAHuntOfTheirFile) {
  TempDir inputs;
  const auto file = write_windows_events(inputs);
  ingest::ImportOptions import;
  import.format = ingest::InputFormat::json_lines;
  const LiveRun run = run_live({file}, windows_rules(), import);
  EXPECT_EQ(run.imported.rejected(), 0u);
  EXPECT_EQ(run.imported.notes, 0u) << "every event has its SystemTime";
  EXPECT_EQ(run.status.last_error, "");
  EXPECT_EQ(run.status.events_failed, 0u) << run.status.last_event_error;
  EXPECT_EQ(run.status.events_scanned, run.imported.accepted());
  const std::vector<Seen> expected = hunted({file}, windows_rules());
  ASSERT_GE(expected.size(), 4u) << "each rule on its own events at least";
  EXPECT_EQ(run.alerts, expected) << "rule, file, event time, host and matched fields as `ward detect` gives them";
  EXPECT_TRUE(has(run.titles, "Suspicious Binary In User Directory Spawned From Office Application"))
      << "the 4688 event, under Sysmon's names";
}

TEST(ImportedEvents, AJsonLinesEventIsSeenFromItsKeptLineOrItsCoreWhenTheLineIsBad) {
  store::SourcedEventRow stored;
  stored.row.format = EventFormat::json_lines;
  stored.row.source = "windows.jsonl";
  stored.fields = {{std::string(ingest::kJsonLineField), std::string(kWordStartsExe)}};
  StoredEventView view;
  std::string problem;
  const sigma::EventLogSource logsource = view.read(stored, {}, problem);
  EXPECT_EQ(problem, "");
  EXPECT_EQ(logsource.product, "windows");
  EXPECT_EQ(logsource.services, std::vector<std::string>{"security"});
  ASSERT_EQ(view.view().values_of("NewProcessName").size(), 1u) << "a Windows export, by Sigma's names";
  EXPECT_EQ(view.view().values_of("NewProcessName")[0].text, "C:\\Users\\jdoe\\AppData\\Local\\Temp\\invoice.exe");

  stored.fields = {{std::string(ingest::kJsonLineField), "{\"Event\": "}};
  EXPECT_TRUE(view.read(stored, {}, problem).empty());
  EXPECT_NE(problem.find("bad JSON"), std::string::npos) << problem;
  EXPECT_EQ(view.view().values_of("log.file.path").size(), 1u) << "the event core, as for a Ward event";
}

TEST(ImportedEvents, AnEventOfAStoreWithoutFormatsTakesItsFormatFromItsSource) {
  store::EventRow row;
  row.source = "syslog-udp:10.0.0.5:514";
  EXPECT_EQ(stored_event_format(row), "syslog");
  row.kind = EventKind::ehr_access;
  EXPECT_EQ(stored_event_format(row), "atna");
  row.source = "exports/conn.log";
  row.kind = EventKind::network;
  EXPECT_EQ(stored_event_format(row), "") << "an imported file before migration 0013: no logsource";
  row.format = EventFormat::zeek;
  EXPECT_EQ(stored_event_format(row), "zeek");
}

}  // namespace
}  // namespace ward::live_detection
