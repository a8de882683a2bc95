-- Training: courses, sessions, enrolment, attendance, assessment, feedback, recorded hours.
-- Completion is derived from these rows by the library and never stored.
CREATE TABLE courses (
  id                INTEGER PRIMARY KEY,
  code              TEXT NOT NULL UNIQUE,
  title             TEXT NOT NULL,
  organizer_id      INTEGER NOT NULL REFERENCES units(id),
  category          TEXT,
  start_date        TEXT NOT NULL,                 -- YYYY-MM-DD
  end_date          TEXT NOT NULL CHECK (end_date >= start_date),
  capacity          INTEGER CHECK (capacity IS NULL OR capacity > 0),
  pass_mark         REAL NOT NULL DEFAULT 60 CHECK (pass_mark BETWEEN 0 AND 100),
  -- The leave limit as a fraction num/den of total hours, kept as written ("1/7" = 1 and 7) so
  -- the comparison leave * den <= total * num is exact at the boundary.
  leave_num         REAL NOT NULL DEFAULT 1 CHECK (leave_num >= 0),
  leave_den         REAL NOT NULL DEFAULT 7 CHECK (leave_den > 0),
  max_absence_hours REAL NOT NULL DEFAULT 0 CHECK (max_absence_hours >= 0)
);
CREATE INDEX courses_dates ON courses(start_date, end_date);

CREATE TABLE course_components (
  course_id INTEGER NOT NULL REFERENCES courses(id),
  name      TEXT NOT NULL,
  weight    REAL NOT NULL CHECK (weight > 0 AND weight <= 1),
  PRIMARY KEY (course_id, name)
) WITHOUT ROWID;

CREATE TABLE sessions (
  id         INTEGER PRIMARY KEY,
  course_id  INTEGER NOT NULL REFERENCES courses(id),
  no         INTEGER NOT NULL CHECK (no > 0),
  date       TEXT NOT NULL,
  start_time TEXT NOT NULL,                        -- HH:MM, database time zone
  end_time   TEXT NOT NULL CHECK (end_time > start_time),
  title      TEXT NOT NULL,
  instructor TEXT,
  hours      REAL NOT NULL CHECK (hours > 0),
  UNIQUE (course_id, no)
);
CREATE INDEX sessions_date ON sessions(date);

CREATE TABLE enrolments (
  id        INTEGER PRIMARY KEY,                   -- order of enrolment: the waitlist order
  course_id INTEGER NOT NULL REFERENCES courses(id),
  person_id INTEGER NOT NULL REFERENCES people(id),
  status    TEXT NOT NULL CHECK (status IN ('enrolled','waitlisted','withdrawn')),
  reason    TEXT,
  UNIQUE (course_id, person_id)
);
CREATE INDEX enrolments_person ON enrolments(person_id);
CREATE INDEX enrolments_status ON enrolments(course_id, status, id);

-- course_id repeats the session's course (the library sets it from the session): the completion
-- of every trainee is then one index-ordered GROUP BY person, course with no sort (report hours).
CREATE TABLE attendance (
  session_id INTEGER NOT NULL REFERENCES sessions(id),
  person_id  INTEGER NOT NULL REFERENCES people(id),
  course_id  INTEGER NOT NULL REFERENCES courses(id),
  status     TEXT NOT NULL CHECK (status IN ('present','late','left_early','leave','absent')),
  note       TEXT,
  PRIMARY KEY (session_id, person_id)
) WITHOUT ROWID;
CREATE INDEX attendance_person ON attendance(person_id, course_id, status);

CREATE TABLE assessments (
  course_id INTEGER NOT NULL REFERENCES courses(id),
  person_id INTEGER NOT NULL REFERENCES people(id),
  component TEXT NOT NULL,
  score     REAL NOT NULL CHECK (score BETWEEN 0 AND 100),
  PRIMARY KEY (course_id, person_id, component),
  FOREIGN KEY (course_id, component) REFERENCES course_components(course_id, name)
) WITHOUT ROWID;
CREATE INDEX assessments_person ON assessments(person_id);

CREATE TABLE feedback (
  session_id  INTEGER NOT NULL REFERENCES sessions(id),
  person_id   INTEGER NOT NULL REFERENCES people(id),
  relevance   INTEGER NOT NULL CHECK (relevance BETWEEN 0 AND 20),
  theory      INTEGER NOT NULL CHECK (theory BETWEEN 0 AND 20),
  information INTEGER NOT NULL CHECK (information BETWEEN 0 AND 20),
  delivery    INTEGER NOT NULL CHECK (delivery BETWEEN 0 AND 20),
  manner      INTEGER NOT NULL CHECK (manner BETWEEN 0 AND 20),
  PRIMARY KEY (session_id, person_id)
) WITHOUT ROWID;

-- Hours recorded outside the courses: online self-study and external training.
CREATE TABLE training_hours (
  id        INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people(id),
  date      TEXT NOT NULL,
  year      INTEGER NOT NULL,
  kind      TEXT NOT NULL CHECK (kind IN ('online','external')),
  hours     REAL NOT NULL CHECK (hours > 0),
  title     TEXT
);
-- Covering, in GROUP BY order: the yearly sums need no sort.
CREATE INDEX training_hours_year ON training_hours(year, person_id, kind, hours);
CREATE INDEX training_hours_person ON training_hours(person_id, year);
