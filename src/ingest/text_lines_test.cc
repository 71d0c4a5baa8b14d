#include "ingest/text_lines.h"

#include <gtest/gtest.h>

#include "ingest/log_time.h"

namespace ward::ingest {
namespace {

TEST(TextLines, NumbersLinesAndGivesOffsets) {
  TextLines lines("\xef\xbb\xbf" "a\r\n\nbc\nlast");
  TextLine l;
  ASSERT_TRUE(lines.next(l));
  EXPECT_EQ(l.text, "a");
  EXPECT_EQ(l.number, 1u);
  EXPECT_EQ(l.offset, 3u);  // after the BOM
  ASSERT_TRUE(lines.next(l));
  EXPECT_EQ(l.text, "");
  ASSERT_TRUE(lines.next(l));
  EXPECT_EQ(l.text, "bc");
  EXPECT_EQ(l.offset, 7u);
  ASSERT_TRUE(lines.next(l));
  EXPECT_EQ(l.text, "last");
  EXPECT_EQ(l.number, 4u);
  EXPECT_FALSE(lines.next(l));
}

TEST(TextLines, Utf8Validation) {
  EXPECT_TRUE(is_valid_utf8("plain ascii"));
  EXPECT_TRUE(is_valid_utf8("caf\xc3\xa9 \xf0\x9f\x98\x84"));
  EXPECT_FALSE(is_valid_utf8("caf\xe9"));          // Latin-1
  EXPECT_FALSE(is_valid_utf8("\xc0\xaf"));         // overlong
  EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80"));     // surrogate
  EXPECT_FALSE(is_valid_utf8("\xf0\x9f\x98"));     // truncated
  EXPECT_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));  // past U+10FFFF
}

TEST(LogTime, EpochSeconds) {
  EXPECT_EQ(*parse_epoch_seconds("1521911720.615923"), 1521911720615923000);
  EXPECT_EQ(*parse_epoch_seconds("1677971734.079"), 1677971734079000000);
  EXPECT_EQ(*parse_epoch_seconds("1521911720"), 1521911720LL * kNsPerSecond);
  EXPECT_FALSE(parse_epoch_seconds("XXXXXXXXXX.XXXXXX"));
  EXPECT_FALSE(parse_epoch_seconds(""));
  EXPECT_FALSE(parse_epoch_seconds("1.2.3"));
  EXPECT_FALSE(parse_epoch_seconds("-5"));
}

TEST(LogTime, BsdTimestampYearIsInferredFromTheReference) {
  const TimeNs jan5 = *parse_iso8601("2026-01-05T00:00:00Z");
  EXPECT_EQ(*parse_bsd_timestamp("Dec 31 23:59:59", jan5, nullptr),
            *parse_iso8601("2025-12-31T23:59:59Z"));
  EXPECT_EQ(*parse_bsd_timestamp("Jan  4 10:00:00", jan5, nullptr),
            *parse_iso8601("2026-01-04T10:00:00Z"));
  EXPECT_EQ(*parse_bsd_timestamp("Jan 09 10:00:00", jan5, nullptr),  // a few days ahead: clock skew
            *parse_iso8601("2026-01-09T10:00:00Z"));
  EXPECT_FALSE(parse_bsd_timestamp("Feb 30 10:00:00", jan5, nullptr));
  EXPECT_FALSE(parse_bsd_timestamp("Mar 24 8:59:37", jan5, nullptr));
  EXPECT_FALSE(parse_bsd_timestamp("mar 24 08:59:37", jan5, nullptr));
}

TEST(LogTime, BindTimestamp) {
  EXPECT_EQ(*parse_bind_timestamp("24-Mar-2018 08:59:37.123", nullptr),
            *parse_iso8601("2018-03-24T08:59:37.123Z"));
  EXPECT_EQ(*parse_bind_timestamp("24-Mar-2018 08:59:37", nullptr),
            *parse_iso8601("2018-03-24T08:59:37Z"));
  EXPECT_FALSE(parse_bind_timestamp("24-Foo-2018 08:59:37.123", nullptr));
  EXPECT_FALSE(parse_bind_timestamp("24-Mar-2018", nullptr));
}

}  // namespace
}  // namespace ward::ingest
