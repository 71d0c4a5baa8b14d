// Logsource routing: which rules an event takes (logsource.h, rule_router.h) and where Windows
// exports get their logsource (windows_logsource.h).
#include <random>

#include <gtest/gtest.h>

#include "sigma/rule_router.h"
#include "sigma/rule_testing.h"
#include "sigma/windows_logsource.h"

namespace ward::sigma {
namespace {

EventLogSource event_of(std::string_view spec) {
  auto ls = parse_logsource(spec);
  EXPECT_TRUE(ls.has_value()) << spec;
  return ls ? event_logsource_from(*ls) : EventLogSource{};
}

std::vector<std::string> titles_for(RuleRouter& router, const EventLogSource& ls) {
  std::vector<std::string> out;
  for (const RoutedRule* r : router.rules_for(ls)) out.push_back(r->rule->rule().title);
  return out;
}

CompiledRule rule(std::string title, std::string logsource, std::string detection) {
  auto r = parse_rule_yaml("title: " + title + "\nlogsource:\n" + logsource + "detection:\n" + detection, title + ".yml");
  EXPECT_TRUE(r.has_value()) << r.error().describe();
  auto c = compile_rule(std::move(*r));
  EXPECT_TRUE(c.has_value()) << c.error().describe();
  return std::move(*c);
}

TEST(LogSource, ARuleAppliesWhenEveryKeyItSetsIsTheEventsIgnoringCase) {
  const EventLogSource sysmon = windows_logsource("Microsoft-Windows-Sysmon/Operational", "1");
  EXPECT_TRUE(logsource_applies({"windows", "", ""}, sysmon));
  EXPECT_TRUE(logsource_applies({"Windows", "process_creation", ""}, sysmon));
  EXPECT_TRUE(logsource_applies({"windows", "", "sysmon"}, sysmon));
  EXPECT_TRUE(logsource_applies({}, sysmon)) << "a rule without logsource takes every event";
  EXPECT_FALSE(logsource_applies({"windows", "file_event", ""}, sysmon));
  EXPECT_FALSE(logsource_applies({"linux", "process_creation", ""}, sysmon));
  EXPECT_FALSE(logsource_applies({"windows", "", "security"}, sysmon));
  EXPECT_FALSE(logsource_applies({"", "process_creation", ""}, event_of("product:windows")))
      << "an event without a category does not take rules that require one";
}

TEST(LogSource, ParsesTheCommandLineFormAndNamesWhatIsWrong) {
  auto ls = parse_logsource("product:Windows, category=process_creation");
  ASSERT_TRUE(ls.has_value()) << ls.error().describe();
  EXPECT_EQ(ls->product, "windows");
  EXPECT_EQ(ls->category, "process_creation");
  EXPECT_EQ(to_string(*ls), "product:windows,category:process_creation");
  auto bad = parse_logsource("product:windows,os:nt");
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message.find("unknown key \"os\""), std::string::npos) << bad.error().message;
  EXPECT_FALSE(parse_logsource("product").has_value());
  EXPECT_FALSE(parse_logsource("").has_value());
}

TEST(WindowsLogSource, ChannelGivesTheServiceAndSysmonEventIdTheCategories) {
  auto services = [](std::string_view channel) { return windows_logsource(channel, "4624").services; };
  EXPECT_EQ(services("Security"), std::vector<std::string>{"security"});
  EXPECT_EQ(services("System"), std::vector<std::string>{"system"});
  EXPECT_EQ(services("Microsoft-Windows-PowerShell/Operational"), std::vector<std::string>{"powershell"});
  EXPECT_EQ(services("Windows PowerShell"), std::vector<std::string>{"powershell-classic"});
  EXPECT_EQ(services("Microsoft-Windows-Windows Defender/Operational"), std::vector<std::string>{"windefend"});
  EXPECT_EQ(windows_logsource("Security", "4624").product, "windows");
  EXPECT_TRUE(windows_logsource("Security", "4624").categories.empty());
  EXPECT_TRUE(windows_logsource("", "1").empty()) << "no Channel: not a Windows export";

  auto categories = [](std::string_view id) {
    return windows_logsource("Microsoft-Windows-Sysmon/Operational", id).categories;
  };
  EXPECT_EQ(categories("1"), std::vector<std::string>{"process_creation"});
  EXPECT_EQ(categories("3"), std::vector<std::string>{"network_connection"});
  EXPECT_EQ(categories("11"), std::vector<std::string>{"file_event"});
  EXPECT_EQ(categories("22"), std::vector<std::string>{"dns_query"});
  EXPECT_EQ(categories("13"), (std::vector<std::string>{"registry_event", "registry_set"}));
  EXPECT_EQ(windows_logsource("Microsoft-Windows-PowerShell/Operational", "4104").categories,
            std::vector<std::string>{"ps_script"});
  EXPECT_EQ(windows_logsource("Linux-Sysmon/Operational", "1").product, "linux");
}

TEST(WindowsLogSource, ReadFromAnExportedEvent) {
  const std::string json = R"({"Event": {"System": {"Channel": "Microsoft-Windows-Sysmon/Operational", "EventID": 11},
                               "EventData": {"TargetFilename": "C:\\x.txt"}}})";
  EventLogSource ls;
  read_json_text(json, "e.json", [&](std::uint64_t, const FlatEvent& e) { ls = windows_logsource(e); },
                 [](const Error& e) { ADD_FAILURE() << e.describe(); });
  EXPECT_EQ(ls.product, "windows");
  EXPECT_EQ(ls.services, std::vector<std::string>{"sysmon"});
  EXPECT_EQ(ls.categories, std::vector<std::string>{"file_event"});

  EventLogSource plain{.product = "x", .categories = {}, .services = {}};
  read_json_text(R"({"Channel": "web", "user": "bob"})", "e.json",
                 [&](std::uint64_t, const FlatEvent& e) { plain = windows_logsource(e); }, [](const Error&) {});
  EXPECT_TRUE(plain.empty()) << "a Channel without an EventID is not a Windows event";
}

// The kept logsources of a stream of events are those windows_logsource gives each event: more
// (Channel, EventID) pairs than are kept, pairs that come back, a channel only a case apart,
// events that are no Windows export between them.
TEST(WindowsLogSource, KeptForAStreamOfEventsAsEachEventGivesIt) {
  const std::vector<std::string> channels = {"Microsoft-Windows-Sysmon/Operational", "Security", "security",
                                             "Windows PowerShell", "Linux-Sysmon/Operational", "Unknown/Channel"};
  std::mt19937 rng(5);
  std::string text;
  for (int i = 0; i < 600; ++i) {
    if (i % 13 == 0) {
      text += R"({"Channel": "web", "user": "bob"})" "\n";
      continue;
    }
    const std::string& channel = channels[rng() % channels.size()];
    const int id = i % 50 == 1 ? 4104 : static_cast<int>(rng() % 30);
    text += R"({"Event": {"System": {"Channel": ")" + channel + R"(", "EventID": )" + std::to_string(id) + "}}}\n";
  }
  WindowsLogSources kept;
  std::size_t windows = 0, events = 0;
  read_json_text(text, "e.json",
                 [&](std::uint64_t, const FlatEvent& e) {
                   ++events;
                   const EventLogSource expected = windows_logsource(e);
                   windows += expected.product.empty() ? 0 : 1;
                   EXPECT_EQ(kept.of(e), expected) << "event " << events;
                 },
                 [](const Error& e) { ADD_FAILURE() << e.describe(); });
  EXPECT_EQ(events, 600u);
  EXPECT_GT(windows, 500u);
}

// Rules of several logsources, for the router's tests.
std::vector<CompiledRule> routing_rules() {
  std::vector<CompiledRule> rules;
  rules.push_back(rule("any windows", "  product: windows\n", "  sel:\n    EventID: 1\n  condition: sel\n"));
  rules.push_back(rule("windows process", "  product: windows\n  category: process_creation\n",
                       "  sel:\n    EventID: 1\n  condition: sel\n"));
  rules.push_back(rule("zeek rdp", "  product: zeek\n  service: rdp\n", "  sel:\n    id.orig_h|cidr: 10.0.0.0/8\n  condition: not sel\n"));
  rules.push_back(rule("no logsource", "  description: none\n", "  sel:\n    x: 1\n  condition: sel\n"));
  return rules;
}

TEST(RuleRouter, AnEventTakesTheRulesOfItsLogsourceOnly) {
  const std::vector<CompiledRule> rules = routing_rules();
  RuleRouter router(rules);
  const EventLogSource sysmon1 = windows_logsource("Microsoft-Windows-Sysmon/Operational", "1");
  EXPECT_EQ(titles_for(router, sysmon1), (std::vector<std::string>{"any windows", "windows process", "no logsource"}));
  EXPECT_EQ(titles_for(router, windows_logsource("Security", "4624")),
            (std::vector<std::string>{"any windows", "no logsource"}));
  EXPECT_EQ(titles_for(router, windows_logsource("Security", "4688")),
            (std::vector<std::string>{"any windows", "windows process", "no logsource"}))
      << "a process created, in the Security log: process_creation as in pySigma's audit pipeline";
  EXPECT_EQ(titles_for(router, event_of("product:zeek,service:rdp")), (std::vector<std::string>{"zeek rdp", "no logsource"}));
  EXPECT_EQ(titles_for(router, EventLogSource{}), std::vector<std::string>{"no logsource"});
  EXPECT_EQ(titles_for(router, sysmon1), titles_for(router, sysmon1)) << "the cached list is the same";
}

// The router finds the lists of its last logsources by comparing them; with more logsources
// than it keeps, in any order, each still gets the list a fresh router gives it.
TEST(RuleRouter, RecentLogsourcesGetTheListsAFreshRouterGives) {
  std::vector<CompiledRule> rules = routing_rules();
  rules.push_back(rule("security", "  product: windows\n  service: security\n", "  sel:\n    EventID: 1\n  condition: sel\n"));
  std::vector<EventLogSource> logsources;
  for (int id : {1, 3, 4688, 4624, 11, 12, 13, 22, 7, 5, 4625, 4104})
    logsources.push_back(windows_logsource(id < 100 ? "Microsoft-Windows-Sysmon/Operational" : "Security", std::to_string(id)));
  logsources.push_back(event_of("product:zeek,service:rdp"));
  logsources.push_back(EventLogSource{});
  ASSERT_GT(logsources.size(), 8u);
  RuleRouter router(rules);
  std::mt19937 rng(3);
  for (int i = 0; i < 300; ++i) {
    const EventLogSource& ls = logsources[i < 40 ? i % logsources.size() : rng() % logsources.size()];
    RuleRouter fresh(rules);
    EXPECT_EQ(titles_for(router, ls), titles_for(fresh, ls)) << ls.key();
  }
}

TEST(RuleRouter, ANegationOnlyRuleNoLongerFiresOnEventsOfAnotherLogsource) {
  std::vector<CompiledRule> rules;
  rules.push_back(rule("Publicly Accessible RDP Service", "  product: zeek\n  service: rdp\n",
                       "  selection:\n    id.orig_h|cidr: ['10.0.0.0/8', '192.168.0.0/16']\n  condition: not selection\n"));
  RuleRouter router(rules);
  const std::string sysmon = R"({"Event": {"System": {"Channel": "Microsoft-Windows-Sysmon/Operational", "EventID": 1},
                                "EventData": {"Image": "C:\\Windows\\cmd.exe"}}})";
  std::size_t fired = 0;
  read_json_text(sysmon, "e.json", [&](std::uint64_t, const FlatEvent& e) {
    const EventLogSource ls = windows_logsource(e);
    EXPECT_TRUE(rules[0].matches(e)) << "the condition alone holds on any event without id.orig_h";
    for (const RoutedRule* r : router.rules_for(ls)) fired += RuleRouter::fires(*r, ls, e);
  }, [](const Error& e) { ADD_FAILURE() << e.describe(); });
  EXPECT_EQ(fired, 0u);
}

}  // namespace
}  // namespace ward::sigma
