// BatchedInsert against a real SQLite file: rows go in whole statements and a last, shorter one,
// in the order given, and the count says how many the conflict clause let in.
#include "store/batched_insert.h"

#include <gtest/gtest.h>

#include "testing/shared_data.h"

namespace ward::store {
namespace {

using ward::testing::TempDir;

TEST(BatchedInsert, InsertsEveryRowInOrderAndCountsWhatTheConflictClauseSkipped) {
  TempDir dir;
  auto db = Db::open(dir.path() / "t.db");
  ASSERT_TRUE(db) << db.error().describe();
  ASSERT_TRUE(db->exec("CREATE TABLE t (seq INTEGER PRIMARY KEY, name TEXT UNIQUE, n INTEGER)"));
  ASSERT_TRUE(db->exec("INSERT INTO t (name, n) VALUES ('row-7', -1)"));  // already there
  std::vector<std::string> names;
  for (int i = 0; i < 150; ++i) names.push_back("row-" + std::to_string(i));
  names.push_back("row-3");  // twice in the same rows
  BatchedInsert insert("INSERT INTO t (name, n)", 2, " ON CONFLICT DO NOTHING", 64);
  auto inserted = insert.insert(*db, names.size(), [&](Statement& s, int first, std::size_t row) {
    s.bind(first, names[row]);
    s.bind(first + 1, static_cast<std::int64_t>(row));
  });
  ASSERT_TRUE(inserted) << inserted.error().describe();
  EXPECT_EQ(*inserted, 149) << "151 rows, 64 + 64 + 23: row-7 was there and row-3 came twice";
  auto rows = db->prepare("SELECT seq, name, n FROM t ORDER BY seq");
  ASSERT_TRUE(rows);
  std::vector<std::string> stored;
  while (true) {
    auto row = rows->step();
    ASSERT_TRUE(row);
    if (!*row) break;
    stored.push_back(std::string(rows->column_text(1)) + "=" + std::to_string(rows->column_int(2)));
  }
  ASSERT_EQ(stored.size(), 150u);
  EXPECT_EQ(stored[0], "row-7=-1") << "the row already stored stays as it was";
  EXPECT_EQ(stored[1], "row-0=0") << "then the rows in the order given";
  EXPECT_EQ(stored[7], "row-6=6");
  EXPECT_EQ(stored[8], "row-8=8");
  EXPECT_EQ(stored[149], "row-149=149");
}

TEST(BatchedInsert, NoRowsIsNothingToDo) {
  TempDir dir;
  auto db = Db::open(dir.path() / "t.db");
  ASSERT_TRUE(db);
  BatchedInsert insert("INSERT INTO missing_table (a)", 1, "");
  auto inserted = insert.insert(*db, 0, [](Statement&, int, std::size_t) {});
  ASSERT_TRUE(inserted) << "no statement is prepared for no rows";
  EXPECT_EQ(*inserted, 0);
}

}  // namespace
}  // namespace ward::store
