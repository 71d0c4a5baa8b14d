-- Ward store, version 6: an event is stored once. An event's identity is its source id and its
-- time, (event_id, time_ns), when it has an id: a re-sent or re-imported event has both equal,
-- while two systems reusing an id string almost never share the exact time. Events without an
-- id are never taken for duplicates. Inserts skip (and count) an event already stored.
-- Numbered 0006 because 0004 and 0005 are taken by work landing separately; the runner applies
-- migrations by number, gaps allowed.

-- Duplicates stored before this version go first, keeping each event's first copy (lowest
-- seq), with what the privacy engine recorded about the copies.
CREATE TEMP TABLE duplicate_events AS
  SELECT seq FROM events AS e
  WHERE event_id IS NOT NULL
    AND EXISTS (SELECT 1 FROM events AS earlier
                WHERE earlier.time_ns = e.time_ns AND earlier.event_id = e.event_id
                  AND earlier.seq < e.seq);
DELETE FROM access_explanations WHERE seq IN (SELECT seq FROM temp.duplicate_events);
DELETE FROM privacy_case_events WHERE seq IN (SELECT seq FROM temp.duplicate_events);
DELETE FROM events WHERE seq IN (SELECT seq FROM temp.duplicate_events);
DROP TABLE temp.duplicate_events;

-- Time first: events arrive roughly in time order, so the index grows at its right edge (as
-- events_by_time does) instead of taking each new id at a random place; uniqueness is the same.
CREATE UNIQUE INDEX events_identity ON events (time_ns, event_id) WHERE event_id IS NOT NULL;
