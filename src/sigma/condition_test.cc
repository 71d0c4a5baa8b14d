#include "sigma/condition.h"

#include <gtest/gtest.h>

#include "sigma/rule_testing.h"

namespace ward::sigma {
namespace {

using testing::compile_yaml;
using testing::fires;

// Three selections on fields a, b, c; the event sets some of them to "1".
std::string rule_with(std::string_view condition) {
  return "detection:\n  sel_a: {a: '1'}\n  sel_b: {b: '1'}\n  filter_c: {c: '1'}\n  _private: {d: '1'}\n"
         "  condition: " + std::string(condition) + "\n";
}

bool on(std::string_view condition, std::string_view event) { return fires(compile_yaml(rule_with(condition)), event); }

TEST(Condition, AndBindsTighterThanOr) {
  // a or (b and c)
  EXPECT_TRUE(on("sel_a or sel_b and filter_c", R"({"a":"1"})"));
  EXPECT_FALSE(on("sel_a or sel_b and filter_c", R"({"b":"1"})"));
  EXPECT_TRUE(on("(sel_a or sel_b) and filter_c", R"({"b":"1","c":"1"})"));
  EXPECT_FALSE(on("(sel_a or sel_b) and filter_c", R"({"a":"1"})"));
}

TEST(Condition, NotBindsTighterThanAnd) {
  // (not a) and b
  EXPECT_TRUE(on("not sel_a and sel_b", R"({"b":"1"})"));
  EXPECT_FALSE(on("not sel_a and sel_b", R"({"a":"1","b":"1"})"));
  EXPECT_TRUE(on("not (sel_a and sel_b)", R"({"a":"1"})"));
  EXPECT_TRUE(on("not not sel_a", R"({"a":"1"})"));
}

TEST(Condition, OneOfAndAllOfPatterns) {
  EXPECT_TRUE(on("1 of sel_*", R"({"b":"1"})"));
  EXPECT_FALSE(on("all of sel_*", R"({"b":"1"})"));
  EXPECT_TRUE(on("all of sel_*", R"({"a":"1","b":"1"})"));
  EXPECT_TRUE(on("1 of sel_* and not 1 of filter*", R"({"a":"1"})"));
  EXPECT_FALSE(on("1 of sel_* and not 1 of filter*", R"({"a":"1","c":"1"})"));
  EXPECT_TRUE(on("1 of *_b", R"({"b":"1"})"));
}

TEST(Condition, ThemLeavesOutUnderscoreIdentifiers) {
  EXPECT_TRUE(on("1 of them", R"({"c":"1"})"));
  EXPECT_FALSE(on("1 of them", R"({"d":"1"})"));
  EXPECT_TRUE(on("all of them", R"({"a":"1","b":"1","c":"1"})"));
  EXPECT_FALSE(on("all of them", R"({"a":"1","b":"1"})"));
}

TEST(Condition, AListOfConditionsIsAnOr) {
  auto rule = compile_yaml("detection:\n  sel_a: {a: '1'}\n  sel_b: {b: '1'}\n  condition:\n    - sel_a\n    - sel_b\n");
  EXPECT_TRUE(fires(rule, R"({"b":"1"})"));
  EXPECT_FALSE(fires(rule, R"({"c":"1"})"));
}

TEST(Condition, ErrorsNameTheProblem) {
  const std::vector<std::string> names = {"selection", "filter"};
  auto unknown = parse_condition("selection and filtr", names);
  ASSERT_FALSE(unknown.has_value());
  EXPECT_NE(unknown.error().message.find("unknown search identifier 'filtr'"), std::string::npos) << unknown.error().message;
  auto open = parse_condition("(selection and filter", names);
  ASSERT_FALSE(open.has_value());
  EXPECT_NE(open.error().message.find("expected ')'"), std::string::npos) << open.error().message;
  auto none = parse_condition("1 of nothing*", names);
  ASSERT_FALSE(none.has_value());
  EXPECT_NE(none.error().message.find("no search identifier matches"), std::string::npos);
  auto aggregation = parse_condition("selection | count() > 5", names);
  ASSERT_FALSE(aggregation.has_value());
  EXPECT_NE(aggregation.error().message.find("aggregation"), std::string::npos);
  EXPECT_FALSE(parse_condition("selection and", names).has_value());
  const std::string deep = std::string(100000, '(') + "selection" + std::string(100000, ')');
  auto too_deep = parse_condition(deep, names);
  ASSERT_FALSE(too_deep.has_value());
  EXPECT_NE(too_deep.error().message.find("nested too deeply"), std::string::npos);
  EXPECT_TRUE(parse_condition(std::string(50, '(') + "selection" + std::string(50, ')'), names).has_value());
  EXPECT_FALSE(parse_condition("", names).has_value());
}

TEST(Condition, IdentifierPatterns) {
  EXPECT_TRUE(identifier_matches("sel*", "selection"));
  EXPECT_TRUE(identifier_matches("*", "x"));
  EXPECT_TRUE(identifier_matches("a*c*e", "abcde"));
  EXPECT_FALSE(identifier_matches("sel*", "filter"));
  EXPECT_FALSE(identifier_matches("selection", "selection2"));
}

}  // namespace
}  // namespace ward::sigma
