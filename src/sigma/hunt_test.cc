#include "sigma/hunt.h"

#include <fstream>

#include <gtest/gtest.h>

#include "sigma/rule_testing.h"
#include "testing/shared_data.h"

namespace ward::sigma {
namespace {

TEST(Hunt, ReportsEachMatchWithFileEventAndTheFieldsOfItsSelections) {
  ward::testing::TempDir dir;
  const auto file = dir.path() / "events.jsonl";
  std::ofstream(file) << R"({"Image": "C:\\x\\cmd.exe", "CommandLine": "cmd /c whoami", "User": "bob"})" "\n"
                      << R"({"Image": "C:\\x\\cmd.exe", "CommandLine": "cmd /c whoami", "User": "SYSTEM"})" "\n"
                      << R"({"Image": "C:\\x\\notepad.exe"})" "\n";
  auto rule = testing::compile_yaml(
      "id: r1\nlevel: high\ndetection:\n  selection:\n    Image|endswith: '\\cmd.exe'\n    CommandLine|contains: whoami\n"
      "  filter:\n    User: SYSTEM\n  condition: selection and not filter\n");
  ASSERT_TRUE(rule.has_value()) << rule.error().describe();
  std::vector<CompiledRule> rules = {*rule};
  std::vector<HuntMatch> matches;
  std::vector<Error> errors;
  const auto summary = hunt(rules, {file, dir.path() / "missing.json"}, [&](const HuntMatch& m) { matches.push_back(m); },
                            [&](const Error& e) { errors.push_back(e); });
  EXPECT_EQ(summary.events, 3u);
  EXPECT_EQ(summary.matches, 1u);
  EXPECT_EQ(summary.unreadable_files, 1u);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].describe().find("missing.json"), std::string::npos);
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].event_index, 1u);
  EXPECT_EQ(matches[0].rule->rule().id, "r1");
  std::vector<std::string> fields;
  for (const auto& f : matches[0].fields) fields.push_back(f.field + "=" + f.value);
  EXPECT_EQ(fields, (std::vector<std::string>{"Image=C:\\x\\cmd.exe", "CommandLine=cmd /c whoami"}))
      << "the filter's User field is not reported";
}

}  // namespace
}  // namespace ward::sigma
