// API tokens: random secrets shown once, stored only as their SHA-256. Machines send
// "Authorization: Bearer <token>"; people sign in for a session cookie instead (sign_in.h).
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"
#include "store/store.h"

namespace ward::api {

inline constexpr std::string_view kTokenPrefix = "ward_";

// Creates a token with `role` (one of roles.h, or an older name it still takes: analyst,
// auditor), stores its hash and returns the secret. Unknown roles are ErrorCode::invalid_input.
Result<std::string> create_token(store::Store& store, std::string_view role, std::string_view label);

// Hex SHA-256 of the secret, as stored.
std::string token_hash(std::string_view secret);

// The token behind an Authorization header; ErrorCode::unauthorized when missing, malformed,
// unknown or revoked (the message says which, never echoing the secret).
Result<store::TokenRecord> authenticate(store::Store& store, std::string_view authorization);

}  // namespace ward::api
