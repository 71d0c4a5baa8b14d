-- Ward store, version 30: medical device security (issue 8). `devices` holds the inventory
-- imported from CMMS/asset CSVs, keyed by asset tag; `advisory_documents` keeps each imported
-- advisory (a CSAF document, or the KEV catalogue) as its JSON text with its revision and a
-- hash of the text, so a re-import says what changed and `ward vulns match` parses them again.
-- Matches are computed on demand and not stored yet.
CREATE TABLE devices (
  device_id TEXT PRIMARY KEY,
  manufacturer TEXT NOT NULL,
  model TEXT NOT NULL,
  version TEXT NOT NULL DEFAULT '',
  serial TEXT NOT NULL DEFAULT '',
  udi_di TEXT NOT NULL DEFAULT '',
  department TEXT NOT NULL DEFAULT '',
  location TEXT NOT NULL DEFAULT '',
  ip TEXT NOT NULL DEFAULT '',
  mac TEXT NOT NULL DEFAULT '',
  network_segment TEXT NOT NULL DEFAULT '',
  clinical_function TEXT NOT NULL DEFAULT '',
  patient_connected INTEGER,
  life_sustaining INTEGER,
  owner TEXT NOT NULL DEFAULT '',
  os TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  updated_ns INTEGER NOT NULL
);
CREATE TABLE advisory_documents (
  advisory_id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  revision TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  source TEXT NOT NULL,
  body TEXT NOT NULL,
  imported_ns INTEGER NOT NULL
);
