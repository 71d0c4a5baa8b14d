-- Ward store, version 10: the rule store and the alert workflow (src/rules, src/alert_review,
-- docs/detection.md#managing-rules).
-- - detection_rules: one row per Sigma document (rule, correlation or filter) uploaded through
--   the API or imported with `ward rules import`, keyed by the document's Sigma id (a generated
--   "ward-…" id when it has none), with its YAML exactly as uploaded. The live engine reads the
--   enabled ones.
-- - alerts.resolution: a closed alert's verdict (true_positive, false_positive, benign).
-- - alert_changes: every change of an alert's status, who, when, from, to, why.

CREATE TABLE detection_rules (
  rule_id     TEXT PRIMARY KEY,
  title       TEXT NOT NULL,
  level       TEXT NOT NULL DEFAULT '',  -- informational, low, medium, high, critical; '' unset
  status      TEXT NOT NULL DEFAULT '',  -- Sigma's stable, test, experimental…; '' unset
  product     TEXT NOT NULL DEFAULT '',  -- logsource; '' when the document has none
  category    TEXT NOT NULL DEFAULT '',
  service     TEXT NOT NULL DEFAULT '',
  kind        TEXT NOT NULL,             -- rule, correlation, filter
  yaml        TEXT NOT NULL,             -- the document as uploaded
  enabled     INTEGER NOT NULL DEFAULT 1,
  origin      TEXT NOT NULL,             -- api, cli
  added_ns    INTEGER NOT NULL,
  added_by    TEXT NOT NULL,             -- "token:3 (alice's laptop)", "cli:alice"
  updated_ns  INTEGER NOT NULL,
  updated_by  TEXT NOT NULL
);
CREATE INDEX detection_rules_by_level ON detection_rules (level, rule_id);

ALTER TABLE alerts ADD COLUMN resolution TEXT;  -- closed: true_positive, false_positive, benign

CREATE TABLE alert_changes (
  id          INTEGER PRIMARY KEY,
  alert_id    INTEGER NOT NULL,  -- alerts.id
  time_ns     INTEGER NOT NULL,
  actor       TEXT NOT NULL,
  from_status TEXT NOT NULL,
  to_status   TEXT NOT NULL,
  resolution  TEXT,
  comment     TEXT
);
CREATE INDEX alert_changes_by_alert ON alert_changes (alert_id, id);
