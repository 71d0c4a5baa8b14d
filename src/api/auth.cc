#include "api/auth.h"

#include <algorithm>

#include <sodium.h>

#include "api/accounts.h"
#include "api/roles.h"
#include "store/secret_hash.h"

namespace ward::api {

std::string token_hash(std::string_view secret) { return store::secret_hash(secret); }

Result<std::string> create_token(store::Store& store, std::string_view role, std::string_view label) {
  auto canonical = role_named(role);
  if (!canonical) return Unexpected(canonical.error());
  auto random = random_hex(32);
  if (!random) return Unexpected(random.error());
  std::string secret = std::string(kTokenPrefix) + *random;
  if (auto r = store.add_token(token_hash(secret), *canonical, label); !r) return Unexpected(r.error());
  return secret;
}

Result<store::TokenRecord> authenticate(store::Store& store, std::string_view authorization) {
  constexpr std::string_view kBearer = "Bearer ";
  if (authorization.empty())
    return fail(ErrorCode::unauthorized, "missing Authorization: Bearer <token> header (or a ward_session cookie)");
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
