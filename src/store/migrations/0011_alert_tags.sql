-- Ward store, version 11: an alert keeps its rule's tags (Sigma `tags`: ATT&CK tactics and
-- techniques such as attack.impact attack.t1489, CVEs, detection types), space-separated as
-- Sigma writes each tag without spaces, so an analyst sees what the alert is about without
-- opening the rule. Alerts raised before this version have none.
ALTER TABLE alerts ADD COLUMN tags TEXT;
