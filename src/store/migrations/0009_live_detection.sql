-- Ward store, version 9 (live detection, src/live_detection): what `ward serve`'s detection
-- monitor needs to pick up where it stopped. event_source_fields keeps the source's own fields
-- of an event (syslog's app_name and message…), which the events table leaves out, from its
-- commit until the monitor has looked at it; detection_progress holds the seq up to which it
-- has looked at every event, so a restart neither misses nor repeats an event.

CREATE TABLE event_source_fields (
  seq     INTEGER PRIMARY KEY,  -- the event's seq
  fields  BLOB NOT NULL         -- name and value pairs, each string as <length>:<bytes>
);

CREATE TABLE detection_progress (
  id        INTEGER PRIMARY KEY CHECK (id = 1),  -- one row
  last_seq  INTEGER NOT NULL
);
