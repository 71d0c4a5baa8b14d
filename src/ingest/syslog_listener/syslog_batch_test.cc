// The listener's per-sender batch: the same events and rejections as `ward import` of a syslog
// file with the same messages, and counts of what each commit kept.
#include "ingest/syslog_listener/syslog_batch.h"

#include <gtest/gtest.h>

#include "ingest/syslog/syslog_parser.h"
#include "ingest/syslog_listener/syslog_test_messages.h"
#include "testing/shared_data.h"

namespace ward::ingest {
namespace {

using syslog_testing::FailingSink;

const std::vector<std::string> kMessages = {
    "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 "
    "[exampleSDID@32473 iut=\"3\" eventSource=\"Application\"] An application event",
    "<38>1 2024-03-01T10:15:00Z fw01 sshd 4242 - - Accepted password for alice",
    "<999>1 2024-03-01T10:15:00Z fw01 sshd - - - bad PRI",
    "<13>1 2024-03-01T10:15:00Z host app - - [unterminated sd",
};

SyslogFrame message_frame(const std::string& text, std::uint64_t number) {
  SyslogFrame f;
  f.text = text;
  f.number = number;
  return f;
}

TEST(SyslogBatch, GivesTheSameEventsAndRejectionsAsImportingAFile) {
  std::string file;
  for (const auto& m : kMessages) file += m + "\n";
  ParseOptions options;
  options.keep_fields = true;
  auto imported = testing::parse_input("file.log", options, [&](ParseContext& ctx) {
    return parse_syslog(file, ctx);
  });

  testing::CollectingSink received;
  SyslogBatch batch(received, "syslog-tcp:127.0.0.1:5000", options);
  for (std::size_t i = 0; i < kMessages.size(); ++i) batch.add(message_frame(kMessages[i], i + 1), 64 * 1024);
  auto committed = batch.commit();
  ASSERT_TRUE(committed) << committed.error().describe();
  EXPECT_EQ(committed->accepted, 2u);
  EXPECT_EQ(committed->rejected, 2u);

  ASSERT_EQ(received.events.size(), imported->sink.events.size());
  for (std::size_t i = 0; i < received.events.size(); ++i) {
    const auto& a = received.events[i];
    const auto& b = imported->sink.events[i];
    EXPECT_EQ(a.time, b.time);
    EXPECT_EQ(a.host, b.host);
    EXPECT_EQ(a.kind, b.kind);
    EXPECT_EQ(a.fields, b.fields);
    EXPECT_EQ(a.source, "syslog-tcp:127.0.0.1:5000");
  }
  ASSERT_EQ(received.rejections.size(), imported->sink.rejections.size());
  for (std::size_t i = 0; i < received.rejections.size(); ++i) {
    EXPECT_EQ(received.rejections[i].error.field, imported->sink.rejections[i].error.field);
    EXPECT_EQ(received.rejections[i].error.message, imported->sink.rejections[i].error.message);
    EXPECT_EQ(received.rejections[i].error.line, imported->sink.rejections[i].error.line)
        << "the message's number on the connection, as the line's number in the file";
  }
}

TEST(SyslogBatch, QuarantinesFramesThatAreNotMessagesWithTheirPlace) {
  testing::CollectingSink received;
  SyslogBatch batch(received, "syslog-tcp:127.0.0.1:5000", ParseOptions{});
  SyslogFrame big;
  big.kind = SyslogFrame::Kind::too_large;
  big.text = "<13>1 - host app - - - xxxx";
  big.bytes = 70'000;
  big.number = 3;
  big.offset = 1234;
  batch.add(big, 65'536);
  ASSERT_TRUE(batch.commit());
  ASSERT_EQ(received.rejections.size(), 1u);
  const auto& r = received.rejections[0];
  EXPECT_EQ(r.error.code, ErrorCode::too_large);
  EXPECT_EQ(r.error.message, "message is 70000 bytes, over the limit of 65536 (syslog.max_message_bytes)");
  EXPECT_EQ(r.error.source, "syslog-tcp:127.0.0.1:5000");
  EXPECT_EQ(r.error.line, 3u);
  EXPECT_EQ(r.error.offset, 1234u);
  EXPECT_EQ(r.raw, big.text);
  EXPECT_EQ(batch.kept().rejected, 1u);
}

TEST(SyslogBatch, AFailedCommitKeepsNothingAndIsNotCountedLater) {
  FailingSink failing;
  SyslogBatch batch(failing, "syslog-udp:127.0.0.1:514", ParseOptions{});
  batch.add(message_frame(kMessages[1], 1), 64 * 1024);
  EXPECT_FALSE(batch.commit());
  EXPECT_EQ(batch.kept().accepted, 0u);
  EXPECT_EQ(batch.pending(), 0u) << "the failed batch is dropped, not sent again";
}

}  // namespace
}  // namespace ward::ingest
