-- Ward store, version 16: Ward's own accounts and their browser sessions (src/api/accounts.h,
-- docs/api.md#authentication), and issue 7's role names for API tokens.
-- - accounts: a person who signs in to Ward; the password only as an Argon2id string from
--   libsodium's crypto_pwhash_str (algorithm, parameters and salt inside it). failed_logins
--   counts wrong passwords since the last success; locked_until_ns (0: not locked) is when a
--   lockout ends.
-- - sessions: one per sign-in; only the SHA-256 of the cookie's secret is kept, so a copy of
--   the store signs nobody in. A session ends idle_ns after last_seen_ns or at expires_ns,
--   whichever is first; disabling an account or changing its password deletes its sessions.
-- (Numbered 16: 15 was left to a branch that was being written at the same time.)

CREATE TABLE accounts (
  id               INTEGER PRIMARY KEY,
  username         TEXT NOT NULL UNIQUE,
  display_name     TEXT NOT NULL DEFAULT '',
  role             TEXT NOT NULL,   -- admin, privacy_officer, security_analyst, compliance, executive
  password_hash    TEXT NOT NULL,   -- "$argon2id$v=19$m=…,t=…,p=1$salt$hash"
  disabled         INTEGER NOT NULL DEFAULT 0,
  failed_logins    INTEGER NOT NULL DEFAULT 0,
  locked_until_ns  INTEGER NOT NULL DEFAULT 0,
  created_ns       INTEGER NOT NULL,
  changed_ns       INTEGER NOT NULL
);

CREATE TABLE sessions (
  id            INTEGER PRIMARY KEY,
  secret_hash   TEXT NOT NULL UNIQUE,  -- hex SHA-256 of the cookie's secret
  csrf_token    TEXT NOT NULL,
  account_id    INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_ns    INTEGER NOT NULL,
  last_seen_ns  INTEGER NOT NULL,
  idle_ns       INTEGER NOT NULL,      -- ends this long after last_seen_ns
  expires_ns    INTEGER NOT NULL       -- and at this time in any case
);
CREATE INDEX sessions_by_account ON sessions (account_id);

-- Issue 7's roles: analyst is now security_analyst, auditor compliance.
UPDATE api_tokens SET role = 'security_analyst' WHERE role = 'analyst';
UPDATE api_tokens SET role = 'compliance' WHERE role = 'auditor';
