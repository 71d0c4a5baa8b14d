// Reversing the pattern table's regular expressions: sequences back to front, groups reversed
// inside, classes, escapes and quantifiers kept, a leading (?i) turned into `caseless`, and what
// cannot be reversed refused. That the reverse finds the same starts: pattern_database_test.cc.
#include "phi/regex_reversal.h"

#include <gtest/gtest.h>

#include "phi/patterns.h"

namespace ward::phi {
namespace {

std::string reversed(std::string_view regex) {
  auto r = reverse_regex(regex);
  EXPECT_TRUE(r) << regex << ": " << (r ? "" : r.error().message);
  return r ? r->regex : "";
}

TEST(RegexReversal, ReadsSequencesBackToFrontAndGroupsInside) {
  EXPECT_EQ(reversed("\\bab+(?:c|de)"), "(?:c|ed)b+a\\b");
  EXPECT_EQ(reversed("\\d{3}-\\d{2}-\\d{4}"), "\\d{4}-\\d{2}-\\d{3}");
  EXPECT_EQ(reversed("(x(?:yz)?)[ .-]?\\(\\d{1,4}\\)"), "\\)\\d{1,4}\\([ .-]?((?:zy)?x)");
  EXPECT_EQ(reversed("(?i:lives? at) \\d{1,6}"), "\\d{1,6} (?i:ta s?evil)");
}

TEST(RegexReversal, KeepsClassesEscapesAndUtf8ByteOrderReversed) {
  EXPECT_EQ(reversed("[^\\s<>\"'`]+x"), "x[^\\s<>\"'`]+");
  EXPECT_EQ(reversed("[]a-]b"), "b[]a-]");
  // "ú" is \xc3\xba: read backwards its bytes come last first.
  EXPECT_EQ(reversed("R\\xc3\\xbaa"), "a\\xba\\xc3R");
  EXPECT_EQ(reversed("(?:[A-Z]|[\\xc3-\\xc5][\\x80-\\xbf])"), "(?:[A-Z]|[\\x80-\\xbf][\\xc3-\\xc5])");
}

TEST(RegexReversal, LeadingCaselessFlagIsReturnedApart) {
  auto r = reverse_regex("(?i)\\bSSN:(\\d{9})");
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->caseless);
  EXPECT_EQ(r->regex, "(\\d{9}):NSS\\b");
  EXPECT_FALSE(reverse_regex("abc")->caseless);
}

TEST(RegexReversal, RefusesWhatItCannotReverse) {
  for (std::string_view bad : {"a+?", "a*+", "^abc", "abc$", "(?=a)b", "(a)\\1", "a(?i)b", "(ab", "ab)", "\\x{263a}"}) {
    auto r = reverse_regex(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::unsupported) << bad;
  }
}

TEST(RegexReversal, EveryPatternOfTheTableReverses) {
  for (const Pattern& p : patterns()) {
    auto r = reverse_regex(p.regex);
    EXPECT_TRUE(r) << p.regex << ": " << (r ? "" : r.error().message);
  }
}

}  // namespace
}  // namespace ward::phi
