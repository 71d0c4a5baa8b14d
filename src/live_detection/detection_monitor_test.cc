// Live detection on a SQLite store: syslog messages committed as the listener commits them are
// matched by the rules of their logsource and kept as alerts with the rule, level, host and
// matched fields; a restart neither misses nor repeats an event; correlations fire live; a
// reload swaps the rules; an event whose kept fields are damaged does not stop the others.
#include "live_detection/detection_monitor.h"

#include <chrono>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "ingest/syslog_listener/syslog_batch.h"
#include "store/sqlite_db.h"
#include "testing/shared_data.h"

namespace ward::live_detection {
namespace {

using ward::testing::TempDir;

constexpr std::string_view kSudoRule = R"(title: Shell as root through sudo
id: 5b0f1e0c-2d6a-4c55-9a57-6f1d1c1f2a01
level: high
logsource:
    product: linux
    service: sudo
detection:
    selection:
        message|contains: 'COMMAND=/bin/bash'
    condition: selection
)";

constexpr std::string_view kSshRule = R"(title: Root login over SSH
id: 0c4f7e55-8f7e-4a0e-b7c3-1e2f3a4b5c6d
level: medium
logsource:
    product: linux
    service: sshd
detection:
    selection:
        message|contains: 'Accepted password for root'
    condition: selection
)";

constexpr std::string_view kSource = "syslog-tcp:127.0.0.1:5000";

// A folder with one rule file; load_rule_set's result.
sigma::RuleSet rules_from(const TempDir& dir, std::string_view name, std::string_view yaml) {
  std::ofstream(dir.path() / name) << yaml;
  auto set = sigma::load_rule_set({dir.path() / name});
  EXPECT_TRUE(set) << set.error().describe();
  if (!set) return {};
  for (const auto& f : set->failures) ADD_FAILURE() << f.file << ": " << f.reason;
  return std::move(*set);
}

sigma::RuleSet healthcare_rules() {
  auto set = sigma::load_rule_set({"rules/healthcare"});
  EXPECT_TRUE(set) << set.error().describe();
  return set ? std::move(*set) : sigma::RuleSet{};
}

// Commits the messages as the syslog listener does (one batch, source fields kept).
void send(store::Store& store, const std::vector<std::string>& messages) {
  ingest::ParseOptions parse;
  parse.keep_fields = true;
  ingest::SyslogBatch batch(store, std::string(kSource), parse);
  std::uint64_t number = 0;
  for (const std::string& m : messages) {
    ingest::SyslogFrame frame;
    frame.text = m;
    frame.number = ++number;
    batch.add(frame, 64 * 1024);
  }
  auto committed = batch.commit();
  ASSERT_TRUE(committed) << committed.error().describe();
  ASSERT_EQ(committed->accepted, messages.size());
}

std::vector<store::AlertRecord> all_alerts(store::Store& store) {
  auto alerts = store.alerts(store::AlertQuery{});
  EXPECT_TRUE(alerts) << alerts.error().describe();
  return alerts ? *alerts : std::vector<store::AlertRecord>{};
}

std::unique_ptr<store::Store> open_store(const TempDir& dir) {
  auto store = store::open_sqlite_store(dir.path());
  EXPECT_TRUE(store) << store.error().describe();
  return store ? std::move(*store) : nullptr;
}

TEST(DetectionMonitor, KeepsAMatchOfACommittedSyslogMessageAsAnAlert) {
  TempDir dir, rules;
  auto store = open_store(dir);
  ASSERT_TRUE(store);
  DetectionMonitor monitor(*store, rules_from(rules, "sudo.yml", kSudoRule));
  ASSERT_TRUE(monitor.start());
  send(*store, {"<86>1 2026-11-30T10:00:00Z ws-12 sudo - - - jdoe : TTY=pts/0 ; USER=root ; COMMAND=/bin/bash",
                "<86>1 2026-11-30T10:00:05Z ws-12 sudo - - - jdoe : TTY=pts/0 ; USER=root ; COMMAND=/usr/bin/ls",
                // the same text from another program: not the rule's logsource
                "<38>1 2026-11-30T10:00:09Z ws-13 sshd - - - COMMAND=/bin/bash"});
  monitor.wait_until_idle();

  const auto alerts = all_alerts(*store);
  ASSERT_EQ(alerts.size(), 1u);
  const store::AlertRecord& a = alerts.front();
  EXPECT_EQ(a.rule_id, "5b0f1e0c-2d6a-4c55-9a57-6f1d1c1f2a01");
  EXPECT_EQ(a.rule_title, "Shell as root through sudo");
  EXPECT_EQ(a.level, "high");
  EXPECT_EQ(a.kind, "rule");
  EXPECT_EQ(a.host, "ws-12");
  EXPECT_EQ(a.source, kSource);
  EXPECT_EQ(format_iso8601(a.event_time), "2026-11-30T10:00:00Z");
  const auto matched = nlohmann::json::parse(a.matched);
  EXPECT_EQ(matched.value("message", ""), "jdoe : TTY=pts/0 ; USER=root ; COMMAND=/bin/bash");

  const auto status = monitor.status();
  EXPECT_TRUE(status.ready);
  EXPECT_TRUE(status.idle);
  EXPECT_EQ(status.rules, 1u);
  EXPECT_EQ(status.events_scanned, 3u);
  EXPECT_EQ(status.alerts_raised, 1u);
  EXPECT_EQ(status.last_error, "");
  EXPECT_GT(status.max_ms, 0.0);
}

TEST(DetectionMonitor, GoesOnAfterARestartWithoutMissingOrRepeatingAnEvent) {
  TempDir dir, rules;
  {
    auto store = open_store(dir);
    ASSERT_TRUE(store);
    DetectionMonitor monitor(*store, rules_from(rules, "sudo.yml", kSudoRule));
    ASSERT_TRUE(monitor.start());
    send(*store, {"<86>1 2026-11-30T10:00:00Z ws-12 sudo - - - jdoe : COMMAND=/bin/bash"});
    monitor.wait_until_idle();
    ASSERT_EQ(all_alerts(*store).size(), 1u);
  }
  {
    // Ward is down: this arrives through another process (or before the monitor starts).
    auto store = open_store(dir);
    ASSERT_TRUE(store);
    send(*store, {"<86>1 2026-11-30T10:05:00Z ws-14 sudo - - - asmith : COMMAND=/bin/bash"});
  }
  auto store = open_store(dir);
  ASSERT_TRUE(store);
  DetectionMonitor monitor(*store, rules_from(rules, "sudo.yml", kSudoRule));
  ASSERT_TRUE(monitor.start());
  monitor.wait_until_idle();
  const auto alerts = all_alerts(*store);
  ASSERT_EQ(alerts.size(), 2u);
  EXPECT_EQ(alerts[0].host, "ws-14");  // newest first
  EXPECT_EQ(alerts[1].host, "ws-12");
  EXPECT_EQ(monitor.status().events_scanned, 1u);  // only the event it had not seen
}

TEST(DetectionMonitor, FirstStartInAStoreBeginsAfterItsHistory) {
  TempDir dir, rules;
  auto store = open_store(dir);
  ASSERT_TRUE(store);
  send(*store, {"<86>1 2026-11-30T09:00:00Z ws-12 sudo - - - jdoe : COMMAND=/bin/bash"});
  DetectionMonitor monitor(*store, rules_from(rules, "sudo.yml", kSudoRule));
  ASSERT_TRUE(monitor.start());
  send(*store, {"<86>1 2026-11-30T10:00:00Z ws-13 sudo - - - jdoe : COMMAND=/bin/bash"});
  monitor.wait_until_idle();
  const auto alerts = all_alerts(*store);
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].host, "ws-13");
}

// Waits (up to 20 s) until `done` holds; whether it does.
template <class Done>
bool eventually(Done done) {
  for (const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
       std::chrono::steady_clock::now() < deadline; std::this_thread::sleep_for(std::chrono::milliseconds(20)))
    if (done()) return true;
  return done();
}

TEST(DetectionMonitor, FindsEventsAnotherProcessStoredWithoutMissingOrRepeatingOne) {
  TempDir dir, rules;
  auto served = open_store(dir);
  ASSERT_TRUE(served);
  DetectionMonitor monitor(*served, rules_from(rules, "sudo.yml", kSudoRule),
                           {.store_poll_interval = kNsPerSecond / 10});
  ASSERT_TRUE(monitor.start());
  monitor.wait_until_idle();
  // `ward import` in another process: its commits are told to no listener of this one.
  auto importer = open_store(dir);
  ASSERT_TRUE(importer);
  send(*importer, {"<86>1 2026-11-30T10:00:00Z ws-12 sudo - - - jdoe : COMMAND=/bin/bash",
                   "<86>1 2026-11-30T10:00:01Z ws-12 sudo - - - jdoe : COMMAND=/usr/bin/ls"});
  ASSERT_TRUE(eventually([&] { return monitor.status().events_scanned == 2; })) << monitor.status().events_scanned;
  ASSERT_EQ(all_alerts(*served).size(), 1u);
  // Commits of its own and of the other process, interleaved: each event looked at once.
  send(*served, {"<86>1 2026-11-30T10:01:00Z ws-13 sudo - - - asmith : COMMAND=/bin/bash"});
  send(*importer, {"<86>1 2026-11-30T10:02:00Z ws-14 sudo - - - bwong : COMMAND=/bin/bash"});
  send(*served, {"<86>1 2026-11-30T10:03:00Z ws-15 sudo - - - cdiaz : COMMAND=/usr/bin/id"});
  ASSERT_TRUE(eventually([&] { return monitor.status().events_scanned >= 5; }));
  monitor.wait_until_idle();
  const auto alerts = all_alerts(*served);
  ASSERT_EQ(alerts.size(), 3u);
  EXPECT_EQ(alerts[0].host, "ws-14");  // newest first
  EXPECT_EQ(alerts[1].host, "ws-13");
  EXPECT_EQ(alerts[2].host, "ws-12");
  const auto status = monitor.status();
  EXPECT_EQ(status.events_scanned, 5u) << "no event looked at twice";
  EXPECT_EQ(status.alerts_raised, 3u);
  EXPECT_EQ(status.last_error, "");
}

TEST(DetectionMonitor, RaisesTheShippedSshPasswordGuessingCorrelationLive) {
  TempDir dir;
  auto store = open_store(dir);
  ASSERT_TRUE(store);
  DetectionMonitor monitor(*store, healthcare_rules());
  ASSERT_TRUE(monitor.start());
  // Nine failures in separate commits: below the threshold of ten, and the failures alone are
  // not shown (only the correlation uses their rule).
  for (int i = 0; i < 9; ++i)
    send(*store, {fmt::format("<38>1 2026-11-30T10:00:{:02}Z pacs01 sshd 4242 - - Failed password for root from "
                              "203.0.113.9 port {} ssh2", i * 5, 40000 + i)});
  monitor.wait_until_idle();
  EXPECT_EQ(all_alerts(*store).size(), 0u);
  send(*store, {"<38>1 2026-11-30T10:00:45Z pacs01 sshd 4242 - - Failed password for root from 203.0.113.9 port "
                "40009 ssh2"});
  monitor.wait_until_idle();
  const auto alerts = all_alerts(*store);
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].kind, "correlation");
  EXPECT_EQ(alerts[0].rule_title, "SSH Password Guessing");
  EXPECT_EQ(alerts[0].level, "high");
  const auto matched = nlohmann::json::parse(alerts[0].matched);
  EXPECT_EQ(matched.value("hostname", ""), "pacs01");
  EXPECT_EQ(matched.value("count", ""), "10");
}

// `n` failed SSH logins on `host`, seconds `from`, `from + 5`… past 10:00.
std::vector<std::string> ssh_failures(std::string_view host, int n, int from = 0) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i)
    out.push_back(fmt::format("<38>1 2026-11-30T10:00:{:02}Z {} sshd 4242 - - Failed password for root from "
                              "203.0.113.9 port {} ssh2", from + i * 5, host, 40000 + i));
  return out;
}

TEST(DetectionMonitor, StoresOneStateCapAlertWhenACorrelationDropsGroups) {
  TempDir dir;
  auto store = open_store(dir);
  ASSERT_TRUE(store);
  DetectionMonitor monitor(*store, healthcare_rules(), {.correlation = {.max_groups = 1}});
  ASSERT_TRUE(monitor.start());
  send(*store, ssh_failures("pacs01", 2));
  send(*store, ssh_failures("pacs02", 2, 10));  // pacs01's group is dropped
  send(*store, ssh_failures("pacs03", 2, 20));  // and pacs02's: the same crossing
  monitor.wait_until_idle();
  const auto alerts = all_alerts(*store);
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].rule_id, sigma::kStateCapRuleId);
  EXPECT_EQ(alerts[0].rule_title, "Correlation state cap reached: SSH Password Guessing");
  EXPECT_EQ(alerts[0].level, "high");
  const auto matched = nlohmann::json::parse(alerts[0].matched);
  EXPECT_EQ(matched.value("max_groups", ""), "1");
  EXPECT_EQ(matched.value("groups_dropped", ""), "1");
}

TEST(DetectionMonitor, WithALatenessBoundHeldMatchesGoOnOnceTheStreamIsQuiet) {
  TempDir dir;
  auto store = open_store(dir);
  ASSERT_TRUE(store);
  DetectionMonitor monitor(*store, healthcare_rules(), {.correlation = {.lateness = kNsPerSecond / 2}});
  ASSERT_TRUE(monitor.start());
  send(*store, ssh_failures("pacs01", 10));
  monitor.wait_until_idle();
  // The tenth failure waits for half a second of event time after it, or of quiet: no later event comes.
  std::vector<store::AlertRecord> alerts;
  for (const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
       alerts.empty() && std::chrono::steady_clock::now() < deadline;
       std::this_thread::sleep_for(std::chrono::milliseconds(20)))
    alerts = all_alerts(*store);
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].rule_title, "SSH Password Guessing");
  EXPECT_EQ(nlohmann::json::parse(alerts[0].matched).value("count", ""), "10");
}

TEST(DetectionMonitor, ReloadSwapsTheRulesForTheEventsAfterIt) {
  TempDir dir, rules;
  auto store = open_store(dir);
  ASSERT_TRUE(store);
  DetectionMonitor monitor(*store, rules_from(rules, "sudo.yml", kSudoRule));
  ASSERT_TRUE(monitor.start());
  monitor.reload(rules_from(rules, "ssh.yml", kSshRule));
  monitor.wait_until_idle();
  send(*store, {"<86>1 2026-11-30T10:00:00Z ws-12 sudo - - - jdoe : COMMAND=/bin/bash",
                "<38>1 2026-11-30T10:00:01Z ws-12 sshd - - - Accepted password for root from 10.0.0.5"});
  monitor.wait_until_idle();
  const auto alerts = all_alerts(*store);
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].rule_title, "Root login over SSH");
  EXPECT_EQ(monitor.status().reloads, 1u);
  EXPECT_EQ(monitor.status().rules, 1u);
}

TEST(DetectionMonitor, GoesOnPastAnEventWhoseKeptFieldsAreDamaged) {
  TempDir dir, rules;
  auto store = open_store(dir);
  ASSERT_TRUE(store);
  {  // a first start, so that the next one looks at what comes after it
    DetectionMonitor monitor(*store, rules_from(rules, "sudo.yml", kSudoRule));
    ASSERT_TRUE(monitor.start());
    monitor.wait_until_idle();
  }
  // Ward is down: three messages arrive, and the fields kept for the second are damaged.
  send(*store, {"<86>1 2026-11-30T10:00:00Z ws-12 sudo - - - jdoe : COMMAND=/bin/bash",
                "<86>1 2026-11-30T10:00:01Z ws-13 sudo - - - jdoe : COMMAND=/bin/bash",
                "<86>1 2026-11-30T10:00:02Z ws-14 sudo - - - jdoe : COMMAND=/bin/bash"});
  std::int64_t damaged = 0;
  {
    auto db = store::Db::open(dir.path() / "ward.db");
    ASSERT_TRUE(db) << db.error().describe();
    auto second = db->prepare("SELECT seq FROM event_source_fields ORDER BY seq LIMIT 1 OFFSET 1");
    ASSERT_TRUE(second);
    auto row = second->step();
    ASSERT_TRUE(row && *row);
    damaged = second->column_int(0);
    ASSERT_TRUE(db->exec(fmt::format("UPDATE event_source_fields SET fields = X'3939393a' WHERE seq = {}", damaged)));
  }
  DetectionMonitor monitor(*store, rules_from(rules, "sudo.yml", kSudoRule));
  ASSERT_TRUE(monitor.start());
  monitor.wait_until_idle();

  // The other two are alerted; the damaged one is looked at without its fields (its program name
  // is one of them, so it is not routed to the sudo rule), counted and named.
  const auto alerts = all_alerts(*store);
  ASSERT_EQ(alerts.size(), 2u);
  EXPECT_EQ(alerts[0].host, "ws-14");
  EXPECT_EQ(alerts[1].host, "ws-12");
  const auto status = monitor.status();
  EXPECT_EQ(status.events_scanned, 3u);
  EXPECT_EQ(status.events_failed, 1u);
  EXPECT_EQ(status.last_event_error,
            fmt::format("event {}: the source fields kept for event {} are damaged", damaged, damaged));
  EXPECT_EQ(status.last_error, "");
  EXPECT_EQ(status.last_seq, damaged + 1);

  // And it goes on with what comes next.
  send(*store, {"<86>1 2026-11-30T10:00:03Z ws-15 sudo - - - jdoe : COMMAND=/bin/bash"});
  monitor.wait_until_idle();
  EXPECT_EQ(all_alerts(*store).size(), 3u);
}

// `ward serve` started with no rule at all: the monitor keeps up with the store without matching
// anything, and a rule given later (uploaded over the API) matches the events after it.
TEST(DetectionMonitor, StartedWithoutRulesKeepsUpAndARuleGivenLaterMatchesWhatFollows) {
  TempDir dir, rules;
  auto store = open_store(dir);
  ASSERT_TRUE(store);
  DetectionMonitor monitor(*store, sigma::RuleSet{});
  ASSERT_TRUE(monitor.start());
  send(*store, {"<86>1 2026-11-30T10:00:00Z ws-12 sudo - - - jdoe : COMMAND=/bin/bash"});
  monitor.wait_until_idle();
  EXPECT_EQ(all_alerts(*store).size(), 0u);
  auto status = monitor.status();
  EXPECT_EQ(status.rules, 0u);
  EXPECT_EQ(status.last_seq, 1);  // passed over, so the rule below does not see it
  EXPECT_EQ(status.last_error, "");

  monitor.reload(rules_from(rules, "sudo.yml", kSudoRule));
  monitor.wait_until_idle();
  send(*store, {"<86>1 2026-11-30T10:01:00Z ws-13 sudo - - - jdoe : COMMAND=/bin/bash"});
  monitor.wait_until_idle();
  const auto alerts = all_alerts(*store);
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].host, "ws-13");
  status = monitor.status();
  EXPECT_EQ(status.rules, 1u);
  EXPECT_EQ(status.events_scanned, 1u);
  EXPECT_EQ(status.alerts_raised, 1u);
}

}  // namespace
}  // namespace ward::live_detection
