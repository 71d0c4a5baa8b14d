// The rows of Ward's own accounts, their browser sessions and the API token list (migration
// 0016, src/api/accounts.h). Plain values; the Store reads and writes them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/time.h"

namespace ward::store {

struct AccountRecord {
  std::int64_t id = 0;
  std::string username, display_name, role;
  std::string password_hash;  // crypto_pwhash_str's string; never shown
  bool disabled = false;
  int failed_logins = 0;      // wrong passwords since the last success or lockout
  TimeNs locked_until = 0;    // 0: not locked
  TimeNs created = 0, changed = 0;
};

// What PATCH /api/v1/accounts/{username} and `ward account …` change; unset fields stay.
// Disabling an account or giving it a new password also ends its sessions.
struct AccountChange {
  std::string username;
  std::optional<std::string> role, display_name, password_hash;
  std::optional<bool> disabled;
  bool unlock = false;  // clears failed_logins and locked_until
  TimeNs time = 0;
};

struct SessionRecord {
  std::int64_t id = 0;
  std::string secret_hash;  // hex SHA-256 of the cookie's secret
  std::string csrf_token;
  std::int64_t account_id = 0;
  TimeNs created = 0, last_seen = 0;
  TimeNs idle = 0;     // the session ends `idle` after last_seen…
  TimeNs expires = 0;  // …and at `expires` in any case
};

// A session with the account it belongs to, as one look-up finds them.
struct AccountSession {
  SessionRecord session;
  AccountRecord account;
};

// An API token as listed (never its hash).
struct TokenListing {
  std::int64_t id = 0;
  std::string role, label;
  TimeNs created = 0;
  TimeNs revoked = 0;  // 0: in use
};

}  // namespace ward::store
