// Ward's own audit trail as a hash chain: appends link each entry to the one before, also from
// many threads and two store connections at once; older rows are chained by the migration; the
// trail reads back in pages, newest first, with filters.
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "store/audit_chain.h"
#include "store/sqlite_store.h"
#include "store/store_test_support.h"
#include "testing/shared_data.h"

namespace ward::store {
namespace {

using ward::testing::TempDir;

std::vector<AuditRecord> all_records(Store& store) {
  std::vector<AuditRecord> out;
  EXPECT_TRUE(store.for_each_audit_record(0, [&](const AuditRecord& r) -> Result<void> {
    out.push_back(r);
    return {};
  }));
  return out;
}

// Each record's seq follows the one before, its prev_hash is that one's hash, and its hash is
// what its fields give.
void expect_unbroken_chain(const std::vector<AuditRecord>& records) {
  std::string prev(kAuditGenesisHash);
  for (std::size_t i = 0; i < records.size(); ++i) {
    SCOPED_TRACE(fmt::format("record {}", i));
    EXPECT_EQ(records[i].seq, static_cast<std::int64_t>(i + 1));
    EXPECT_EQ(records[i].prev_hash, prev);
    EXPECT_EQ(records[i].hash, audit_entry_hash(records[i].prev_hash, records[i].entry));
    prev = records[i].hash;
  }
}

TEST(AuditChain, TheEncodingIsTheOneDocsAuditMdGivesForPython) {
  // The value docs/audit.md's Python lines compute for this entry.
  ApiAuditEntry e{1700000000123456789, 3, "GET", "/api/v1/patients/{id}/accesses", "MRN1", 200, "", "R", "10.0.0.5"};
  EXPECT_EQ(audit_entry_hash(kAuditGenesisHash, e),
            "192024d87648022328e7a283f52ff70d99e7fe4187f78eeaf6a1ef26ea8ff85c");
}

TEST(AuditChain, FieldBoundariesCannotBeMoved) {
  // Naive concatenation would give these two entries the same hash.
  ApiAuditEntry a{1, 1, "GET", "/a", "bc", 200, "", "R", ""};
  ApiAuditEntry b{1, 1, "GET", "/ab", "c", 200, "", "R", ""};
  EXPECT_NE(audit_entry_hash(kAuditGenesisHash, a), audit_entry_hash(kAuditGenesisHash, b));
}

TEST(SqliteStoreAudit, EachAppendIsChainedToTheOneBefore) {
  TempDir dir;
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  auto first = (*store)->append_audit_entry({10, 3, "GET", "/api/v1/stats", "", 200, "", "R", "127.0.0.1"});
  ASSERT_TRUE(first) << first.error().describe();
  EXPECT_EQ(first->seq, 1);
  EXPECT_EQ(first->prev_hash, kAuditGenesisHash);
  ASSERT_TRUE((*store)->record_api_request({20, 3, "GET", "/api/v1/patients/{id}/accesses", "MRN1", 200}));
  ASSERT_TRUE((*store)->record_cli_command({30, "cli:alice", "ward privacy case {id}", "case:4", 0}));
  auto records = all_records(**store);
  ASSERT_EQ(records.size(), 3u);
  expect_unbroken_chain(records);
  EXPECT_EQ(records[0].hash, first->hash);
  EXPECT_EQ(records[0].entry.client_address, "127.0.0.1");
  EXPECT_EQ(records[2].entry.actor, "cli:alice");
  EXPECT_EQ(records[2].entry.action, "E");
}

TEST(SqliteStoreAudit, ABatchIsChainedInOrderInOneTransaction) {
  TempDir dir;
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  ASSERT_TRUE((*store)->record_api_request({5, 1, "GET", "/api/v1/stats", "", 200, "", "R", ""}));
  ApiAuditEntry a{10, 1, "GET", "/api/v1/stats", "", 200, "", "R", ""}, b{11, 2, "DELETE", "/api/v1/rules/{rule}", "rule:x", 200, "", "D", ""};
  const ApiAuditEntry* batch[] = {&a, &b};
  auto appended = (*store)->append_audit_entries(batch);
  ASSERT_TRUE(appended) << appended.error().describe();
  ASSERT_EQ(appended->size(), 2u);
  EXPECT_EQ((*appended)[0].seq, 2);
  EXPECT_EQ((*appended)[1].prev_hash, (*appended)[0].hash);
  auto records = all_records(**store);
  ASSERT_EQ(records.size(), 3u);
  expect_unbroken_chain(records);
  EXPECT_EQ(records[2].entry.subject, "rule:x");
}

TEST(SqliteStoreAudit, ConcurrentAppendsFromThreadsAndASecondConnectionNeverFork) {
  TempDir dir;
  auto serve = SqliteStore::open(dir.path() / "ward.db");
  ASSERT_TRUE(serve);
  auto cli = SqliteStore::open(dir.path() / "ward.db");  // as `ward privacy` beside `ward serve`
  ASSERT_TRUE(cli);
  constexpr int kThreads = 4, kEach = 40;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Store& store = t % 2 == 0 ? static_cast<Store&>(**serve) : static_cast<Store&>(**cli);
      for (int i = 0; i < kEach; ++i)
        if (!store.record_api_request({t * 1000 + i, t + 1, "GET", "/api/v1/stats", "", 200, "", "R", ""}))
          ++failures;
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  auto records = all_records(**serve);
  ASSERT_EQ(records.size(), static_cast<std::size_t>(kThreads * kEach));
  expect_unbroken_chain(records);
}

TEST(SqliteStoreAudit, RowsWrittenBeforeTheChainAreChainedInTheOrderWritten) {
  TempDir dir;
  {
    auto db = testing::db_at_version(dir, 16);
    ASSERT_TRUE(db) << db.error().describe();
    // Written in id order; the second has an earlier time (a clock step) and no subject.
    ASSERT_TRUE(db->exec(
        "INSERT INTO api_audit (time_ns, token_id, method, route, subject, status) VALUES "
        "(500, 2, 'GET', '/api/v1/patients/{id}/accesses', 'MRN1', 200);"
        "INSERT INTO api_audit (time_ns, token_id, method, route, subject, status) VALUES "
        "(400, 2, 'GET', '/api/v1/stats', NULL, 200);"
        "INSERT INTO api_audit (time_ns, token_id, method, route, subject, status, actor) VALUES "
        "(600, 0, 'CLI', 'ward privacy cases', NULL, 0, 'cli:bob');"));
  }
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store) << store.error().describe();
  ASSERT_TRUE((*store)->record_api_request({700, 2, "GET", "/api/v1/stats", "", 200, "", "R", "::1"}));
  auto records = all_records(**store);
  ASSERT_EQ(records.size(), 4u);
  expect_unbroken_chain(records);
  EXPECT_EQ(records[0].entry.subject, "MRN1");
  EXPECT_EQ(records[1].entry.time, 400);
  EXPECT_EQ(records[2].entry.actor, "cli:bob");
  EXPECT_EQ(records[3].entry.client_address, "::1");
}

TEST(SqliteStoreAudit, TheTrailPagesNewestFirstWithFilters) {
  TempDir dir;
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  for (int i = 1; i <= 5; ++i)
    ASSERT_TRUE((*store)->record_api_request({i * 100, 3, "GET", "/api/v1/patients/{id}/accesses",
                                              i % 2 == 0 ? "MRN2" : "MRN1", 200, "", "R", ""}));
  ASSERT_TRUE((*store)->record_cli_command({600, "cli:alice", "ward privacy case {id}", "case:4", 0}));

  auto page = (*store)->audit_trail({.limit = 4});
  ASSERT_TRUE(page);
  ASSERT_EQ(page->records.size(), 4u);
  EXPECT_EQ(page->records[0].seq, 6);
  EXPECT_EQ(page->records[3].seq, 3);
  ASSERT_FALSE(page->next_cursor.empty());
  auto rest = (*store)->audit_trail({.limit = 4, .cursor = page->next_cursor});
  ASSERT_TRUE(rest);
  ASSERT_EQ(rest->records.size(), 2u);
  EXPECT_EQ(rest->records[1].seq, 1);
  EXPECT_TRUE(rest->next_cursor.empty());

  auto mrn2 = (*store)->audit_trail({.subject = "MRN2"});
  ASSERT_TRUE(mrn2);
  ASSERT_EQ(mrn2->records.size(), 2u);
  EXPECT_EQ(mrn2->records[0].entry.time, 400);

  auto alice = (*store)->audit_trail({.actor = "cli:alice"});
  ASSERT_TRUE(alice);
  ASSERT_EQ(alice->records.size(), 1u);
  EXPECT_EQ(alice->records[0].entry.subject, "case:4");
  auto token = (*store)->audit_trail({.actor = "token:3"});
  ASSERT_TRUE(token);
  EXPECT_EQ(token->records.size(), 5u);

  auto window = (*store)->audit_trail({.from = 200, .to = 400});
  ASSERT_TRUE(window);
  ASSERT_EQ(window->records.size(), 2u);
  EXPECT_EQ(window->records[0].entry.time, 300);

  auto bad = (*store)->audit_trail({.cursor = "abc"});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::invalid_input);
}

}  // namespace
}  // namespace ward::store
