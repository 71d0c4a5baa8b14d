#include "api/auth.h"

#include <array>

#include <fmt/format.h>
#include <sodium.h>

namespace ward::api {
namespace {

constexpr std::array<std::string_view, 4> kRoles = {"admin", "analyst", "privacy_officer", "auditor"};

std::string to_hex(const unsigned char* bytes, std::size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes, n);
  out.pop_back();
  return out;
}

}  // namespace

std::string token_hash(std::string_view secret) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(secret.data()), secret.size());
  return to_hex(digest, sizeof digest);
}

Result<std::string> create_token(store::Store& store, std::string_view role, std::string_view label) {
  if (std::find(kRoles.begin(), kRoles.end(), role) == kRoles.end())
    return fail(ErrorCode::invalid_input,
                fmt::format("unknown role \"{}\" (use admin, analyst, privacy_officer or auditor)", role),
                "role");
  if (sodium_init() < 0) return fail(ErrorCode::internal, "libsodium failed to initialise");
  unsigned char random[32];
  randombytes_buf(random, sizeof random);
  std::string secret = std::string(kTokenPrefix) + to_hex(random, sizeof random);
  if (auto r = store.add_token(token_hash(secret), role, label); !r) return Unexpected(r.error());
  return secret;
}

Result<store::TokenRecord> authenticate(store::Store& store, std::string_view authorization) {
  constexpr std::string_view kBearer = "Bearer ";
  if (authorization.empty())
    return fail(ErrorCode::unauthorized, "missing Authorization: Bearer <token> header");
  if (authorization.size() <= kBearer.size() ||
      !std::equal(kBearer.begin(), kBearer.end(), authorization.begin(),
                  [](char a, char b) { return std::tolower(a) == std::tolower(b); }))
    return fail(ErrorCode::unauthorized, "Authorization header must be \"Bearer <token>\"");
  std::string_view secret = authorization.substr(kBearer.size());
  auto found = store.find_token(token_hash(secret));
  if (!found) return Unexpected(found.error());
  if (!*found) return fail(ErrorCode::unauthorized, "unknown token");
  if ((*found)->revoked) return fail(ErrorCode::unauthorized, "token has been revoked");
  return **found;
}

}  // namespace ward::api
