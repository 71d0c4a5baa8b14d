// What the store keeps of a secret instead of the secret: its SHA-256 in lower-case hex (API
// tokens, session cookies, the staff intake's receipt codes). The secrets are random with at
// least 60 bits, so a plain hash is enough: there is nothing to guess from a dump of the store.
#pragma once

#include <string>
#include <string_view>

namespace ward::store {

std::string secret_hash(std::string_view secret);

}  // namespace ward::store
