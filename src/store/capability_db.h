// A connection of its own to <data_dir>/ward.db for a capability's tables (devices, incidents,
// third parties), after the store has created or migrated the file. Used by one thread at a time.
#pragma once

#include <filesystem>

#include "core/error.h"
#include "store/sqlite_db.h"

namespace ward::store {

// Migrates <data_dir>/ward.db (creating it) and opens a connection that waits up to 5 s on a
// writer of another process instead of failing at once.
Result<Db> open_capability_db(const std::filesystem::path& data_dir);

}  // namespace ward::store
