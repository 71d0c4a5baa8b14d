// The Hyperscan prefilter: it only skips rules that cannot match. Unit cases on hand-made
// events, a database that cannot be built is an error value, and the SigmaHQ corpus over its
// regression events and the FHIR samples gives the same matches with and without it.
#include "sigma/prefilter.h"

#include <algorithm>
#include <fstream>
#include <functional>
#include <iterator>
#include <random>
#include <tuple>

#include <gtest/gtest.h>

#include "sigma/hunt.h"
#include "sigma/rule_selector.h"
#include "sigma/rule_set.h"
#include "sigma/rule_testing.h"
#include "testing/shared_data.h"

namespace ward::sigma {
namespace {

std::optional<RequiredLiterals> need(std::vector<std::string> any) { return RequiredLiterals{std::move(any)}; }

// The candidates for the first event of `json`.
std::vector<std::uint32_t> candidates(const Prefilter& filter, std::string_view json) {
  auto scratch = PrefilterScratch::make(filter);
  EXPECT_TRUE(scratch.has_value());
  std::vector<std::uint32_t> out;
  bool seen = false;
  read_json_text(json, "event.json",
                 [&](std::uint64_t, const FlatEvent& e) {
                   if (seen) return;
                   seen = true;
                   EXPECT_TRUE(filter.candidates(e, *scratch, out).has_value());
                 },
                 [](const Error& e) { ADD_FAILURE() << e.describe(); });
  return out;
}

TEST(Prefilter, PicksRulesWhoseLiteralOccursInOneValueCaseInsensitivelyInRuleOrder) {
  auto filter = Prefilter::from_literals({need({"mimikatz"}), std::nullopt, need({"cmd.exe", "whoami"}), need({"abc"}), need({"x"})});
  ASSERT_TRUE(filter.has_value()) << filter.error().describe();
  EXPECT_EQ(filter->literals(), 4u);
  EXPECT_EQ(filter->always_evaluated(), 2u) << "no literal, and a literal too short to be worth it";
  EXPECT_EQ(candidates(*filter, R"({"CommandLine": "WHOAMI /all", "Image": "C:\\x\\MimiKatz.exe"})"),
            (std::vector<std::uint32_t>{0, 1, 2, 4}));
  EXPECT_EQ(candidates(*filter, R"({"a": "nothing here"})"), (std::vector<std::uint32_t>{1, 4}));
  // "ab" ends one value and "c" starts the next: no literal spans two values.
  EXPECT_EQ(candidates(*filter, R"({"x": "xab", "y": "cx"})"), (std::vector<std::uint32_t>{1, 4}));
  // Numbers and booleans are scanned as written.
  auto numbers = Prefilter::from_literals({need({"\xFF" "4688\xFF"}), need({"true"})});
  ASSERT_TRUE(numbers.has_value());
  EXPECT_EQ(candidates(*numbers, R"({"EventID": 4688, "Ok": true})"), (std::vector<std::uint32_t>{0, 1}));
}

TEST(Prefilter, ALiteralCountsOnlyInTheFieldItsRuleTests) {
  RequiredLiterals image{{"\\x.exe\xFF"}, {"Image"}};
  RequiredLiterals start{{"\xFF" "c:\\tmp\\"}, {"image"}};  // field names ignore case
  RequiredLiterals keyword{{"\\x.exe"}, {""}};
  auto filter = Prefilter::from_literals({image, start, keyword});
  ASSERT_TRUE(filter.has_value()) << filter.error().describe();
  EXPECT_EQ(candidates(*filter, R"({"ParentImage": "C:\\tmp\\X.EXE", "Image": "C:\\a\\b.exe"})"),
            (std::vector<std::uint32_t>{2})) << "found in ParentImage, not in Image";
  EXPECT_EQ(candidates(*filter, R"({"Image": "C:\\tmp\\X.EXE"})"), (std::vector<std::uint32_t>{0, 1, 2}));
  EXPECT_EQ(candidates(*filter, R"({"Image": "C:\\a\\x.exe.bak"})"), (std::vector<std::uint32_t>{2}))
      << "the suffix anchor holds in the field check too";
}

TEST(Prefilter, ARuleOfSeveralSetsIsPickedOnlyWhenALiteralOfEachWasFound) {
  RequiredLiterals both{{"\\x.exe\xFF", "\\y.exe\xFF", "mimikatz"}, {"Image", "Image", "CommandLine"}, {0, 0, 1}};
  RequiredLiterals one{{"mimikatz"}, {"CommandLine"}};
  auto filter = Prefilter::from_literals({both, one});
  ASSERT_TRUE(filter.has_value()) << filter.error().describe();
  EXPECT_EQ(candidates(*filter, R"({"Image": "C:\\y.exe", "CommandLine": "MimiKatz x"})"), (std::vector<std::uint32_t>{0, 1}));
  EXPECT_EQ(candidates(*filter, R"({"Image": "C:\\x.exe", "CommandLine": "other"})"), std::vector<std::uint32_t>{})
      << "the CommandLine set was not found";
  EXPECT_EQ(candidates(*filter, R"({"Image": "C:\\z.exe", "CommandLine": "mimikatz"})"), (std::vector<std::uint32_t>{1}));
  // A set holding a one-byte literal is left out, not the rule.
  RequiredLiterals short_set{{".", "mimikatz"}, {"CommandLine", "CommandLine"}, {0, 1}};
  auto shortened = Prefilter::from_literals({short_set});
  ASSERT_TRUE(shortened.has_value());
  EXPECT_EQ(shortened->always_evaluated(), 0u);
  EXPECT_EQ(candidates(*shortened, R"({"CommandLine": "mimikatz"})"), (std::vector<std::uint32_t>{0}));
}

TEST(Prefilter, ABuildFailureIsAnErrorValueAndHuntingFallsBackToEveryRule) {
  auto filter = Prefilter::from_literals({need({"ok"}), need({""})});
  ASSERT_FALSE(filter.has_value());
  EXPECT_NE(filter.error().message.find("empty literal"), std::string::npos) << filter.error().message;
  // No rule with a literal: no database, every rule evaluated.
  auto open = Prefilter::from_literals({std::nullopt, std::nullopt});
  ASSERT_TRUE(open.has_value());
  EXPECT_EQ(candidates(*open, R"({"a": 1})"), (std::vector<std::uint32_t>{0, 1}));
}

TEST(Prefilter, ASelectorWithoutPrefilterGivesEveryRule) {
  auto rule = testing::compile_yaml("detection:\n  sel:\n    Image|endswith: '\\cmd.exe'\n  condition: sel\n");
  ASSERT_TRUE(rule.has_value());
  const std::vector<CompiledRule> rules = {*rule, *rule};
  RuleSelector off(rules, false), on(rules, true);
  EXPECT_FALSE(off.prefiltering());
  EXPECT_TRUE(on.prefiltering());
  read_json_text(R"({"Image": "notepad.exe"})", "e.json",
                 [&](std::uint64_t, const FlatEvent& e) {
                   EXPECT_EQ(off.rules_for(e).size(), 2u);
                   EXPECT_EQ(on.rules_for(e).size(), 0u);
                 },
                 [](const Error& e) { ADD_FAILURE() << e.describe(); });
}

// Rules whose literals need care: Unicode case folding in RE2, encodings, separators.
TEST(Prefilter, TrickyRulesMatchTheSameWithAndWithout) {
  ward::testing::TempDir dir;
  const auto file = dir.path() / "events.jsonl";
  // The Kelvin sign (U+212A) matches k case-insensitively in RE2.
  std::ofstream(file) << R"({"CommandLine": "mimi\u212Aatz sekurlsa::logonpasswords"})" "\n"
                      << R"({"CommandLine": "powershell -EncodedCommand SQBFAFgA", "Image": "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"})" "\n"
                      << R"({"Data": "c\u0000m\u0000d\u0000", "Count": 7})" "\n";
  const std::vector<std::string> detections = {
      "  sel:\n    CommandLine|re|i: 'mimikatz'\n  condition: sel\n",
      "  sel:\n    CommandLine: '*mimi?atz*'\n  condition: sel\n",
      "  sel:\n    CommandLine|windash|contains: ' -enc'\n  condition: sel\n",
      "  sel:\n    Image|endswith: '\\powershell.exe'\n  filter:\n    CommandLine|contains: nothing\n  condition: sel and not filter\n",
      "  sel:\n    Data|utf16le|contains: cmd\n  condition: sel\n",
      "  sel:\n    Count|gt: 5\n  condition: sel\n",
      "  keywords:\n    - 'sekurlsa::'\n  condition: keywords\n",
  };
  std::vector<CompiledRule> rules;
  for (const auto& d : detections) {
    auto rule = testing::compile_yaml("detection:\n" + d);
    ASSERT_TRUE(rule.has_value()) << rule.error().describe();
    rules.push_back(*rule);
  }
  auto run = [&](bool prefilter) {
    std::vector<std::pair<const CompiledRule*, std::uint64_t>> out;
    hunt(rules, {file}, [&](const HuntMatch& m) { out.emplace_back(m.rule, m.event_index); },
         [](const Error& e) { ADD_FAILURE() << e.describe(); }, HuntOptions{.prefilter = prefilter});
    return out;
  };
  const auto without = run(false);
  EXPECT_EQ(without.size(), 7u);
  EXPECT_EQ(run(true), without);
  auto built = Prefilter::build(rules);
  ASSERT_TRUE(built.has_value());
  std::vector<std::pair<const CompiledRule*, std::uint64_t>> prebuilt;
  hunt(rules, {file}, [&](const HuntMatch& m) { prebuilt.emplace_back(m.rule, m.event_index); },
       [](const Error& e) { ADD_FAILURE() << e.describe(); }, HuntOptions{.prefilter = true, .prebuilt = &*built});
  EXPECT_EQ(prebuilt, without);
}

// A scope's candidates are the plain candidates that are in the scope, whatever the tables
// (searched directly, by Hyperscan, rebuilt with the scope's few literals, keywords) and
// however often an event shape comes back (the fields to scan are then reused).
TEST(Prefilter, AScopeGivesThePlainCandidatesOfItsRules) {
  std::mt19937 rng(7);
  const std::vector<std::string> fields = {"", "Image", "CommandLine", "User", "Few"};
  auto word = [&](std::size_t n) {
    std::string w;
    for (std::size_t i = 0; i < n; ++i) w += static_cast<char>('a' + rng() % 6);
    return w;
  };
  // 600 rules: one or two literals each; "Few" has 3 literals (searched directly), the others
  // hundreds (Hyperscan); some anchored at the value separators, some upper case in events.
  std::vector<std::optional<RequiredLiterals>> needs;
  for (int r = 0; r < 600; ++r) {
    if (r % 97 == 0) { needs.push_back(std::nullopt); continue; }  // always evaluated
    RequiredLiterals need;
    for (int k = 0; k < 1 + r % 2; ++k) {
      const std::size_t f = r % 50 == 0 ? 4 : rng() % 4;
      std::string literal = f == 4 ? std::string("few") + static_cast<char>('a' + r % 3) : word(3 + rng() % 3);
      if (rng() % 4 == 0) literal = std::string(1, kValueSeparator) + literal;
      need.any.push_back(literal);
      need.fields.push_back(fields[f]);
      need.sets.push_back(r % 3 == 0 ? static_cast<std::uint8_t>(k) : 0);  // a third need both
    }
    needs.push_back(need);
  }
  auto filter = Prefilter::from_literals(needs);
  ASSERT_TRUE(filter.has_value()) << filter.error().describe();
  auto scratch = PrefilterScratch::make(*filter);
  ASSERT_TRUE(scratch.has_value());
  // Scopes: a few rules (tables rebuilt with their literals), most rules (the shared tables).
  std::vector<std::vector<std::uint32_t>> members(2);
  for (std::uint32_t r = 0; r < needs.size(); ++r) {
    if (r % 40 == 3 || r % 97 == 0) members[0].push_back(r);
    if (r % 5 != 0) members[1].push_back(r);
  }
  std::vector<PrefilterScope> scopes;
  for (const auto& m : members) scopes.push_back(filter->scope(m));
  EXPECT_GT(scopes[0].narrowed_tables(), 0u);
  EXPECT_EQ(scopes[1].narrowed_tables(), 0u);
  // Events of four shapes, values random: words, a few literals, upper case.
  const std::vector<std::vector<std::string>> shapes = {
      {"Image", "CommandLine", "User"}, {"Image", "CommandLine", "User", "Few"}, {"CommandLine", "Other"}, {"Few", "few", "Image"}};
  std::size_t picked = 0;
  for (int event = 0; event < 400; ++event) {
    const auto& shape = shapes[event < 40 ? event % 4 : rng() % shapes.size()];
    std::string json = "{";
    for (const std::string& name : shape) {
      std::string value = word(rng() % 12);
      if (rng() % 3 == 0) value += (rng() % 2 ? "FEWB" : "fewa") + word(2);
      json += (json.size() > 1 ? "," : "") + ("\"" + name + "\": \"" + value + "\"");
    }
    json += "}";
    read_json_text(json, "e.json",
                   [&](std::uint64_t, const FlatEvent& e) {
                     std::vector<std::uint32_t> plain;
                     ASSERT_TRUE(filter->candidates(e, *scratch, plain).has_value());
                     for (std::size_t s = 0; s < scopes.size(); ++s) {
                       std::vector<std::uint32_t> expected, scoped;
                       std::set_intersection(plain.begin(), plain.end(), members[s].begin(), members[s].end(),
                                             std::back_inserter(expected));
                       ASSERT_TRUE(filter->candidates(e, *scratch, scopes[s], scoped).has_value());
                       EXPECT_EQ(scoped, expected) << "scope " << s << ", event " << json;
                       picked += scoped.size();
                     }
                   },
                   [](const Error& e) { ADD_FAILURE() << e.describe(); });
  }
  EXPECT_GT(picked, 2000u) << "the events hold literals of the scopes' rules";
}

// Events whose values come again and again (as in real logs): the scope's memo answers most
// scans, and the candidates are still exactly the plain ones.
TEST(Prefilter, AScopeRemembersRepeatedValuesAndPicksTheSame) {
  std::mt19937 rng(11);
  auto word = [&](std::size_t n) {
    std::string w;
    for (std::size_t i = 0; i < n; ++i) w += static_cast<char>('a' + rng() % 5);
    return w;
  };
  std::vector<std::optional<RequiredLiterals>> needs;
  for (int r = 0; r < 300; ++r) {
    RequiredLiterals need;
    for (int k = 0; k < 1 + r % 2; ++k) {
      need.any.push_back(r % 7 == 0 ? std::string(1, kValueSeparator) + word(2) : word(3));
      need.fields.push_back(k == 0 ? "Image" : "CommandLine");
      need.sets.push_back(static_cast<std::uint8_t>(r % 3 == 0 ? k : 0));
    }
    needs.push_back(need);
  }
  auto filter = Prefilter::from_literals(needs);
  ASSERT_TRUE(filter.has_value()) << filter.error().describe();
  auto scratch = PrefilterScratch::make(*filter);
  ASSERT_TRUE(scratch.has_value());
  std::vector<std::uint32_t> members;
  for (std::uint32_t r = 0; r < needs.size(); ++r)
    if (r % 3 != 2) members.push_back(r);
  PrefilterScope scope = filter->scope(members);
  std::vector<std::string> images, command_lines;
  for (int i = 0; i < 20; ++i) images.push_back(word(8));
  for (int i = 0; i < 20; ++i) command_lines.push_back(word(12) + " " + word(6));
  std::size_t picked = 0;
  for (int event = 0; event < 3000; ++event) {
    std::string json = "{\"Image\": \"" + images[rng() % images.size()] + "\", \"CommandLine\": [\"" +
                       command_lines[rng() % command_lines.size()] + "\"" + (event % 5 == 0 ? ", \"" + word(9) + "\"" : "") + "]}";
    read_json_text(json, "e.json",
                   [&](std::uint64_t, const FlatEvent& e) {
                     std::vector<std::uint32_t> plain, expected, scoped;
                     ASSERT_TRUE(filter->candidates(e, *scratch, plain).has_value());
                     std::set_intersection(plain.begin(), plain.end(), members.begin(), members.end(),
                                           std::back_inserter(expected));
                     ASSERT_TRUE(filter->candidates(e, *scratch, scope, scoped).has_value());
                     ASSERT_EQ(scoped, expected) << "event " << event << ": " << json;
                     picked += scoped.size();
                   },
                   [](const Error& e) { ADD_FAILURE() << e.describe(); });
  }
  EXPECT_GT(picked, 3000u) << "the events hold literals of the scope's rules";
  EXPECT_GT(scope.remembered_scans(), 4000u) << "most of the 6,000 scans answered by the memo";
}

// Each detection compiled (a failure is reported and the detection left out).
std::vector<CompiledRule> compiled_rules(std::initializer_list<const char*> detections) {
  std::vector<CompiledRule> rules;
  for (const char* detection : detections) {
    auto rule = testing::compile_yaml(detection);
    if (rule) rules.push_back(std::move(*rule));
    else ADD_FAILURE() << rule.error().describe();
  }
  return rules;
}

// `count` events {"Image": "abc", "CommandLine": <value>}, the values taken in turn from
// `command_lines`, every tenth without CommandLine: each event's candidates through `scope` are
// checked against the filter's without a scope, then given to `check` with the event.
void for_each_command_line_event(const Prefilter& filter, PrefilterScratch& scratch, PrefilterScope& scope,
                                 const std::vector<std::string>& command_lines, int count,
                                 const std::function<void(const FlatEvent&, const std::vector<std::uint32_t>&,
                                                          const std::string&)>& check) {
  for (int event = 0; event < count; ++event) {
    const std::string& value = command_lines[static_cast<std::size_t>(event) % command_lines.size()];
    const std::string json = event % 10 == 9 ? R"({"Image": "abc"})" : R"({"Image": "abc", "CommandLine": )" + value + "}";
    read_json_text(json, "e.json",
                   [&](std::uint64_t, const FlatEvent& e) {
                     std::vector<std::uint32_t> plain, scoped;
                     ASSERT_TRUE(filter.candidates(e, scratch, plain).has_value());
                     ASSERT_TRUE(filter.candidates(e, scratch, scope, scoped).has_value());
                     EXPECT_EQ(scoped, plain) << json;
                     check(e, scoped, json);
                   },
                   [](const Error& e) { ADD_FAILURE() << e.describe(); });
  }
}

TEST(Prefilter, ARuleWithoutLiteralsOnOneFieldIsJudgedInThatFieldsScanAndItsVerdictRemembered) {
  const std::vector<CompiledRule> rules = compiled_rules({
           // Needs no literal, reads CommandLine only, cannot match without it: judged.
           "detection:\n  sel:\n    CommandLine|re: '^[a-z]+ [0-9]+$'\n  condition: sel\n",
           // Reads two fields; matches an event without CommandLine: evaluated on every event.
           "detection:\n  sel:\n    CommandLine|re: '^[a-z]+$'\n    Image|re: '^[a-z]+$'\n  condition: sel\n",
           "detection:\n  sel:\n    CommandLine|re: '^[a-z]'\n  condition: not sel\n",
           "detection:\n  sel:\n    CommandLine|contains: 'whoami'\n  condition: sel\n"});
  ASSERT_EQ(rules.size(), 4u);
  auto filter = Prefilter::build(rules);
  ASSERT_TRUE(filter.has_value()) << filter.error().describe();
  EXPECT_EQ(filter->judged(), 1u);
  EXPECT_EQ(filter->always_evaluated(), 2u);
  auto scratch = PrefilterScratch::make(*filter);
  ASSERT_TRUE(scratch.has_value());
  const std::vector<std::uint32_t> all{0, 1, 2, 3};
  PrefilterScope scope = filter->scope(all);
  const std::vector<std::string> command_lines = {
      R"("abc 123")", R"("abc 12x")", R"("whoami 7")", R"("")", R"(null)", R"(["abc 1", "x"])", R"(["x", "abc 1"])",
      R"(["abc", "1"])", R"("ABC 1")"};
  std::size_t judged_picks = 0;
  for_each_command_line_event(*filter, *scratch, scope, command_lines, 200,
                              [&](const FlatEvent& e, const std::vector<std::uint32_t>& scoped, const std::string& json) {
                                const bool picked = std::find(scoped.begin(), scoped.end(), 0u) != scoped.end();
                                EXPECT_EQ(picked, rules[0].matches(e))
                                    << "the judged rule is a candidate when it matches: " << json;
                                judged_picks += picked;
                                for (std::uint32_t always : {1u, 2u})
                                  EXPECT_NE(std::find(scoped.begin(), scoped.end(), always), scoped.end()) << json;
                              });
  EXPECT_GT(judged_picks, 20u);
  EXPECT_GT(scope.remembered_scans(), 100u) << "verdicts on repeated texts come from the memo";
}

TEST(Prefilter, ARuleWithLiteralsOnOneFieldIsJudgedInThatFieldsScanAndItsVerdictRemembered) {
  const std::vector<CompiledRule> rules = compiled_rules({
           // Literals, reads CommandLine only, with a filter and a regex: judged in the scan.
           "detection:\n  sel:\n    CommandLine|contains: 'whoami'\n  filter:\n    CommandLine|endswith: ' /all'\n"
           "  condition: sel and not filter\n",
           "detection:\n  sel:\n    CommandLine|contains|all: ['net', 'user']\n    CommandLine|re: '^net [a-z]+ [0-9]+$'\n"
           "  condition: sel\n",
           // Reads Image too: a plain candidate.
           "detection:\n  sel:\n    CommandLine|contains: 'whoami'\n    Image|endswith: 'abc'\n  condition: sel\n"});
  ASSERT_EQ(rules.size(), 3u);
  auto filter = Prefilter::build(rules);
  ASSERT_TRUE(filter.has_value()) << filter.error().describe();
  EXPECT_EQ(filter->judged_with_literals(), 2u);
  auto scratch = PrefilterScratch::make(*filter);
  ASSERT_TRUE(scratch.has_value());
  const std::vector<std::uint32_t> all{0, 1, 2};
  PrefilterScope scope = filter->scope(all);
  const std::vector<std::string> command_lines = {
      R"("whoami")", R"("whoami /all")", R"("WHOAMI /priv")", R"("net user 12")", R"("net user x1")", R"("")", R"(null)",
      R"(["whoami", "x /all"])", R"(["net user", "7"])", R"(["net", "user 5"])", R"("net localgroup user 3")"};
  std::size_t judged_picks = 0;
  for_each_command_line_event(*filter, *scratch, scope, command_lines, 220,
                              [&](const FlatEvent& e, const std::vector<std::uint32_t>& scoped, const std::string& json) {
                                for (std::uint32_t judged : {0u, 1u}) {
                                  const bool picked = std::find(scoped.begin(), scoped.end(), judged) != scoped.end();
                                  EXPECT_EQ(picked, rules[judged].matches(e))
                                      << "rule " << judged << " judged in the scan: " << json;
                                  judged_picks += picked;
                                }
                              });
  EXPECT_GT(judged_picks, 40u);
  EXPECT_GT(scope.remembered_scans(), 100u) << "verdicts on repeated texts come from the memo";
}

std::vector<std::filesystem::path> json_files_below(const std::filesystem::path& root) {
  std::vector<std::filesystem::path> out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root))
    if (entry.path().extension() == ".json") out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(Prefilter, TheCorpusMatchesTheSameWithAndWithoutOnTheRegressionEventsAndSamples) {
  std::vector<std::filesystem::path> folders;
  for (const char* folder : {"rules", "rules-emerging-threats", "rules-threat-hunting", "rules-compliance", "rules-placeholder"})
    folders.push_back(ward::testing::shared_data(std::string("sigma/") + folder));
  auto set = load_rule_set(folders);
  ASSERT_TRUE(set.has_value()) << set.error().describe();
  ASSERT_GT(set->rules.size(), 3000u);
  auto files = json_files_below(ward::testing::shared_data("sigma/regression_data"));
  for (const auto& f : json_files_below("tests/golden")  /* tests run in the source folder */) files.push_back(f);
  ASSERT_GT(files.size(), 200u);

  auto run = [&](bool prefilter) {
    std::vector<std::tuple<std::string, std::string, std::uint64_t>> out;
    hunt(set->rules, files, [&](const HuntMatch& m) { out.emplace_back(m.rule->rule().id, m.file, m.event_index); },
         [](const Error&) {}, HuntOptions{.prefilter = prefilter});
    return out;
  };
  const auto without = run(false);
  const auto with = run(true);
  EXPECT_GT(without.size(), 202u);  // each regression file raises its rule, and others fire too
  EXPECT_EQ(with, without);
  RuleSelector selector(set->rules, true);
  ASSERT_TRUE(selector.prefiltering());
  std::cout << "prefilter: " << selector.prefilter()->literals() << " literals, "
            << selector.prefilter()->always_evaluated() << " of " << set->rules.size()
            << " rules always evaluated; " << with.size() << " matches either way\n";
}

}  // namespace
}  // namespace ward::sigma
