// Brings a store's schema up to date. SqliteStore::open calls it before anything else reads the
// tables; tests call it with a list of their own to build a store as an older Ward left it.
#pragma once

#include <filesystem>
#include <span>

#include "store/migrations.h"
#include "store/sqlite_db.h"

namespace ward::store {

// Applies, in order, each of `all` (increasing versions) whose version is above the store's
// PRAGMA user_version, each in its own transaction that also sets user_version to its version,
// so a failed migration leaves the store as the one before it left it. Errors name `file` and
// the migration; a store whose version is above every migration's is an error too (a newer
// Ward wrote it).
Result<void> apply_migrations(Db& db, std::span<const Migration> all,
                              const std::filesystem::path& file);

}  // namespace ward::store
