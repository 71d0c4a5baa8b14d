// The audit trail's hash chain (see audit_chain.h).
#include "store/audit_chain.h"

#include <array>
#include <cstdint>

#include <sodium.h>

namespace ward::store {

std::string audit_fields_hash(std::span<const std::string_view> fields) {
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  for (std::string_view field : fields) {
    std::array<unsigned char, 8> length{};
    std::uint64_t n = field.size();
    for (int i = 7; i >= 0; --i, n >>= 8) length[static_cast<std::size_t>(i)] = static_cast<unsigned char>(n & 0xff);
    crypto_hash_sha256_update(&state, length.data(), length.size());
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(field.data()), field.size());
  }
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256_final(&state, digest.data());
  std::string hex(digest.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  hex.pop_back();
  return hex;
}

std::string audit_entry_hash(std::string_view prev_hash, const ApiAuditEntry& e) {
  const std::string time = std::to_string(e.time), token = std::to_string(e.token_id),
                    status = std::to_string(e.status);
  const std::array<std::string_view, 11> fields = {kAuditHashVersion, prev_hash, time, token, e.actor,
                                                   e.method, e.route, e.subject, status, e.action,
                                                   e.client_address};
  return audit_fields_hash(fields);
}

}  // namespace ward::store
