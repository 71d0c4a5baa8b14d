// The bytes a match may hold: literals, escapes, classes and ranges; anything for what cannot be
// bounded; both cases when caseless; never the syntax of groups and quantifiers.
#include "phi/regex_bytes.h"

#include <string>

#include <gtest/gtest.h>

namespace ward::phi {
namespace {

std::string members(const ByteSet& set) {
  std::string out;
  for (std::size_t b = 0; b < 256; ++b)
    if (set.test(b)) out += static_cast<char>(b);
  return out;
}

TEST(RegexBytes, LiteralsEscapesAndClasses) {
  EXPECT_EQ(members(regex_bytes("\\d{3}-\\d{4}")), "-0123456789");
  EXPECT_EQ(members(regex_bytes("\\b(?:Dr|Mr)\\.? [A-C][a-c]+")), " .ABCDMabcr");
  EXPECT_EQ(members(regex_bytes("[ .-]?\\(x\\)")), " ()-.x");
  EXPECT_EQ(members(regex_bytes("R\\xc3\\xbaa")), "Ra\xba\xc3");
  EXPECT_EQ(members(regex_bytes("[\\x80-\\x82]")), "\x80\x81\x82");
}

TEST(RegexBytes, CaselessPartsTakeBothCases) {
  EXPECT_EQ(members(regex_bytes("(?i)ssn")), "NSns");
  EXPECT_EQ(members(regex_bytes("(?i:apt) 1")), " 1APTapt");
}

TEST(RegexBytes, WhatCannotBeBoundedIsAnything) {
  EXPECT_EQ(regex_bytes("a.b").count(), 256u);
  EXPECT_EQ(regex_bytes("[^\\s<>]+").count(), 256u);
  EXPECT_EQ(regex_bytes("\\S+").count(), 256u);
  EXPECT_EQ(members(regex_bytes("\\s")), "\t\n\v\f\r ");
}

}  // namespace
}  // namespace ward::phi
