-- Ward store, version 29: coordinated vulnerability disclosure intake (issue 8,
-- src/devices/cvd_store.h). A report of a vulnerability in a device model (subject 'device') or
-- in Ward itself ('ward'), entered by staff from the reporter's report: the reporter and their
-- contact may both be empty (anonymous). Dates are YYYY-MM-DD, '' until the report reaches the
-- step; target_disclosure_on defaults to 90 days after receipt. `cvd_timeline` records who did
-- what and when: the receipt, every state change, date and detail change, and notes.
CREATE TABLE cvd_reports (
  report_id INTEGER PRIMARY KEY AUTOINCREMENT,
  subject TEXT NOT NULL CHECK (subject IN ('device', 'ward')),
  reporter TEXT NOT NULL DEFAULT '',
  reporter_contact TEXT NOT NULL DEFAULT '',
  vendor TEXT NOT NULL DEFAULT '',
  product TEXT NOT NULL DEFAULT '',
  version TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  cve TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL CHECK (state IN ('received', 'acknowledged', 'triaged', 'vendor_notified', 'fix_available',
                                       'disclosed', 'closed', 'rejected')),
  received_on TEXT NOT NULL,
  acknowledged_on TEXT NOT NULL DEFAULT '',
  triaged_on TEXT NOT NULL DEFAULT '',
  vendor_notified_on TEXT NOT NULL DEFAULT '',
  fix_available_on TEXT NOT NULL DEFAULT '',
  disclosed_on TEXT NOT NULL DEFAULT '',
  target_disclosure_on TEXT NOT NULL DEFAULT '',
  created_ns INTEGER NOT NULL,
  updated_ns INTEGER NOT NULL
);
CREATE TABLE cvd_timeline (
  entry_id INTEGER PRIMARY KEY AUTOINCREMENT,
  report_id INTEGER NOT NULL REFERENCES cvd_reports (report_id),
  at_ns INTEGER NOT NULL,
  actor TEXT NOT NULL DEFAULT '',
  event TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX cvd_timeline_by_report ON cvd_timeline (report_id, at_ns);
