-- Recurring duties (one task per occurrence), escalation of overdue tasks, and the notification outbox.

ALTER TABLE tasks ADD COLUMN occurrence timestamptz;
ALTER TABLE tasks ADD COLUMN late boolean NOT NULL DEFAULT false;
ALTER TABLE tasks ADD COLUMN escalation_step integer NOT NULL DEFAULT 0;
ALTER TABLE tasks ADD COLUMN escalations jsonb NOT NULL DEFAULT '[]';

-- A recurring duty has one open task per occurrence; any other template still has at most one open task.
DROP INDEX tasks_one_open_per_template;
CREATE UNIQUE INDEX tasks_one_open_per_template ON tasks (incident_id, template) WHERE status = 'open' AND occurrence IS NULL;
CREATE UNIQUE INDEX tasks_one_open_per_occurrence ON tasks (incident_id, template, occurrence) WHERE status = 'open' AND occurrence IS NOT NULL;
CREATE INDEX tasks_open_due_idx ON tasks (due_at) WHERE status = 'open';

-- The outbox: written in the event's transaction, delivered afterwards at least once. `id` is the
-- stable message id receivers deduplicate on.
CREATE TABLE notifications (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  incident_id      uuid NOT NULL REFERENCES incidents (id),
  task_id          uuid REFERENCES tasks (id),
  kind             text NOT NULL CHECK (kind IN ('party', 'escalation')),
  -- The party key (department_of_health …) or the role escalated to.
  audience         text NOT NULL,
  channel          text NOT NULL CHECK (channel IN ('webhook', 'email', 'log')),
  address          text,
  payload          jsonb NOT NULL,
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL,
  last_error       text,
  created_at       timestamptz NOT NULL,
  delivered_at     timestamptz
);
CREATE INDEX notifications_due_idx ON notifications (next_attempt_at) WHERE status = 'pending';
CREATE INDEX notifications_incident_idx ON notifications (incident_id, created_at);
