// Which literal the prefilter requires of a rule, for each shape of condition and modifier.
#include "sigma/prefilter_literals.h"

#include <algorithm>

#include <gtest/gtest.h>

#include "sigma/rule_testing.h"

namespace ward::sigma {
namespace {

using Literals = std::vector<std::string>;
using Sets = std::vector<Literals>;

// The rule's required literal sets, best first, each sorted; {{"<none>"}} when the rule must
// always be evaluated.
Sets required_sets(std::string_view detection) {
  auto rule = testing::compile_yaml("detection:\n" + std::string(detection));
  EXPECT_TRUE(rule.has_value()) << (rule ? "" : rule.error().describe());
  if (!rule) return {{"<compile error>"}};
  auto found = required_literals(*rule);
  if (!found) return {{"<none>"}};
  EXPECT_EQ(found->fields.size(), found->any.size());
  EXPECT_EQ(found->sets.size(), found->any.size());
  Sets sets(found->set_count());
  for (std::size_t i = 0; i < found->any.size(); ++i) sets[found->set_of(i)].push_back(found->any[i]);
  for (Literals& set : sets) {
    std::sort(set.begin(), set.end());
    set.erase(std::unique(set.begin(), set.end()), set.end());
  }
  return sets;
}

// The literals of a rule that needs one set of them.
Literals required(std::string_view detection) {
  Sets sets = required_sets(detection);
  EXPECT_EQ(sets.size(), 1u) << detection;
  return sets.empty() ? Literals{} : sets.front();
}

const Literals kNone = {"<none>"};

TEST(PrefilterLiterals, PlainValuesAreRequiredLowerCased) {
  EXPECT_EQ(required("  sel:\n    CommandLine|contains: Invoke-Mimikatz\n  condition: sel\n"), Literals{"invoke-mimikatz"});
  EXPECT_EQ(required("  sel:\n    Image|endswith: '\\RUNDLL32.exe'\n  condition: sel\n"), Literals{"\\rundll32.exe\xFF"}) << "anchored at the value's end";
  EXPECT_EQ(required("  sel:\n    Image|startswith: 'C:\\Temp\\'\n  condition: sel\n"), Literals{"\xFF" "c:\\temp\\"});
  EXPECT_EQ(required("  sel:\n    EventID: 4688\n  condition: sel\n"), Literals{"\xFF" "4688\xFF"}) << "an exact value is anchored at both ends";
  EXPECT_EQ(required("  sel:\n    CommandLine|cased|contains: MiMi\n  condition: sel\n"), Literals{"mimi"});
}

TEST(PrefilterLiterals, AListOfValuesNeedsOneOfThemAndFieldsInASelectionEach) {
  EXPECT_EQ(required("  sel:\n    CommandLine|contains:\n      - ' -enc '\n      - DownloadString\n  condition: sel\n"),
            (Literals{" -enc ", "downloadstring"}));
  // Fields of a selection are each needed, best first: '\cmd.exe' + anchor (9), then 4688 +
  // anchors (6) and 'whoami' (6), the one with fewer literals first, in their order.
  EXPECT_EQ(required_sets("  sel:\n    EventID: 4688\n    Image|endswith: '\\cmd.exe'\n    CommandLine|contains: whoami\n"
                          "  condition: sel\n"),
            (Sets{{"\\cmd.exe\xFF"}, {"\xFF" "4688\xFF"}, {"whoami"}}));
  // Alternatives (a list of maps) each need their own.
  EXPECT_EQ(required("  sel:\n    - Image|endswith: '\\certutil.exe'\n    - OriginalFileName: CertUtil.exe\n  condition: sel\n"),
            (Literals{"\\certutil.exe\xFF", "\xFF" "certutil.exe\xFF"}));
}

TEST(PrefilterLiterals, ContainsAllNeedsEachValue) {
  EXPECT_EQ(required_sets("  sel:\n    CommandLine|contains|all:\n      - ' -w '\n      - hidden\n      - DownloadString\n"
                          "  condition: sel\n"),
            (Sets{{"downloadstring"}, {"hidden"}, {" -w "}}));
}

TEST(PrefilterLiterals, OnlyTheBestSetsAreKept) {
  std::string detection = "  sel:\n    CommandLine|contains|all:\n";
  for (int i = 0; i < 12; ++i) detection += "      - value" + std::string(static_cast<std::size_t>(i), 'x') + "\n";
  const Sets sets = required_sets(detection + "  condition: sel\n");
  ASSERT_EQ(sets.size(), kMaxLiteralSets);
  EXPECT_EQ(sets.front(), Literals{"valuexxxxxxxxxxx"});
  EXPECT_EQ(sets.back(), Literals{"valuexxxx"});
}

TEST(PrefilterLiterals, ConditionsAndOrNotAndXOf) {
  const std::string sels =
      "  sel_a:\n    CommandLine|contains: mimikatz\n"
      "  sel_b:\n    CommandLine|contains: sekurlsa\n"
      "  sel_long:\n    Image|endswith: '\\powershell.exe'\n"
      "  count:\n    Size|gt: 5\n"
      "  filter:\n    User: SYSTEM\n";
  EXPECT_EQ(required(sels + "  condition: sel_a and not filter\n"), Literals{"mimikatz"});
  EXPECT_EQ(required(sels + "  condition: not filter\n"), kNone);
  EXPECT_EQ(required(sels + "  condition: sel_a or sel_b\n"), (Literals{"mimikatz", "sekurlsa"}));
  EXPECT_EQ(required(sels + "  condition: sel_a or count\n"), kNone);
  EXPECT_EQ(required(sels + "  condition: sel_a and count\n"), Literals{"mimikatz"});
  EXPECT_EQ(required_sets(sels + "  condition: sel_a and sel_long\n"), (Sets{{"\\powershell.exe\xFF"}, {"mimikatz"}}));
  EXPECT_EQ(required(sels + "  condition: 1 of sel_*\n"), (Literals{"\\powershell.exe\xFF", "mimikatz", "sekurlsa"}));
  EXPECT_EQ(required_sets(sels + "  condition: all of sel_*\n"), (Sets{{"\\powershell.exe\xFF"}, {"mimikatz"}, {"sekurlsa"}}));
  // Of an `or`, one literal of each side's best set.
  EXPECT_EQ(required(sels + "  condition: (sel_a and sel_long) or sel_b\n"), (Literals{"\\powershell.exe\xFF", "sekurlsa"}));
  EXPECT_EQ(required(sels + "  condition: 1 of them\n"), kNone);
  EXPECT_EQ(required(sels + "  condition: (sel_a or sel_b) and not filter\n"), (Literals{"mimikatz", "sekurlsa"}));
}

TEST(PrefilterLiterals, TestsWithoutALiteralNeedNothing) {
  EXPECT_EQ(required("  sel:\n    Size|gt: 5\n  condition: sel\n"), kNone);
  EXPECT_EQ(required("  sel:\n    User|exists: true\n  condition: sel\n"), kNone);
  EXPECT_EQ(required("  sel:\n    User|neq: SYSTEM\n  condition: sel\n"), kNone);
  EXPECT_EQ(required("  sel:\n    User: null\n  condition: sel\n"), kNone);
  EXPECT_EQ(required("  sel:\n    SourceIp|cidr: 10.0.0.0/8\n  condition: sel\n"), kNone);
  EXPECT_EQ(required("  sel:\n    CommandLine: '*'\n  condition: sel\n"), kNone);
  EXPECT_EQ(required("  sel:\n    CommandLine: ''\n  condition: sel\n"), kNone);
}

TEST(PrefilterLiterals, KeywordsNeedOneOfTheirValues) {
  EXPECT_EQ(required("  keywords:\n    - mimikatz\n    - sekurlsa\n  condition: keywords\n"), (Literals{"mimikatz", "sekurlsa"}));
}

TEST(PrefilterLiterals, EncodingModifiersRequireTheEncodedText) {
  EXPECT_EQ(required("  sel:\n    Data|utf16le|contains: cmd\n  condition: sel\n"), Literals{std::string("c\0m\0d\0", 6)});
  // base64offset: the three encodings at offsets 0, 1 and 2.
  const Literals b64 = required("  sel:\n    CommandLine|base64offset|contains: 'http://'\n  condition: sel\n");
  EXPECT_EQ(b64.size(), 3u);
  EXPECT_NE(b64, kNone);
  // windash: each dash variant is an alternative.
  const Literals dash = required("  sel:\n    CommandLine|windash|contains: ' -enc '\n  condition: sel\n");
  EXPECT_TRUE(std::find(dash.begin(), dash.end(), " -enc ") != dash.end());
  EXPECT_TRUE(std::find(dash.begin(), dash.end(), " /enc ") != dash.end());
  EXPECT_GE(dash.size(), 3u);
}

TEST(PrefilterLiterals, GlobsNeedTheirLongestRunCutAtUnicodeFoldedLetters) {
  EXPECT_EQ(required("  sel:\n    CommandLine: '*http*://*/payload*'\n  condition: sel\n"), Literals{"/payload"});
  // RE2 folds the Kelvin sign to k and the long s to s: runs are cut there.
  EXPECT_EQ(required("  sel:\n    Image: '*\\\\System32\\\\*.bat'\n  condition: sel\n"), Literals{"tem32\\"});
  EXPECT_EQ(required("  sel:\n    Image|cased: '*\\\\System32\\\\*.bat'\n  condition: sel\n"), Literals{"\\system32\\"});
  EXPECT_EQ(required("  sel:\n    Image: 'a?c'\n  condition: sel\n"), Literals{"a"});
}

TEST(PrefilterLiterals, RegexesNeedALiteralOutsideGroupsAndQuantifiers) {
  EXPECT_EQ(regex_required_literal("powershell\\.exe.*-enc", false), "powershell.exe");
  EXPECT_EQ(regex_required_literal("powershell\\.exe.*-enc", true), "hell.exe");
  EXPECT_EQ(regex_required_literal("(?i)(foo)?barbaz\\d+", false), "barbaz");
  EXPECT_EQ(regex_required_literal("abcd*ef", false), "abc");
  EXPECT_EQ(regex_required_literal("abc{2,3}", false), "ab");
  EXPECT_EQ(regex_required_literal("[a-z]+\\.dll$", false), ".dll");
  EXPECT_EQ(regex_required_literal("^[]x]longer$", false), "longer");
  EXPECT_EQ(regex_required_literal("cmd|powershell", false), "");
  EXPECT_EQ(regex_required_literals("(?i)cmd\\.exe|power(shell|_ise)\\.exe", false), (Literals{"cmd.exe", "power"}));
  EXPECT_EQ(regex_required_literals("a[|]bc|def", false), (Literals{"bc", "def"}));
  EXPECT_EQ(regex_required_literals("abc|.*", false), Literals{});
  EXPECT_EQ(regex_required_literal("\\x41bc", false), "");
  EXPECT_EQ(regex_required_literal("caf\xC3\xA9", false), "");
  EXPECT_EQ(required("  sel:\n    CommandLine|re: 'vssadmin(\\.exe)? delete'\n  condition: sel\n"), Literals{"vssadmin"});
  EXPECT_EQ(required("  sel:\n    CommandLine|re|i: 'vssadmin(\\.exe)? delete'\n  condition: sel\n"), Literals{" delete"});
  EXPECT_EQ(required("  sel:\n    CommandLine|re: '(a|b)'\n  condition: sel\n"), kNone);
  EXPECT_EQ(required("  sel:\n    CommandLine|re: 'mimikatz|(sekurlsa|lsadump)::'\n  condition: sel\n"), (Literals{"::", "mimikatz"}));
}

TEST(PrefilterLiterals, EachLiteralComesWithTheFieldItsTestReads) {
  auto rule = testing::compile_yaml(
      "detection:\n  sel:\n    Image|endswith: '\\\\x.exe'\n  other:\n    ParentImage|endswith: '\\\\x.exe'\n"
      "  keywords:\n    - mimikatz\n  condition: 1 of them\n");
  ASSERT_TRUE(rule.has_value()) << rule.error().describe();
  auto found = required_literals(*rule);
  ASSERT_TRUE(found.has_value());
  std::vector<std::pair<std::string, std::string>> pairs;
  for (std::size_t i = 0; i < found->any.size(); ++i) pairs.emplace_back(found->any[i], found->fields[i]);
  std::sort(pairs.begin(), pairs.end());
  EXPECT_EQ(pairs, (std::vector<std::pair<std::string, std::string>>{
                       {"\\x.exe\xFF", "Image"}, {"\\x.exe\xFF", "ParentImage"}, {"mimikatz", ""}}));
}

}  // namespace
}  // namespace ward::sigma
