// Consistent numbers for identifying values: the same value of the same kind always gets the
// same 64-bit number, from which surrogates, codes and date offsets are made. Two ways, chosen
// by the policy's basis (policy.h):
//   KeyedLinker — HMAC-SHA256 under a secret key: consistent across files, runs and machines
//                 that share the key, no state; derived from the value, so not for Safe Harbor.
//   VaultLinker — a random number per value, kept in the vault (an SQLite file with mode 0600,
//                 outside the output): consistent as long as the vault is, and not derived from
//                 the value, as 45 CFR 164.514(c) requires of Safe Harbor re-identification codes.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "core/error.h"
#include "store/sqlite_db.h"

namespace ward::deid {

class Linker {
 public:
  virtual ~Linker() = default;
  // `kind` separates the spaces ("name", "mrn", "patient"); `value` is already normalised.
  virtual Result<std::uint64_t> number(std::string_view kind, std::string_view value) = 0;
};

using SecretKey = std::array<unsigned char, 32>;

// The key in `path` (64 hex digits), created at random with mode 0600 when the file does not
// exist; refused when others may read it. Never logged.
Result<SecretKey> load_or_create_key(const std::filesystem::path& path);

class KeyedLinker final : public Linker {
 public:
  explicit KeyedLinker(const SecretKey& key) : key_(key) {}
  Result<std::uint64_t> number(std::string_view kind, std::string_view value) override;

 private:
  SecretKey key_;
};

class VaultLinker final : public Linker {
 public:
  // Opens (creating, mode 0600) the vault file.
  static Result<std::unique_ptr<VaultLinker>> open(const std::filesystem::path& path);
  Result<std::uint64_t> number(std::string_view kind, std::string_view value) override;
  // Writes what was added since the last commit (also done by the destructor).
  Result<void> commit();
  ~VaultLinker() override;

 private:
  explicit VaultLinker(store::Db db) : db_(std::move(db)) {}
  store::Db db_;
  store::Statement find_, add_;
  bool in_transaction_ = false;
};

// "7KQ2M9XD3A": ten characters of Crockford base 32 (no I, L, O, U) from the number.
std::string link_code(std::uint64_t number);

}  // namespace ward::deid
