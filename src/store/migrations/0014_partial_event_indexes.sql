-- Ward store, version 14: the user and patient indexes hold only the events that name a user or
-- a patient. Syslog, Zeek, proxy and DNS events mostly name neither, and every one of them cost
-- an insert into both indexes for a NULL key no query asks for: look-ups by user or patient
-- (`user_key IN (…)`, `patient_key IN (…)`) imply the key is not NULL, so SQLite uses these
-- partial indexes for them as before (events_by_mrn was partial from the start). The bulk load's
-- definitions (sqlite_store_event_indexes.cc) are the same; the store's tests check both.
DROP INDEX IF EXISTS events_by_user;
CREATE INDEX events_by_user ON events (user_key, time_ns) WHERE user_key IS NOT NULL;
DROP INDEX IF EXISTS events_by_patient;
CREATE INDEX events_by_patient ON events (patient_key) WHERE patient_key IS NOT NULL;
