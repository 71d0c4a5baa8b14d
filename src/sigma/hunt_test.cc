#include "sigma/hunt.h"

#include <algorithm>
#include <fstream>

#include <gtest/gtest.h>

#include "sigma/rule_set.h"
#include "sigma/rule_testing.h"
#include "testing/shared_data.h"

namespace ward::sigma {
namespace {

std::string_view first_value_of(const EventView& event, std::string_view field) {
  const auto values = event.values_of(field);
  return values.empty() ? std::string_view() : values.front().text;
}

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

// What a user sees of a hunt: every match (rule, file, event, time, fields) and error, in order.
struct Seen {
  std::vector<std::string> lines;
  HuntSummary summary;
};

Seen hunt_seen(RuleRouter& router, const std::vector<std::filesystem::path>& files, HuntOptions options) {
  Seen seen;
  seen.summary = hunt(router, files, options,
                      [&](const HuntMatch& m) {
                        std::string line = m.rule->rule().id + " " + m.file + ":" + std::to_string(m.event_index) + " " + m.time;
                        for (const auto& f : m.fields) line += " " + f.field + "=" + f.value;
                        ASSERT_NE(m.event, nullptr);
                        line += " host=" + std::string(first_value_of(*m.event, "Computer"));
                        seen.lines.push_back(std::move(line));
                      },
                      [&](const Error& e) { seen.lines.push_back("error " + e.describe()); });
  return seen;
}

TEST(Hunt, OnSeveralThreadsReportsExactlyTheMatchesOfOneThreadInTheSameOrder) {
  std::vector<std::filesystem::path> folders;
  for (const char* folder : {"rules", "rules-emerging-threats", "rules-threat-hunting", "rules-compliance", "rules-placeholder"})
    folders.push_back(ward::testing::shared_data(std::string("sigma/") + folder));
  auto set = load_rule_set(folders);
  ASSERT_TRUE(set.has_value()) << set.error().describe();
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(ward::testing::shared_data("sigma/regression_data")))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  ASSERT_GT(files.size(), 200u);
  // All the regression events in one file too, with a bad record in the middle, so that one
  // file is hunted in many parts; and a file that cannot be read between the others.
  ward::testing::TempDir dir;
  const auto all = dir.path() / "all.json";
  {
    std::ofstream out(all);
    for (std::size_t i = 0; i < files.size(); ++i) {
      out << ward::testing::read_file(files[i]) << "\n";
      if (i == files.size() / 2) out << "{\"broken\":\n";
    }
  }
  files.insert(files.begin() + 100, dir.path() / "missing.json");
  files.push_back(all);
  auto prefilter = Prefilter::build(set->rules);
  ASSERT_TRUE(prefilter.has_value());
  RuleRouter router(set->rules, set->filters);
  const Seen one = hunt_seen(router, files, HuntOptions{.prebuilt = &*prefilter, .threads = 1, .part_bytes = 0});
  // One thread reading a large file in parts (each released once read) sees the same.
  const Seen one_in_parts = hunt_seen(router, files, HuntOptions{.prebuilt = &*prefilter, .threads = 1, .part_bytes = 16 * 1024});
  EXPECT_EQ(one_in_parts.lines, one.lines);
  EXPECT_EQ(one_in_parts.summary.events, one.summary.events);
  EXPECT_EQ(one_in_parts.summary.bad_documents, one.summary.bad_documents);
  const Seen three = hunt_seen(router, files, HuntOptions{.prebuilt = &*prefilter, .threads = 3, .part_bytes = 16 * 1024});
  // Events without the dotted paths of their Windows names (ward detect without --save) match
  // the same, keywords included, on one thread and on three (matches kept as copies).
  const Seen lean = hunt_seen(router, files, HuntOptions{.prebuilt = &*prefilter, .threads = 1, .whole_events = false});
  EXPECT_EQ(lean.lines, one.lines);
  const Seen lean_three = hunt_seen(
      router, files, HuntOptions{.prebuilt = &*prefilter, .threads = 3, .part_bytes = 16 * 1024, .whole_events = false});
  EXPECT_EQ(lean_three.lines, one.lines);
  EXPECT_GT(one.summary.matches, 400u);  // each regression file raises its rule, twice: alone and in all.json
  EXPECT_EQ(one.summary.bad_documents, 1u);
  EXPECT_EQ(one.summary.unreadable_files, 1u);
  EXPECT_EQ(three.lines, one.lines);
  EXPECT_EQ(three.summary.events, one.summary.events);
  EXPECT_EQ(three.summary.matches, one.summary.matches);
  EXPECT_EQ(three.summary.files, one.summary.files);
  EXPECT_EQ(three.summary.bad_documents, one.summary.bad_documents);
  EXPECT_EQ(three.summary.unreadable_files, one.summary.unreadable_files);
}

// Leaving out the dotted paths of Windows names never loses a match: a rule that names such a
// path keeps them for the whole hunt, and a keyword still finds a value that has a Windows name.
TEST(Hunt, EventsWithoutTheirWindowsPathsMatchAsWholeEventsDo) {
  ward::testing::TempDir dir;
  const auto file = dir.path() / "events.jsonl";
  std::ofstream(file) << R"({"Event": {"System": {"Channel": "Security", "EventID": 4625},)"
                         R"( "EventData": {"TargetUserName": "admin", "IpAddress": "10.0.0.9"}}})" "\n";
  auto by_path = testing::compile_yaml("id: by-path\ndetection:\n  sel:\n    Event.EventData.TargetUserName: admin\n  condition: sel\n");
  auto by_name = testing::compile_yaml("id: by-name\ndetection:\n  sel:\n    TargetUserName: admin\n  condition: sel\n");
  auto keyword = testing::compile_yaml("id: keyword\ndetection:\n  keywords:\n    - '10.0.0.9'\n  condition: keywords\n");
  auto ecs = testing::compile_yaml("id: ecs\ndetection:\n  sel:\n    event.category: x\n  condition: sel\n");
  ASSERT_TRUE(by_path && by_name && keyword && ecs);
  // The rules that fired, each with whether the event it saw held its dotted paths.
  auto seen = [&](std::vector<CompiledRule> rules, bool whole_events) {
    std::vector<std::string> out;
    hunt(rules, {file},
         [&](const HuntMatch& m) {
           const bool paths = !m.event->values_of("Event.EventData.TargetUserName").empty();
           out.push_back(m.rule->rule().id + (paths ? " whole" : " lean"));
         },
         [](const Error& e) { ADD_FAILURE() << e.describe(); }, HuntOptions{.whole_events = whole_events});
    return out;
  };
  EXPECT_EQ(seen({*by_path, *by_name, *keyword}, false), (std::vector<std::string>{"by-path whole", "by-name whole", "keyword whole"}))
      << "a rule names a path: every event keeps its paths";
  EXPECT_EQ(seen({*by_name, *keyword, *ecs}, false), (std::vector<std::string>{"by-name lean", "keyword lean"}))
      << "event.category is no Windows path";
  EXPECT_EQ(seen({*by_name, *keyword}, true), (std::vector<std::string>{"by-name whole", "keyword whole"}));
}

}  // namespace
}  // namespace ward::sigma
