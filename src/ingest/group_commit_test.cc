// Group commit: batches handed over while a commit is under way go together in the next one;
// every producer hears how its batch went; nothing handed over is dropped at the end.
#include "ingest/group_commit.h"

#include <future>
#include <mutex>

#include <gtest/gtest.h>

#include "testing/gated_sink.h"
#include "testing/shared_data.h"

namespace ward::ingest {
namespace {

std::unique_ptr<ParsedRecords> one_event(std::string_view host) {
  auto records = std::make_unique<ParsedRecords>();
  Event& e = records->events.start_event();
  e.time = 1000;
  e.actor.host = records->events.keep(host);
  return records;
}

// Collects what the writer tells each producer.
struct Outcomes {
  std::mutex mu;
  std::vector<bool> ok;
  std::promise<void> all;
  std::size_t expected = 0;
  GroupCommit::Done done() {
    return [this](Result<void> committed, std::unique_ptr<ParsedRecords> records) {
      EXPECT_TRUE(records) << "the records come back to their producer";
      std::lock_guard lock(mu);
      ok.push_back(static_cast<bool>(committed));
      if (ok.size() == expected) all.set_value();
    };
  }
};

TEST(GroupCommit, BatchesHandedOverDuringACommitGoTogetherInTheNext) {
  testing::CollectingSink stored;
  testing::GatedSink gate([&]() -> RecordSink& { return stored; });
  Outcomes outcomes;
  outcomes.expected = 3;
  GroupCommit group(commit_to(gate));
  group.submit(one_event("a"), outcomes.done());
  ASSERT_TRUE(gate.wait_for_commits(1)) << "the first batch is being committed";
  group.submit(one_event("b"), outcomes.done());
  group.submit(one_event("c"), outcomes.done());
  gate.open();
  ASSERT_EQ(outcomes.all.get_future().wait_for(std::chrono::seconds(10)), std::future_status::ready);
  EXPECT_EQ(gate.batches_per_commit(), (std::vector<std::size_t>{1, 2})) << "b and c share one commit";
  EXPECT_EQ(outcomes.ok, (std::vector<bool>{true, true, true}));
  ASSERT_EQ(stored.events.size(), 3u);
  EXPECT_EQ(stored.events[2].host, "c");
  EXPECT_EQ(group.commits(), 2u);
}

TEST(GroupCommit, EveryBatchOfAFailedCommitIsToldItFailed) {
  struct FullDisk : RecordSink {
    Result<void> accept(ParsedRecords&) override { return fail(ErrorCode::io, "disk full"); }
    Result<void> accept_all(std::span<ParsedRecords* const>) override { return fail(ErrorCode::io, "disk full"); }
  } full;
  testing::GatedSink gate([&]() -> RecordSink& { return full; });
  Outcomes outcomes;
  outcomes.expected = 3;
  GroupCommit group(commit_to(gate));
  group.submit(one_event("a"), outcomes.done());
  ASSERT_TRUE(gate.wait_for_commits(1));
  group.submit(one_event("b"), outcomes.done());
  group.submit(one_event("c"), outcomes.done());
  gate.open();
  ASSERT_EQ(outcomes.all.get_future().wait_for(std::chrono::seconds(10)), std::future_status::ready);
  EXPECT_EQ(outcomes.ok, (std::vector<bool>{false, false, false}));
  EXPECT_EQ(group.commits(), 0u);
}

TEST(GroupCommit, WhatIsHandedOverIsCommittedBeforeItStops) {
  testing::CollectingSink stored;
  Outcomes outcomes;
  outcomes.expected = 50;
  {
    GroupCommit group(commit_to(stored));
    for (int i = 0; i < 50; ++i) group.submit(one_event("h"), outcomes.done());
  }
  EXPECT_EQ(stored.events.size(), 50u);
  EXPECT_EQ(outcomes.ok.size(), 50u);
}

}  // namespace
}  // namespace ward::ingest
