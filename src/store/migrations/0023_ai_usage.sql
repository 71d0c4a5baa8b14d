-- Ward store: AI services seen in proxy/DNS logs by `ward ai usage` (issue 9, "Monitoring AI
-- use"; docs/ai_governance.md): one row per catalogue service, when and by whom it was first
-- seen, so that a later run reports only the services new to the hospital as "first seen".
CREATE TABLE ai_usage_services (
  service TEXT PRIMARY KEY,
  first_seen_ns INTEGER NOT NULL,
  first_who TEXT,
  recorded_ns INTEGER NOT NULL
);
