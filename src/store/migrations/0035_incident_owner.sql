-- Ward store: who owns an incident's handling (triage sets it; issue 10). Empty until assigned.
ALTER TABLE program_incidents ADD COLUMN owner TEXT DEFAULT '';
