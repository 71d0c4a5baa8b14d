// Sigma filters: loaded beside the rules, applied to the rules they name.
#include <fstream>

#include <gtest/gtest.h>

#include "sigma/hunt.h"
#include "testing/shared_data.h"

namespace ward::sigma {
namespace {

constexpr std::string_view kRule = R"(title: Whoami Execution
id: 11111111-2222-3333-4444-555555555555
logsource:
  product: windows
  category: process_creation
detection:
  selection:
    Image|endswith: '\whoami.exe'
  condition: selection
)";

constexpr std::string_view kFilter = R"(title: Filter Admin Whoami
description: adm_ accounts run whoami in their login scripts
logsource:
  product: windows
  category: process_creation
filter:
  rules:
    - 11111111-2222-3333-4444-555555555555
  selection:
    User|startswith: 'adm_'
  condition: selection
)";

std::string sysmon_event(std::string_view user) {
  return R"({"Event": {"System": {"Channel": "Microsoft-Windows-Sysmon/Operational", "EventID": 1}, "EventData": {"Image": "C:\\Windows\\System32\\whoami.exe", "User": ")" +
         std::string(user) + "\"}}}\n";
}

TEST(FilterRule, LoadsBesideTheRulesAndSuppressesTheEventsItsConditionMatches) {
  ward::testing::TempDir dir;
  std::ofstream(dir.path() / "rule.yml") << kRule;
  std::ofstream(dir.path() / "mf_admin_whoami.yml") << kFilter;
  const auto events = dir.path() / "events.jsonl";
  std::ofstream(events) << sysmon_event("adm_alice") << sysmon_event("bob");
  auto set = load_rule_set({dir.path()});
  ASSERT_TRUE(set.has_value()) << set.error().describe();
  EXPECT_EQ(set->files, 2u);
  EXPECT_EQ(set->compiled, 2u);
  ASSERT_EQ(set->rules.size(), 1u);
  ASSERT_EQ(set->filters.size(), 1u);
  EXPECT_EQ(filter_targets(set->rules, set->filters), std::vector<std::size_t>{1});

  RuleRouter router(set->rules, set->filters);
  EXPECT_EQ(router.filtered_rule_count(), 1u);
  std::vector<std::uint64_t> fired;
  const auto summary = hunt(router, {events}, {}, [&](const HuntMatch& m) { fired.push_back(m.event_index); },
                            [](const Error& e) { ADD_FAILURE() << e.describe(); });
  EXPECT_EQ(summary.events, 2u);
  EXPECT_EQ(fired, std::vector<std::uint64_t>{2}) << "adm_alice's event is filtered, bob's alerts";

  RuleRouter unfiltered(set->rules);
  fired.clear();
  hunt(unfiltered, {events}, {}, [&](const HuntMatch& m) { fired.push_back(m.event_index); }, [](const Error&) {});
  EXPECT_EQ(fired, (std::vector<std::uint64_t>{1, 2})) << "without the filter both alert";
}

TEST(FilterRule, NamesRulesByIdTitleOrFileName) {
  auto parsed = parse_filter_yaml(kFilter, "mf.yml");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().describe();
  Rule r{.file = "rules/proc_creation_whoami.yml", .title = "Whoami Execution", .id = "abc"};
  EXPECT_TRUE(filter_names_rule("abc", r));
  EXPECT_TRUE(filter_names_rule("Whoami Execution", r));
  EXPECT_TRUE(filter_names_rule("proc_creation_whoami", r));
  EXPECT_FALSE(filter_names_rule("other", r));
}

TEST(FilterRule, ABadFilterNamesWhatIsMissing) {
  auto no_rules = parse_filter_yaml("title: f\nlogsource:\n  product: windows\nfilter:\n  selection:\n    a: 1\n  condition: selection\n", "f.yml");
  ASSERT_FALSE(no_rules.has_value());
  EXPECT_NE(no_rules.error().describe().find("f.yml"), std::string::npos);
  EXPECT_NE(no_rules.error().message.find("filter.rules: missing"), std::string::npos) << no_rules.error().message;
  auto no_condition = parse_filter_yaml("title: f\nlogsource:\n  product: windows\nfilter:\n  rules: [x]\n  selection:\n    a: 1\n", "f.yml");
  ASSERT_FALSE(no_condition.has_value());
  EXPECT_NE(no_condition.error().message.find("condition"), std::string::npos) << no_condition.error().message;
  EXPECT_TRUE(is_filter_text(kFilter));
  EXPECT_FALSE(is_filter_text(kRule));
}

}  // namespace
}  // namespace ward::sigma
