-- Ward store: vendor security questionnaires (issue 10, src/third_parties/questionnaire_store.h)
-- and the OSCAL profile of a control assessment (src/controls/assessment_store.h).
-- A questionnaire is sent to one vendor from a template; the template is kept as sent (JSON), so
-- a later edit of a custom template file changes nothing already sent. One answer per question,
-- replaced when answered again.
CREATE TABLE program_questionnaires (
  questionnaire_id INTEGER PRIMARY KEY,
  vendor_id INTEGER NOT NULL REFERENCES program_vendors(vendor_id),
  template_name TEXT NOT NULL,
  template TEXT NOT NULL,
  sent_on TEXT NOT NULL,
  sent_by TEXT NOT NULL,
  created_ns INTEGER NOT NULL
);
CREATE INDEX program_questionnaires_vendor ON program_questionnaires(vendor_id);
CREATE TABLE program_questionnaire_answers (
  questionnaire_id INTEGER NOT NULL REFERENCES program_questionnaires(questionnaire_id),
  question_id TEXT NOT NULL,
  answer TEXT NOT NULL CHECK (answer IN ('yes', 'no', 'partial', 'not_applicable')),
  comment TEXT NOT NULL DEFAULT '',
  evidence TEXT NOT NULL DEFAULT '',
  answered_by TEXT NOT NULL,
  answered_ns INTEGER NOT NULL,
  PRIMARY KEY (questionnaire_id, question_id)
);
-- An assessment may rate only the controls an OSCAL profile selects (an SP 800-53 baseline):
-- the profile file's path, NULL for none.
ALTER TABLE program_assessments ADD COLUMN profile TEXT;
