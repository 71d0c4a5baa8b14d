// ward.yaml `detection:`: field mappings and per-format logsources, and errors naming the key.
#include <gtest/gtest.h>

#include "sigma/detection_config.h"
#include "sigma/rule_testing.h"

namespace ward::sigma {
namespace {

Result<DetectionConfig> from_text(const std::string& text) { return detection_config_from_yaml(YAML::Load(text)); }

TEST(DetectionConfig, FieldMappingsOverrideTheDefaultsForTheRulesOfTheirLogsource) {
  auto config = from_text("field_mappings:\n  \"category:proxy\": {cs-host: host}\nlogsources:\n  squid: \"product:squid\"\n");
  ASSERT_TRUE(config.has_value()) << config.error().describe();
  CompileOptions options;
  options.field_mappings = with_defaults(config->field_mappings);
  auto rule = testing::compile_yaml(
      "logsource:\n  category: proxy\ndetection:\n  sel:\n    cs-host: evil.example\n    c-uri|contains: /raw/\n  condition: sel\n",
      options);
  ASSERT_TRUE(rule.has_value()) << rule.error().describe();
  EXPECT_TRUE(testing::fires(rule, R"({"host": "evil.example", "url": "http://evil.example/raw/1"})"))
      << "cs-host from the file, c-uri from the defaults";
  EXPECT_FALSE(testing::fires(rule, R"({"url.domain": "evil.example", "url": "http://evil.example/raw/1"})"));
  EXPECT_EQ(config->logsources.at("squid").product, "squid");
}

TEST(DetectionConfig, MappingsLeaveRulesOfOtherLogsourcesAlone) {
  auto rule = testing::compile_yaml("logsource:\n  product: zeek\n  service: http\ndetection:\n  sel:\n    c-uri: x\n  condition: sel\n");
  ASSERT_TRUE(rule.has_value());
  EXPECT_EQ(rule->selections()[0].any_of[0][0].field, "c-uri");
}

TEST(DetectionConfig, ErrorsNameTheKey) {
  auto unknown = from_text("field_mapping: {}\n");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_NE(unknown.error().describe().find("detection.field_mapping"), std::string::npos) << unknown.error().describe();
  auto bad_logsource = from_text("field_mappings:\n  \"kind:proxy\": {a: b}\n");
  ASSERT_FALSE(bad_logsource.has_value());
  EXPECT_NE(bad_logsource.error().message.find("detection.field_mappings.\"kind:proxy\""), std::string::npos)
      << bad_logsource.error().message;
  auto bad_format = from_text("logsources:\n  netflow: \"product:x\"\n");
  ASSERT_FALSE(bad_format.has_value());
  EXPECT_NE(bad_format.error().message.find("detection.logsources.netflow: unknown input format"), std::string::npos)
      << bad_format.error().message;
}

TEST(DetectionConfig, CorrelationLatenessAndCapsWithErrorsNamingTheKey) {
  auto none = from_text("rules: [r]\n");
  ASSERT_TRUE(none.has_value());
  EXPECT_EQ(none->correlation.lateness, 0) << "by default nothing is held back";
  auto set = from_text("correlation: {lateness: 30s, max_groups: 5000, max_matches_per_group: 50, max_held: 100}\n");
  ASSERT_TRUE(set.has_value()) << set.error().describe();
  EXPECT_EQ(set->correlation.lateness, 30 * kNsPerSecond);
  EXPECT_EQ(set->correlation.max_groups, 5000u);
  EXPECT_EQ(set->correlation.max_matches_per_group, 50u);
  EXPECT_EQ(set->correlation.max_held, 100u);
  for (const auto& [text, key] : {std::pair{"correlation: {lateness: soon}\n", "detection.correlation.lateness"},
                                  std::pair{"correlation: {max_groups: 0}\n", "detection.correlation.max_groups"},
                                  std::pair{"correlation: {max_groups: many}\n", "detection.correlation.max_groups"},
                                  std::pair{"correlation: {window: 5m}\n", "detection.correlation.window"}}) {
    auto bad = from_text(text);
    ASSERT_FALSE(bad.has_value()) << text;
    EXPECT_NE(bad.error().describe().find(key), std::string::npos) << bad.error().describe();
  }
  EXPECT_EQ(parse_lateness("0").value(), 0);
  EXPECT_EQ(parse_lateness("2m").value(), 2 * 60 * kNsPerSecond);
}

TEST(DetectionConfig, PlaceholdersGiveExpandRulesTheirValues) {
  auto config = from_text("placeholders:\n  Administrators: [\"admin*\", \"*-adm\"]\n  \"%known_dc%\": DC01$\n");
  ASSERT_TRUE(config.has_value()) << config.error().describe();
  EXPECT_EQ(config->placeholders.at("known_dc"), std::vector<std::string>{"DC01$"}) << "percent signs are optional";
  const std::string yaml = "logsource:\n  product: windows\ndetection:\n  sel:\n    User|expand: '%Administrators%'\n  condition: sel\n";
  auto without = testing::compile_yaml(yaml);
  ASSERT_FALSE(without.has_value()) << "no values: the rule cannot compile";
  EXPECT_NE(without.error().message.find("placeholder %Administrators% has no configured value"), std::string::npos);
  auto rule = testing::compile_yaml(yaml, compile_options(*config));
  ASSERT_TRUE(rule.has_value()) << rule.error().describe();
  EXPECT_TRUE(testing::fires(rule, R"({"User": "admin.jones"})"));
  EXPECT_TRUE(testing::fires(rule, R"({"User": "jones-adm"})"));
  EXPECT_FALSE(testing::fires(rule, R"({"User": "jones"})"));
}

TEST(DetectionConfig, PlaceholderErrorsNameTheKey) {
  auto bad = from_text("placeholders:\n  Administrators: []\n");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().message, "detection.placeholders.Administrators: expected a value or a non-empty list of values");
  auto list = from_text("placeholders: [a, b]\n");
  ASSERT_FALSE(list.has_value());
  EXPECT_NE(list.error().message.find("detection.placeholders: expected a map"), std::string::npos);
}

}  // namespace
}  // namespace ward::sigma
