-- Ward store, version 12: each distinct explanation text (the rule's code and the evidence) is
-- kept once, in explanation_texts, and access_explanations names it. The accesses of a run
-- share few texts (a user's accesses to one patient during one stay have the same evidence):
-- on the privacy bench's 3.9 million accesses, 650,000 texts instead of 3.9 million: the
-- explanations take 135 MB instead of 420 (docs/benchmarks.md). ward_explanation_text_hash is a function the store adds to its
-- connection (the same stable hash its code finds a text by).
CREATE TABLE explanation_texts (
  id       INTEGER PRIMARY KEY,
  hash     INTEGER NOT NULL,
  code     TEXT,               -- NULL when unexplained
  evidence TEXT
);
INSERT INTO explanation_texts (hash, code, evidence)
  SELECT ward_explanation_text_hash(code, evidence), code, evidence
  FROM (SELECT DISTINCT code, evidence FROM access_explanations);
CREATE INDEX explanation_texts_by_hash ON explanation_texts (hash);

CREATE TABLE access_explanations_new (
  seq       INTEGER PRIMARY KEY,  -- events.seq
  explained INTEGER NOT NULL,
  text_id   INTEGER NOT NULL      -- explanation_texts.id
);
INSERT INTO access_explanations_new (seq, explained, text_id)
  SELECT x.seq, x.explained, t.id FROM access_explanations x
  JOIN explanation_texts t ON t.hash = ward_explanation_text_hash(x.code, x.evidence)
                          AND t.code IS x.code AND t.evidence IS x.evidence;
DROP TABLE access_explanations;
ALTER TABLE access_explanations_new RENAME TO access_explanations;
