-- Completion certificates (结业证书). Portable SQL (SQLite and PostgreSQL).
-- One row per certificate ever issued; a revoked one stays (revoked_on, revoked_reason) so that its
-- number is never issued again. The number is the course code and the course's sequence number
-- ("QN2026-1-001"): seq only ever grows, because rows are never deleted. What the certificate
-- states (name, title, dates, hours, grade) is kept as it was printed, so `certificate verify`
-- shows what the paper should say even if the records change later.
CREATE TABLE certificates (
  id             INTEGER PRIMARY KEY,
  number         TEXT NOT NULL UNIQUE,
  course_id      INTEGER NOT NULL REFERENCES courses(id),
  seq            INTEGER NOT NULL CHECK (seq >= 1),
  person_id      INTEGER NOT NULL REFERENCES people(id),
  name           TEXT NOT NULL,
  title          TEXT NOT NULL,
  organizer_name TEXT NOT NULL,
  start_date     TEXT NOT NULL,
  end_date       TEXT NOT NULL,
  hours          REAL NOT NULL,
  grade          TEXT NOT NULL,
  issued_on      TEXT NOT NULL,
  revoked_on     TEXT,
  revoked_reason TEXT,
  UNIQUE (course_id, seq),
  CHECK ((revoked_on IS NULL) = (revoked_reason IS NULL))
);
-- At most one valid certificate per person and course (a revoked one may be followed by a new one).
CREATE UNIQUE INDEX certificates_valid ON certificates(course_id, person_id) WHERE revoked_on IS NULL;
