// The SigmaHQ corpus in ../shared/data/sigma: how many rules load, and whether each rule with
// regression events fires on them (MANIFEST.md there describes the data).
#include <map>

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "sigma/hunt.h"
#include "sigma/rule_set.h"
#include "testing/shared_data.h"

namespace ward::sigma {
namespace {

std::vector<std::filesystem::path> rule_folders() {
  std::vector<std::filesystem::path> out;
  for (const char* folder : {"rules", "rules-emerging-threats", "rules-threat-hunting", "rules-compliance", "rules-placeholder"})
    out.push_back(ward::testing::shared_data(std::string("sigma/") + folder));
  return out;
}

const RuleSet& corpus() {
  static const RuleSet set = [] {
    auto loaded = load_rule_set(rule_folders());
    EXPECT_TRUE(loaded.has_value()) << loaded.error().describe();
    return loaded ? std::move(*loaded) : RuleSet{};
  }();
  return set;
}

TEST(SigmaCorpus, AtLeast995PerMilleOfTheRulesParseAndCompile) {
  const RuleSet& set = corpus();
  ASSERT_GT(set.files, 3000u);
  std::size_t placeholders = 0;
  for (const auto& f : set.failures) {
    const bool placeholder = f.reason.find("placeholder") != std::string::npos;
    placeholders += placeholder;
    std::cout << (placeholder ? "  placeholder " : "  FAILED ") << f.file.string() << ": " << f.reason << "\n";
  }
  std::cout << "parsed " << set.parsed << "/" << set.files << ", compiled " << set.compiled << "/" << set.files
            << " (" << placeholders << " wait for placeholder values)\n";
  EXPECT_EQ(set.parsed, set.files);
  // Rules whose `expand` placeholders have no configured value count as not compiled here;
  // the share leaves them out of the failures it tolerates.
  EXPECT_GE(static_cast<double>(set.compiled + placeholders) / static_cast<double>(set.files), 0.995);
  EXPECT_GE(static_cast<double>(set.compiled) / static_cast<double>(set.files), 0.99);
}

TEST(SigmaCorpus, EveryRuleFiresOnItsRegressionEvents) {
  std::map<std::string, const CompiledRule*> by_id;
  for (const auto& rule : corpus().rules) by_id.emplace(rule.rule().id, &rule);
  std::size_t cases = 0, passed = 0;
  std::vector<std::string> failures;
  const auto root = ward::testing::shared_data("sigma/regression_data");
  std::vector<std::filesystem::path> infos;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root))
    if (entry.path().filename() == "info.yml") infos.push_back(entry.path());
  std::sort(infos.begin(), infos.end());
  for (const auto& info_path : infos) {
    const auto folder = info_path.parent_path();
    std::vector<std::filesystem::path> events;
    for (const auto& f : std::filesystem::directory_iterator(folder))
      if (f.path().extension() == ".json") events.push_back(f.path());
    if (events.empty()) {
      std::cout << "  skipped (no JSON events, only raw logs): " << folder.string() << "\n";
      continue;
    }
    ++cases;
    const YAML::Node info = YAML::LoadFile(info_path.string());
    const std::string id = info["rule_metadata"][0]["id"].as<std::string>();
    const auto found = by_id.find(id);
    if (found == by_id.end()) {
      failures.push_back(id + " not loaded (" + folder.string() + ")");
      continue;
    }
    std::vector<CompiledRule> one = {*found->second};
    RuleRouter router(one);  // the rule runs only on events its logsource takes
    std::vector<std::string> errors;
    const auto summary = hunt(router, events, HuntOptions{.format = "json"}, [](const HuntMatch&) {},
                              [&](const Error& e) { errors.push_back(e.describe()); });
    EXPECT_TRUE(errors.empty()) << errors.front();
    if (summary.matches > 0) {
      ++passed;
    } else {
      failures.push_back(id + " did not fire on " + std::to_string(summary.events) + " events (" + folder.string() + ")");
    }
  }
  std::cout << "regression: " << passed << "/" << cases << " rules fired on their events\n";
  for (const auto& f : failures) std::cout << "  FAILED " << f << "\n";
  EXPECT_GT(cases, 150u);
  EXPECT_EQ(passed, cases);
}

}  // namespace
}  // namespace ward::sigma
