// The correlation engine: each type with the specification's examples, windows at their edges,
// out-of-order matches, aliases, nested correlations, limits; and correlation in a hunt.
#include "sigma/correlation_engine.h"

#include <fstream>

#include <gtest/gtest.h>

#include "core/time.h"
#include "sigma/correlation_testing.h"

#include "sigma/correlation_hunt.h"
#include "sigma/json_events.h"
#include "sigma/rule_set.h"
#include "testing/shared_data.h"

namespace ward::sigma {
namespace {

using testing::Correlator;
using testing::kT0;

constexpr std::string_view kFailedLogin =
    "title: Failed login\nid: 5638f7c0-ac70-491d-8465-2a65075e0d86\nname: failed_login\n"
    "detection:\n  s:\n    EventID: 4625\n  condition: s\n";

TEST(CorrelationEngine, EventCountFiresAtTheMatchThatReachesTheCountWithinTheTimespan) {
  // The specification's "Many failed logins" example, with 5 instead of 100.
  Correlator c(std::string(kFailedLogin) +
               "---\ntitle: Many failed logins\nid: 0e95725d-7320-415d-80f7-004da920fc11\nlevel: high\n"
               "correlation:\n  type: event_count\n  rules: [5638f7c0-ac70-491d-8465-2a65075e0d86]\n"
               "  group-by: [ComputerName]\n  timespan: 1h\n  condition:\n    gte: 5\n");
  for (int i = 0; i < 4; ++i) c.event(i * kNsPerMinute, R"({"EventID": 4625, "ComputerName": "ws1"})");
  c.event(5 * kNsPerMinute, R"({"EventID": 4624, "ComputerName": "ws1"})");  // a success: not counted
  for (int i = 0; i < 4; ++i) c.event(i * kNsPerMinute, R"({"EventID": 4625, "ComputerName": "ws2"})");
  EXPECT_TRUE(c.alerts.empty());
  c.event(59 * kNsPerMinute, R"({"EventID": 4625, "ComputerName": "ws1"})");
  ASSERT_EQ(c.alerts.size(), 1u);
  EXPECT_EQ(c.alerts[0].correlation->rule.title, "Many failed logins");
  EXPECT_EQ(c.group(0), "ComputerName=ws1");
  EXPECT_EQ(c.alerts[0].count, 5u);
  EXPECT_EQ(c.alerts[0].first, kT0);
  EXPECT_EQ(c.alerts[0].last, kT0 + 59 * kNsPerMinute);
  EXPECT_EQ(c.events(0), (std::vector<std::uint64_t>{1, 2, 3, 4, 10}));
  // The group starts afresh after an alert; ws2's fifth failure comes after its first left the hour.
  c.event(61 * kNsPerMinute, R"({"EventID": 4625, "ComputerName": "ws2"})");
  c.event(62 * kNsPerMinute, R"({"EventID": 4625, "ComputerName": "ws1"})");
  c.finish();
  EXPECT_EQ(c.alerts.size(), 1u);
}

TEST(CorrelationEngine, EventCountWithAnUpperBoundWaitsForTheWindowsEnd) {
  Correlator c(std::string(kFailedLogin) +
               "---\ntitle: Few failures\ncorrelation:\n  type: event_count\n  rules: [failed_login]\n"
               "  group-by: [User]\n  timespan: 10m\n  condition:\n    gte: 2\n    lt: 4\n");
  for (int i = 0; i < 3; ++i) c.event(i * kNsPerMinute, R"({"EventID": 4625, "User": "ann"})");
  for (int i = 0; i < 5; ++i) c.event(i * kNsPerMinute, R"({"EventID": 4625, "User": "bob"})");
  c.event(0, R"({"EventID": 4625, "User": "cid"})");
  EXPECT_TRUE(c.alerts.empty()) << "a count with an upper bound is only known at the window's end";
  c.event(11 * kNsPerMinute, R"({"EventID": 4625, "User": "ann"})");  // ann's first window is over
  ASSERT_EQ(c.alerts.size(), 1u);
  EXPECT_EQ(c.group(0), "User=ann");
  EXPECT_EQ(c.alerts[0].count, 3u);
  c.finish();
  EXPECT_EQ(c.alerts.size(), 1u) << "bob had 5, cid 1, ann's second window 1";
}

TEST(CorrelationEngine, ValueCountCountsDistinctUsersFromOneSource) {
  Correlator c(std::string(kFailedLogin) +
               "---\ntitle: Failed logins with many users\nlevel: high\ncorrelation:\n  type: value_count\n"
               "  rules: [failed_login]\n  group-by: [IpAddress]\n  timespan: 1d\n"
               "  condition:\n    field: TargetUserName\n    gte: 3\n");
  c.event(0, R"({"EventID": 4625, "IpAddress": "10.0.0.5", "TargetUserName": "ann"})");
  c.event(kNsPerMinute, R"({"EventID": 4625, "IpAddress": "10.0.0.5", "TargetUserName": "ann"})");
  c.event(2 * kNsPerMinute, R"({"EventID": 4625, "IpAddress": "10.0.0.9", "TargetUserName": "bob"})");
  c.event(3 * kNsPerMinute, R"({"EventID": 4625, "IpAddress": "10.0.0.5", "TargetUserName": "bob"})");
  c.event(4 * kNsPerMinute, R"({"EventID": 4625, "IpAddress": "10.0.0.9", "TargetUserName": "bob"})");
  c.event(5 * kNsPerMinute, R"({"EventID": 4625, "IpAddress": "10.0.0.5"})");  // no user: not counted
  EXPECT_TRUE(c.alerts.empty()) << "two distinct users so far";
  c.event(6 * kNsPerMinute, R"({"EventID": 4625, "IpAddress": "10.0.0.5", "TargetUserName": "cid"})");
  ASSERT_EQ(c.alerts.size(), 1u);
  EXPECT_EQ(c.group(0), "IpAddress=10.0.0.5");
  EXPECT_EQ(c.alerts[0].count, 3u);
  EXPECT_EQ(c.alerts[0].events_total, 4u) << "ann twice, bob, cid";
  EXPECT_EQ(c.stats().no_group_value, 1u);
}

constexpr std::string_view kRecon =
    "title: a\nname: recon_cmd_a\ndetection:\n  s:\n    CommandLine: whoami\n  condition: s\n---\n"
    "title: b\nname: recon_cmd_b\ndetection:\n  s:\n    CommandLine: ipconfig\n  condition: s\n---\n"
    "title: c\nname: recon_cmd_c\ndetection:\n  s:\n    CommandLine: net user\n  condition: s\n---\n";

std::string recon(std::string_view user, std::string_view command) {
  return R"({"ComputerName": "ws1", "User": ")" + std::string(user) + R"(", "CommandLine": ")" + std::string(command) + "\"}";
}

TEST(CorrelationEngine, TemporalNeedsEveryRuleInAnyOrderWithinTheTimespan) {
  // The specification's temporal example: three recon rules by one user on one computer in 5m.
  Correlator c(std::string(kRecon) + "title: Recon\ncorrelation:\n  type: temporal\n"
               "  rules: [recon_cmd_a, recon_cmd_b, recon_cmd_c]\n  group-by: [ComputerName, User]\n  timespan: 5m\n");
  c.event(0, recon("ann", "net user"));
  c.event(kNsPerMinute, recon("ann", "whoami"));
  c.event(2 * kNsPerMinute, recon("bob", "ipconfig"));  // another user
  c.event(3 * kNsPerMinute, recon("ann", "whoami"));
  EXPECT_TRUE(c.alerts.empty());
  c.event(5 * kNsPerMinute, recon("ann", "ipconfig"));  // exactly 5m after the first: inside
  ASSERT_EQ(c.alerts.size(), 1u);
  EXPECT_EQ(c.group(0), "ComputerName=ws1 User=ann");
  EXPECT_EQ(c.alerts[0].count, 3u);
  EXPECT_EQ(c.events(0), (std::vector<std::uint64_t>{1, 2, 4, 5}));

  // Just outside: the first command 5m and 1s before the last.
  c.event(10 * kNsPerMinute, recon("cid", "net user"));
  c.event(12 * kNsPerMinute, recon("cid", "whoami"));
  c.event(15 * kNsPerMinute + kNsPerSecond, recon("cid", "ipconfig"));
  c.finish();
  EXPECT_EQ(c.alerts.size(), 1u);
}

TEST(CorrelationEngine, TemporalOrderedFollowsEventTimeNotArrival) {
  Correlator c(std::string(kRecon) + "title: Recon ordered\ncorrelation:\n  type: temporal_ordered\n"
               "  rules: [recon_cmd_a, recon_cmd_b, recon_cmd_c]\n  group-by: [ComputerName, User]\n  timespan: 5m\n");
  // ann: in order, but the middle one arrives last (a late record): still in order by time.
  c.event(0, recon("ann", "whoami"));
  c.event(2 * kNsPerMinute, recon("ann", "net user"));
  c.event(kNsPerMinute, recon("ann", "ipconfig"));
  ASSERT_EQ(c.alerts.size(), 1u);
  EXPECT_EQ(c.group(0), "ComputerName=ws1 User=ann");
  EXPECT_EQ(c.events(0), (std::vector<std::uint64_t>{1, 3, 2}));
  // bob: all three, but b before a.
  c.event(10 * kNsPerMinute, recon("bob", "ipconfig"));
  c.event(11 * kNsPerMinute, recon("bob", "whoami"));
  c.event(12 * kNsPerMinute, recon("bob", "net user"));
  EXPECT_EQ(c.alerts.size(), 1u);
  c.event(13 * kNsPerMinute, recon("bob", "ipconfig"));  // now a, b, c in order (11, 13, …) but c came before b
  EXPECT_EQ(c.alerts.size(), 1u);
  c.event(14 * kNsPerMinute, recon("bob", "net user"));  // a 11, b 13, c 14
  ASSERT_EQ(c.alerts.size(), 2u);
  EXPECT_EQ(c.group(1), "ComputerName=ws1 User=bob");
  // cid: in order but 5m and 1s from first to last.
  c.event(20 * kNsPerMinute, recon("cid", "whoami"));
  c.event(21 * kNsPerMinute, recon("cid", "ipconfig"));
  c.event(25 * kNsPerMinute + kNsPerSecond, recon("cid", "net user"));
  // dan: a record older than his window (more than 5m before his newest) is late.
  c.event(30 * kNsPerMinute, recon("dan", "ipconfig"));
  c.event(24 * kNsPerMinute, recon("dan", "whoami"));
  c.finish();
  EXPECT_EQ(c.alerts.size(), 2u);
  EXPECT_EQ(c.stats().late, 1u);
}

TEST(CorrelationEngine, AnEventMatchingTwoCountedRulesCountsOnce) {
  Correlator c(std::string(kFailedLogin) +
               "---\ntitle: bad user\nname: bad_user\ndetection:\n  s:\n    User: mallory\n  condition: s\n---\n"
               "title: two\ncorrelation:\n  type: event_count\n  rules: [failed_login, bad_user]\n  group-by: [Host]\n"
               "  timespan: 1h\n  condition: {gte: 2}\n");
  c.event(0, R"({"EventID": 4625, "User": "mallory", "Host": "h1"})");
  EXPECT_TRUE(c.alerts.empty()) << "one event, though two of the rules matched it";
  c.event(kNsPerMinute, R"({"EventID": 4624, "User": "mallory", "Host": "h1"})");
  ASSERT_EQ(c.alerts.size(), 1u);
  EXPECT_EQ(c.alerts[0].count, 2u);
}

TEST(CorrelationEngine, TemporalWithAConditionCountsDistinctRules) {
  Correlator c(std::string(kRecon) + "title: Two of three\ncorrelation:\n  type: temporal\n"
               "  rules: [recon_cmd_a, recon_cmd_b, recon_cmd_c]\n  group-by: [ComputerName, User]\n  timespan: 5m\n"
               "  condition: {gte: 2}\n");
  c.event(0, recon("ann", "whoami"));
  c.event(kNsPerMinute, recon("ann", "whoami"));
  EXPECT_TRUE(c.alerts.empty()) << "the same rule twice";
  c.event(2 * kNsPerMinute, recon("ann", "net user"));
  ASSERT_EQ(c.alerts.size(), 1u);
  EXPECT_EQ(c.alerts[0].count, 2u);
}

TEST(CorrelationEngine, AliasesGroupDifferentFieldsOfDifferentRules) {
  // The specification's field name aliases example.
  Correlator c(
      "title: e\nname: internal_error\ndetection:\n  s:\n    http.response.status_code: 500\n  condition: s\n---\n"
      "title: n\nname: new_network_connection\ndetection:\n  s:\n    event.category: network\n"
      "    event.type: connection\n    event.outcome: success\n  condition: s\n---\n"
      "title: Error then connection back\ncorrelation:\n  type: temporal\n"
      "  rules: [internal_error, new_network_connection]\n  group-by: [internal_ip, remote_ip]\n  timespan: 10s\n"
      "  aliases:\n    internal_ip:\n      internal_error: destination.ip\n      new_network_connection: source.ip\n"
      "    remote_ip:\n      internal_error: source.ip\n      new_network_connection: destination.ip\n");
  c.event(0, R"({"http": {"response": {"status_code": 500}}, "source": {"ip": "203.0.113.7"}, "destination": {"ip": "10.1.1.1"}})");
  // Same addresses but not swapped: another group.
  c.event(kNsPerSecond, R"({"event": {"category": "network", "type": "connection", "outcome": "success"},
                            "source": {"ip": "203.0.113.7"}, "destination": {"ip": "10.1.1.1"}})");
  EXPECT_TRUE(c.alerts.empty());
  c.event(2 * kNsPerSecond, R"({"event": {"category": "network", "type": "connection", "outcome": "success"},
                                "source": {"ip": "10.1.1.1"}, "destination": {"ip": "203.0.113.7"}})");
  ASSERT_EQ(c.alerts.size(), 1u);
  EXPECT_EQ(c.group(0), "internal_ip=10.1.1.1 remote_ip=203.0.113.7");
  EXPECT_EQ(c.events(0), (std::vector<std::uint64_t>{1, 3}));
}

std::string login(int event_id, std::string_view user) {
  return R"({"EventID": )" + std::to_string(event_id) + R"(, "User": ")" + std::string(user) + "\"}";
}

TEST(CorrelationEngine, NestedCorrelationsOfTheSpecExample) {
  // Failed logins (event_count gte 10 in 10m) followed by a successful login of the same user.
  Correlator c(
      "title: Failed then success\nlevel: high\ncorrelation:\n  type: temporal_ordered\n"
      "  rules: [multiple_failed_login, successful_login]\n  group-by: [User]\n  timespan: 10m\n---\n"
      "title: Multiple failed logons\nname: multiple_failed_login\ncorrelation:\n  type: event_count\n"
      "  rules: [failed_login]\n  group-by: [User]\n  timespan: 10m\n  condition:\n    gte: 10\n---\n"
      "title: Single failed login\nname: failed_login\ndetection:\n  s:\n    EventID: [529, 4625]\n  condition: s\n---\n"
      "title: Successful login\nname: successful_login\ndetection:\n  s:\n    EventID: [528, 4624]\n  condition: s\n");
  c.event(0, login(4624, "ann"));  // a success before the failures does not count
  for (int i = 0; i < 10; ++i) c.event(i * 30 * kNsPerSecond, login(4625, "ann"));
  for (int i = 0; i < 9; ++i) c.event(i * 30 * kNsPerSecond, login(4625, "bob"));
  EXPECT_TRUE(c.alerts.empty()) << "the inner correlation's own alert is not shown (generate: false)";
  c.event(6 * kNsPerMinute, login(4624, "bob"));
  c.event(7 * kNsPerMinute, login(4624, "ann"));
  ASSERT_EQ(c.alerts.size(), 1u);
  EXPECT_EQ(c.alerts[0].correlation->rule.title, "Failed then success");
  EXPECT_EQ(c.group(0), "User=ann");
  EXPECT_EQ(c.alerts[0].count, 2u);
  EXPECT_EQ(c.alerts[0].first, kT0) << "the first of the failures behind the inner correlation's alert";
  EXPECT_EQ(c.alerts[0].last, kT0 + 7 * kNsPerMinute);
  EXPECT_EQ(c.alerts[0].events_total, 11u) << "ten failures and the success";
}

TEST(CorrelationEngine, WithoutGroupByAllMatchesFormOneGroup) {
  Correlator c(std::string(kFailedLogin) + "---\ntitle: any three\ncorrelation:\n  type: event_count\n"
               "  rules: [failed_login]\n  timespan: 1h\n  condition: {gte: 3}\n");
  c.event(0, login(4625, "ann"));
  c.event(kNsPerMinute, login(4625, "bob"));
  c.event(2 * kNsPerMinute, R"({"EventID": 4625})");
  ASSERT_EQ(c.alerts.size(), 1u);
  EXPECT_TRUE(c.alerts[0].group.empty());
  EXPECT_EQ(c.alerts[0].count, 3u);
}

TEST(CorrelationEngine, GroupsOverTheCapAreDroppedWithOneStateCapAlertPerCrossing) {
  Correlator c(std::string(kFailedLogin) + "---\ntitle: twice\ncorrelation:\n  type: event_count\n"
               "  rules: [failed_login]\n  group-by: [User]\n  timespan: 1h\n  condition: {gte: 2}\n",
               CorrelationOptions{.max_groups = 2});
  c.event(0, login(4625, "ann"));
  c.event(1, login(4625, "bob"));
  c.event(2, login(4625, "cid"));  // ann, the least recently fed, is dropped: an alert says so
  ASSERT_EQ(c.alerts.size(), 1u);
  const CorrelationAlert& cap = c.alerts[0];
  EXPECT_EQ(cap.cause, AlertCause::group_cap);
  EXPECT_EQ(cap.cap, 2u);
  EXPECT_EQ(cap.count, 1u);
  EXPECT_EQ(state_cap_title(cap), "Correlation state cap reached: twice");
  EXPECT_NE(state_cap_text(cap).find("max_groups 2 reached"), std::string::npos) << state_cap_text(cap);
  c.event(3, login(4625, "cid"));
  ASSERT_EQ(c.alerts.size(), 2u);
  EXPECT_EQ(c.group(1), "User=cid");
  EXPECT_EQ(c.alerts[1].cause, AlertCause::condition);
  c.event(4, login(4625, "ann"));  // counts from one again
  c.event(5, login(4625, "dan"));  // bob dropped: still the same crossing, no second alert
  EXPECT_EQ(c.alerts.size(), 2u);
  // An hour later the old groups are gone: the cap re-arms, and the next crossing alerts again.
  c.event(2 * 60 * kNsPerMinute, login(4625, "eve"));
  c.event(2 * 60 * kNsPerMinute + 1, login(4625, "fay"));
  c.event(2 * 60 * kNsPerMinute + 2, login(4625, "gus"));
  ASSERT_EQ(c.alerts.size(), 3u);
  EXPECT_EQ(c.alerts[2].cause, AlertCause::group_cap);
  EXPECT_EQ(c.alerts[2].count, 3u) << "ann, bob, eve";
  c.finish();
  EXPECT_EQ(c.stats().evicted_groups, 3u);
  EXPECT_EQ(c.stats().cap_alerts, 2u);
  EXPECT_EQ(c.stats().alerts, 1u);
  EXPECT_EQ(c.stats().no_group_value, 0u);
}

TEST(CorrelationEngine, AWindowAtItsMatchCapRaisesOneStateCapAlert) {
  // `lt: 2` keeps at least 3 matches; past that the oldest are dropped and the count is a floor.
  Correlator c(std::string(kFailedLogin) + "---\ntitle: rare\ncorrelation:\n  type: event_count\n"
               "  rules: [failed_login]\n  group-by: [User]\n  timespan: 1h\n  condition: {lt: 2}\n",
               CorrelationOptions{.max_matches_per_group = 1});
  for (int i = 0; i < 5; ++i) c.event(i * kNsPerMinute, login(4625, "ann"));
  ASSERT_EQ(c.alerts.size(), 1u);
  EXPECT_EQ(c.alerts[0].cause, AlertCause::match_cap);
  EXPECT_EQ(c.group(0), "User=ann");
  EXPECT_EQ(c.alerts[0].cap, 3u);
  EXPECT_EQ(c.alerts[0].count, 1u);
  c.finish();
  EXPECT_EQ(c.alerts.size(), 1u) << "3 matches kept: not fewer than 2";
  EXPECT_EQ(c.stats().dropped_matches, 2u);
  EXPECT_EQ(c.stats().cap_alerts, 1u);
}

TEST(CorrelationEngine, StateOlderThanTheTimespanIsDroppedAsTimeMovesOn) {
  // A group with an upper bound is evaluated when time leaves it behind, not only at the end.
  Correlator c(std::string(kFailedLogin) + "---\ntitle: single\ncorrelation:\n  type: event_count\n"
               "  rules: [failed_login]\n  group-by: [User]\n  timespan: 10m\n  condition: {eq: 1}\n");
  c.event(0, login(4625, "ann"));
  EXPECT_TRUE(c.alerts.empty());
  c.event(11 * kNsPerMinute, login(4625, "bob"));
  ASSERT_EQ(c.alerts.size(), 1u);
  EXPECT_EQ(c.group(0), "User=ann");
}

TEST(CorrelationEngine, EventTimesInIsoAndEpochForms) {
  EXPECT_EQ(parse_event_time("2024-05-01T10:00:00Z").value(), kT0);
  EXPECT_EQ(parse_event_time("2024-05-01T12:00:00.5+02:00").value(), kT0 + kNsPerSecond / 2);
  EXPECT_EQ(parse_event_time("2024-05-01T10:00:00.276702Z").value(), kT0 + 276'702'000);  // Windows SystemTime
  EXPECT_EQ(parse_event_time("1714557600").value(), kT0);
  EXPECT_EQ(parse_event_time("1714557600.25").value(), kT0 + kNsPerSecond / 4);
  EXPECT_EQ(parse_event_time("1714557600000").value(), kT0);
  for (const char* bad : {"", "yesterday", "2024-13-01T00:00:00Z", "17145x", "-5", "1.2.3"})
    EXPECT_FALSE(parse_event_time(bad).has_value()) << bad;
}

TEST(CorrelationHunt, SortsMatchesOfFilesByTimeAndHidesRulesOnlyCorrelationsUse) {
  ward::testing::TempDir dir;
  std::ofstream(dir.path() / "rules.yml")
      << kFailedLogin << "---\ntitle: three\ncorrelation:\n  type: event_count\n  rules: [failed_login]\n"
      << "  group-by: [User]\n  timespan: 10m\n  condition: {gte: 3}\n";
  std::ofstream(dir.path() / "rules2.yml") << "title: success\ndetection:\n  s:\n    EventID: 4624\n  condition: s\n";
  // The third failure is in an earlier file than the first two, and one record has no time.
  std::ofstream(dir.path() / "a.jsonl") << R"({"EventID": 4625, "User": "ann", "when": "2024-05-01T10:09:00Z"})" "\n"
                                        << R"({"EventID": 4624, "User": "ann", "when": "2024-05-01T10:09:30Z"})" "\n";
  std::ofstream(dir.path() / "b.jsonl") << R"({"EventID": 4625, "User": "ann", "when": "2024-05-01T10:00:00Z"})" "\n"
                                        << R"({"EventID": 4625, "User": "ann", "when": "soon"})" "\n"
                                        << R"({"EventID": 4625, "User": "ann", "when": "2024-05-01T10:05:00Z"})" "\n";
  auto set = load_rule_set({dir.path() / "rules.yml", dir.path() / "rules2.yml"});
  ASSERT_TRUE(set.has_value());
  std::vector<CorrelationAlert> alerts;
  CorrelationHunt correlations(*set, [&](const CorrelationAlert& a) { alerts.push_back(a); },
                               CorrelationHuntOptions{.time_field = "when"});
  std::vector<std::string> shown;
  hunt(set->rules, {dir.path() / "a.jsonl", dir.path() / "b.jsonl"},
       [&](const HuntMatch& m) {
         if (correlations.take(m)) shown.push_back(m.rule->rule().title);
       },
       [](const Error& e) { ADD_FAILURE() << e.describe(); });
  correlations.finish();
  EXPECT_EQ(shown, (std::vector<std::string>{"success"}));
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].first, kT0);
  EXPECT_EQ(alerts[0].last, kT0 + 9 * kNsPerMinute);
  ASSERT_EQ(alerts[0].events.size(), 3u);
  EXPECT_EQ(alerts[0].events[0].file, (dir.path() / "b.jsonl").string());
  EXPECT_EQ(alerts[0].events[0].event_index, 1u);
  EXPECT_EQ(alerts[0].events[2].file, (dir.path() / "a.jsonl").string());
  const auto stats = correlations.stats();
  EXPECT_EQ(stats.no_time, 1u);
  EXPECT_NE(stats.first_no_time.find("b.jsonl:2:"), std::string::npos) << stats.first_no_time;
}

TEST(CorrelationHunt, TakesTheTimeOfWindowsExportsFromSystemTime) {
  // A SigmaHQ rule and its regression event (a Sysmon export), under a correlation by Computer.
  ward::testing::TempDir dir;
  const auto sigma = ward::testing::shared_data("sigma");
  std::ofstream(dir.path() / "mr.yml") << "title: sc stop on a computer\ncorrelation:\n  type: event_count\n"
                                          "  rules: [81bcb81b-5b1f-474b-b373-52c871aaa7b1]\n  group-by: [Computer]\n"
                                          "  timespan: 1h\n  condition: {gte: 1}\n";
  auto set = load_rule_set({sigma / "rules/windows/process_creation/proc_creation_win_sc_stop_service.yml", dir.path()});
  ASSERT_TRUE(set.has_value());
  ASSERT_TRUE(set->failures.empty()) << set->failures.front().reason;
  std::vector<CorrelationAlert> alerts;
  CorrelationHunt correlations(*set, [&](const CorrelationAlert& a) { alerts.push_back(a); });
  const auto events = sigma / "regression_data/rules/windows/process_creation/proc_creation_win_sc_stop_service/"
                              "81bcb81b-5b1f-474b-b373-52c871aaa7b1.json";
  hunt(set->rules, {events}, [&](const HuntMatch& m) { EXPECT_FALSE(correlations.take(m)); },
       [](const Error& e) { ADD_FAILURE() << e.describe(); });
  correlations.finish();
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].group, (std::vector<std::pair<std::string, std::string>>{{"Computer", "ar-win-1"}}));
  EXPECT_EQ(format_iso8601(alerts[0].first), "2025-10-22T20:33:27.276702Z");
  EXPECT_EQ(correlations.stats().no_time, 0u);
}

TEST(CorrelationHunt, BeyondItsBufferMatchesOlderThanAWindowAreLate) {
  ward::testing::TempDir dir;
  std::ofstream(dir.path() / "rules.yml")
      << kFailedLogin << "---\ntitle: three\ncorrelation:\n  type: event_count\n  rules: [failed_login]\n"
      << "  group-by: [User]\n  timespan: 10m\n  condition: {gte: 3}\n";
  std::ofstream(dir.path() / "a.jsonl") << R"({"EventID": 4625, "User": "ann", "@timestamp": "2024-05-01T10:20:00Z"})" "\n"
                                        << R"({"EventID": 4625, "User": "ann", "@timestamp": "2024-05-01T10:21:00Z"})" "\n"
                                        << R"({"EventID": 4625, "User": "ann", "@timestamp": "2024-05-01T10:00:00Z"})" "\n";
  auto set = load_rule_set({dir.path() / "rules.yml"});
  ASSERT_TRUE(set.has_value());
  std::vector<CorrelationAlert> alerts;
  CorrelationHunt correlations(*set, [&](const CorrelationAlert& a) { alerts.push_back(a); },
                               CorrelationHuntOptions{.engine = {.lateness = MatchReorderBuffer::kUnbounded, .max_held = 2}});
  hunt(set->rules, {dir.path() / "a.jsonl"}, [&](const HuntMatch& m) { correlations.take(m); },
       [](const Error& e) { ADD_FAILURE() << e.describe(); });
  correlations.finish();
  EXPECT_TRUE(alerts.empty());
  EXPECT_EQ(correlations.stats().engine.released_early, 1u) << "10:20 went on to make room";
  EXPECT_EQ(correlations.stats().engine.late, 1u) << "10:00 came after 10:21 was correlated";
}

}  // namespace
}  // namespace ward::sigma
