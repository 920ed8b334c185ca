-- Hardening (issue 9): who acknowledged a task is shown with their name, as who completed it is; and an
-- Idempotency-Key of POST /incidents belongs to the caller who sent it, not to everyone.

-- The name at the time of acknowledging, like tasks.completed_by: a later rename does not rewrite history.
ALTER TABLE tasks ADD COLUMN acknowledged_by_name text;
UPDATE tasks t SET acknowledged_by_name = p.name FROM people p WHERE p.id = t.acknowledged_by;

-- Who opened the incident, by id. Incidents opened before this migration keep only the name; their
-- open keys no longer replay (a key is now looked up together with the caller's id).
ALTER TABLE incidents ADD COLUMN opened_by_id uuid REFERENCES people (id);
ALTER TABLE incidents DROP CONSTRAINT incidents_open_key_key;
CREATE UNIQUE INDEX incidents_open_key_per_caller ON incidents (opened_by_id, open_key) WHERE open_key IS NOT NULL;

-- The poller takes a claimed timer by its exact due time, which it reads back as a JavaScript Date
-- (milliseconds). A due time with microseconds (a hand-written `now()`) would never match and stall
-- silently, claimed again after every lease: refuse it at the door instead.
UPDATE timers SET fire_at = date_trunc('milliseconds', fire_at) WHERE fire_at <> date_trunc('milliseconds', fire_at);
ALTER TABLE timers ADD CONSTRAINT timers_fire_at_whole_ms CHECK (fire_at = date_trunc('milliseconds', fire_at));
