-- Ward's own audit trail, first step: every authenticated API request — who (token), when,
-- which route and which patient or user it was about, and the answer's status. Hash-chaining
-- and `ward verify` come with the self-audit work (issue 7).
CREATE TABLE api_audit (
  id         INTEGER PRIMARY KEY,
  time_ns    INTEGER NOT NULL,
  token_id   INTEGER NOT NULL,
  method     TEXT NOT NULL,
  route      TEXT NOT NULL,   -- the route pattern, e.g. /api/v1/patients/{id}/accesses
  subject    TEXT,            -- the {id}, or the user/patient filter of /events
  status     INTEGER NOT NULL
);
CREATE INDEX api_audit_by_subject ON api_audit (subject, time_ns);
