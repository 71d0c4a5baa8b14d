// The store's schema history: migrations/NNNN_name.sql embedded into the binary in number order.
// Migration NNNN brings PRAGMA user_version to NNNN. Numbers may have gaps: a branch takes its
// number before the ones below it land. migration_runner.h applies them.
#pragma once

#include <string_view>
#include <vector>

namespace ward::store {

struct Migration {
  int version = 0;        // NNNN, from the file name
  std::string_view name;  // the file name
  std::string_view sql;
};

// Every migration, in increasing version order (embed_migrations.cmake checks the order).
const std::vector<Migration>& migrations();

}  // namespace ward::store
