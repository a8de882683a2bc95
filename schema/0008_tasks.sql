-- Tasks set by the host (the remedy for "看着办"): what the secondee is to achieve, by when, with whom,
-- and the progress notes towards it. Dates are YYYY-MM-DD text (they compare in order). A task's
-- status (open | done | overdue) is computed as of a report's date, never stored.
CREATE TABLE tasks (
  id            INTEGER PRIMARY KEY,
  secondment_id INTEGER NOT NULL REFERENCES secondments(id),
  title         TEXT NOT NULL,
  objective     TEXT NOT NULL,
  requirement   TEXT,
  mentor        TEXT,
  set_on        TEXT NOT NULL,          -- the day the host set it: progress and completion not before
  due           TEXT NOT NULL,
  done_on       TEXT,
  outcome       TEXT,
  CHECK (due >= set_on),
  CHECK (done_on IS NULL OR done_on >= set_on)
);
CREATE INDEX tasks_secondment ON tasks(secondment_id, due);

CREATE TABLE task_progress (
  id            INTEGER PRIMARY KEY,
  task_id       INTEGER NOT NULL REFERENCES tasks(id),
  on_date       TEXT NOT NULL,
  text          TEXT NOT NULL
);
CREATE INDEX task_progress_task ON task_progress(task_id, on_date);
