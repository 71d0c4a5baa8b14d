-- Ward store, version 34: MFA coverage from an identity provider's user export (issue 10,
-- src/identity, docs/program.md#mfa-coverage). Every import keeps its figures (the coverage over
-- time); the accounts are the latest import's only, since an export is the whole picture at its
-- time, so "who has no MFA" is as of the last import. privileged and privileged_with_mfa are
-- NULL when the export does not say which accounts are privileged.
CREATE TABLE identity_mfa_imports (
  import_id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,            -- the file's name ("entra.csv"), or the API upload's
  format TEXT NOT NULL,            -- entra, generic
  imported_ns INTEGER NOT NULL,
  imported_by TEXT NOT NULL,
  rows_read INTEGER NOT NULL,
  rejected INTEGER NOT NULL,
  accounts INTEGER NOT NULL,
  enabled INTEGER NOT NULL,
  enabled_with_mfa INTEGER NOT NULL,
  privileged INTEGER,
  privileged_with_mfa INTEGER
);
CREATE TABLE identity_mfa_accounts (
  user_id TEXT PRIMARY KEY COLLATE NOCASE,
  import_id INTEGER NOT NULL REFERENCES identity_mfa_imports(import_id),
  display_name TEXT,
  enabled INTEGER NOT NULL,
  mfa INTEGER NOT NULL,
  privileged INTEGER,
  methods TEXT
);
