// MFA imports in the store (migration 0034): each import's coverage figures, and the latest
// import's accounts, which an import replaces in the same transaction. One thread at a time.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "identity/mfa_coverage.h"
#include "store/sqlite_db.h"

namespace ward::identity {

struct MfaImport {
  std::int64_t id = 0;
  std::string source, format, imported_by;
  TimeNs imported_ns = 0;
  std::int64_t rows = 0, rejected = 0;  // data rows read; rows rejected
  MfaCoverage coverage;
};

class MfaStore {
 public:
  static Result<MfaStore> open(const std::filesystem::path& data_dir);

  // Saves `import` (its id and time set here) and makes `accounts` the current ones, in one
  // transaction; returns it as saved.
  Result<MfaImport> save(MfaImport import, const std::vector<MfaAccount>& accounts);
  // The latest import; nullopt when there has been none.
  Result<std::optional<MfaImport>> latest();
  // Every import, oldest first.
  Result<std::vector<MfaImport>> history();
  // The latest import's accounts, by user id.
  Result<std::vector<MfaAccount>> accounts();

 private:
  explicit MfaStore(store::Db db) : db_(std::move(db)) {}
  Result<std::vector<MfaImport>> imports(std::string_view order_and_limit);
  store::Db db_;
};

}  // namespace ward::identity
