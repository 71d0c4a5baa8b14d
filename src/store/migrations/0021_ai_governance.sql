-- Ward store: AI governance (issue 9; docs/ai_governance.md). `ai_systems` is the registry: each
-- system's record as JSON (body; src/ai_governance/ai_system_json.h) with its workflow status,
-- the conditions of its approval and its next review date. `ai_system_domains` lets a service
-- seen in proxy/DNS logs be looked up by host name. Reviews, evidence, decisions and the AI RMF
-- checklist keep who did what, when and why; rows are only added (the checklist keeps the
-- latest answer per subcategory, its history is in ai_decisions). Optional texts are NULL when
-- empty: the store binds empty text as NULL.
CREATE TABLE ai_systems (
  system_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  body TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'intake',
  risk_tier TEXT NOT NULL,
  conditions TEXT,
  next_review TEXT,
  created_ns INTEGER NOT NULL,
  updated_ns INTEGER NOT NULL
);
CREATE TABLE ai_system_domains (
  domain TEXT NOT NULL,
  system_id TEXT NOT NULL REFERENCES ai_systems(system_id),
  PRIMARY KEY (domain, system_id)
);
CREATE TABLE ai_reviews (
  review_id INTEGER PRIMARY KEY AUTOINCREMENT,
  system_id TEXT NOT NULL REFERENCES ai_systems(system_id),
  area TEXT NOT NULL,
  outcome TEXT NOT NULL,
  reviewer TEXT NOT NULL,
  notes TEXT,
  reviewed_ns INTEGER NOT NULL
);
CREATE INDEX ai_reviews_by_system ON ai_reviews(system_id, review_id);
CREATE TABLE ai_evidence (
  evidence_id INTEGER PRIMARY KEY AUTOINCREMENT,
  system_id TEXT NOT NULL REFERENCES ai_systems(system_id),
  kind TEXT NOT NULL,
  summary TEXT NOT NULL,
  body TEXT,
  added_by TEXT NOT NULL,
  added_ns INTEGER NOT NULL
);
CREATE INDEX ai_evidence_by_system ON ai_evidence(system_id, evidence_id);
CREATE TABLE ai_decisions (
  decision_id INTEGER PRIMARY KEY AUTOINCREMENT,
  system_id TEXT NOT NULL REFERENCES ai_systems(system_id),
  action TEXT NOT NULL,
  decided_by TEXT NOT NULL,
  reason TEXT,
  decided_ns INTEGER NOT NULL
);
CREATE INDEX ai_decisions_by_system ON ai_decisions(system_id, decision_id);
CREATE TABLE ai_rmf_checklist (
  system_id TEXT NOT NULL REFERENCES ai_systems(system_id),
  subcategory TEXT NOT NULL,
  met INTEGER NOT NULL,
  evidence TEXT,
  updated_by TEXT NOT NULL,
  updated_ns INTEGER NOT NULL,
  PRIMARY KEY (system_id, subcategory)
);
