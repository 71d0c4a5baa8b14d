#include "sigma/sigma_string.h"

#include <gtest/gtest.h>

#include "sigma/string_predicate.h"

namespace ward::sigma {
namespace {

bool test(std::string_view rule_value, std::string_view text, bool cased = false) {
  auto t = StringPredicate::from_value(SigmaString::parse(rule_value), cased);
  EXPECT_TRUE(t.has_value());
  return t && t->matches(text);
}

TEST(SigmaString, EscapesFollowTheSpecTable) {
  // A single backslash before an ordinary character is a plain backslash.
  EXPECT_TRUE(test(R"(C:\Windows\cmd.exe)", R"(C:\Windows\cmd.exe)"));
  // Double backslash is one backslash.
  EXPECT_TRUE(test(R"(C:\\Windows)", R"(C:\Windows)"));
  // \* is a plain star, not a wildcard.
  EXPECT_TRUE(test(R"(a\*b)", "a*b"));
  EXPECT_FALSE(test(R"(a\*b)", "axxb"));
  // \\* is a backslash followed by a wildcard.
  EXPECT_TRUE(test(R"(dir\\*)", R"(dir\anything)"));
  // \\\* is a backslash and a plain star.
  EXPECT_TRUE(test(R"(dir\\\*)", R"(dir\*)"));
  EXPECT_FALSE(test(R"(dir\\\*)", R"(dir\x)"));
  // Four backslashes are two.
  EXPECT_TRUE(test(R"(\\\\server)", R"(\\server)"));
  EXPECT_TRUE(test(R"(what\?)", "what?"));
  EXPECT_FALSE(test(R"(what\?)", "whats"));
}

TEST(SigmaString, WildcardsStarAndQuestionMark) {
  EXPECT_TRUE(test("prog?.exe", "progA.exe"));
  EXPECT_FALSE(test("prog?.exe", "prog.exe"));
  EXPECT_FALSE(test("prog?.exe", "progAB.exe"));
  EXPECT_TRUE(test("antivirus_V*.exe", "antivirus_V21.2.1.exe"));
  EXPECT_TRUE(test("antivirus_V*.exe", "antivirus_V.exe"));
  EXPECT_TRUE(test("*", ""));
  EXPECT_TRUE(test("*", "anything"));
  EXPECT_TRUE(test("a*b*c", "aXXbYYc"));
  EXPECT_FALSE(test("a*b*c", "aXXbYY"));
  EXPECT_TRUE(test("*\\cmd.exe", "C:\\Windows\\System32\\CMD.EXE"));
  EXPECT_TRUE(test("line*end", "line\nend")) << "* crosses line breaks";
}

TEST(SigmaString, CaseInsensitiveUnlessCased) {
  EXPECT_TRUE(test("PowerShell.EXE", "powershell.exe"));
  EXPECT_FALSE(test("PowerShell.EXE", "powershell.exe", true));
  EXPECT_TRUE(test("PowerShell.EXE", "PowerShell.EXE", true));
  EXPECT_TRUE(test("Power*.EXE", "POWERSHELL.exe"));
  EXPECT_FALSE(test("Power*.EXE", "POWERSHELL.exe", true));
}

TEST(SigmaString, EmptyValueMatchesOnlyEmptyText) {
  EXPECT_TRUE(test("", ""));
  EXPECT_FALSE(test("", "x"));
}

TEST(SigmaString, PlainShapesNeedNoRegex) {
  auto kind = [](std::string_view v) { return StringPredicate::from_value(SigmaString::parse(v), false)->kind(); };
  EXPECT_EQ(kind("abc"), StringMatch::equals);
  EXPECT_EQ(kind("abc*"), StringMatch::starts_with);
  EXPECT_EQ(kind("*abc"), StringMatch::ends_with);
  EXPECT_EQ(kind("*abc*"), StringMatch::contains);
  EXPECT_EQ(kind("a*c"), StringMatch::glob);
  EXPECT_EQ(kind("a?"), StringMatch::glob);
}

TEST(SigmaString, Utf16LittleAndBigEndian) {
  EXPECT_EQ(utf16(SigmaString::literal("cmd"), false, false).bytes(), std::string("c\0m\0d\0", 6));
  EXPECT_EQ(utf16(SigmaString::literal("cmd"), true, false).bytes(), std::string("\0c\0m\0d", 6));
  EXPECT_EQ(utf16(SigmaString::literal("cmd"), false, true).bytes(), std::string("\xFF\xFE" "c\0m\0d\0", 8));
  // é (U+00E9) is one UTF-16 unit.
  EXPECT_EQ(utf16(SigmaString::literal("\xC3\xA9"), false, false).bytes(), std::string("\xE9\0", 2));
  // Wildcards survive the encoding.
  EXPECT_TRUE(utf16(SigmaString::parse("a*"), false, false).has_wildcards());
}

TEST(SigmaString, Base64OfPlainValuesOnly) {
  EXPECT_EQ(base64(SigmaString::literal("cmd"))->bytes(), "Y21k");
  EXPECT_EQ(base64(SigmaString::literal("ab"))->bytes(), "YWI=");
  EXPECT_FALSE(base64(SigmaString::parse("a*")).has_value());
}

TEST(SigmaString, Base64OffsetGivesTheThreeShifts) {
  // pySigma's values for 'sigma rules!'.
  auto v = base64_offsets(SigmaString::literal("sigma rules!"));
  ASSERT_TRUE(v.has_value());
  ASSERT_EQ(v->size(), 3u);
  EXPECT_EQ((*v)[0].bytes(), "c2lnbWEgcnVsZXMh");
  EXPECT_EQ((*v)[1].bytes(), "NpZ21hIHJ1bGVzI");
  EXPECT_EQ((*v)[2].bytes(), "zaWdtYSBydWxlcy");
}

TEST(SigmaString, Base64OffsetFindsTheValueAtAnyPosition) {
  // "/bin/sh -c whoami" encoded with 0, 1 and 2 bytes in front.
  auto shifts = base64_offsets(SigmaString::literal("whoami"));
  ASSERT_TRUE(shifts.has_value());
  for (std::string prefix : {"", "x", "xy", "xyz"}) {
    const std::string encoded = base64(SigmaString::literal(prefix + "whoami --all"))->bytes();
    bool found = false;
    for (const auto& s : *shifts) found |= encoded.find(s.bytes()) != std::string::npos;
    EXPECT_TRUE(found) << "prefix '" << prefix << "' in " << encoded;
  }
}

TEST(SigmaString, WindashVariesDashesThatOpenAWord) {
  auto v = windash_variants(SigmaString::parse(" -exec"));
  ASSERT_TRUE(v.has_value());
  std::vector<std::string> got;
  for (const auto& s : *v) got.push_back(s.bytes());
  EXPECT_EQ(got, (std::vector<std::string>{" -exec", " /exec", " \u2013exec", " \u2014exec", " \u2015exec"}));
  // Two dashes: 25 variants.
  EXPECT_EQ(windash_variants(SigmaString::parse("-a -b"))->size(), 25u);
  // A dash inside a word is left alone.
  EXPECT_EQ(windash_variants(SigmaString::parse("x-ray"))->size(), 1u);
}

}  // namespace
}  // namespace ward::sigma
