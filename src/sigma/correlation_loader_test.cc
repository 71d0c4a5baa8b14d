// Loading correlation rules: multi-document files, the fields of `correlation:`, errors that
// name file, document, line and field, references resolved (or not) by id and name.
#include <fstream>

#include <gtest/gtest.h>

#include "sigma/correlation_rule.h"
#include "sigma/rule_set.h"
#include "testing/shared_data.h"

namespace ward::sigma {
namespace {

// The specification's closing example (Failed Logins Followed by Successful Login), verbatim.
constexpr std::string_view kSpecExample = R"(title: Correlation - Multiple Failed Logins Followed by Successful Login
id: b180ead8-d58f-40b2-ae54-c8940995b9b6
status: experimental
correlation:
    type: temporal_ordered
    rules:
        - multiple_failed_login
        - successful_login
    group-by:
        - User
    timespan: 10m
falsepositives:
    - Unlikely
level: high
---
title: Multiple failed logons
id: a8418a5a-5fc4-46b5-b23b-6c73beb19d41
description: Detects multiple failed logins within a certain amount of time
name: multiple_failed_login
correlation:
    type: event_count
    rules:
        - failed_login
    group-by:
        - User
    timespan: 10m
    condition:
        gte: 10
---
title: Single failed login
id: 53ba33fd-3a50-4468-a5ef-c583635cfa92
name: failed_login
logsource:
    product: windows
    service: security
detection:
    selection:
        EventID:
            - 529
            - 4625
    condition: selection
---
title: Successful login
id: 4d0a2c83-c62c-4ed4-b475-c7e23a9269b8
description: Detects a successful login
name: successful_login
logsource:
    product: windows
    service: security
detection:
    selection:
        EventID:
            - 528
            - 4624
    condition: selection
)";

RuleSet load(const ward::testing::TempDir& dir) {
  auto set = load_rule_set({dir.path()});
  EXPECT_TRUE(set.has_value()) << set.error().describe();
  return set ? std::move(*set) : RuleSet{};
}

TEST(CorrelationLoader, ReadsEveryDocumentOfTheSpecExample) {
  auto docs = parse_rule_documents(kSpecExample, "mr_failed_then_success.yml");
  ASSERT_TRUE(docs.has_value()) << docs.error().describe();
  ASSERT_EQ(docs->rules.size(), 2u);
  EXPECT_EQ(docs->rules[0].name, "failed_login");
  ASSERT_EQ(docs->correlations.size(), 2u);
  const CorrelationRule& outer = docs->correlations[0];
  EXPECT_EQ(outer.type, CorrelationType::temporal_ordered);
  EXPECT_EQ(outer.rules, (std::vector<std::string>{"multiple_failed_login", "successful_login"}));
  EXPECT_EQ(outer.group_by, (std::vector<std::string>{"User"}));
  EXPECT_EQ(outer.timespan, 600 * kNsPerSecond);
  EXPECT_EQ(outer.level, "high");
  EXPECT_FALSE(outer.has_condition);
  const CorrelationRule& inner = docs->correlations[1];
  EXPECT_EQ(inner.name, "multiple_failed_login");
  EXPECT_EQ(inner.document, 2);
  EXPECT_EQ(inner.condition.describe(), "gte 10");
}

TEST(CorrelationLoader, LinksNamesAcrossDocumentsAndHidesRulesUsedOnlyInside) {
  ward::testing::TempDir dir;
  std::ofstream(dir.path() / "mr_login.yml") << kSpecExample;
  const RuleSet set = load(dir);
  EXPECT_EQ(set.parsed, 1u);
  EXPECT_EQ(set.compiled, 1u);
  EXPECT_TRUE(set.failures.empty()) << set.failures.front().reason;
  ASSERT_EQ(set.rules.size(), 2u);
  ASSERT_EQ(set.correlations.correlations.size(), 2u);
  // Inner before outer; only the outer correlation's alerts are shown (generate defaults to false).
  EXPECT_EQ(set.correlations.correlations[0].rule.name, "multiple_failed_login");
  EXPECT_FALSE(set.correlations.correlations[0].standalone);
  EXPECT_TRUE(set.correlations.correlations[1].standalone);
  EXPECT_TRUE(set.correlations.correlations[1].inputs[0].is_correlation);
  EXPECT_EQ(set.correlations.rule_shown, (std::vector<bool>{false, false}));
}

TEST(CorrelationLoader, GenerateTrueKeepsTheBaseRulesOwnMatches) {
  ward::testing::TempDir dir;
  std::ofstream(dir.path() / "base.yml") << "title: base\nid: base-1\ndetection:\n  s:\n    EventID: 1\n  condition: s\n";
  std::ofstream(dir.path() / "other.yml") << "title: other\nid: other-1\ndetection:\n  s:\n    EventID: 2\n  condition: s\n";
  std::ofstream(dir.path() / "mr.yml") << "title: many\ncorrelation:\n  type: event_count\n  rules: [base-1]\n"
                                          "  group-by: [Host]\n  timespan: 1h\n  condition: {gte: 3}\ngenerate: true\n";
  const RuleSet set = load(dir);
  ASSERT_EQ(set.correlations.correlations.size(), 1u);
  EXPECT_TRUE(set.correlations.correlations[0].rule.generate);
  EXPECT_EQ(set.correlations.rule_shown, (std::vector<bool>{true, true}));
}

TEST(CorrelationLoader, ErrorsNameFileDocumentLineAndField) {
  struct Case {
    std::string yaml, field, words;
  };
  const std::string head = "title: base\nname: base\ndetection:\n  s:\n    EventID: 1\n  condition: s\n---\ntitle: c\n";
  const std::vector<Case> cases = {
      {head + "correlation:\n  type: event_count\n  rules: [base]\n  group-by: [User]\n  timespan: 10x\n  condition: {gte: 2}\n",
       "correlation.timespan", "'10x' is not a timespan"},
      {head + "correlation:\n  type: event_sum\n  rules: [base]\n  timespan: 1m\n", "correlation.type", "not a correlation type"},
      {head + "correlation:\n  type: value_sum\n  rules: [base]\n  timespan: 1m\n", "correlation.type", "not supported"},
      {head + "correlation:\n  type: event_count\n  rules: [base]\n  group-by: [User]\n  timespan: 1m\n",
       "correlation.condition", "missing"},
      {head + "correlation:\n  type: value_count\n  rules: [base]\n  timespan: 1m\n  condition: {gte: 2}\n",
       "correlation.condition.field", "missing"},
      {head + "correlation:\n  type: event_count\n  rules: [base]\n  timespan: 1m\n  condition: {gte: many}\n",
       "correlation.condition.gte", "expected a whole number"},
      {head + "correlation:\n  type: temporal\n  rule: [base]\n  timespan: 1m\n", "correlation.rule", "unknown key"},
  };
  for (const Case& c : cases) {
    auto docs = parse_rule_documents(c.yaml, "rules/mr_bad.yml");
    ASSERT_FALSE(docs.has_value()) << c.yaml;
    const Error& e = docs.error();
    EXPECT_EQ(e.source, "rules/mr_bad.yml");
    EXPECT_EQ(e.field, c.field) << e.describe();
    EXPECT_NE(e.message.find(c.words), std::string::npos) << e.describe();
    EXPECT_NE(e.message.find("(document 2)"), std::string::npos) << e.describe();
    EXPECT_GT(e.line, 7u) << e.describe();
  }
}

TEST(CorrelationLoader, AnUnknownReferenceOrACycleIsAFailureThatSaysWhich) {
  ward::testing::TempDir dir;
  std::ofstream(dir.path() / "base.yml") << "title: base\nname: base\ndetection:\n  s:\n    EventID: 1\n  condition: s\n";
  std::ofstream(dir.path() / "missing.yml") << "title: m\ncorrelation:\n  type: temporal\n  rules: [base, nope_rule]\n"
                                               "  group-by: [User]\n  timespan: 5m\n";
  std::ofstream(dir.path() / "cycle.yml") << "title: a\nname: a\ncorrelation:\n  type: temporal\n  rules: [base, b]\n"
                                             "  group-by: [User]\n  timespan: 5m\n---\n"
                                             "title: b\nname: b\ncorrelation:\n  type: temporal\n  rules: [base, a]\n"
                                             "  group-by: [User]\n  timespan: 5m\n";
  const RuleSet set = load(dir);
  EXPECT_EQ(set.files, 3u);
  EXPECT_EQ(set.parsed, 3u);
  EXPECT_EQ(set.compiled, 1u) << "only base.yml";
  EXPECT_TRUE(set.correlations.correlations.empty());
  EXPECT_EQ(set.correlations.loaded, 3u);
  std::string all;
  for (const auto& f : set.failures) all += f.file.filename().string() + ": " + f.reason + "\n";
  EXPECT_NE(all.find("missing.yml: correlation.rules: no loaded rule or correlation has the id or name 'nope_rule' (document 1)"),
            std::string::npos) << all;
  EXPECT_NE(all.find("leads back to this correlation (a cycle)"), std::string::npos) << all;
}

TEST(CorrelationLoader, TimespansInSecondsMinutesHoursAndDays) {
  EXPECT_EQ(parse_timespan("30s").value(), 30 * kNsPerSecond);
  EXPECT_EQ(parse_timespan("90m").value(), 5400 * kNsPerSecond);
  EXPECT_EQ(parse_timespan("1h").value(), 3600 * kNsPerSecond);
  EXPECT_EQ(parse_timespan("7d").value(), 7 * 86400 * kNsPerSecond);
  for (const char* bad : {"", "m", "10", "10M", "-5m", "0s", "1.5h", "1w"}) EXPECT_FALSE(parse_timespan(bad).has_value()) << bad;
}

// The correlation examples of the Sigma specification's test suite (spec/tests/schema/correlation):
// the types Ward runs parse and then name the rules they miss (the folder has no base rules);
// value_sum, value_avg and value_percentile are refused as not supported.
TEST(CorrelationLoader, LoadsTheSpecificationsCorrelationExamples) {
  auto set = load_rule_set({ward::testing::shared_data("sigma/spec/tests/schema/correlation")});
  ASSERT_TRUE(set.has_value()) << set.error().describe();
  EXPECT_EQ(set->files, 8u);
  EXPECT_EQ(set->parsed, 5u);
  EXPECT_EQ(set->correlations.loaded, 5u);
  EXPECT_EQ(set->compiled, 0u);
  std::map<std::string, std::string> reasons;
  for (const auto& f : set->failures) reasons[f.file.filename().string()] += f.reason;
  EXPECT_NE(reasons["value_sum.yml"].find("value_sum correlations are not supported"), std::string::npos);
  EXPECT_NE(reasons["value_percentile.yml"].find("not supported"), std::string::npos);
  EXPECT_NE(reasons["event_count.yml"].find("'5638f7c0-ac70-491d-8465-2a65075e0d86'"), std::string::npos)
      << reasons["event_count.yml"];
  EXPECT_NE(reasons["temporal_ordered.yml"].find("'recon_cmd_a'"), std::string::npos);
}

}  // namespace
}  // namespace ward::sigma
