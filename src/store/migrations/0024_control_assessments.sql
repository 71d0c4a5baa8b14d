-- Ward store: control assessments (issue 10, src/controls/assessment_store.h). An assessment
-- rates the controls of one catalogue (a built-in name such as "csf-2.0", or an OSCAL file);
-- each rated control has a status, and optionally an owner, evidence text and a target date.
-- Controls not yet rated have no row. Evidence Ward finds in its own data is computed when the
-- assessment is shown, not stored.
CREATE TABLE program_assessments (
  assessment_id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  catalog TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_ns INTEGER NOT NULL
);
CREATE TABLE program_assessment_controls (
  assessment_id INTEGER NOT NULL REFERENCES program_assessments(assessment_id),
  control_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('implemented', 'partial', 'not_implemented', 'not_applicable')),
  owner TEXT NOT NULL DEFAULT '',
  evidence TEXT NOT NULL DEFAULT '',
  target TEXT NOT NULL DEFAULT '',
  updated_by TEXT NOT NULL,
  updated_ns INTEGER NOT NULL,
  PRIMARY KEY (assessment_id, control_id)
);
