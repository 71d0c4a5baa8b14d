#include "ingest/hl7v2/hl7v2_stream.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "testing/shared_data.h"

namespace ward::ingest {
namespace {

std::vector<Hl7v2Chunk> split(std::string_view data) {
  std::vector<Hl7v2Chunk> chunks;
  Hl7v2Splitter splitter(data);
  Hl7v2Chunk c;
  while (splitter.next(c)) chunks.push_back(c);
  return chunks;
}

// 1-based line of each chunk's offset, counted the slow way: \n, or \r not followed by \n.
std::vector<std::uint64_t> lines_of(std::string_view data, const std::vector<Hl7v2Chunk>& chunks) {
  std::vector<std::uint64_t> lines;
  std::uint64_t line = 1;
  std::size_t i = 0;
  for (const auto& c : chunks) {
    for (; i < c.offset; ++i)
      if (data[i] == '\n' || (data[i] == '\r' && (i + 1 >= data.size() || data[i + 1] != '\n')))
        ++line;
    lines.push_back(line);
  }
  return lines;
}

TEST(Hl7v2Stream, SplitsAtEachMshWithLineAndOffset) {
  std::string data = "MSH|1\rPID|a\rMSH|2\rPID|b\rPV1|c\r";
  auto chunks = split(data);
  ASSERT_EQ(chunks.size(), 2u);
  EXPECT_EQ(chunks[0].text, "MSH|1\rPID|a");
  EXPECT_EQ(chunks[0].line, 1u);
  EXPECT_EQ(chunks[0].offset, 0u);
  EXPECT_TRUE(chunks[0].is_message);
  EXPECT_EQ(chunks[1].text, "MSH|2\rPID|b\rPV1|c");
  EXPECT_EQ(chunks[1].line, 3u);
  EXPECT_EQ(chunks[1].offset, data.find("MSH|2"));
}

TEST(Hl7v2Stream, CountsCrLfAsOneLineEnd) {
  std::string data = "MSH|1\r\nPID|a\r\n\r\nMSH|2\nPID|b\n\nMSH|3\rPID|c";
  auto chunks = split(data);
  ASSERT_EQ(chunks.size(), 3u);
  EXPECT_EQ(chunks[0].text, "MSH|1\r\nPID|a");
  EXPECT_EQ(chunks[1].line, 4u);
  EXPECT_EQ(chunks[1].text, "MSH|2\nPID|b");
  EXPECT_EQ(chunks[2].line, 7u);
  EXPECT_EQ(chunks[2].offset, data.find("MSH|3"));
  EXPECT_EQ(chunks[2].text, "MSH|3\rPID|c");
}

TEST(Hl7v2Stream, KeepsBlankLinesInsideAMessage) {
  auto chunks = split("MSH|1\r\rPID|a\r\n\nPV1|b\r\n\r\n");
  ASSERT_EQ(chunks.size(), 1u);
  EXPECT_EQ(chunks[0].text, "MSH|1\r\rPID|a\r\n\nPV1|b");
}

TEST(Hl7v2Stream, TextAfterABlankLineThatIsNotASegmentIsNotPartOfTheMessage) {
  auto chunks = split("MSH|1\rPID|a\r\n\r\n\x01\x02garbage\nmore\r\n\nMSH|2\rPID|b");
  ASSERT_EQ(chunks.size(), 3u);
  EXPECT_EQ(chunks[0].text, "MSH|1\rPID|a");
  EXPECT_FALSE(chunks[1].is_message);
  EXPECT_EQ(chunks[1].text, "\x01\x02garbage\nmore");
  EXPECT_EQ(chunks[1].line, 4u);
  EXPECT_EQ(chunks[2].text, "MSH|2\rPID|b");
}

TEST(Hl7v2Stream, StripsMllpFramingAndByteOrderMark) {
  std::string data =
      "\x0bMSH|1\rPID|a\r\x1c\r"
      "\x0bMSH|2\rPID|b\x1c\r"
      "\xef\xbb\xbfMSH|3\rPID|c\r";
  auto chunks = split(data);
  ASSERT_EQ(chunks.size(), 3u);
  EXPECT_EQ(chunks[0].text, "MSH|1\rPID|a");
  EXPECT_EQ(chunks[0].offset, 1u);
  EXPECT_EQ(chunks[1].text, "MSH|2\rPID|b");
  EXPECT_EQ(chunks[1].line, 4u);
  EXPECT_EQ(chunks[2].text, "MSH|3\rPID|c");
  EXPECT_EQ(chunks[2].offset, data.find("MSH|3"));
  for (const auto& c : chunks) EXPECT_TRUE(c.is_message);
}

TEST(Hl7v2Stream, AnMllpBlockEndsAMessageEvenWithoutANewMsh) {
  auto chunks = split("\x0bMSH|1\rPID|a\r\x1c\rstray line\r\x0bPID|b\r\x1c\r");
  ASSERT_EQ(chunks.size(), 3u);
  EXPECT_EQ(chunks[0].text, "MSH|1\rPID|a");
  EXPECT_FALSE(chunks[1].is_message);
  EXPECT_EQ(chunks[1].text, "stray line");
  EXPECT_EQ(chunks[1].line, 4u);
  EXPECT_FALSE(chunks[2].is_message);
  EXPECT_EQ(chunks[2].text, "PID|b");
}

TEST(Hl7v2Stream, ReturnsTextBeforeTheFirstMshAsOneNonMessage) {
  auto chunks = split("hello\r\nworld\r\n\r\nMSH|1\rPID|a");
  ASSERT_EQ(chunks.size(), 2u);
  EXPECT_FALSE(chunks[0].is_message);
  EXPECT_EQ(chunks[0].text, "hello\r\nworld");
  EXPECT_EQ(chunks[0].line, 1u);
  EXPECT_TRUE(chunks[1].is_message);
  EXPECT_EQ(chunks[1].line, 4u);
}

TEST(Hl7v2Stream, EmptyOrBlankInputHasNoChunks) {
  EXPECT_TRUE(split("").empty());
  EXPECT_TRUE(split("\r\n\n \t\r").empty());
  EXPECT_TRUE(split("\x0b\x1c\r").empty());
}

TEST(Hl7v2Stream, SplitsTheSimulatedHospitalStreamInto1013Messages) {
  std::string data = testing::read_file(testing::shared_data("hl7v2/simhospital-messages.hl7"));
  auto chunks = split(data);
  ASSERT_EQ(chunks.size(), 1013u);
  for (const auto& c : chunks) {
    EXPECT_TRUE(c.is_message);
    EXPECT_TRUE(c.text.starts_with("MSH|^~\\&|SIMHOSP|"));
    EXPECT_EQ(data.substr(c.offset, 4), "MSH|");
  }
  // Segments end with \r and messages are separated by "\n\n", so each "\r\n" is one line end
  // and the second \n a blank line: message 2 starts on line 10 (message 1 has 8 segments).
  EXPECT_EQ(chunks[1].line, 10u);
  auto lines = lines_of(data, chunks);
  for (std::size_t k = 0; k < chunks.size(); ++k) EXPECT_EQ(chunks[k].line, lines[k]) << k;
}

}  // namespace
}  // namespace ward::ingest
