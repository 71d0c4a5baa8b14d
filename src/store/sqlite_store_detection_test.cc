// The store's side of live detection: every commit listener hears every commit until its
// subscription ends; an event's source fields are read back with it until detection's progress
// passes it; the progress survives reopening the store; each event's input format is kept
// (migration 0013), and events of a store at version 12 read back without one.
#include <gtest/gtest.h>

#include "store/store.h"
#include "store/store_test_support.h"
#include "testing/shared_data.h"

namespace ward::store {
namespace {

using ward::testing::TempDir;

// One syslog-like event with two source fields.
void commit_event(Store& store, std::string_view host, TimeNs time, EventFormat format = EventFormat::syslog) {
  ingest::ParsedRecords records;
  Event& e = records.events.start_event();
  e.time = time;
  e.format = format;
  e.actor.host = records.events.keep(host);
  e.source = records.events.keep("syslog-tcp:127.0.0.1:5000");
  records.events.add_field("app_name", "sshd");
  records.events.add_field("message", "Failed password for root");
  auto r = store.accept(records);
  ASSERT_TRUE(r) << r.error().describe();
}

// At most `limit` events after `after_seq` with their kept fields; a failed read fails the test.
std::vector<SourcedEventRow> events_after(Store& store, std::int64_t after_seq, int limit = 10) {
  std::vector<SourcedEventRow> read;
  auto r = store.for_each_event_after(after_seq, limit, [&](const SourcedEventRow& e) -> Result<void> {
    read.push_back(e);
    return {};
  });
  EXPECT_TRUE(r) << r.error().describe();
  return read;
}

TEST(SqliteStoreDetection, EveryListenerHearsEveryCommitUntilItsSubscriptionEnds) {
  TempDir dir;
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store) << store.error().describe();
  std::uint64_t first = 0, second = 0, third = 0;
  (*store)->set_commit_listener([&](const CommitNotice& n) { first += n.events; });
  auto subscription = (*store)->add_commit_listener([&](const CommitNotice& n) { second += n.events; });
  {
    auto short_lived = (*store)->add_commit_listener([&](const CommitNotice& n) { third += n.events; });
    commit_event(**store, "ws-1", 1000);
  }
  commit_event(**store, "ws-2", 2000);
  EXPECT_EQ(first, 2u);
  EXPECT_EQ(second, 2u);
  EXPECT_EQ(third, 1u) << "a listener whose subscription is gone hears nothing more";
  subscription.reset();
  commit_event(**store, "ws-3", 3000);
  EXPECT_EQ(first, 3u);
  EXPECT_EQ(second, 2u);
}

TEST(SqliteStoreDetection, SourceFieldsAreKeptOnlyWhileAskedFor) {
  TempDir dir;
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store) << store.error().describe();
  (*store)->keep_source_fields(false);  // a ward serve without rules
  commit_event(**store, "ws-1", 1000);
  (*store)->keep_source_fields(true);   // a rule was given
  commit_event(**store, "ws-2", 2000);
  const std::vector<SourcedEventRow> read = events_after(**store, 0);
  ASSERT_EQ(read.size(), 2u) << "the events are stored either way";
  EXPECT_TRUE(read[0].fields.empty());
  EXPECT_EQ(read[1].fields.size(), 2u);
}

TEST(SqliteStoreDetection, SourceFieldsComeWithTheirEventUntilDetectionHasPassedIt) {
  TempDir dir;
  {
    auto store = open_sqlite_store(dir.path());
    ASSERT_TRUE(store) << store.error().describe();
    auto progress = (*store)->detection_progress();
    ASSERT_TRUE(progress) << progress.error().describe();
    EXPECT_FALSE(progress->has_value()) << "no progress before detection's first run";
    commit_event(**store, "ws-1", 1000);
    commit_event(**store, "ws-2", 2000);
    const std::vector<SourcedEventRow> read = events_after(**store, 0);
    ASSERT_EQ(read.size(), 2u);
    EXPECT_EQ(read[0].row.host, "ws-1");
    EXPECT_EQ(read[1].row.host, "ws-2");
    const std::vector<std::pair<std::string, std::string>> fields = {{"app_name", "sshd"},
                                                                     {"message", "Failed password for root"}};
    EXPECT_EQ(read[0].fields, fields);
    auto last = (*store)->last_event_seq();
    ASSERT_TRUE(last);
    EXPECT_EQ(*last, read[1].row.seq);
    ASSERT_TRUE((*store)->save_detection_progress(read[0].row.seq));
  }
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store) << store.error().describe();
  auto progress = (*store)->detection_progress();
  ASSERT_TRUE(progress && progress->has_value());
  const std::vector<SourcedEventRow> all = events_after(**store, 0);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(**progress, all[0].row.seq);
  EXPECT_TRUE(all[0].fields.empty()) << "fields of events detection has passed are dropped";
  EXPECT_EQ(all[1].fields.size(), 2u);
  const std::vector<SourcedEventRow> after = events_after(**store, **progress, 1);
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].row.host, "ws-2");
}


TEST(SqliteStoreDetection, EachEventKeepsTheFormatItWasReadIn) {
  TempDir dir;
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store) << store.error().describe();
  commit_event(**store, "ws-1", 1000, EventFormat::zeek);
  commit_event(**store, "ws-2", 2000, EventFormat::unknown);
  const std::vector<SourcedEventRow> read = events_after(**store, 0);
  ASSERT_EQ(read.size(), 2u);
  EXPECT_EQ(read[0].row.format, EventFormat::zeek);
  EXPECT_EQ(read[1].row.format, EventFormat::unknown) << "no format recorded: NULL, read as unknown";
}

TEST(SqliteStoreDetection, AStoreAtVersion12OpensAndItsEventsHaveNoFormat) {
  TempDir dir;
  {
    auto db = testing::db_at_version(dir, 12);
    ASSERT_TRUE(db) << db.error().describe();
    auto filled = db->exec(
        "INSERT INTO strings (id, value) VALUES (1, 'syslog-udp:10.0.0.5:514');"
        "INSERT INTO events (seq, time_ns, kind, action, outcome, source_key) VALUES (1, 100, 2, 8, 2, 1);"
        // fields kept in the encoding of that version, not yet read by live detection
        "INSERT INTO event_source_fields (seq, fields) VALUES (1, CAST('8:app_name4:sshd' AS BLOB));");
    ASSERT_TRUE(filled) << filled.error().describe();
  }
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store) << store.error().describe();
  EXPECT_EQ(testing::query(dir, "PRAGMA user_version"), std::to_string(migrations().back().version));
  commit_event(**store, "ws-1", 2000, EventFormat::squid);
  const std::vector<SourcedEventRow> read = events_after(**store, 0);
  ASSERT_EQ(read.size(), 2u);
  EXPECT_EQ(read[0].row.source, "syslog-udp:10.0.0.5:514");
  EXPECT_EQ(read[0].row.format, EventFormat::unknown) << "stored before 0013";
  EXPECT_EQ(read[0].fields, (std::vector<std::pair<std::string, std::string>>{{"app_name", "sshd"}}));
  EXPECT_EQ(read[1].row.format, EventFormat::squid);
  EXPECT_EQ(read[1].fields,
            (std::vector<std::pair<std::string, std::string>>{{"app_name", "sshd"}, {"message", "Failed password for root"}}))
      << "written in the compact encoding, read back whole";
}

}  // namespace
}  // namespace ward::store
