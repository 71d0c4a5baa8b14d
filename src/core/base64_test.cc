// Base64 both ways: both alphabets, padding, whitespace, the limit, text that is not base64, and
// every length of input encoded and decoded back.
#include "core/base64.h"

#include <string>

#include <gtest/gtest.h>

namespace ward {
namespace {

TEST(Base64, DecodesStandardAndUrlSafeAlphabets) {
  std::string out;
  ASSERT_TRUE(decode_base64("aHR0cDovL2V4YW1wbGUub3JnL1BhdGllbnQ/bmFtZT1h", out, 1024));
  EXPECT_EQ(out, "http://example.org/Patient?name=a");
  out.clear();
  ASSERT_TRUE(decode_base64("Pj4-Pz8_", out, 1024));  // "Pj4+Pz8/" in the URL-safe alphabet
  EXPECT_EQ(out, ">>>" + std::string(3, '?'));
  out.clear();
  ASSERT_TRUE(decode_base64("YQ==\n", out, 1024));
  EXPECT_EQ(out, "a");
}

TEST(Base64, StopsAtTheLimit) {
  std::string out;
  ASSERT_TRUE(decode_base64("aGVsbG8gd29ybGQ=", out, 5));
  EXPECT_EQ(out, "hello");
}

TEST(Base64, RefusesTextThatIsNotBase64) {
  std::string out;
  EXPECT_FALSE(decode_base64("GET /Patient?x=1", out, 1024));
  out.clear();
  EXPECT_FALSE(decode_base64("YQ==YQ", out, 1024));
}

TEST(Base64, EncodesWithPaddingAndDecodesBackEveryLength) {
  EXPECT_EQ(encode_base64(""), "");
  EXPECT_EQ(encode_base64("a"), "YQ==");
  EXPECT_EQ(encode_base64("ab"), "YWI=");
  EXPECT_EQ(encode_base64("abc"), "YWJj");
  EXPECT_EQ(encode_base64(">>>???"), "Pj4+Pz8/");
  std::string bytes;
  for (int i = 0; i < 300; ++i) {
    bytes.push_back(static_cast<char>(i * 37));
    std::string back;
    ASSERT_TRUE(decode_base64(encode_base64(bytes), back, bytes.size() + 1)) << i;
    EXPECT_EQ(back, bytes) << i;
  }
}

}  // namespace
}  // namespace ward
