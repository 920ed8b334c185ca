-- Units, people and their roles; bearer tokens; who acted (and for whom) on the timeline and tasks;
-- an append-only audit enforced by the database itself.

CREATE TABLE units (
  id          text PRIMARY KEY,
  name        text NOT NULL,
  parent_id   text REFERENCES units (id),
  time_zone   text NOT NULL DEFAULT 'Asia/Ho_Chi_Minh',
  -- Outside parties (Department of Health, CDC, family …) keyed by the playbook's party key.
  contacts    jsonb NOT NULL DEFAULT '{}',
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX units_parent_idx ON units (parent_id);

-- Incidents opened before units existed keep working: their unit becomes a unit of the same name.
INSERT INTO units (id, name) SELECT DISTINCT unit, unit FROM incidents ON CONFLICT DO NOTHING;
ALTER TABLE incidents ADD CONSTRAINT incidents_unit_fk FOREIGN KEY (unit) REFERENCES units (id);

CREATE TABLE people (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind        text NOT NULL DEFAULT 'person' CHECK (kind IN ('person', 'service')),
  name        text NOT NULL,
  email       text UNIQUE,
  -- The `sub` claim of a JWT from the configured issuer, when JWTs are accepted.
  external_id text UNIQUE,
  admin       boolean NOT NULL DEFAULT false,
  active      boolean NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- A person holds a role in a unit: a playbook role (chief_of_office …) or an access role
-- (duty_officer, viewer). A deputy holds it for someone else during a window.
CREATE TABLE role_assignments (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id      text NOT NULL REFERENCES units (id),
  role         text NOT NULL,
  person_id    uuid NOT NULL REFERENCES people (id),
  deputy_for   uuid REFERENCES people (id),
  valid_from   timestamptz,
  valid_until  timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (deputy_for IS NULL OR deputy_for <> person_id),
  CHECK (valid_from IS NULL OR valid_until IS NULL OR valid_from < valid_until)
);
CREATE INDEX role_assignments_unit_role_idx ON role_assignments (unit_id, role);
CREATE INDEX role_assignments_person_idx ON role_assignments (person_id);

CREATE TABLE tokens (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id     uuid NOT NULL REFERENCES people (id),
  name          text NOT NULL,
  -- sha256 of the token; the token itself is shown once and never stored.
  hash          text NOT NULL UNIQUE,
  prefix        text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  created_by    uuid REFERENCES people (id),
  expires_at    timestamptz,
  revoked_at    timestamptz,
  last_used_at  timestamptz
);
CREATE INDEX tokens_person_idx ON tokens (person_id);

ALTER TABLE incident_events ADD COLUMN actor_id uuid REFERENCES people (id);
ALTER TABLE incident_events ADD COLUMN on_behalf_of uuid REFERENCES people (id);

-- Who a task went to when it was raised (or reassigned), and whether its role was empty.
ALTER TABLE tasks ADD COLUMN assignees uuid[] NOT NULL DEFAULT '{}';
ALTER TABLE tasks ADD COLUMN assigned_role text;
ALTER TABLE tasks ADD COLUMN unassigned_role boolean NOT NULL DEFAULT false;
ALTER TABLE tasks ADD COLUMN completed_by_id uuid REFERENCES people (id);
ALTER TABLE tasks ADD COLUMN completed_for uuid REFERENCES people (id);
ALTER TABLE tasks ADD COLUMN acknowledged_at timestamptz;
ALTER TABLE tasks ADD COLUMN acknowledged_by uuid REFERENCES people (id);
CREATE INDEX tasks_assignees_idx ON tasks USING gin (assignees);

CREATE TABLE audit_log (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  actor_id    uuid REFERENCES people (id),
  actor       text NOT NULL,
  action      text NOT NULL,
  subject     text NOT NULL,
  details     jsonb NOT NULL DEFAULT '{}'
);

-- The record cannot be rewritten: not by the service, not by hand.
CREATE FUNCTION refuse_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER incident_events_append_only BEFORE UPDATE OR DELETE ON incident_events
  FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
CREATE TRIGGER incident_events_no_truncate BEFORE TRUNCATE ON incident_events
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_rewrite();
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_rewrite();
