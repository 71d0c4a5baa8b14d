// Windows Security 4688 events take SigmaHQ's process_creation rules, with their fields seen
// under Sysmon's names through the event field mappings (defaults, or ward.yaml's
// detection.event_field_mappings), as pySigma's Windows audit pipeline maps them.
#include "sigma/event_field_aliases.h"

#include <fstream>

#include <gtest/gtest.h>

#include "sigma/detection_config.h"
#include "sigma/flat_event.h"
#include "sigma/hunt.h"
#include "testing/shared_data.h"

namespace ward::sigma {
namespace {

// An evtx_dump export of a 4688 event: Word starting an .exe from a user's folder.
constexpr std::string_view kWordStartsExe = R"({"Event": {"System": {"Provider": {"#attributes": {"Name": "Microsoft-Windows-Security-Auditing"}},
  "EventID": 4688, "Channel": "Security", "Computer": "ward-ws-12.hospital.example",
  "TimeCreated": {"#attributes": {"SystemTime": "2026-11-30T09:12:44.512Z"}}},
 "EventData": {"SubjectUserSid": "S-1-5-21-1004336348-1177238915-682003330-1107", "SubjectUserName": "jdoe",
  "SubjectDomainName": "HOSPITAL", "SubjectLogonId": "0x3e7a21", "NewProcessId": "0x1a2c",
  "NewProcessName": "C:\\Users\\jdoe\\AppData\\Local\\Temp\\invoice.exe", "TokenElevationType": "%%1938",
  "ProcessId": "0x0f10", "CommandLine": "\"C:\\Users\\jdoe\\AppData\\Local\\Temp\\invoice.exe\" /q",
  "ParentProcessName": "C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE",
  "MandatoryLabel": "S-1-16-8192"}}}
)";

// The same facts in a logon event (4624): not a process creation.
constexpr std::string_view kLogon = R"({"Event": {"System": {"EventID": 4624, "Channel": "Security"},
 "EventData": {"NewProcessName": "C:\\Users\\jdoe\\AppData\\Local\\Temp\\invoice.exe",
  "ParentProcessName": "C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE"}}}
)";

struct Hunted {
  std::vector<std::string> titles;
  std::vector<std::string> matched;  // "field=value " per match
};

Hunted hunt_file(std::string_view events, const std::vector<std::filesystem::path>& rule_files, HuntOptions options = {}) {
  ward::testing::TempDir dir;
  const auto file = dir.path() / "security.json";
  std::ofstream(file) << events;
  auto set = load_rule_set(rule_files);
  EXPECT_TRUE(set) << set.error().describe();
  Hunted run;
  if (!set) return run;
  EXPECT_EQ(set->compiled, set->files);
  RuleRouter router(set->rules, set->filters);
  hunt(router, {file}, options,
       [&](const HuntMatch& m) {
         run.titles.push_back(m.rule->rule().title);
         std::string fields;
         for (const auto& f : m.fields) fields += f.field + "=" + f.value + " ";
         run.matched.push_back(fields);
       },
       [](const Error& e) { ADD_FAILURE() << e.describe(); });
  return run;
}

std::filesystem::path office_rule() {
  return ward::testing::shared_data(
      "sigma/rules/windows/process_creation/proc_creation_win_office_spawn_exe_from_users_directory.yml");
}

TEST(EventFieldAliases, ASecurity4688EventTakesASigmaHqProcessCreationRuleUnderSysmonNames) {
  const Hunted run = hunt_file(kWordStartsExe, {office_rule()});
  ASSERT_EQ(run.titles, std::vector<std::string>{"Suspicious Binary In User Directory Spawned From Office Application"});
  EXPECT_NE(run.matched[0].find(R"(ParentImage=C:\Program Files\Microsoft Office\root\Office16\WINWORD.EXE)"),
            std::string::npos) << run.matched[0];
  EXPECT_NE(run.matched[0].find(R"(Image=C:\Users\jdoe\AppData\Local\Temp\invoice.exe)"), std::string::npos)
      << run.matched[0];
}

TEST(EventFieldAliases, OtherSecurityEventsAreNoProcessCreation) {
  EXPECT_TRUE(hunt_file(kLogon, {office_rule()}).titles.empty());
}

TEST(EventFieldAliases, WithoutTheMappingTheRuleDoesNotSeeTheEvent) {
  HuntOptions options;
  options.event_field_mappings = {};
  EXPECT_TRUE(hunt_file(kWordStartsExe, {office_rule()}, options).titles.empty())
      << "the rule names Image and ParentImage, which a 4688 event does not hold";
}

TEST(EventFieldAliases, TheConfigAddsMappingsBeforeTheDefaults) {
  ward::testing::TempDir rules;
  std::ofstream(rules.path() / "r.yml") << "title: token elevated\nlogsource:\n  product: windows\n"
                                           "  category: process_creation\ndetection:\n  sel:\n"
                                           "    Image|endswith: '\\invoice.exe'\n    ElevationType: '%%1938'\n"
                                           "  condition: sel\n";
  auto config = detection_config_from_yaml(YAML::Load(
      "event_field_mappings:\n  \"product:windows,service:security,category:process_creation\":\n"
      "    {ElevationType: TokenElevationType, Image: NewProcessName}\n"));
  ASSERT_TRUE(config) << config.error().describe();
  HuntOptions options;
  options.event_field_mappings = with_event_defaults(config->event_field_mappings);
  EXPECT_EQ(hunt_file(kWordStartsExe, {rules.path() / "r.yml"}, options).titles,
            std::vector<std::string>{"token elevated"});
  EXPECT_TRUE(hunt_file(kWordStartsExe, {rules.path() / "r.yml"}).titles.empty()) << "not among the defaults";
}

TEST(EventFieldAliases, AnAliasedEventHasAShapeIdOfItsOwn) {
  FlatEvent event;
  event.clear();
  event.add_copy("NewProcessName", "C:\\x.exe", ValueKind::string);
  event.add_copy("Channel", "Security", ValueKind::string);
  event.finish();
  EventLogSource logsource;
  logsource.product = "windows";
  logsource.add_service("security");
  logsource.add_category("process_creation");
  AliasedEvent aliased;
  ASSERT_TRUE(aliased.reset(event, default_event_field_mappings(), logsource));
  ASSERT_GT(aliased.name_count(), event.name_count());
  EXPECT_NE(aliased.shape_id(), 0u);
  EXPECT_NE(aliased.shape_id(), event.shape_id()) << "its names are the event's and the aliases'";
}

TEST(EventFieldAliases, ABadEntryIsAnErrorNamingItsKey) {
  auto config = detection_config_from_yaml(YAML::Load("event_field_mappings:\n  \"kind:x\": {a: b}\n"));
  ASSERT_FALSE(config);
  EXPECT_NE(config.error().message.find("detection.event_field_mappings.\"kind:x\""), std::string::npos)
      << config.error().message;
}

}  // namespace
}  // namespace ward::sigma
