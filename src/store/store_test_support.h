// What the store's tests share: a store file at an older schema version (as an older Ward left
// it), and the answer of one SQL query read from a store file.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "store/audit_chain.h"
#include "store/migration_runner.h"
#include "store/migrations.h"
#include "store/privacy_rows.h"
#include "store/sqlite_db.h"
#include "testing/shared_data.h"

namespace ward::store::testing {

// ward.db in `dir` with the migrations up to `version` applied, open for filling. The
// connection has the SQL functions migrations use, as the store's has (sqlite_store.cc).
inline Result<Db> db_at_version(const ward::testing::TempDir& dir, int version) {
  auto db = Db::open(dir.path() / "ward.db");
  if (!db) return db;
  if (auto r = db->add_function("ward_explanation_text_hash", explanation_text_hash); !r) return Unexpected(r.error());
  if (auto r = db->add_text_function("ward_audit_fields_hash", audit_fields_hash); !r) return Unexpected(r.error());
  std::vector<Migration> older;
  for (const Migration& m : migrations())
    if (m.version <= version) older.push_back(m);
  if (auto r = apply_migrations(*db, older, dir.path() / "ward.db"); !r) return Unexpected(r.error());
  return db;
}

// The first column of the first row `sql` answers, as text, read from the store file on a
// connection of its own.
inline std::string query(const ward::testing::TempDir& dir, std::string_view sql) {
  auto db = Db::open(dir.path() / "ward.db", /*read_only=*/true);
  EXPECT_TRUE(db) << db.error().describe();
  if (!db) return "(no store)";
  auto s = db->prepare(sql);
  EXPECT_TRUE(s) << s.error().describe();
  if (!s) return "(bad query)";
  auto row = s->step();
  EXPECT_TRUE(row && *row);
  return std::string(s->column_text(0));
}

}  // namespace ward::store::testing
