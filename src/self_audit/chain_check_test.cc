// The chain check on a real store file tampered with through SQLite, as someone with the file
// and the sqlite3 shell would: each kind of tampering is found and named at the right entry.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "self_audit/chain_check.h"
#include "store/audit_chain.h"
#include "store/sqlite_db.h"
#include "testing/shared_data.h"

namespace ward::self_audit {
namespace {

using ward::testing::TempDir;

class ChainCheck : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::open_sqlite_store(dir_.path());
    ASSERT_TRUE(opened) << opened.error().describe();
    store_ = std::move(*opened);
    for (int i = 1; i <= 6; ++i)
      ASSERT_TRUE(store_->record_api_request({i * 1'000'000'000LL, 2, "GET", "/api/v1/patients/{id}/accesses",
                                              fmt::format("MRN{}", i), 200, "", "R", "10.0.0.9"}));
    auto db = store::Db::open(dir_.path() / "ward.db");
    ASSERT_TRUE(db);
    db_.emplace(std::move(*db));
  }

  // Runs SQL on the store file from a connection of its own.
  void tamper(std::string_view sql) { ASSERT_TRUE(db_->exec(sql)) << sql; }

  std::string column(std::string_view sql) {
    auto s = db_->prepare(sql);
    EXPECT_TRUE(s);
    if (!s) return {};
    auto row = s->step();
    EXPECT_TRUE(row && *row) << sql;
    return std::string(s->column_text(0));
  }

  ChainReport check(const std::optional<Anchor>& anchor = std::nullopt) {
    auto report = check_chain(*store_, anchor);
    EXPECT_TRUE(report) << report.error().describe();
    return report ? *report : ChainReport{};
  }

  // The check finds a break of `kind` at `seq` (at `time` when given) and returns it.
  ChainBreak expect_break(const ChainReport& r, BreakKind kind, std::int64_t seq, TimeNs time = -1) {
    EXPECT_FALSE(r.ok());
    if (r.ok()) return {};
    EXPECT_EQ(r.broken->kind, kind) << r.broken->detail;
    EXPECT_EQ(r.broken->seq, seq) << r.broken->detail;
    if (time >= 0) {
      EXPECT_EQ(r.broken->time, time);
    }
    return *r.broken;
  }

  TempDir dir_;
  std::unique_ptr<store::Store> store_;
  std::optional<store::Db> db_;
};

TEST_F(ChainCheck, AnUntouchedTrailHoldsAndItsHeadIsTheLastHash) {
  ChainReport r = check();
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.entries, 6u);
  EXPECT_EQ(r.head_seq, 6);
  EXPECT_EQ(r.head_hash, column("SELECT hash FROM api_audit WHERE seq = 6"));
}

TEST_F(ChainCheck, AnEmptyTrailHoldsWithTheGenesisHead) {
  tamper("DELETE FROM api_audit");
  ChainReport r = check();
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.entries, 0u);
  EXPECT_EQ(r.head_hash, store::kAuditGenesisHash);
}

TEST_F(ChainCheck, AnEditedFieldIsNamedAtItsEntry) {
  tamper("UPDATE api_audit SET subject = 'MRN99' WHERE seq = 3");
  ChainReport r = check();
  const ChainBreak b = expect_break(r, BreakKind::edited, 3, 3'000'000'000LL);
  EXPECT_EQ(r.entries, 2u);
  EXPECT_EQ(b.detail.find("MRN"), std::string::npos) << "no field values in the report";
}

TEST_F(ChainCheck, ADeletedEntryIsNamedWithItsSeq) {
  tamper("DELETE FROM api_audit WHERE seq = 3");
  const ChainBreak b = expect_break(check(), BreakKind::deleted, 4);
  EXPECT_NE(b.detail.find("entry 3"), std::string::npos) << b.detail;
}

TEST_F(ChainCheck, AnEntryEditedAndReHashedWithoutTheNextIsNamed) {
  tamper("UPDATE api_audit SET status = 404 WHERE seq = 3");
  store::ApiAuditEntry edited{3'000'000'000LL, 2, "GET", "/api/v1/patients/{id}/accesses", "MRN3", 404, "", "R", "10.0.0.9"};
  const std::string prev = column("SELECT prev_hash FROM api_audit WHERE seq = 3");
  tamper(fmt::format("UPDATE api_audit SET hash = '{}' WHERE seq = 3", store::audit_entry_hash(prev, edited)));
  const ChainBreak b = expect_break(check(), BreakKind::edited, 3);
  EXPECT_NE(b.detail.find("recomputed"), std::string::npos) << b.detail;
}

TEST_F(ChainCheck, SwappedEntriesAreReordered) {
  tamper("UPDATE api_audit SET seq = -3 WHERE seq = 3; UPDATE api_audit SET seq = 3 WHERE seq = 4; "
         "UPDATE api_audit SET seq = 4 WHERE seq = -3");
  expect_break(check(), BreakKind::reordered, 3, 4'000'000'000LL);
}

TEST_F(ChainCheck, AnEntryInsertedWithAValidHashIsNamed) {
  // Make room at seq 3 and insert an entry chained after seq 2, as a careful forger would.
  tamper("UPDATE api_audit SET seq = -seq WHERE seq >= 3; UPDATE api_audit SET seq = 1 - seq WHERE seq < 0");
  store::ApiAuditEntry forged{2'500'000'000LL, 2, "GET", "/api/v1/stats", "", 200, "", "R", "10.0.0.9"};
  const std::string prev = column("SELECT hash FROM api_audit WHERE seq = 2");
  tamper(fmt::format("INSERT INTO api_audit (time_ns, token_id, method, route, status, action, client_address, "
                     "seq, prev_hash, hash) VALUES (2500000000, 2, 'GET', '/api/v1/stats', 200, 'R', '10.0.0.9', "
                     "3, '{}', '{}')",
                     prev, store::audit_entry_hash(prev, forged)));
  expect_break(check(), BreakKind::inserted, 3, 2'500'000'000LL);
}

TEST_F(ChainCheck, ARowAddedWithoutAPlaceInTheChainIsInserted) {
  tamper("INSERT INTO api_audit (time_ns, token_id, method, route, status) VALUES (7000000000, 2, 'GET', '/x', 200)");
  ChainReport r = check();
  expect_break(r, BreakKind::inserted, 0);
  EXPECT_EQ(r.entries, 6u);
}

TEST_F(ChainCheck, ADeletedTailIsFoundOnlyAgainstAnAnchor) {
  ChainReport before = check();
  Anchor anchor{before.head_seq, before.head_hash};
  tamper("DELETE FROM api_audit WHERE seq >= 5");
  EXPECT_TRUE(check().ok()) << "without an anchor a shorter trail is a whole one";
  const ChainBreak b = expect_break(check(anchor), BreakKind::deleted, 6);
  EXPECT_NE(b.detail.find("from 5 on"), std::string::npos) << b.detail;
}

TEST_F(ChainCheck, ARewrittenTrailDoesNotMatchItsAnchor) {
  Anchor anchor{4, column("SELECT hash FROM api_audit WHERE seq = 4")};
  EXPECT_TRUE(check(anchor).ok());
  anchor.hash[0] = anchor.hash[0] == '0' ? '1' : '0';
  expect_break(check(anchor), BreakKind::edited, 4);
}

TEST(ChainAnchor, ReadsSeqColonHashAndRefusesAnythingElse) {
  const std::string hash(64, 'a');
  auto a = parse_anchor("12:" + hash);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->seq, 12);
  EXPECT_EQ(a->hash, hash);
  for (std::string bad : {std::string("12"), "x:" + hash, "0:" + hash, "12:" + hash.substr(1), "12:" + std::string(64, 'G')})
    EXPECT_FALSE(parse_anchor(bad)) << bad;
}

}  // namespace
}  // namespace ward::self_audit
