#include "ingest/mllp/mllp_framing.h"

#include <gtest/gtest.h>

namespace ward::ingest {
namespace {

using Kind = MllpItem::Kind;

constexpr std::string_view kFramedAdt = "MSH|^~\\&|ADT1|HOSP|WARD|HOSP|20240301101500||ADT^A01|MSG1|P|2.5.1\rPID|1||111^^^HOSP^MR\r";

std::vector<MllpItem> feed_all(MllpFrameDecoder& d, std::string_view bytes) {
  std::vector<MllpItem> out;
  d.feed(bytes, out);
  return out;
}

TEST(MllpFrameDecoder, ReassemblesAFrameReadOneByteAtATime) {
  MllpFrameDecoder d(1024);
  std::string framed = mllp_frame(kFramedAdt) + mllp_frame("MSH|^~\\&|B\r");
  std::vector<MllpItem> out;
  for (char c : framed) d.feed(std::string_view(&c, 1), out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].kind, Kind::message);
  EXPECT_EQ(out[0].text, kFramedAdt);
  EXPECT_EQ(out[0].bytes, kFramedAdt.size());
  EXPECT_EQ(out[1].text, "MSH|^~\\&|B\r");
}

TEST(MllpFrameDecoder, ReturnsEveryFrameOfOneReadInOrder) {
  MllpFrameDecoder d(1024);
  auto out = feed_all(d, mllp_frame("MSH|1") + mllp_frame("MSH|2") + mllp_frame("MSH|3"));
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].text, "MSH|1");
  EXPECT_EQ(out[1].text, "MSH|2");
  EXPECT_EQ(out[2].text, "MSH|3");
}

TEST(MllpFrameDecoder, WaitsForTheEndOfAFrameSplitAcrossReads) {
  MllpFrameDecoder d(1024);
  EXPECT_TRUE(feed_all(d, "\x0bMSH|^~\\&|A\rPID|1").empty());
  auto out = feed_all(d, "||111\r\x1c");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].text, "MSH|^~\\&|A\rPID|1||111\r");
  // The 0x0D that ends the frame arrives with the next read and is not taken for garbage.
  out = feed_all(d, "\r\x0bMSH|B\x1c\r");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].text, "MSH|B");
}

TEST(MllpFrameDecoder, ReportsBytesOutsideFramesOncePerRunAndSkipsThem) {
  MllpFrameDecoder d(1024);
  std::vector<MllpItem> out;
  d.feed("GET / HTTP/1.1\r\n", out);
  d.feed("Host: x\r\n\r\n", out);
  EXPECT_TRUE(out.empty());  // reported when the run ends, not once per read
  d.feed(mllp_frame("MSH|1") + "\n\n" + mllp_frame("MSH|2") + "junk" + mllp_frame("MSH|3"), out);
  ASSERT_EQ(out.size(), 5u);
  EXPECT_EQ(out[0].kind, Kind::outside);
  EXPECT_EQ(out[0].bytes, std::string_view("GET/HTTP/1.1Host:x").size());  // blanks not counted
  EXPECT_EQ(out[1].text, "MSH|1");
  EXPECT_EQ(out[2].text, "MSH|2");  // line breaks between frames are not garbage
  EXPECT_EQ(out[3].kind, Kind::outside);
  EXPECT_EQ(out[3].bytes, 4u);
  EXPECT_EQ(out[4].text, "MSH|3");
  d.feed("trailing", out);
  d.finish(out);
  ASSERT_EQ(out.size(), 6u);
  EXPECT_EQ(out[5].kind, Kind::outside);
  EXPECT_EQ(out[5].bytes, 8u);
}

TEST(MllpFrameDecoder, RefusesAnOversizeFrameKeepingOnlyItsHead) {
  MllpFrameDecoder d(100);
  std::string big = std::string(kFramedAdt) + std::string(10'000, 'x');
  std::vector<MllpItem> out;
  d.feed("\x0b", out);
  for (std::size_t i = 0; i < big.size(); i += 333) d.feed(std::string_view(big).substr(i, 333), out);
  EXPECT_TRUE(out.empty());
  d.feed("\x1c\r", out);
  d.feed(mllp_frame("MSH|next"), out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].kind, Kind::too_large);
  EXPECT_EQ(out[0].bytes, big.size());
  EXPECT_EQ(out[0].text, big.substr(0, 100));  // the head, at most the limit
  EXPECT_EQ(out[1].kind, Kind::message);
  EXPECT_EQ(out[1].text, "MSH|next");
}

TEST(MllpFrameDecoder, KeepsAtMostTheHeadOfAHugeFrame) {
  MllpFrameDecoder d(1 << 20);
  std::vector<MllpItem> out;
  d.feed("\x0b", out);
  std::string chunk(64 * 1024, 'x');
  for (int i = 0; i < 40; ++i) d.feed(chunk, out);  // 2.5 MB against a 1 MB limit
  d.feed("\x1c\r", out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, Kind::too_large);
  EXPECT_EQ(out[0].bytes, 40u * chunk.size());
  EXPECT_EQ(out[0].text.size(), MllpFrameDecoder::kTooLargeHeadBytes);
}

TEST(MllpFrameDecoder, AFrameExactlyAtTheLimitIsTaken) {
  MllpFrameDecoder d(5);
  auto out = feed_all(d, mllp_frame("MSH|1") + mllp_frame("MSH|12"));
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].kind, Kind::message);
  EXPECT_EQ(out[1].kind, Kind::too_large);
}

TEST(MllpFrameDecoder, EndsAFrameAtTheEndByteWithoutTheCarriageReturn) {
  MllpFrameDecoder d(1024);
  auto out = feed_all(d, "\x0bMSH|1\x1c\x0bMSH|2\x1c");
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].text, "MSH|1");
  EXPECT_EQ(out[1].text, "MSH|2");
}

TEST(MllpFrameDecoder, DropsAFrameCutShortByANewStartOrTheEndOfTheConnection) {
  MllpFrameDecoder d(1024);
  auto out = feed_all(d, "\x0bMSH|lost\x0bMSH|kept\x1c\r\x0bMSH|unfinished");
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].kind, Kind::incomplete);
  EXPECT_EQ(out[0].bytes, 8u);
  EXPECT_EQ(out[1].text, "MSH|kept");
  out.clear();
  d.finish(out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, Kind::incomplete);
  EXPECT_EQ(out[0].bytes, 14u);
}

TEST(MllpFrame, WrapsAMessageInStartAndEndBytes) {
  EXPECT_EQ(mllp_frame("MSH|x\r"), std::string("\x0bMSH|x\r\x1c\r"));
}

}  // namespace
}  // namespace ward::ingest
