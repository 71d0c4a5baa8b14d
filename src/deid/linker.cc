// Keyed (HMAC-SHA256, libsodium) and vault-kept random numbers for values (linker.h).
#include "deid/linker.h"

#include <sodium.h>

#include <fmt/format.h>

#include "core/private_file.h"

namespace ward::deid {
namespace {

std::uint64_t first_eight_bytes(const unsigned char* bytes) {
  std::uint64_t n = 0;
  for (int i = 0; i < 8; ++i) n = (n << 8) | bytes[i];
  return n;
}

}  // namespace

Result<SecretKey> load_or_create_key(const std::filesystem::path& path) {
  if (sodium_init() < 0) return fail(ErrorCode::internal, "libsodium failed to start");
  auto created = ensure_private_file(path);
  if (!created) return Unexpected(created.error());
  SecretKey key{};
  if (*created) {
    randombytes_buf(key.data(), key.size());
    std::array<char, 2 * 32 + 1> hex{};
    sodium_bin2hex(hex.data(), hex.size(), key.data(), key.size());
    auto written = write_private_file(path, std::string(hex.data()) + "\n");
    sodium_memzero(hex.data(), hex.size());
    if (!written) return Unexpected(written.error());
    return key;
  }
  auto text = read_private_file(path);
  if (!text) return Unexpected(text.error());
  std::size_t length = 0;
  const char* end = nullptr;
  const int bad = sodium_hex2bin(key.data(), key.size(), text->data(), text->size(), " \r\n", &length, &end);
  sodium_memzero(text->data(), text->size());
  if (bad != 0 || length != key.size())
    return Unexpected(Error{ErrorCode::config, "expected 64 hex digits (a key Ward made: delete the file to make a new one, "
                                               "which changes every pseudonym)", path.string()});
  return key;
}

Result<std::uint64_t> KeyedLinker::number(std::string_view kind, std::string_view value) {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, key_.data(), key_.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(kind.data()), kind.size());
  const unsigned char separator = 0;
  crypto_auth_hmacsha256_update(&state, &separator, 1);
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(value.data()), value.size());
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
  crypto_auth_hmacsha256_final(&state, mac.data());
  return first_eight_bytes(mac.data());
}

Result<std::unique_ptr<VaultLinker>> VaultLinker::open(const std::filesystem::path& path) {
  if (sodium_init() < 0) return fail(ErrorCode::internal, "libsodium failed to start");
  if (auto ok = ensure_private_file(path); !ok) return Unexpected(ok.error());
  auto db = store::Db::open(path);
  if (!db) return Unexpected(db.error());
  if (auto ok = db->exec("PRAGMA journal_mode=DELETE; "
                         "CREATE TABLE IF NOT EXISTS links (kind TEXT NOT NULL, value TEXT NOT NULL, "
                         "number INTEGER NOT NULL, PRIMARY KEY (kind, value)) WITHOUT ROWID");
      !ok) {
    Error e = ok.error();
    e.source = path.string();
    return Unexpected(e);
  }
  std::unique_ptr<VaultLinker> vault(new VaultLinker(std::move(*db)));
  auto find = vault->db_.prepare("SELECT number FROM links WHERE kind = ? AND value = ?");
  auto add = vault->db_.prepare("INSERT INTO links (kind, value, number) VALUES (?, ?, ?)");
  if (!find) return Unexpected(find.error());
  if (!add) return Unexpected(add.error());
  vault->find_ = std::move(*find);
  vault->add_ = std::move(*add);
  return vault;
}

Result<std::uint64_t> VaultLinker::number(std::string_view kind, std::string_view value) {
  if (!in_transaction_) {
    if (auto ok = db_.exec("BEGIN IMMEDIATE"); !ok) return Unexpected(ok.error());
    in_transaction_ = true;
  }
  find_.reset();
  find_.bind(1, kind);
  find_.bind(2, value);
  auto row = find_.step();
  if (!row) return Unexpected(row.error());
  if (*row) {
    const auto n = static_cast<std::uint64_t>(find_.column_int(0));
    find_.reset();
    return n;
  }
  find_.reset();
  std::uint64_t n = 0;
  randombytes_buf(&n, sizeof n);
  add_.reset();
  add_.bind(1, kind);
  add_.bind(2, value);
  add_.bind(3, static_cast<std::int64_t>(n));
  if (auto ok = add_.run(); !ok) return Unexpected(ok.error());
  return n;
}

Result<void> VaultLinker::commit() {
  if (!in_transaction_) return {};
  in_transaction_ = false;
  return db_.exec("COMMIT");
}

VaultLinker::~VaultLinker() { (void)commit(); }

std::string link_code(std::uint64_t number) {
  static constexpr std::string_view kDigits = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  std::string code(10, '0');
  for (int i = 9; i >= 0; --i) {
    code[static_cast<std::size_t>(i)] = kDigits[number & 31];
    number >>= 5;
  }
  return code;
}

}  // namespace ward::deid
