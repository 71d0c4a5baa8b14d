-- Ward store, version 3: the privacy engine's results. Explanations are recomputed on every
-- run; cases keep their id and review state across runs (by case_key).

CREATE TABLE access_explanations (
  seq       INTEGER PRIMARY KEY,  -- events.seq
  explained INTEGER NOT NULL,
  code      TEXT,
  evidence  TEXT
);

CREATE TABLE privacy_cases (
  id            INTEGER PRIMARY KEY,
  case_key      TEXT NOT NULL UNIQUE,
  user_id       TEXT,
  patient_id    TEXT,
  score         REAL NOT NULL,
  categories    TEXT NOT NULL,
  reason        TEXT NOT NULL,
  first_ns      INTEGER,
  last_ns       INTEGER,
  status        TEXT NOT NULL DEFAULT 'new',
  status_reason TEXT,
  updated_ns    INTEGER
);
CREATE INDEX privacy_cases_by_score ON privacy_cases (score DESC);

CREATE TABLE privacy_case_events (
  case_id INTEGER NOT NULL,
  seq     INTEGER NOT NULL,
  PRIMARY KEY (case_id, seq)
) WITHOUT ROWID;
