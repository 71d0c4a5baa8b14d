-- Ward store, version 1: the event log (dictionary-encoded), the directory, the quarantine and
-- API tokens. Applied once, in a transaction, when PRAGMA user_version < 1.

-- Every repeated string of the event log (user ids, patient ids, addresses, sources…) once.
CREATE TABLE strings (
  id    INTEGER PRIMARY KEY,
  value TEXT NOT NULL UNIQUE
);

-- One row per accepted event. *_key columns point into strings.
CREATE TABLE events (
  seq             INTEGER PRIMARY KEY,
  time_ns         INTEGER NOT NULL,
  kind            INTEGER NOT NULL,
  action          INTEGER NOT NULL,
  outcome         INTEGER NOT NULL,
  user_key        INTEGER,
  user_name_key   INTEGER,
  role_key        INTEGER,
  department_key  INTEGER,
  host_key        INTEGER,
  ip_key          INTEGER,
  patient_key     INTEGER,
  mrn_key         INTEGER,
  object          TEXT,      -- mostly unique (a resource, a query): kept inline, not in strings
  purpose_key     INTEGER,
  source_key      INTEGER,
  event_id        TEXT
);
-- "What did this user touch" and "who touched this patient", newest first. The patient index
-- leaves time out: a patient's accesses (thousands at most) sort in a few ms, and the smaller
-- entries make import ~18% faster, since every batch touches most of this index's pages.
CREATE INDEX events_by_user    ON events (user_key, time_ns);
CREATE INDEX events_by_patient ON events (patient_key);
CREATE INDEX events_by_mrn     ON events (mrn_key, time_ns) WHERE mrn_key IS NOT NULL;
-- Unfiltered pages and time windows, newest first. Events arrive roughly in time order, so
-- this index grows at its right edge and costs little on import.
CREATE INDEX events_by_time    ON events (time_ns);

CREATE TABLE workforce (
  id               TEXT PRIMARY KEY,
  employee_id      TEXT,
  name             TEXT,
  role             TEXT,
  department       TEXT,
  address          TEXT,
  birth_date       TEXT,
  hire_date        TEXT,
  termination_date TEXT,
  source           TEXT
);
CREATE INDEX workforce_by_employee_id ON workforce (employee_id);

CREATE TABLE patients (
  id           TEXT PRIMARY KEY,
  mrn          TEXT,
  name         TEXT,
  address      TEXT,
  birth_date   TEXT,
  confidential INTEGER NOT NULL DEFAULT 0,
  source       TEXT
);
CREATE INDEX patients_by_mrn ON patients (mrn);

CREATE TABLE encounters (
  id           TEXT PRIMARY KEY,
  patient_id   TEXT,
  visit_number TEXT,
  class_code   TEXT,
  status       TEXT,
  location     TEXT,
  department   TEXT,
  start_ns     INTEGER,
  end_ns       INTEGER,
  source       TEXT
);
CREATE INDEX encounters_by_patient ON encounters (patient_id);

CREATE TABLE encounter_participants (
  encounter_id TEXT NOT NULL,
  user_id      TEXT NOT NULL,
  role         TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (encounter_id, user_id, role)
) WITHOUT ROWID;
CREATE INDEX participants_by_user ON encounter_participants (user_id);

-- Records Ward could not take: where they came from, why, and the record itself.
CREATE TABLE quarantine (
  id           INTEGER PRIMARY KEY,
  received_ns  INTEGER NOT NULL,
  source       TEXT NOT NULL,
  line         INTEGER,
  byte_offset  INTEGER,
  field        TEXT,
  code         TEXT NOT NULL,
  reason       TEXT NOT NULL,
  record_type  TEXT,
  raw          BLOB
);

-- API tokens, stored as SHA-256 of the secret; the secret is shown once at creation.
CREATE TABLE api_tokens (
  id          INTEGER PRIMARY KEY,
  token_hash  TEXT NOT NULL UNIQUE,
  role        TEXT NOT NULL,
  label       TEXT,
  created_ns  INTEGER NOT NULL,
  revoked_ns  INTEGER
);
