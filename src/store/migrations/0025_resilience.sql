-- Ward store: resilience (issue 10, src/resilience/resilience_store.h). Critical services with
-- their RTO/RPO, downtime procedure and dependencies (other services, vendors of
-- program_vendors, devices of the inventory, systems) in the profile's JSON; backups of a
-- service with the last restore test; continuity exercises and their corrective actions.
-- The name key refuses duplicate services. Findings are computed when shown, not stored.
CREATE TABLE program_services (
  service_id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL UNIQUE,
  tier INTEGER NOT NULL CHECK (tier BETWEEN 1 AND 4),
  profile TEXT NOT NULL,
  created_ns INTEGER NOT NULL
);
CREATE TABLE program_backups (
  backup_id INTEGER PRIMARY KEY,
  service_id INTEGER NOT NULL REFERENCES program_services(service_id),
  profile TEXT NOT NULL,
  created_ns INTEGER NOT NULL
);
CREATE INDEX program_backups_by_service ON program_backups(service_id);
CREATE TABLE program_exercises (
  exercise_id INTEGER PRIMARY KEY,
  profile TEXT NOT NULL,
  created_ns INTEGER NOT NULL
);
CREATE TABLE program_exercise_actions (
  action_id INTEGER PRIMARY KEY,
  exercise_id INTEGER NOT NULL REFERENCES program_exercises(exercise_id),
  text TEXT NOT NULL,
  owner TEXT NOT NULL,
  due TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'done')),
  updated_ns INTEGER NOT NULL
);
CREATE INDEX program_exercise_actions_by_exercise ON program_exercise_actions(exercise_id, action_id);
