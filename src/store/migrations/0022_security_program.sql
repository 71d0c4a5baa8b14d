-- Ward store: the security program (issue 10). Incidents reported by staff (with or without an
-- account) or opened by the security team; their timeline, tasks, evidence notes, links and
-- law-enforcement contacts as entries; one HIPAA breach assessment per incident (the facts and
-- the four-factor answers as JSON, the outcome as a column); vendors and business associates
-- with their BAA and the rest of their profile as JSON. The name key refuses duplicate vendors.
CREATE TABLE program_incidents (
  incident_id INTEGER PRIMARY KEY,
  receipt_code TEXT NOT NULL UNIQUE,  -- SHA-256 (hex) of the reporter's receipt code, never the code
  title TEXT NOT NULL,
  description TEXT DEFAULT '',
  reporter TEXT DEFAULT '',
  reporter_contact TEXT DEFAULT '',
  source TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'new',
  severity TEXT DEFAULT '',
  occurred_on TEXT DEFAULT '',
  discovered_on TEXT DEFAULT '',
  created_ns INTEGER NOT NULL,
  updated_ns INTEGER NOT NULL
);
CREATE TABLE program_incident_entries (
  entry_id INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES program_incidents(incident_id),
  kind TEXT NOT NULL,
  body TEXT NOT NULL,
  author TEXT NOT NULL,
  done INTEGER,
  created_ns INTEGER NOT NULL
);
CREATE INDEX program_incident_entries_by_incident ON program_incident_entries(incident_id, entry_id);
CREATE TABLE program_breach_assessments (
  incident_id INTEGER PRIMARY KEY REFERENCES program_incidents(incident_id),
  facts TEXT NOT NULL,
  answers TEXT NOT NULL,
  outcome TEXT NOT NULL,
  assessed_by TEXT NOT NULL,
  assessed_ns INTEGER NOT NULL
);
CREATE TABLE program_vendors (
  vendor_id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL UNIQUE,
  business_associate INTEGER NOT NULL,
  criticality TEXT NOT NULL,
  baa_status TEXT NOT NULL,
  baa_expires TEXT DEFAULT '',
  profile TEXT NOT NULL,
  created_ns INTEGER NOT NULL,
  updated_ns INTEGER NOT NULL
);
