-- Ward store, version 4: reviewing privacy cases (src/case_review, docs/privacy.md#reviewing-cases).
-- - privacy_cases takes the review fields (outcome, reason_code, assignee) and its ids are never
--   reused (AUTOINCREMENT): the audit trail and the history name cases by id, and a `new` case
--   that a later run no longer finds must not lend its id to the next case.
-- - privacy_case_history: every change of a case's review state, who, when, from, to, why.
-- - explanation_proposals: explanation rules proposed from dismissed cases, and the decision.
-- - api_audit.actor: who, for rows not made with an API token (CLI commands: token_id 0 and
--   actor "cli:<unix user>"). Existing rows keep token_id and get NULL.

CREATE TABLE privacy_cases_v4 (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  case_key      TEXT NOT NULL UNIQUE,
  user_id       TEXT,
  patient_id    TEXT,
  score         REAL NOT NULL,
  categories    TEXT NOT NULL,
  reason        TEXT NOT NULL,
  first_ns      INTEGER,
  last_ns       INTEGER,
  status        TEXT NOT NULL DEFAULT 'new',  -- new, in_review, confirmed, dismissed
  status_reason TEXT,                         -- the free text of the last review change
  updated_ns    INTEGER,
  outcome       TEXT,                         -- confirmed: snooping, policy_violation, other
  reason_code   TEXT,                         -- dismissed: float_pool, covering_colleague, …
  assignee      TEXT
);
INSERT INTO privacy_cases_v4 (id, case_key, user_id, patient_id, score, categories, reason,
                              first_ns, last_ns, status, status_reason, updated_ns)
  SELECT id, case_key, user_id, patient_id, score, categories, reason, first_ns, last_ns, status,
         status_reason, updated_ns FROM privacy_cases;
DROP TABLE privacy_cases;
ALTER TABLE privacy_cases_v4 RENAME TO privacy_cases;
CREATE INDEX privacy_cases_by_score ON privacy_cases (score DESC);

CREATE TABLE privacy_case_history (
  id          INTEGER PRIMARY KEY,
  case_id     INTEGER NOT NULL,     -- privacy_cases.id
  time_ns     INTEGER NOT NULL,
  actor       TEXT NOT NULL,        -- "token:3 (alice's laptop)", "cli:alice"
  from_status TEXT NOT NULL,
  to_status   TEXT NOT NULL,
  outcome     TEXT,
  reason_code TEXT,
  reason      TEXT,
  assignee    TEXT
);
CREATE INDEX privacy_case_history_by_case ON privacy_case_history (case_id, id);

CREATE TABLE explanation_proposals (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id         INTEGER NOT NULL,  -- the dismissed case it was proposed from
  code            TEXT NOT NULL UNIQUE,
  description     TEXT NOT NULL,
  rule_yaml       TEXT NOT NULL,     -- a one-rule list, as privacy.explanations reads it
  open_cases      INTEGER NOT NULL,  -- other open cases it explained when proposed
  status          TEXT NOT NULL DEFAULT 'proposed',  -- proposed, accepted, rejected
  proposed_ns     INTEGER NOT NULL,
  proposed_by     TEXT NOT NULL,
  decided_ns      INTEGER,
  decided_by      TEXT,
  decision_reason TEXT
);
CREATE INDEX explanation_proposals_by_status ON explanation_proposals (status, id);

ALTER TABLE api_audit ADD COLUMN actor TEXT;
