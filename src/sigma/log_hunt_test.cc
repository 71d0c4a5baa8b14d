// `ward detect` over Ward's log formats: SigmaHQ rules for proxies, Zeek and Linux on the
// events of the squid, Zeek and syslog parsers, with logsource routing and field mappings.
// Real samples from ../shared/data (proxy_dns, zeek_logs) plus a line written to match.
#include <fstream>

#include <gtest/gtest.h>

#include "core/file_reader.h"
#include "sigma/hunt.h"
#include "testing/shared_data.h"

namespace ward::sigma {
namespace {

// What a hunt reported; match.rule is cleared (the rules are gone after hunt_with).
struct Run {
  HuntSummary summary;
  std::vector<HuntMatch> matches;
  std::vector<std::string> match_titles;
  std::vector<std::string> errors;
  std::vector<std::string> titles() const { return match_titles; }
};

Run hunt_with(const std::vector<std::filesystem::path>& rule_files, const std::filesystem::path& events,
              HuntOptions options = {}) {
  Run run;
  auto set = load_rule_set(rule_files);
  EXPECT_TRUE(set.has_value()) << set.error().describe();
  if (!set) return run;
  EXPECT_EQ(set->compiled, set->files);
  RuleRouter router(set->rules, set->filters);
  run.summary = hunt(router, {events}, options,
                     [&](const HuntMatch& m) {
                       run.match_titles.push_back(m.rule->rule().title);
                       run.matches.push_back(m);
                       run.matches.back().rule = nullptr;
                     },
                     [&](const Error& e) { run.errors.push_back(e.describe()); });
  return run;
}

std::filesystem::path sigma_rule(std::string_view relative) {
  return ward::testing::shared_data("sigma/rules/" + std::string(relative));
}

std::string file_text(const std::filesystem::path& p) {
  auto bytes = read_input_file(p);
  EXPECT_TRUE(bytes.has_value()) << bytes.error().describe();
  return bytes ? std::string(bytes->view()) : std::string();
}

std::string matched(const HuntMatch& m) {
  std::string out;
  for (const auto& f : m.fields) out += f.field + "=" + f.value + " ";
  return out;
}

TEST(LogHunt, ASigmaHqProxyRuleFiresOnASquidLineThroughTheFieldMapping) {
  ward::testing::TempDir dir;
  const auto log = dir.path() / "access.log";
  // The real squid sample, then a download of an .exe from a .xyz host.
  std::ofstream(log) << file_text(ward::testing::shared_data("proxy_dns/squid_access.log"))
                     << "1677971741.901    321 192.168.1.100 TCP_MISS/200 4096 GET http://cdn.update-check.xyz/files/setup.exe"
                        " user1 HIER_DIRECT/203.0.113.9 application/octet-stream\n";
  const auto run = hunt_with({sigma_rule("web/proxy_generic/proxy_download_susp_tlds_blacklist.yml")}, log);
  EXPECT_TRUE(run.errors.empty()) << run.errors.front();
  EXPECT_EQ(run.summary.events, 9u) << "auto-detected as squid";
  ASSERT_EQ(run.matches.size(), 1u);
  EXPECT_EQ(run.matches[0].event_index, 9u);
  EXPECT_TRUE(run.matches[0].time.starts_with("2023-03-04T23:15:41.901")) << run.matches[0].time;
  const std::string fields = matched(run.matches[0]);
  EXPECT_NE(fields.find("url.extension=exe"), std::string::npos) << fields;
  EXPECT_NE(fields.find("url.domain=cdn.update-check.xyz"), std::string::npos) << fields;
}

TEST(LogHunt, TheSquidSampleTakesNoZeekRuleEvenANegationOnlyOne) {
  // "Publicly Accessible RDP Service" is `not selection` on id.orig_h: without routing it fired
  // on every squid line (they have no id.orig_h).
  const auto run = hunt_with({sigma_rule("network/zeek/zeek_rdp_public_listener.yml")},
                             ward::testing::shared_data("proxy_dns/squid_access.log"), HuntOptions{.format = "squid"});
  EXPECT_EQ(run.summary.events, 8u);
  EXPECT_TRUE(run.matches.empty()) << run.matches.size() << " matches";
}

TEST(LogHunt, TheConfigSetsTheLogsourceOfAFormatsEvents) {
  ward::testing::TempDir rules;
  std::ofstream(rules.path() / "r.yml") << "title: squid denied\nlogsource:\n  product: squid\n  category: proxy\n"
                                           "detection:\n  sel:\n    code: TCP_DENIED\n  condition: sel\n";
  const auto log = ward::testing::shared_data("proxy_dns/squid_access.log");
  EXPECT_TRUE(hunt_with({rules.path()}, log).matches.empty()) << "by default squid lines have no product";
  HuntOptions options;
  options.format_logsources["squid"] = parse_logsource("product:squid").value();
  const auto run = hunt_with({rules.path()}, log, options);
  ASSERT_EQ(run.matches.size(), 1u) << "product added, category proxy kept";
  EXPECT_EQ(run.matches[0].event_index, 6u);
}

TEST(LogHunt, ASigmaHqZeekDnsRuleFiresOnAZeekDnsLog) {
  // The header and first two records of the real dns.log, then a query for a Tor2web name.
  const std::string real = file_text(ward::testing::shared_data("zeek_logs/zeek-default/dns.log.gz"));
  std::string head;
  std::size_t pos = 0;
  for (int line = 0; line < 10; ++line) pos = real.find('\n', pos) + 1;
  head = real.substr(0, pos);
  ward::testing::TempDir dir;
  const auto log = dir.path() / "dns.log";
  std::ofstream(log) << head
                     << "1521911721.100000\tCq9x2b3mF3det3eDV9\t10.47.1.100\t41773\t10.0.0.100\t53\tudp\t36330\t0.000870\t"
                        "hiddenwiki.onion.to\t1\tC_INTERNET\t1\tA\t0\tNOERROR\tF\tF\tT\tT\t0\t-\t-\tF\n";
  const auto run = hunt_with({sigma_rule("network/zeek/zeek_dns_torproxy.yml"),
                              sigma_rule("network/zeek/zeek_rdp_public_listener.yml")},
                             log);
  EXPECT_TRUE(run.errors.empty()) << run.errors.front();
  EXPECT_EQ(run.summary.events, 3u);
  ASSERT_EQ(run.titles(), std::vector<std::string>{"DNS TOR Proxies"});
  EXPECT_EQ(run.matches[0].event_index, 3u);
  EXPECT_EQ(matched(run.matches[0]), "query=hiddenwiki.onion.to ");
}

TEST(LogHunt, SigmaHqDnsRulesFireOnABindQueryLog) {
  ward::testing::TempDir dir;
  const auto log = dir.path() / "query.log";
  std::ofstream(log) << "24-Mar-2018 08:59:37.123 client @0x7f8b1c0a8b20 10.0.0.1#53124 (example.com): query: example.com IN A +E(0)K (10.0.0.53)\n"
                     << "24-Mar-2018 08:59:38.456 client @0x7f8b1c0a8b20 10.0.0.9#53125 (api.telegram.org): query: api.telegram.org IN TXT +E(0)K (10.0.0.53)\n";
  ward::testing::TempDir rules;
  std::ofstream(rules.path() / "txt.yml") << "title: TXT query\nlogsource:\n  category: dns\n"
                                             "detection:\n  sel:\n    record_type: TXT\n  condition: sel\n";
  const auto run = hunt_with({sigma_rule("network/dns/net_dns_susp_telegram_api.yml"), rules.path()}, log);
  EXPECT_TRUE(run.errors.empty()) << run.errors.front();
  EXPECT_EQ(run.summary.events, 2u) << "auto-detected as a BIND query log";
  ASSERT_EQ(run.titles(), (std::vector<std::string>{"Telegram Bot API Request", "TXT query"}));
  EXPECT_EQ(run.matches[0].event_index, 2u);
  EXPECT_EQ(matched(run.matches[1]), "qtype=TXT ") << "record_type is the parser's qtype";
}

TEST(LogHunt, ALinuxSshdRuleFiresOnASyslogLineOfSshdOnly) {
  ward::testing::TempDir dir;
  const auto log = dir.path() / "auth.log";
  std::ofstream(log) << "<38>Nov 30 03:10:01 gw1 sshd[812]: error: Corrupted MAC on input.\n"
                     << "<38>Nov 30 03:10:02 gw1 login[813]: error: Corrupted MAC on input.\n";
  HuntOptions options{.format = "syslog"};
  const auto run = hunt_with({sigma_rule("linux/builtin/sshd/lnx_sshd_susp_ssh.yml")}, log, options);
  EXPECT_TRUE(run.errors.empty()) << run.errors.front();
  EXPECT_EQ(run.summary.events, 2u);
  ASSERT_EQ(run.matches.size(), 1u) << "the login line is not service sshd";
  EXPECT_EQ(run.matches[0].event_index, 1u);
}

TEST(LogHunt, AWardRuleSeesAFhirAuditEventUnderEcsNames) {
  ward::testing::TempDir rules;
  std::ofstream(rules.path() / "ehr.yml") << "title: Patient record read by a person\nlogsource:\n  product: ward\n"
                                             "  category: ehr_access\ndetection:\n  sel:\n    event.action: read\n"
                                             "    patient.id: example\n    user.name: Grahame Grieve\n  condition: sel\n";
  std::ofstream(rules.path() / "proxy.yml") << "title: any proxy\nlogsource:\n  category: proxy\n"
                                               "detection:\n  sel:\n    url|exists: false\n  condition: sel\n";
  const auto run = hunt_with({rules.path()}, ward::testing::shared_data("fhir/r4_examples/audit-event-example-vread.json"));
  EXPECT_TRUE(run.errors.empty()) << run.errors.front();
  EXPECT_EQ(run.summary.events, 1u);
  ASSERT_EQ(run.titles(), std::vector<std::string>{"Patient record read by a person"}) << "the proxy rule is not routed here";
  EXPECT_EQ(matched(run.matches[0]), "event.action=read patient.id=example user.name=Grahame Grieve ");
  EXPECT_EQ(run.matches[0].time, "2013-06-20T23:42:24Z");
}

TEST(LogHunt, AnEhrAccessCsvRowTakesWardRules) {
  ward::testing::TempDir dir;
  const auto csv = dir.path() / "access.csv";
  std::ofstream(csv) << "timestamp,user_id,user_name,role,patient_mrn,action\n"
                     << "2024-03-01T10:20:30Z,u17,Dana Reyes,nurse,MRN-1001,view\n"
                     << "2024-03-01T10:21:00Z,u17,Dana Reyes,nurse,MRN-1001,export\n";
  ward::testing::TempDir rules;
  std::ofstream(rules.path() / "export.yml") << "title: Chart exported by a nurse\nlogsource:\n  product: ward\n"
                                                "  category: ehr_access\ndetection:\n  sel:\n    event.action: export\n"
                                                "    user.roles: nurse\n  condition: sel\n";
  const auto run = hunt_with({rules.path()}, csv);
  EXPECT_TRUE(run.errors.empty()) << run.errors.front();
  EXPECT_EQ(run.summary.events, 2u) << "auto-detected as csv-access";
  ASSERT_EQ(run.matches.size(), 1u);
  EXPECT_EQ(run.matches[0].event_index, 2u);
  EXPECT_EQ(matched(run.matches[0]), "event.action=export user.roles=nurse ");
}

TEST(LogHunt, TheLogsourceFlagRoutesPlainJson) {
  ward::testing::TempDir dir;
  const auto events = dir.path() / "events.jsonl";
  std::ofstream(events) << R"({"Image": "C:\\Windows\\System32\\whoami.exe", "CommandLine": "whoami /all"})" "\n";
  ward::testing::TempDir rules;
  std::ofstream(rules.path() / "r.yml") << "title: whoami\nlogsource:\n  product: windows\n  category: process_creation\n"
                                           "detection:\n  sel:\n    Image|endswith: '\\whoami.exe'\n  condition: sel\n";
  EXPECT_TRUE(hunt_with({rules.path()}, events).matches.empty()) << "plain JSON has no logsource of its own";
  const auto run = hunt_with({rules.path()}, events,
                             HuntOptions{.logsource = parse_logsource("product:windows,category:process_creation").value()});
  EXPECT_EQ(run.matches.size(), 1u);
}

TEST(LogHunt, AFileOfNoKnownFormatIsReportedAndTheHuntGoesOn) {
  ward::testing::TempDir dir;
  const auto notes = dir.path() / "notes.txt";
  std::ofstream(notes) << "just some words\n";
  const auto run = hunt_with({sigma_rule("network/zeek/zeek_dns_torproxy.yml")}, notes);
  EXPECT_EQ(run.summary.unreadable_files, 1u);
  ASSERT_EQ(run.errors.size(), 1u);
  EXPECT_NE(run.errors[0].find("notes.txt"), std::string::npos) << run.errors[0];
  EXPECT_NE(run.errors[0].find("format not recognised"), std::string::npos) << run.errors[0];

  HuntOptions from_folder;
  from_folder.found_in_folders = {notes};
  const auto quiet = hunt_with({sigma_rule("network/zeek/zeek_dns_torproxy.yml")}, notes, from_folder);
  EXPECT_TRUE(quiet.errors.empty()) << "a file found in a folder is passed over";
  EXPECT_EQ(quiet.summary.passed_over, 1u);
  EXPECT_EQ(quiet.summary.unreadable_files, 0u);
}

}  // namespace
}  // namespace ward::sigma
