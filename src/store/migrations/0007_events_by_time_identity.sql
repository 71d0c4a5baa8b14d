-- Ward store, version 7: one index on (time_ns, event_id) serves time windows and pages (what
-- events_by_time did) and an event's identity (what events_identity did, migration 0006): a unique
-- index lets any number of NULL event_ids through, so events without an id are never taken for
-- duplicates, as before. One index fewer to update on every insert.

-- Bulk loads of earlier versions set the event indexes aside and built them at the end; a store
-- such a load left half done gets them back here, and loses the copies of events it let in
-- (each keeps its first copy, as in 0006; only when events_identity is missing can there be any).
CREATE INDEX IF NOT EXISTS events_by_user ON events (user_key, time_ns);
CREATE INDEX IF NOT EXISTS events_by_patient ON events (patient_key);
CREATE INDEX IF NOT EXISTS events_by_mrn ON events (mrn_key, time_ns) WHERE mrn_key IS NOT NULL;
CREATE INDEX IF NOT EXISTS events_by_time ON events (time_ns);
CREATE TEMP TABLE duplicate_events AS
  SELECT seq FROM events AS e
  WHERE NOT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'events_identity')
    AND event_id IS NOT NULL
    AND EXISTS (SELECT 1 FROM events AS earlier
                WHERE earlier.time_ns = e.time_ns AND earlier.event_id = e.event_id
                  AND earlier.seq < e.seq);
DELETE FROM access_explanations WHERE seq IN (SELECT seq FROM temp.duplicate_events);
DELETE FROM privacy_case_events WHERE seq IN (SELECT seq FROM temp.duplicate_events);
DELETE FROM events WHERE seq IN (SELECT seq FROM temp.duplicate_events);
DROP TABLE temp.duplicate_events;

DROP INDEX IF EXISTS events_identity;
DROP INDEX events_by_time;
CREATE UNIQUE INDEX events_by_time ON events (time_ns, event_id);
