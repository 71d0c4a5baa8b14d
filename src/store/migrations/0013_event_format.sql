-- Ward store, version 13: each event records the input format it was read in (EventFormat in
-- core/event.h: 1 fhir, 2 hl7v2, 3 csv-access, 4 zeek, 5 squid, 6 dns-log, 7 syslog, 8 atna), so
-- live detection gives an event from `ward import` the logsource a hunt of its file gives it.
-- Events stored before this version keep NULL: their source tells the format, as it did
-- (live_detection/stored_event.cc). Adding a column rewrites nothing: old rows read NULL.
ALTER TABLE events ADD COLUMN format INTEGER;
