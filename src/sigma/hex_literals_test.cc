// Hash literals looked up by their hexadecimal run: found wherever a scan would find them,
// case-insensitively, and nowhere else.
#include "sigma/hex_literals.h"

#include <vector>

#include <gtest/gtest.h>

namespace ward::sigma {
namespace {

const std::string kSha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
const std::string kMd5 = "098f6bcd4621d373cade4e832627b4f6";

std::vector<std::uint32_t> found_in(const HexLiterals& table, std::string_view text) {
  std::vector<std::uint32_t> ids;
  table.find(text, [&](std::uint32_t id) { ids.push_back(id); });
  return ids;
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
  return s;
}

TEST(HexLiterals, TakesLiteralsWithALongRunAfterAnotherByte) {
  EXPECT_TRUE(HexLiterals::takes("sha256=" + kSha256));
  EXPECT_TRUE(HexLiterals::takes("\xFF" + kMd5 + "\xFF"));
  EXPECT_FALSE(HexLiterals::takes(kMd5)) << "the run could start inside a longer run of the text";
  EXPECT_FALSE(HexLiterals::takes("md5=" + kMd5.substr(0, 31))) << "too short to be worth a look-up";
  EXPECT_FALSE(HexLiterals::takes("c:\\windows\\system32\\"));
}

TEST(HexLiterals, FindsEachLiteralInASysmonHashesValueIgnoringCase) {
  HexLiterals table;
  table.add("sha256=" + kSha256, 0);
  table.add("md5=" + kMd5, 1);
  table.add("imphash=" + kMd5, 2);
  table.add("\xFF" + kMd5 + "\xFF", 3);
  table.finish();
  const std::string hashes = "\xFFSHA1=A94A8FE5CCB19BA61C4C0873D391E987982FBBD3,MD5=" + upper(kMd5) + ",SHA256=" + upper(kSha256) +
                             ",IMPHASH=00000000000000000000000000000000\xFF";
  EXPECT_EQ(found_in(table, hashes), (std::vector<std::uint32_t>{1, 0}));
  EXPECT_EQ(found_in(table, "\xFF" + kMd5 + "\xFF"), (std::vector<std::uint32_t>{3}));
  // Contained, as a scan would find it: a longer run or key around it.
  EXPECT_EQ(found_in(table, "XMD5=" + kMd5 + "ab"), (std::vector<std::uint32_t>{1}));
  // Not found: one digit changed, the key differs, the run starts earlier.
  std::string changed = kSha256;
  changed[40] = '0';
  EXPECT_TRUE(found_in(table, "SHA256=" + changed).empty());
  EXPECT_TRUE(found_in(table, "SHA1=" + kMd5).empty());
  EXPECT_TRUE(found_in(table, "MD5=0" + kMd5).empty());
  EXPECT_TRUE(found_in(table, "MD5=" + kMd5.substr(0, 31)).empty()) << "cut short at the end of the text";
}

TEST(HexLiterals, FindsARunWhereverItStartsAmongOtherDigits) {
  HexLiterals table;
  table.add("md5=" + kMd5, 7);
  table.finish();
  for (std::size_t before = 0; before < 70; ++before)
    for (const char* filler : {"x", "a", "0"}) {
      std::string text;
      for (std::size_t i = 0; i < before; ++i) text += filler;
      EXPECT_EQ(found_in(table, text + ",MD5=" + kMd5 + ",x"), std::vector<std::uint32_t>{7}) << before << filler;
      EXPECT_EQ(found_in(table, text + "md5=" + kMd5), std::vector<std::uint32_t>{7}) << before << filler;
    }
}

TEST(HexLiterals, FindsRunsAcrossThe64ByteBlocksOfTheTextAndBesideNonAsciiBytes) {
  HexLiterals table;
  table.add("\xFF" + kSha256 + "\xFF", 1);
  table.add("=" + kMd5, 2);
  table.finish();
  // The text's digits are looked at 64 bytes at a time: runs that start, end or lie in any block.
  for (std::size_t before = 0; before < 140; ++before) {
    const std::string pad(before, 'x');
    EXPECT_EQ(found_in(table, pad + "\xFF" + upper(kSha256) + "\xFF"), std::vector<std::uint32_t>{1}) << before;
    EXPECT_EQ(found_in(table, pad + "\xC3\xA9=" + kMd5 + "\xC3\xA9"), std::vector<std::uint32_t>{2}) << before;
    EXPECT_EQ(found_in(table, pad + "=" + kMd5), std::vector<std::uint32_t>{2}) << before << " (at the end)";
    EXPECT_TRUE(found_in(table, pad + "\xFF" + kSha256 + "0\xFF").empty()) << before << " (a longer run)";
    EXPECT_TRUE(found_in(table, pad + "=" + kMd5.substr(0, 31) + "g" + kMd5.substr(31)).empty()) << before;
  }
}

TEST(HexLiterals, AnEmptyTableFindsNothing) {
  HexLiterals table;
  table.finish();
  EXPECT_TRUE(table.empty());
  EXPECT_TRUE(found_in(table, "MD5=" + kMd5).empty());
}

}  // namespace
}  // namespace ward::sigma
