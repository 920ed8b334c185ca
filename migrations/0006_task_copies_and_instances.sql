-- Who a task goes to, and several tasks from one template (issue 11, point 4):
-- * `assign`: shared (one task for the role, as before), each (one row per holder, `holder` says whose
--   copy it is) or all (one row that every assignee signs off, `sign_offs` lists who has);
-- * `instance`: the key of a keyed template's task ("search_person" for person p7 has instance 'p7').
-- The rule "never two open tasks for the same thing" now counts a copy per holder and per instance.

ALTER TABLE tasks ADD COLUMN assign text NOT NULL DEFAULT 'shared' CHECK (assign IN ('shared', 'each', 'all'));
ALTER TABLE tasks ADD COLUMN holder uuid REFERENCES people (id);
ALTER TABLE tasks ADD COLUMN instance text;
ALTER TABLE tasks ADD COLUMN sign_offs jsonb NOT NULL DEFAULT '[]';

DROP INDEX tasks_one_open_per_template;
DROP INDEX tasks_one_open_per_occurrence;
CREATE UNIQUE INDEX tasks_one_open_per_template
  ON tasks (incident_id, template, (coalesce(instance, '')), (coalesce(holder::text, '')))
  WHERE status = 'open' AND occurrence IS NULL;
CREATE UNIQUE INDEX tasks_one_open_per_occurrence
  ON tasks (incident_id, template, (coalesce(instance, '')), (coalesce(holder::text, '')), occurrence)
  WHERE status = 'open' AND occurrence IS NOT NULL;
