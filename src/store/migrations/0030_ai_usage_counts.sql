-- Ward store: AI service use counted by `ward ai usage` from proxy, DNS and Zeek logs (issue 9,
-- "Monitoring AI use"; docs/ai_governance.md): one row per log source, who, service, day and
-- approval status, so that the API and the web UI can show usage over a time window without
-- the events. Counting a source again replaces its rows.
CREATE TABLE ai_usage_counts (
  source TEXT NOT NULL,         -- the log file or folder as counted (absolute path)
  who TEXT NOT NULL,            -- user id, else the client address
  is_user INTEGER NOT NULL,
  service TEXT NOT NULL,
  service_group TEXT,  -- ai, ai-cn, ai-ru, mixed
  day TEXT NOT NULL,            -- YYYY-MM-DD (UTC)
  status TEXT NOT NULL,         -- approved, unapproved, unknown when counted
  requests INTEGER NOT NULL,
  first_ns INTEGER NOT NULL,
  last_ns INTEGER NOT NULL,
  hosts TEXT,           -- up to five host names, space-separated
  recorded_ns INTEGER NOT NULL,
  PRIMARY KEY (source, who, service, day, status)
);
CREATE INDEX ai_usage_counts_by_day ON ai_usage_counts (day);
