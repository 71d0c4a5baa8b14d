-- Ward store, version 8: detection alerts (src/sigma, docs/detection.md#alerts).
-- One row per rule match (kind 'rule') or correlation (kind 'correlation'), with what the
-- analyst needs without going back to the input: the rule, when, where from, which fields
-- matched (JSON object) and the event as received (raw, when it was kept). An alert's identity
-- is (rule_id, source, event_ref): the same event matched again by the same rule — a re-import,
-- a replay — is not a second alert.

CREATE TABLE alerts (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  rule_id       TEXT NOT NULL,   -- the Sigma rule's id (or its file when it has none)
  rule_title    TEXT NOT NULL,
  level         TEXT NOT NULL,   -- informational, low, medium, high, critical
  kind          TEXT NOT NULL DEFAULT 'rule',  -- rule, correlation
  event_ns      INTEGER NOT NULL,  -- the event's time (a correlation's last event)
  detected_ns   INTEGER NOT NULL,  -- when Ward raised it
  source        TEXT NOT NULL,     -- the input: file, listener
  event_ref     TEXT NOT NULL,     -- the event's id, or its position in the input
  host          TEXT,
  user_id       TEXT,
  matched       TEXT NOT NULL,     -- JSON object: field -> value, the values that matched
  raw           TEXT,              -- the event as received, when kept
  status        TEXT NOT NULL DEFAULT 'open'  -- open, acknowledged, closed
);
CREATE UNIQUE INDEX alerts_identity ON alerts (rule_id, source, event_ref);
CREATE INDEX alerts_by_time ON alerts (event_ns, id);
CREATE INDEX alerts_by_level ON alerts (level, event_ns);
