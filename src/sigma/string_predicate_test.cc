#include "sigma/string_predicate.h"

#include <random>

#include <gtest/gtest.h>
#include <re2/re2.h>

#include "sigma/sigma_string.h"

namespace ward::sigma {
namespace {

// What RE2 alone says, without the literal check in front of it.
bool re2_says(const StringPredicate& p, std::string_view text) {
  const re2::RE2 re(p.pattern(), re2::RE2::Quiet);
  return p.kind() == StringMatch::glob ? re2::RE2::FullMatch(text, re) : re2::RE2::PartialMatch(text, re);
}

TEST(StringPredicate, ARegexKeepsTheLiteralsItNeedsAndMatchesAsRe2) {
  auto tick = StringPredicate::from_regex("\\w+`(?:\\w+|-|.)`[\\w+|\\s]", {});
  ASSERT_TRUE(tick);
  EXPECT_EQ(tick->required_literals(), std::vector<std::string>{"`"});
  auto alternatives = StringPredicate::from_regex("Invoke-Mimi|\\bsekurlsa::", {.ignore_case = true});
  ASSERT_TRUE(alternatives);
  EXPECT_EQ(alternatives->required_literals(), (std::vector<std::string>{"e-mimi", "url"}));  // runs cut at k and s (Unicode folds them)
  auto none = StringPredicate::from_regex("\\s[a-f0-9]{64}\\s", {});
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->required_literals().empty());
  for (std::string_view text : {"IN`V`o`Ke-eXp`ResSIOn", "Invoke-Expression", "INVOKE-MIMIKATZ", "x sekurlsa::logonpasswords",
                                "x SEKURLSA::", "x se\xE2\x84\xAA" "urlsa::", "", "a`b`c"}) {
    for (const auto* p : {&*tick, &*alternatives, &*none}) EXPECT_EQ(p->matches(text), re2_says(*p, text)) << p->pattern() << " on " << text;
  }
}

TEST(StringPredicate, AGlobKeepsItsLongestRunAndMatchesAsRe2) {
  auto glob = StringPredicate::from_value(SigmaString::parse("C:\\Users*AppData\\Roaming*.ps1"), false);
  ASSERT_TRUE(glob);
  ASSERT_EQ(glob->kind(), StringMatch::glob);
  EXPECT_EQ(glob->required_literals(), std::vector<std::string>{"appdata\\roaming"});
  for (std::string_view text : {"c:\\users\\bob\\appdata\\roaming\\x.ps1", "C:\\Users\\bob\\AppData\\Roaming\\x.PS1", "C:\\Users\\bob\\x.ps1", ""})
    EXPECT_EQ(glob->matches(text), re2_says(*glob, text)) << text;
}

TEST(StringPredicate, ContainsFoldedFindsEveryPosition) {
  EXPECT_TRUE(contains_folded("xxAbC", "abc"));
  EXPECT_TRUE(contains_folded("aAb", "ab"));
  EXPECT_TRUE(contains_folded("zzzzA", "a"));
  EXPECT_TRUE(contains_folded("AbAbAbC", "abc"));
  EXPECT_FALSE(contains_folded("ab", "abc"));
  EXPECT_FALSE(contains_folded("BA", "ab"));
  EXPECT_FALSE(contains_folded("", "a"));
  EXPECT_TRUE(contains_folded("", ""));
  EXPECT_TRUE(contains_folded("C:\\WINDOWS\\x", "\\windows\\"));
  // Needles with a byte folding leaves alone (`.`, `\\`, a digit) are found from that byte.
  EXPECT_TRUE(contains_folded("C:\\Windows\\X.EXE", ".exe"));
  EXPECT_TRUE(contains_folded("AB.C.ab.c", "ab.c"));
  EXPECT_FALSE(contains_folded("x.exf.ex", ".exe"));
  EXPECT_FALSE(contains_folded(".ex", ".exe"));
  EXPECT_TRUE(contains_folded("..", "."));
}

TEST(StringPredicate, ContainsFoldedAgreesWithAPlainSearchAroundCaseInvariantBytes) {
  std::mt19937 random(42);
  const std::string_view alphabet = "aAbB.\\1";
  auto word = [&](std::size_t max) {
    std::string out(random() % (max + 1), ' ');
    for (char& c : out) c = alphabet[random() % alphabet.size()];
    return out;
  };
  for (int i = 0; i < 20000; ++i) {
    const std::string text = word(12), needle = fold_ascii(word(4));
    const bool plain = fold_ascii(text).find(needle) != std::string::npos;
    ASSERT_EQ(contains_folded(text, needle), plain) << "\"" << needle << "\" in \"" << text << '"';
    // Any byte folding leaves alone, or none, anchors the search alike.
    for (std::size_t anchor = 0; anchor <= needle.size(); ++anchor) {
      const bool usable = anchor == needle.size() ? needle.find_first_not_of("abcdefghijklmnopqrstuvwxyz") == std::string::npos
                                                  : !(needle[anchor] >= 'a' && needle[anchor] <= 'z');
      if (!usable) continue;
      ASSERT_EQ(contains_folded(text, needle, anchor), plain) << "\"" << needle << "\" at " << anchor << " in \"" << text << '"';
    }
  }
}

TEST(StringPredicate, AContainsTestAnchorsOnItsRarestByte) {
  EXPECT_EQ(contains_anchor("\\windows\\system32\\rundll32.exe"), 15u) << "a digit, not a `\\` nor a `.`";
  EXPECT_EQ(contains_anchor(" -enc \""), 6u);
  EXPECT_EQ(contains_anchor("\\temp\\"), 0u);
  EXPECT_EQ(contains_anchor("mimikatz"), 8u) << "all letters";
  // The predicate finds what a search anchored anywhere finds.
  auto contains = StringPredicate::from_value(SigmaString::parse("*\\System32\\\\*"), false);
  ASSERT_TRUE(contains.has_value());
  EXPECT_EQ(contains->pattern(), "\\system32\\");
  EXPECT_TRUE(contains->matches("C:\\WINDOWS\\SYSTEM32\\x.exe"));
  EXPECT_FALSE(contains->matches("C:\\WINDOWS\\system33\\system3\\x.exe"));
}

}  // namespace
}  // namespace ward::sigma
