// Ward's own accounts: people who sign in to the web UI with a password (API tokens are for
// machines, auth.h). Passwords are kept only as Argon2id strings from libsodium's
// crypto_pwhash_str; the CLI (`ward account …`) and the admin routes both come here.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/error.h"
#include "store/store.h"

namespace ward::api {

// Argon2id's work per password. Ward uses libsodium's INTERACTIVE limits (2 passes over 64 MiB,
// ~0.1 s a hash here): online guessing is held back by the lockout, not by the hash, and
// MODERATE's 256 MiB per sign-in would let a burst of logins take a small server's memory.
// Tests use kCheapPasswordCost through ApiOptions / the functions below, never by default.
struct PasswordCost {
  unsigned long long passes;
  std::size_t memory_bytes;
};
PasswordCost interactive_password_cost();
PasswordCost cheap_password_cost();  // libsodium's minimums: for tests only

inline constexpr std::size_t kMinPasswordLength = 12;
inline constexpr std::size_t kMaxPasswordLength = 1024;

// The Argon2id string for `password`; ErrorCode::invalid_input when it is shorter than 12 or
// longer than 1024 bytes (the message never contains the password).
Result<std::string> hash_password(std::string_view password, PasswordCost cost);
// Whether `password` is the one `hash` was made from (constant time in the password).
bool password_matches(std::string_view hash, std::string_view password);

struct NewAccount {
  std::string username, display_name, role;  // role may be an older name (roles.h)
  std::string password;
};
// Checks and stores a new account: the username is 1 to 64 letters, digits, '.', '_', '-' or
// '@'; the role one of roles.h; the password as hash_password wants. Returns it as stored.
Result<store::AccountRecord> create_account(store::Store& store, const NewAccount& account, PasswordCost cost);

// A username as create_account takes it, else ErrorCode::invalid_input naming the field.
Result<void> check_username(std::string_view username);

// `bytes` random bytes as lower-case hex (libsodium's generator); ErrorCode::internal when
// libsodium cannot start.
Result<std::string> random_hex(std::size_t bytes);

}  // namespace ward::api
