#include "api/accounts.h"

#include <algorithm>

#include <fmt/format.h>
#include <sodium.h>

#include "api/roles.h"

namespace ward::api {

PasswordCost interactive_password_cost() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

PasswordCost cheap_password_cost() { return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN}; }

Result<std::string> hash_password(std::string_view password, PasswordCost cost) {
  if (password.size() < kMinPasswordLength)
    return fail(ErrorCode::invalid_input,
                fmt::format("the password is too short: use at least {} characters", kMinPasswordLength), "password");
  if (password.size() > kMaxPasswordLength)
    return fail(ErrorCode::invalid_input,
                fmt::format("the password is too long: use at most {} characters", kMaxPasswordLength), "password");
  if (sodium_init() < 0) return fail(ErrorCode::internal, "libsodium failed to initialise");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), cost.passes, cost.memory_bytes) != 0)
    return fail(ErrorCode::internal, "out of memory while hashing the password");
  return std::string(out);
}

bool password_matches(std::string_view hash, std::string_view password) {
  if (sodium_init() < 0) return false;
  std::string terminated(hash);  // crypto_pwhash_str_verify reads a C string
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

Result<void> check_username(std::string_view username) {
  auto allowed = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-' || c == '@';
  };
  if (username.empty() || username.size() > 64 || !std::all_of(username.begin(), username.end(), allowed))
    return fail(ErrorCode::invalid_input, "username: use 1 to 64 letters, digits, '.', '_', '-' or '@'",
                "username");
  return {};
}

Result<store::AccountRecord> create_account(store::Store& store, const NewAccount& account, PasswordCost cost) {
  if (auto r = check_username(account.username); !r) return Unexpected(r.error());
  auto role = role_named(account.role);
  if (!role) return Unexpected(role.error());
  if (account.display_name.size() > 200)
    return fail(ErrorCode::invalid_input, "display_name: use at most 200 characters", "display_name");
  auto hash = hash_password(account.password, cost);
  if (!hash) return Unexpected(hash.error());
  store::AccountRecord a;
  a.username = account.username;
  a.display_name = account.display_name;
  a.role = std::string(*role);
  a.password_hash = std::move(*hash);
  a.created = a.changed = now_ns();
  auto id = store.add_account(a);
  if (!id) return Unexpected(id.error());
  a.id = *id;
  return a;
}

Result<std::string> random_hex(std::size_t bytes) {
  if (sodium_init() < 0) return fail(ErrorCode::internal, "libsodium failed to initialise");
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string out(bytes * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
  out.pop_back();
  return out;
}

}  // namespace ward::api
