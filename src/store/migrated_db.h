// A connection of its own to the store's database, for a capability that keeps its own tables
// in ward.db (devices, AI governance) and reads them with plain SQL.
#pragma once

#include <filesystem>

#include "core/error.h"
#include "store/sqlite_db.h"

namespace ward::store {

// Migrates <dir>/ward.db as open_sqlite_store does (creating it), then opens a connection to it
// that waits up to 5 s for another writer. Use it from one thread at a time.
Result<Db> open_migrated_db(const std::filesystem::path& data_dir);

}  // namespace ward::store
