-- The call-up (调训) of a course: places per unit, the units' nominations (申报) and their review,
-- and the trainees' arrival (报到). Portable SQL (SQLite and PostgreSQL).

-- Places a unit has in a course. A nominee counts against the nearest unit up their unit's chain
-- that has places in the course (the unit the call-up notice went to).
CREATE TABLE course_quotas (
  course_id INTEGER NOT NULL REFERENCES courses(id),
  unit_id   INTEGER NOT NULL REFERENCES units(id),
  places    INTEGER NOT NULL CHECK (places >= 0),
  PRIMARY KEY (course_id, unit_id)
);

-- One nomination per person and course; a rejected one may be made again (the row is replaced,
-- the audit log keeps both). An approved nomination is also an enrolment (enrolled or waitlisted).
CREATE TABLE nominations (
  id           INTEGER PRIMARY KEY,
  course_id    INTEGER NOT NULL REFERENCES courses(id),
  person_id    INTEGER NOT NULL REFERENCES people(id),
  unit_id      INTEGER NOT NULL REFERENCES units(id),   -- the unit whose places it takes
  status       TEXT NOT NULL CHECK (status IN ('nominated','approved','rejected')),
  nominated_by TEXT,
  nominated_on TEXT NOT NULL,
  decided_by   TEXT,
  decided_on   TEXT,
  reason       TEXT,
  UNIQUE (course_id, person_id)
);
CREATE INDEX nominations_unit ON nominations(course_id, unit_id, status);

-- 报到: the day a trainee arrived at the course. A trainee of a course that tracks arrivals (it has
-- places or any arrival) who has not arrived by start + arrival_grace_days is a no-show.
CREATE TABLE arrivals (
  course_id INTEGER NOT NULL REFERENCES courses(id),
  person_id INTEGER NOT NULL REFERENCES people(id),
  on_date   TEXT NOT NULL,
  PRIMARY KEY (course_id, person_id)
);
