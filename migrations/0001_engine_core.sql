-- Engine core: playbook versions, incidents with their machine snapshot, the append-only timeline,
-- tasks, and durable timers for delayed transitions.

CREATE TABLE playbook_versions (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  key           text NOT NULL,
  version       integer NOT NULL CHECK (version > 0),
  content_hash  text NOT NULL,
  -- json, not jsonb: the order of the levels is the order of the keys in the file.
  definition    json NOT NULL,
  loaded_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (key, version),
  UNIQUE (key, content_hash)
);

CREATE TABLE incidents (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  playbook_version_id  uuid NOT NULL REFERENCES playbook_versions (id),
  playbook_key         text NOT NULL,
  unit                 text NOT NULL,
  title                text,
  level                text NOT NULL,
  state                text NOT NULL,
  snapshot             jsonb NOT NULL,
  -- Sequence number of the last event applied; the timeline's seq runs 1..version.
  version              integer NOT NULL,
  opened_by            text NOT NULL,
  -- A retried POST /incidents with the same Idempotency-Key finds the incident it already opened.
  open_key             text UNIQUE,
  created_at           timestamptz NOT NULL,
  updated_at           timestamptz NOT NULL
);
CREATE INDEX incidents_unit_idx ON incidents (unit, created_at DESC);
CREATE INDEX incidents_playbook_level_idx ON incidents (playbook_key, level);

CREATE TABLE incident_events (
  incident_id      uuid NOT NULL REFERENCES incidents (id),
  seq              integer NOT NULL,
  type             text NOT NULL,
  actor            text NOT NULL,
  note             text,
  data             jsonb,
  from_level       text,
  from_state       text,
  to_level         text NOT NULL,
  to_state         text NOT NULL,
  effects          jsonb NOT NULL,
  idempotency_key  text,
  request_hash     text,
  -- The answer given the first time, returned again on a replay of the same idempotency key.
  response         json,
  occurred_at      timestamptz NOT NULL,
  PRIMARY KEY (incident_id, seq),
  UNIQUE (incident_id, idempotency_key)
);

CREATE TABLE tasks (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  incident_id     uuid NOT NULL REFERENCES incidents (id),
  template        text NOT NULL,
  title           jsonb NOT NULL,
  instructions    jsonb NOT NULL,
  kind            text NOT NULL,
  role            text NOT NULL,
  level           text NOT NULL,
  status          text NOT NULL CHECK (status IN ('open', 'done', 'cancelled')),
  due_at          timestamptz NOT NULL,
  created_at      timestamptz NOT NULL,
  raised_seq      integer NOT NULL,
  completed_at    timestamptz,
  completed_by    text,
  note            text,
  cancelled_at    timestamptz,
  cancel_reason   jsonb
);
-- The database itself refuses a second open task from one template in one incident.
CREATE UNIQUE INDEX tasks_one_open_per_template ON tasks (incident_id, template) WHERE status = 'open';
CREATE INDEX tasks_incident_idx ON tasks (incident_id, created_at);
CREATE INDEX tasks_status_role_idx ON tasks (status, role);

CREATE TABLE timers (
  incident_id   uuid NOT NULL REFERENCES incidents (id),
  key           text NOT NULL,
  event         jsonb NOT NULL,
  fire_at       timestamptz NOT NULL,
  locked_until  timestamptz,
  attempts      integer NOT NULL DEFAULT 0,
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (incident_id, key)
);
CREATE INDEX timers_fire_at_idx ON timers (fire_at);
