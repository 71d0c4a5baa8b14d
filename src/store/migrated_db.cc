// open_migrated_db (migrated_db.h).
#include "store/migrated_db.h"

#include "store/store.h"

namespace ward::store {

Result<Db> open_migrated_db(const std::filesystem::path& data_dir) {
  auto migrated = open_sqlite_store(data_dir);  // runs every pending migration
  if (!migrated) return Unexpected(migrated.error());
  migrated->reset();
  auto db = Db::open(data_dir / "ward.db");
  if (!db) return Unexpected(db.error());
  if (auto r = db->exec("PRAGMA busy_timeout=5000"); !r) return Unexpected(r.error());
  return db;
}

}  // namespace ward::store
