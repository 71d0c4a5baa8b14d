-- Ward store, version 19: the findings of `ward vulns match` kept per (device, advisory, CVE)
-- with their remediation (issue 8, src/devices/remediation_store.h). A finding remembers the
-- advisory revision and the match it came from, so matching again with the same revision raises
-- no new alert and a revision that changes the match says what changed; `matched` is 0 once the
-- latest match no longer finds it. SSVC outcomes of both trees and their inputs (JSON) are kept
-- with the date the outcome last changed, from which the due date is counted; the inputs are
-- kept once per distinct set in `ssvc_input_sets` (thousands of devices share a few sets), the
-- finding holding the set's id (a hash of its JSON). `state`: open,
-- mitigated (a compensating control), patched, risk_accepted (until `expires`, YYYY-MM-DD).
-- Empty texts are written as NULL and stored as the column's default '' (INSERT OR REPLACE).
-- `finding_history` records every alert and state change. `epss_scores` holds imported FIRST
-- EPSS scores by CVE.
CREATE TABLE device_findings (
  device_id TEXT NOT NULL,
  advisory_id TEXT NOT NULL,
  cve TEXT NOT NULL DEFAULT '',
  product TEXT NOT NULL DEFAULT '',
  version TEXT NOT NULL DEFAULT '',
  matched_by TEXT NOT NULL DEFAULT '',
  confidence REAL NOT NULL,
  cvss_base REAL NOT NULL DEFAULT 0,
  advisory_revision TEXT NOT NULL DEFAULT '',
  ssvc_deployer TEXT NOT NULL DEFAULT '',
  ssvc_cisa TEXT NOT NULL DEFAULT '',
  ssvc_inputs TEXT NOT NULL DEFAULT '',
  outcome_since TEXT NOT NULL DEFAULT '',
  matched INTEGER NOT NULL DEFAULT 1,
  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'mitigated', 'patched', 'risk_accepted')),
  evidence TEXT NOT NULL DEFAULT '',
  expires TEXT NOT NULL DEFAULT '',
  change_note TEXT NOT NULL DEFAULT '',
  first_seen_ns INTEGER NOT NULL,
  last_seen_ns INTEGER NOT NULL,
  state_changed_ns INTEGER NOT NULL,
  PRIMARY KEY (device_id, advisory_id, cve)
);
CREATE INDEX device_findings_by_advisory ON device_findings (advisory_id, cve);
CREATE TABLE ssvc_input_sets (
  id TEXT PRIMARY KEY,
  inputs TEXT NOT NULL
);
CREATE TABLE finding_history (
  device_id TEXT NOT NULL,
  advisory_id TEXT NOT NULL,
  cve TEXT NOT NULL DEFAULT '',
  at_ns INTEGER NOT NULL,
  event TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '',
  actor TEXT NOT NULL DEFAULT ''
);
CREATE INDEX finding_history_by_finding ON finding_history (device_id, advisory_id, cve);
CREATE TABLE epss_scores (
  cve TEXT PRIMARY KEY,
  epss REAL NOT NULL,
  percentile REAL NOT NULL,
  score_date TEXT NOT NULL DEFAULT ''
);
