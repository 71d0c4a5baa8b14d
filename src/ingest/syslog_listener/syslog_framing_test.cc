// RFC 6587 framing over a byte stream: octet counting and newline trailers, per message, however
// the reads cut the bytes.
#include "ingest/syslog_listener/syslog_framing.h"

#include <random>

#include <gtest/gtest.h>

#include "ingest/syslog_listener/syslog_test_messages.h"

namespace ward::ingest {
namespace {

using syslog_testing::kRfc5424;
using syslog_testing::counted;

using Kind = SyslogFrame::Kind;

const std::string kRfc3164FromMymachine = "<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8";

// A frame with its text copied: a decoder's frames view the bytes only until its next feed().
struct OwnedFrame {
  Kind kind;
  std::string text;
  std::uint64_t number, offset, bytes;
  std::string reason;
};

void take(std::vector<SyslogFrame>& frames, std::vector<OwnedFrame>& out) {
  for (const SyslogFrame& f : frames) out.push_back({f.kind, std::string(f.text), f.number, f.offset, f.bytes, f.reason});
  frames.clear();
}

std::vector<OwnedFrame> decode(std::string_view bytes, std::size_t max = 64 * 1024,
                               std::size_t read_size = 0, bool octet_only = false) {
  SyslogFrameDecoder decoder(max, octet_only);
  std::vector<SyslogFrame> frames;
  std::vector<OwnedFrame> out;
  if (read_size == 0) read_size = bytes.size();
  for (std::size_t i = 0; i < bytes.size(); i += read_size) {
    decoder.feed(bytes.substr(i, read_size), frames);
    take(frames, out);
  }
  decoder.finish(frames);
  take(frames, out);
  return out;
}

TEST(SyslogFraming, ReadsOctetCountedMessagesBackToBack) {
  auto frames = decode(counted(kRfc5424) + counted(kRfc3164FromMymachine));
  ASSERT_EQ(frames.size(), 2u);
  EXPECT_EQ(frames[0].kind, Kind::message);
  EXPECT_EQ(frames[0].text, kRfc5424);
  EXPECT_EQ(frames[0].number, 1u);
  EXPECT_EQ(frames[0].offset, 0u);
  EXPECT_EQ(frames[1].text, kRfc3164FromMymachine);
  EXPECT_EQ(frames[1].number, 2u);
  EXPECT_EQ(frames[1].offset, counted(kRfc5424).size());
}

TEST(SyslogFraming, AnOctetCountedMessageMayHoldNewlines) {
  const std::string multi = "<13>1 - host app - - - first line\nsecond line";
  auto frames = decode(counted(multi) + counted(kRfc3164FromMymachine));
  ASSERT_EQ(frames.size(), 2u);
  EXPECT_EQ(frames[0].text, multi);
  EXPECT_EQ(frames[1].text, kRfc3164FromMymachine);
}

TEST(SyslogFraming, ReadsNewlineAndNulTrailersAndDropsCarriageReturns) {
  auto frames = decode(kRfc5424 + "\n" + kRfc3164FromMymachine + "\r\n" + kRfc3164FromMymachine + std::string(1, '\0'));
  ASSERT_EQ(frames.size(), 3u);
  EXPECT_EQ(frames[0].text, kRfc5424);
  EXPECT_EQ(frames[1].text, kRfc3164FromMymachine);
  EXPECT_EQ(frames[2].text, kRfc3164FromMymachine);
  EXPECT_EQ(frames[1].offset, kRfc5424.size() + 1);
}

TEST(SyslogFraming, DecidesTheFramingForEachMessage) {
  // rsyslog may add a newline after a counted frame; blank lines between frames are skipped.
  std::string bytes = counted(kRfc5424) + "\n" + kRfc3164FromMymachine + "\n\n" + counted(kRfc3164FromMymachine) + kRfc5424 + "\n";
  auto frames = decode(bytes);
  ASSERT_EQ(frames.size(), 4u);
  EXPECT_EQ(frames[0].text, kRfc5424);
  EXPECT_EQ(frames[1].text, kRfc3164FromMymachine);
  EXPECT_EQ(frames[2].text, kRfc3164FromMymachine);
  EXPECT_EQ(frames[3].text, kRfc5424);
  for (const auto& f : frames) EXPECT_EQ(f.kind, Kind::message);
}

TEST(SyslogFraming, GivesTheSameFramesHoweverReadsSplitTheBytes) {
  std::string bytes = counted(kRfc5424) + kRfc3164FromMymachine + "\n" + counted(kRfc3164FromMymachine) + kRfc5424 + "\n";
  auto whole = decode(bytes);
  ASSERT_EQ(whole.size(), 4u);
  for (std::size_t read_size : {1u, 2u, 3u, 7u, 64u}) {
    auto split = decode(bytes, 64 * 1024, read_size);
    ASSERT_EQ(split.size(), whole.size()) << "reads of " << read_size;
    for (std::size_t i = 0; i < whole.size(); ++i) {
      EXPECT_EQ(split[i].text, whole[i].text) << "reads of " << read_size;
      EXPECT_EQ(split[i].offset, whole[i].offset) << "reads of " << read_size;
    }
  }
}

TEST(SyslogFraming, SkipsAnOverLongCountedMessageAndGoesOn) {
  std::string big = "<13>1 - host app - - - " + std::string(300, 'x');
  std::string bytes = counted(big) + counted(kRfc3164FromMymachine);
  for (std::size_t read_size : {1u, 100u, 1000u}) {
    auto frames = decode(bytes, 200, read_size);
    ASSERT_EQ(frames.size(), 2u);
    EXPECT_EQ(frames[0].kind, Kind::too_large);
    EXPECT_EQ(frames[0].bytes, big.size());
    EXPECT_EQ(frames[0].offset, 0u);
    EXPECT_TRUE(frames[0].text.starts_with("<13>1 - host app")) << "its head is kept for quarantine";
    EXPECT_EQ(frames[1].kind, Kind::message);
    EXPECT_EQ(frames[1].text, kRfc3164FromMymachine);
  }
}

TEST(SyslogFraming, SkipsAnOverLongLineAndGoesOnAfterItsNewline) {
  std::string big = "<13>Oct 11 22:14:15 host app: " + std::string(10'000, 'y');
  std::string bytes = big + "\n" + kRfc3164FromMymachine + "\n";
  for (std::size_t read_size : {1u, 333u, 100'000u}) {
    auto frames = decode(bytes, 1000, read_size);
    ASSERT_EQ(frames.size(), 2u);
    EXPECT_EQ(frames[0].kind, Kind::too_large);
    EXPECT_EQ(frames[0].bytes, big.size());
    EXPECT_EQ(frames[0].text.size(), kSyslogHeadBytes) << "only the head is kept";
    EXPECT_EQ(frames[1].kind, Kind::message);
    EXPECT_EQ(frames[1].text, kRfc3164FromMymachine);
    EXPECT_EQ(frames[1].offset, big.size() + 1);
  }
}

TEST(SyslogFraming, ABadOctetCountIsReportedWithItsPlaceAndStopsTheStream) {
  SyslogFrameDecoder decoder(64 * 1024);
  std::vector<SyslogFrame> out;
  decoder.feed(counted(kRfc3164FromMymachine) + "12x" + counted(kRfc3164FromMymachine), out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].kind, Kind::message);
  EXPECT_EQ(out[1].kind, Kind::malformed);
  EXPECT_EQ(out[1].offset, counted(kRfc3164FromMymachine).size());
  EXPECT_EQ(out[1].number, 2u);
  EXPECT_EQ(out[1].reason, "expected a space after the octet count \"12\", found 'x'");
  EXPECT_TRUE(decoder.broken());
  decoder.feed(counted(kRfc3164FromMymachine), out);
  EXPECT_EQ(out.size(), 2u) << "nothing is read after the framing is lost";
}

TEST(SyslogFraming, RejectsCountsThatStartWithZeroOrAreTooLong) {
  auto zero = decode("0 " + kRfc3164FromMymachine);
  ASSERT_FALSE(zero.empty());
  EXPECT_EQ(zero[0].kind, Kind::malformed);
  EXPECT_EQ(zero[0].reason, "octet count \"0\" starts with 0");
  auto huge = decode("123456789012 " + kRfc3164FromMymachine);
  ASSERT_FALSE(huge.empty());
  EXPECT_EQ(huge[0].kind, Kind::malformed);
  EXPECT_EQ(huge[0].reason, "octet count longer than 10 digits");
}

TEST(SyslogFraming, GarbageWithoutACountIsALineForTheParserToJudge) {
  auto frames = decode(std::string("\x01\x02 not syslog at all\n") + kRfc3164FromMymachine + "\n");
  ASSERT_EQ(frames.size(), 2u);
  EXPECT_EQ(frames[0].kind, Kind::message);  // the syslog parser rejects it, with its reason
  EXPECT_EQ(frames[1].text, kRfc3164FromMymachine);
}

TEST(SyslogFraming, TlsTakesOctetCountingOnly) {
  auto frames = decode(counted(kRfc5424) + kRfc3164FromMymachine + "\n", 64 * 1024, 0, /*octet_only=*/true);
  ASSERT_EQ(frames.size(), 2u);
  EXPECT_EQ(frames[0].kind, Kind::message);
  EXPECT_EQ(frames[1].kind, Kind::malformed);
  EXPECT_EQ(frames[1].reason,
            "expected an octet count (digits, a space, then the message, as RFC 5425 requires), found '<'; "
            "rsyslog: set TCP_Framing=\"octet-counted\" on the action");
}

TEST(SyslogFraming, AtTheEndALastLineIsTakenButAPartialCountedFrameIsNot) {
  auto line = decode(kRfc3164FromMymachine);
  ASSERT_EQ(line.size(), 1u);
  EXPECT_EQ(line[0].kind, Kind::message);
  EXPECT_EQ(line[0].text, kRfc3164FromMymachine);

  auto cut = decode("100 <13>1 - host");
  ASSERT_EQ(cut.size(), 1u);
  EXPECT_EQ(cut[0].kind, Kind::incomplete);
  EXPECT_EQ(cut[0].reason, "the connection closed 12 bytes into a message of 100 bytes");
}

TEST(SyslogFraming, RandomBytesInRandomReadsGiveBoundedFramesInOrder) {
  std::mt19937 random(2026);  // fixed seed: the same bytes every run
  const std::string alphabet("0123456789 <>\n\r\0xyz", 19);
  for (int round = 0; round < 200; ++round) {
    std::string bytes;
    for (int i = 0; i < 2000; ++i) bytes += alphabet[random() % alphabet.size()];
    SyslogFrameDecoder decoder(100);
    std::vector<SyslogFrame> frames;
    std::vector<OwnedFrame> out;
    for (std::size_t i = 0; i < bytes.size();) {
      std::size_t n = 1 + random() % 64;
      decoder.feed(std::string_view(bytes).substr(i, n), frames);
      take(frames, out);
      i += n;
    }
    decoder.finish(frames);
    take(frames, out);
    std::uint64_t last_offset = 0;
    for (std::size_t i = 0; i < out.size(); ++i) {
      EXPECT_LE(out[i].text.size(), std::max<std::size_t>(100, kSyslogHeadBytes));
      EXPECT_EQ(out[i].number, i + 1);
      EXPECT_LE(out[i].offset, bytes.size());
      if (i > 0) {
        EXPECT_GT(out[i].offset, last_offset) << "round " << round;
      }
      last_offset = out[i].offset;
      if (out[i].kind == Kind::message) {
        // The text is the input's own bytes: at the frame's offset, or after "LEN " when counted.
        std::size_t at = out[i].offset;
        if (bytes[at] >= '1' && bytes[at] <= '9') at = bytes.find(' ', at) + 1;
        EXPECT_EQ(bytes.substr(at, out[i].text.size()), out[i].text) << "round " << round;
        EXPECT_LE(out[i].text.size(), 100u);
      }
    }
    EXPECT_LE(decoder.bytes_seen(), bytes.size());
  }
}

TEST(SyslogFraming, AFrameSpanningTwoReadsStaysWholeBesideTheFramesAfterIt) {
  // The second read completes the first message, holds the second, and starts a third: the
  // first one's bytes (carried over from the first read) must not be overwritten by the third's.
  const std::string bytes = counted(kRfc5424) + counted(kRfc3164FromMymachine) + counted(kRfc5424);
  const std::size_t first_read = 20, second_read = counted(kRfc5424).size() + counted(kRfc3164FromMymachine).size() + 10;
  SyslogFrameDecoder decoder(64 * 1024);
  std::vector<SyslogFrame> frames;
  decoder.feed(std::string_view(bytes).substr(0, first_read), frames);
  EXPECT_TRUE(frames.empty());
  decoder.feed(std::string_view(bytes).substr(first_read, second_read - first_read), frames);
  ASSERT_EQ(frames.size(), 2u);
  EXPECT_EQ(frames[0].text, kRfc5424);
  EXPECT_EQ(frames[1].text, kRfc3164FromMymachine);
  EXPECT_GE(frames[1].text.data(), bytes.data()) << "a frame inside one read is not copied";
  EXPECT_LT(frames[1].text.data(), bytes.data() + bytes.size());
  frames.clear();
  decoder.feed(std::string_view(bytes).substr(second_read), frames);
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(frames[0].text, kRfc5424);
}

TEST(SyslogFraming, ADatagramIsOneMessage) {
  const std::string datagram = kRfc5424 + "\n";
  auto f = datagram_frame(datagram, 7, 64 * 1024);
  EXPECT_EQ(f.kind, Kind::message);
  EXPECT_EQ(f.text, kRfc5424);
  EXPECT_EQ(f.number, 7u);
  const std::string long_datagram(5000, 'z');
  auto big = datagram_frame(long_datagram, 8, 1000);
  EXPECT_EQ(big.kind, Kind::too_large);
  EXPECT_EQ(big.bytes, 5000u);
  EXPECT_EQ(big.text.size(), kSyslogHeadBytes);
}

}  // namespace
}  // namespace ward::ingest
