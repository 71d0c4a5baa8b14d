// Applies the store's migrations by number (see migration_runner.h).
#include "store/migration_runner.h"

#include <fmt/format.h>

namespace ward::store {

Result<void> apply_migrations(Db& db, std::span<const Migration> all,
                              const std::filesystem::path& file) {
  std::int64_t version = 0;
  {
    auto version_stmt = db.prepare("PRAGMA user_version");
    if (!version_stmt) return Unexpected(version_stmt.error());
    auto has = version_stmt->step();
    if (!has) return Unexpected(has.error());
    version = version_stmt->column_int(0);
  }  // finalized before the migrations write
  const std::int64_t newest = all.empty() ? 0 : all.back().version;
  if (version > newest) {
    return Unexpected(Error{ErrorCode::storage,
                            fmt::format("the store has schema version {} but this Ward knows only "
                                        "up to {}: use a newer Ward", version, newest),
                            file.string(), 0, 0, {}});
  }
  for (const Migration& m : all) {
    if (m.version <= version) continue;
    std::string sql = fmt::format("BEGIN IMMEDIATE;\n{}\nPRAGMA user_version = {};\nCOMMIT;",
                                  m.sql, m.version);
    if (auto r = db.exec(sql); !r) {
      (void)db.exec("ROLLBACK");
      Error e = r.error();
      e.message = fmt::format("migration {} failed: {}", m.name, e.message);
      e.source = file.string();
      return Unexpected(e);
    }
  }
  return {};
}

}  // namespace ward::store
