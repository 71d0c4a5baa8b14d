// The store's schema history: migrations/NNNN_*.sql embedded into the binary in order.
// Migration i (1-based) brings PRAGMA user_version from i-1 to i.
#pragma once

#include <string_view>
#include <vector>

namespace ward::store {

struct Migration {
  std::string_view name;
  std::string_view sql;
};

const std::vector<Migration>& migrations();

}  // namespace ward::store
