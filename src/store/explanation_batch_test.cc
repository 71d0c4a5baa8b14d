// ExplanationBatch and the store's explanation texts: each text kept once, found again by hash,
// read back as every access's code and evidence, kept across the migration that introduced them.
#include <gtest/gtest.h>

#include "store/store.h"
#include "store/store_test_support.h"

namespace ward::store {
namespace {

using ward::testing::TempDir;
using testing::db_at_version;
using testing::query;

// Accesses with seq 1 … n in the store.
void add_accesses(Store& store, int n) {
  ingest::ParsedRecords r;
  for (int i = 0; i < n; ++i) {
    Event& e = r.events.start_event();
    e.time = TimeNs{i + 1} * kNsPerSecond;
    e.kind = EventKind::ehr_access;
    e.action = Action::read;
    e.actor.user_id = r.events.keep("E1");
    e.patient.id = r.events.keep("pat-1");
    e.id = r.events.keep("ae-" + std::to_string(i + 1));
  }
  ASSERT_TRUE(store.accept(r));
}

// seq -> "code|evidence" (unexplained: "-|evidence"), as a user reads them back.
std::map<std::int64_t, std::string> read_back(Store& store) {
  std::map<std::int64_t, std::string> out;
  EXPECT_TRUE(store.for_each_explanation([&](const ExplanationRow& x) -> Result<void> {
    out[x.seq] = (x.explained ? x.code : "-") + "|" + x.evidence;
    return {};
  }));
  return out;
}

TEST(ExplanationBatch, KeepsEachDistinctTextOnceAndEveryRowInOrder) {
  ExplanationBatch b;
  for (int i = 0; i < 10'000; ++i)  // 1,000 texts, each ten times, across many table growths
    b.add(i + 1, i % 3 != 0, i % 3 != 0 ? "care_team" : "", "ATND on enc-" + std::to_string(i % 1000));
  b.add(10'001, true, "same_unit", "ATND on enc-7");  // the same evidence under another code
  ASSERT_EQ(b.size(), 10'001u);
  EXPECT_EQ(b.texts().size(), 1000u + 1000u + 1u);  // each evidence as explained and as not
  for (int i = 0; i < 10'000; ++i) {
    const ExplanationBatch::Row& r = b.rows()[static_cast<std::size_t>(i)];
    ASSERT_EQ(r.seq, i + 1);
    EXPECT_EQ(r.explained, i % 3 != 0);
    EXPECT_EQ(b.texts()[r.text].evidence, "ATND on enc-" + std::to_string(i % 1000));
    EXPECT_EQ(b.texts()[r.text].code, i % 3 != 0 ? "care_team" : "");
  }
  EXPECT_EQ(b.texts()[b.rows().back().text].code, "same_unit");
}

TEST(ExplanationBatch, ARowByTheIndexAnEarlyAddReturnedReadsTheSameText) {
  ExplanationBatch b;
  const std::uint32_t first = b.add(1, true, "care_team", "ATND on enc-1");
  EXPECT_EQ(b.add(2, true, "same_unit", "nurse on 5 East"), first + 1);
  EXPECT_EQ(b.add(3, true, "care_team", "ATND on enc-1"), first);  // found again, not added
  b.add(4, true, first);
  ASSERT_EQ(b.size(), 4u);
  EXPECT_EQ(b.texts().size(), 2u);
  EXPECT_EQ(b.rows()[3].seq, 4);
  EXPECT_EQ(b.rows()[3].text, b.rows()[0].text);
  EXPECT_EQ(b.texts()[b.rows()[3].text].evidence, "ATND on enc-1");
}

TEST(ExplanationStore, ARunKeepsEachTextOnceAndALaterChangeFindsTheTextsTheStoreHas) {
  TempDir dir;
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  add_accesses(**store, 5);
  ExplanationBatch run;
  run.add(1, true, "care_team", "ATND on enc-1");
  run.add(2, true, "care_team", "ATND on enc-1");
  run.add(3, true, "same_unit", "ICU nurse; patient on ICU");
  run.add(4, false, "", "");
  run.add(5, false, "", "the patient is not in the directory");
  ASSERT_TRUE((*store)->save_privacy_run(run, {}));
  EXPECT_EQ(query(dir, "SELECT count(*) FROM explanation_texts"), "4");
  const std::map<std::int64_t, std::string> first = {{1, "care_team|ATND on enc-1"},
                                                     {2, "care_team|ATND on enc-1"},
                                                     {3, "same_unit|ICU nurse; patient on ICU"},
                                                     {4, "-|"},
                                                     {5, "-|the patient is not in the directory"}};
  EXPECT_EQ(read_back(**store), first);

  // Late ADT: access 4 is now explained like 1, and 5 gets a new text.
  ExplanationBatch late;
  late.add(4, true, "care_team", "ATND on enc-1");
  late.add(5, true, "registration", "Registration clerk; enc-9 admitted 2026-11-01 10:00 UTC");
  ASSERT_TRUE((*store)->save_privacy_changes(late, {}, {}));
  EXPECT_EQ(query(dir, "SELECT count(*) FROM explanation_texts"), "5");  // one new text only
  auto second = first;
  second[4] = "care_team|ATND on enc-1";
  second[5] = "registration|Registration clerk; enc-9 admitted 2026-11-01 10:00 UTC";
  EXPECT_EQ(read_back(**store), second);
  auto events = (*store)->find_events({.patient = "pat-1"});
  ASSERT_TRUE(events);
  ASSERT_EQ(events->rows.size(), 5u);
  for (const EventRow& e : events->rows) {
    EXPECT_EQ(e.explained, EventRow::Explained::yes) << e.seq;
    EXPECT_EQ(e.explanation_code + "|" + e.explanation_evidence, second[e.seq]) << e.seq;
  }

  // The next full run replaces everything, texts no row names included.
  ExplanationBatch again;
  again.add(1, true, "care_team", "ATND on enc-2");
  ASSERT_TRUE((*store)->save_privacy_run(again, {}));
  EXPECT_EQ(query(dir, "SELECT count(*) FROM explanation_texts"), "1");
  EXPECT_EQ(read_back(**store), (std::map<std::int64_t, std::string>{{1, "care_team|ATND on enc-2"}}));
}

TEST(ExplanationStore, MigratingAnOlderStoreKeepsEveryExplanation) {
  TempDir dir;
  {  // a store as Ward left it at schema version 11: explanations with their text on each row
    auto db = db_at_version(dir, 11);
    ASSERT_TRUE(db) << db.error().describe();
    auto filled = db->exec(
        "INSERT INTO events (seq, time_ns, kind, action, outcome, event_id) VALUES "
        "(1, 100, 1, 1, 1, 'ae-1'), (2, 200, 1, 1, 1, 'ae-2'), (3, 300, 1, 1, 1, 'ae-3'), "
        "(4, 400, 1, 1, 1, 'ae-4');"
        "INSERT INTO access_explanations (seq, explained, code, evidence) VALUES "
        "(1, 1, 'care_team', 'ATND on enc-1'), (2, 1, 'care_team', 'ATND on enc-1'), "
        "(3, 0, NULL, NULL), (4, 0, NULL, 'the user is not in the directory');");
    ASSERT_TRUE(filled) << filled.error().describe();
  }
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store) << store.error().describe();
  EXPECT_EQ(query(dir, "SELECT count(*) FROM explanation_texts"), "3");
  EXPECT_EQ(read_back(**store), (std::map<std::int64_t, std::string>{
                                    {1, "care_team|ATND on enc-1"},
                                    {2, "care_team|ATND on enc-1"},
                                    {3, "-|"},
                                    {4, "-|the user is not in the directory"}}));
  // The migrated texts are found again by the hash the code computes.
  ExplanationBatch late;
  late.add(3, true, "care_team", "ATND on enc-1");
  ASSERT_TRUE((*store)->save_privacy_changes(late, {}, {}));
  EXPECT_EQ(query(dir, "SELECT count(*) FROM explanation_texts"), "3");
}

}  // namespace
}  // namespace ward::store
