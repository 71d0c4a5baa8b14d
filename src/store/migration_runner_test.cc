#include "store/migration_runner.h"

#include <string>

#include <gtest/gtest.h>

#include "testing/shared_data.h"

namespace ward::store {
namespace {

using ward::testing::TempDir;

std::int64_t user_version(Db& db) {
  auto s = db.prepare("PRAGMA user_version");
  EXPECT_TRUE(s);
  if (!s) return -1;
  EXPECT_TRUE(s->step());
  return s->column_int(0);
}

TEST(MigrationRunner, SkipsNumbersNotTakenAndSetsTheVersionToTheLastApplied) {
  TempDir dir;
  const auto file = dir.path() / "ward.db";
  auto db = Db::open(file);
  ASSERT_TRUE(db);
  // 0004 and 0005 are not in this build (another branch has them): 0006 still applies.
  const Migration first[] = {{1, "0001_a.sql", "CREATE TABLE a (x);"},
                             {2, "0002_b.sql", "CREATE TABLE b (x);"},
                             {6, "0006_c.sql", "CREATE TABLE c (x);"}};
  ASSERT_TRUE(apply_migrations(*db, first, file));
  EXPECT_EQ(user_version(*db), 6);
  ASSERT_TRUE(db->exec("INSERT INTO c VALUES (1)"));

  // A later build adds 0007: only it runs (running 0001 again would fail: table a exists).
  const Migration later[] = {{1, "0001_a.sql", "CREATE TABLE a (x);"},
                             {2, "0002_b.sql", "CREATE TABLE b (x);"},
                             {6, "0006_c.sql", "CREATE TABLE c (x);"},
                             {7, "0007_d.sql", "CREATE TABLE d (x);"}};
  auto r = apply_migrations(*db, later, file);
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_EQ(user_version(*db), 7);
}

TEST(MigrationRunner, AStoreAtAnOldVersionGetsOnlyTheMigrationsAboveIt) {
  TempDir dir;
  const auto file = dir.path() / "ward.db";
  auto db = Db::open(file);
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->exec("CREATE TABLE a (x); CREATE TABLE b (x); CREATE TABLE c (x); "
                       "PRAGMA user_version = 3;"));  // as Ward left stores before gaps
  const Migration all[] = {{1, "0001_a.sql", "CREATE TABLE a (x);"},
                           {2, "0002_b.sql", "CREATE TABLE b (x);"},
                           {3, "0003_c.sql", "CREATE TABLE c (x);"},
                           {6, "0006_d.sql", "CREATE TABLE d (x);"}};
  auto r = apply_migrations(*db, all, file);
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_EQ(user_version(*db), 6);
}

TEST(MigrationRunner, AFailedMigrationLeavesTheVersionBeforeItAndIsNamed) {
  TempDir dir;
  const auto file = dir.path() / "ward.db";
  auto db = Db::open(file);
  ASSERT_TRUE(db);
  const Migration all[] = {{1, "0001_a.sql", "CREATE TABLE a (x);"},
                           {6, "0006_broken.sql", "CREATE TABLE b (x); CREATE TABLE a (y);"}};
  auto r = apply_migrations(*db, all, file);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("0006_broken.sql"), std::string::npos) << r.error().message;
  EXPECT_EQ(r.error().source, file.string());
  EXPECT_EQ(user_version(*db), 1);
  EXPECT_FALSE(db->exec("SELECT * FROM b"));  // rolled back with it
}

TEST(MigrationRunner, AStoreFromANewerWardIsRefused) {
  TempDir dir;
  const auto file = dir.path() / "ward.db";
  auto db = Db::open(file);
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->exec("PRAGMA user_version = 9"));
  const Migration all[] = {{1, "0001_a.sql", "CREATE TABLE a (x);"},
                           {6, "0006_b.sql", "CREATE TABLE b (x);"}};
  auto r = apply_migrations(*db, all, file);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("newer Ward"), std::string::npos) << r.error().message;
  EXPECT_EQ(user_version(*db), 9);
}

TEST(MigrationRunner, TheEmbeddedMigrationsKeepTheVersionsStoresAlreadyHave) {
  const auto& all = migrations();
  ASSERT_GE(all.size(), 3u);
  // Stores made before gaps were allowed are at 1..3: those numbers must mean the same files.
  EXPECT_EQ(all[0].version, 1);
  EXPECT_EQ(all[1].version, 2);
  EXPECT_EQ(all[2].version, 3);
  for (std::size_t i = 1; i < all.size(); ++i) EXPECT_GT(all[i].version, all[i - 1].version);
  for (const Migration& m : all)
    EXPECT_EQ(m.version, std::stoi(std::string(m.name))) << m.name;  // "0006_…" is 6
}

}  // namespace
}  // namespace ward::store
