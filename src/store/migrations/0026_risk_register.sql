-- Ward store: the risk register (issue 10, src/risks/risk_store.h). A risk has a likelihood and
-- an impact from 1 to 5 (inherent score = likelihood x impact), an owner, the controls that bear
-- on it (a built-in catalogue's name and a control id it rates; checked when linked), and its
-- treatments: mitigate, accept, transfer or avoid, each with an owner, a status, a target date,
-- an estimated cost and the likelihood and impact expected once it is done.
CREATE TABLE program_risks (
  risk_id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  description TEXT,
  category TEXT,
  likelihood INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
  impact INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5),
  owner TEXT,
  created_by TEXT NOT NULL,
  created_ns INTEGER NOT NULL
);
CREATE TABLE program_risk_controls (
  risk_id INTEGER NOT NULL REFERENCES program_risks(risk_id),
  catalog TEXT NOT NULL,
  control_id TEXT NOT NULL,
  PRIMARY KEY (risk_id, catalog, control_id)
);
CREATE TABLE program_risk_treatments (
  treatment_id INTEGER PRIMARY KEY,
  risk_id INTEGER NOT NULL REFERENCES program_risks(risk_id),
  kind TEXT NOT NULL CHECK (kind IN ('mitigate', 'accept', 'transfer', 'avoid')),
  description TEXT,
  owner TEXT,
  status TEXT NOT NULL CHECK (status IN ('planned', 'in_progress', 'done', 'cancelled')),
  target TEXT,
  cost INTEGER NOT NULL CHECK (cost >= 0),
  residual_likelihood INTEGER NOT NULL CHECK (residual_likelihood BETWEEN 1 AND 5),
  residual_impact INTEGER NOT NULL CHECK (residual_impact BETWEEN 1 AND 5),
  created_by TEXT NOT NULL,
  created_ns INTEGER NOT NULL,
  updated_ns INTEGER NOT NULL
);
CREATE INDEX program_risk_treatments_by_risk ON program_risk_treatments (risk_id, treatment_id);
