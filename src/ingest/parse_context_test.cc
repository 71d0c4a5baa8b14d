#include "ingest/parse_context.h"

#include <set>
#include <string>

#include <gtest/gtest.h>

#include "testing/shared_data.h"

namespace ward::ingest {
namespace {

void add_event(ParsedRecords& r, std::string_view user) {
  Event& e = r.events.start_event();
  e.actor.user_id = r.events.keep(user);
}

TEST(ParseContext, FlushesFullBatchesAndCountsPerType) {
  ward::testing::CollectingSink sink;
  ParseOptions options;
  options.batch_size = 2;
  ParseContext ctx("feed", sink, options);
  for (int i = 0; i < 5; ++i) {
    add_event(ctx.out(), "u" + std::to_string(i));
    ctx.accepted("AuditEvent");
    ASSERT_TRUE(ctx.maybe_flush());
  }
  EXPECT_EQ(sink.events.size(), 4u);  // the fifth waits for the final flush
  ASSERT_TRUE(ctx.flush());
  EXPECT_EQ(sink.events.size(), 5u);
  ctx.reject("AuditEvent", Error{ErrorCode::invalid_input, "bad", {}, 0, 0, "recorded"}, 7, 120, "{}");
  ASSERT_TRUE(ctx.flush());
  ASSERT_EQ(sink.rejections.size(), 1u);
  EXPECT_EQ(sink.rejections[0].error.source, "feed");
  EXPECT_EQ(sink.rejections[0].error.line, 7u);
  EXPECT_EQ(ctx.summary().by_type["AuditEvent"].accepted, 5u);
  EXPECT_EQ(ctx.summary().by_type["AuditEvent"].rejected, 1u);
}

TEST(ParseContext, InPartsDeliversEveryPartsRecordsAndAddsUpTheirCounts) {
  ward::testing::CollectingSink sink;  // not thread-safe itself: in_parts serialises its calls
  ParseOptions options;
  options.batch_size = 7;
  ParseContext ctx("feed", sink, options);
  add_event(ctx.out(), "before");  // what the context held goes first
  constexpr std::size_t kParts = 4, kPerPart = 1000;
  auto r = ctx.in_parts(kParts, [](ParseContext& part, std::size_t i) -> Result<void> {
    for (std::size_t n = 0; n < kPerPart; ++n) {
      add_event(part.out(), "p" + std::to_string(i) + "-" + std::to_string(n));
      part.accepted("AuditEvent");
      if (auto f = part.maybe_flush(); !f) return f;
    }
    part.reject("AuditEvent", Error{ErrorCode::invalid_input, "bad", {}, 0, 0, ""}, i + 1, 0, "x");
    return {};
  });
  ASSERT_TRUE(r) << r.error().describe();
  ASSERT_EQ(sink.events.size(), 1 + kParts * kPerPart);
  EXPECT_EQ(sink.events[0].user_id, "before");
  std::set<std::string> users;
  for (const auto& e : sink.events) users.insert(e.user_id);
  EXPECT_EQ(users.size(), 1 + kParts * kPerPart);  // none lost, none twice
  EXPECT_EQ(sink.rejections.size(), kParts);
  EXPECT_EQ(ctx.summary().by_type["AuditEvent"].accepted, kParts * kPerPart);
  EXPECT_EQ(ctx.summary().by_type["AuditEvent"].rejected, kParts);
}

TEST(ParseContext, InPartsReturnsAPartsFailure) {
  ward::testing::CollectingSink sink;
  ParseContext ctx("feed", sink);
  auto r = ctx.in_parts(3, [](ParseContext&, std::size_t i) -> Result<void> {
    if (i == 2) return fail(ErrorCode::storage, "disk full");
    return {};
  });
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "disk full");
}

// A store in miniature: takes each event once by user id and reports the ones it had.
class OnceByUserSink : public RecordSink {
 public:
  Result<void> accept(ParsedRecords& records) override {
    for (const Event& e : records.events.events())
      if (!seen_.insert(std::string(e.actor.user_id)).second) ++records.duplicate_events;
    return {};
  }

 private:
  std::set<std::string> seen_;
};

TEST(ParseContext, CountsTheDuplicatesTheSinkReportsUnderTheEventType) {
  OnceByUserSink sink;
  ParseOptions options;
  options.batch_size = 2;
  ParseContext ctx("feed", sink, options);
  ctx.set_event_type("access-log row");
  for (std::string user : {"u1", "u2", "u1", "u3", "u2"}) {
    add_event(ctx.out(), user);
    ctx.accepted("access-log row");
    ASSERT_TRUE(ctx.maybe_flush());
  }
  ASSERT_TRUE(ctx.flush());
  const TypeCounts& rows = ctx.summary().by_type["access-log row"];
  EXPECT_EQ(rows.accepted, 5u);
  EXPECT_EQ(rows.duplicates, 2u);
  EXPECT_EQ(ctx.summary().duplicates(), 2u);
  EXPECT_EQ(ctx.summary().by_type.count("event"), 0u);
}

TEST(ParseContext, InPartsCountsEachPartsDuplicatesUnderTheEventType) {
  OnceByUserSink sink;
  ParseOptions options;
  options.batch_size = 5;
  ParseContext ctx("feed", sink, options);
  ctx.set_event_type("AuditEvent");
  constexpr std::size_t kParts = 3, kPerPart = 100;
  auto r = ctx.in_parts(kParts, [](ParseContext& part, std::size_t) -> Result<void> {
    for (std::size_t n = 0; n < kPerPart; ++n) {  // every part sends the same users
      add_event(part.out(), "u" + std::to_string(n));
      if (auto f = part.maybe_flush(); !f) return f;
    }
    return {};
  });
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_EQ(ctx.summary().by_type["AuditEvent"].duplicates, (kParts - 1) * kPerPart);
}

TEST(PipelinedSink, ReturnsTheDuplicatesOfEveryBatchFromFinish) {
  OnceByUserSink inner;
  PipelinedSink pipelined(inner);
  ParseOptions options;
  options.batch_size = 3;
  ParseContext ctx("feed", pipelined, options);
  for (int i = 0; i < 100; ++i) {
    add_event(ctx.out(), "u" + std::to_string(i % 40));  // 60 repeat an earlier user
    ASSERT_TRUE(ctx.maybe_flush());
  }
  ASSERT_TRUE(ctx.flush());
  EXPECT_EQ(ctx.summary().duplicates(), 0u);  // written on another thread: not known yet
  auto duplicates = pipelined.finish();
  ASSERT_TRUE(duplicates);
  EXPECT_EQ(*duplicates, 60u);  // the last batch's too
  auto again = pipelined.finish();
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, 0u);  // each reported once
}

TEST(PipelinedSink, WritesEveryBatchInOrderByFinish) {
  ward::testing::CollectingSink inner;
  PipelinedSink pipelined(inner);
  ParseOptions options;
  options.batch_size = 3;
  ParseContext ctx("feed", pipelined, options);
  for (int i = 0; i < 100; ++i) {
    add_event(ctx.out(), "u" + std::to_string(i));
    ASSERT_TRUE(ctx.maybe_flush());
  }
  ASSERT_TRUE(ctx.flush());
  ASSERT_TRUE(pipelined.finish());
  ASSERT_EQ(inner.events.size(), 100u);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(inner.events[i].user_id, "u" + std::to_string(i));
}

TEST(PipelinedSink, ReportsAStoreFailureAndWritesNothingAfterIt) {
  struct FailingOnSecond : RecordSink {
    int calls = 0;
    std::size_t written = 0;
    Result<void> accept(ParsedRecords& r) override {
      if (++calls == 2) return fail(ErrorCode::storage, "disk full");
      written += r.events.size();
      return {};
    }
  } inner;
  PipelinedSink pipelined(inner);
  bool failed = false;
  for (int batch = 0; batch < 5; ++batch) {
    ParsedRecords r;
    add_event(r, "u");
    if (!pipelined.accept(r)) failed = true;
  }
  auto done = pipelined.finish();
  ASSERT_FALSE(done);
  EXPECT_EQ(done.error().message, "disk full");
  EXPECT_TRUE(failed);           // a later accept() already said so
  EXPECT_EQ(inner.written, 1u);  // only the batch before the failure
}

}  // namespace
}  // namespace ward::ingest
