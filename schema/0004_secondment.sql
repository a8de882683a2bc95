-- Secondment (挂职锻炼): periods, extensions, check-ins, leave, monthly work reports, evaluations.
-- Dates of periods, leave and reports are YYYY-MM-DD text (they compare in order); check-in days are
-- integer day numbers (days since 1970-01-01) so presence is one index scan over small keys.
CREATE TABLE secondments (
  id           INTEGER PRIMARY KEY,
  person_id    INTEGER NOT NULL REFERENCES people(id),
  home_unit_id INTEGER NOT NULL REFERENCES units(id),
  host_unit_id INTEGER NOT NULL REFERENCES units(id),
  post         TEXT NOT NULL,
  direction    TEXT NOT NULL DEFAULT 'down' CHECK (direction IN ('down','up','across')),
  batch        TEXT,
  start_date   TEXT NOT NULL,
  planned_end  TEXT NOT NULL,           -- the current planned end (after extensions)
  original_end TEXT NOT NULL,
  actual_end   TEXT,                    -- set by an early end (termination)
  end_reason   TEXT,
  decided_by   TEXT,
  CHECK (planned_end >= start_date)
);
CREATE INDEX secondments_person ON secondments(person_id, start_date);
CREATE INDEX secondments_batch ON secondments(batch);
CREATE INDEX secondments_host ON secondments(host_unit_id);

CREATE TABLE secondment_extensions (
  id            INTEGER PRIMARY KEY,
  secondment_id INTEGER NOT NULL REFERENCES secondments(id),
  decided_on    TEXT NOT NULL,
  previous_end  TEXT NOT NULL,
  new_end       TEXT NOT NULL,
  reason        TEXT NOT NULL
);
CREATE INDEX secondment_extensions_secondment ON secondment_extensions(secondment_id);

CREATE TABLE checkins (
  id             INTEGER PRIMARY KEY,
  secondment_id  INTEGER NOT NULL REFERENCES secondments(id),
  person_id      INTEGER NOT NULL REFERENCES people(id),
  at_utc         INTEGER NOT NULL,      -- seconds since the epoch, UTC
  offset_minutes INTEGER NOT NULL,      -- the UTC offset the instant was written with
  minute         INTEGER NOT NULL,      -- at_utc / 60: the duplicate key with person_id
  local_day      INTEGER NOT NULL,      -- the day in the database time zone at insert time
  kind           TEXT NOT NULL DEFAULT 'on_duty' CHECK (kind IN ('on_duty','field','meeting','remote')),
  place          TEXT,
  lat            REAL CHECK (lat IS NULL OR lat BETWEEN -90 AND 90),
  lon            REAL CHECK (lon IS NULL OR lon BETWEEN -180 AND 180),
  source         TEXT NOT NULL,         -- cli | import | api | device:N
  device_id      INTEGER,
  raw_status     INTEGER,
  raw_verify     INTEGER,
  raw_workcode   INTEGER
);
-- Exact duplicates (same person, same minute) are ignored through this index, never by scanning.
CREATE UNIQUE INDEX checkins_person_minute ON checkins(person_id, minute);
-- Presence: distinct days per secondment, a covering index scan.
CREATE INDEX checkins_secondment_day ON checkins(secondment_id, local_day);

CREATE TABLE leaves (
  id            INTEGER PRIMARY KEY,
  secondment_id INTEGER NOT NULL REFERENCES secondments(id),
  from_date     TEXT NOT NULL,
  to_date       TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('sick','personal','annual','official')),
  reason        TEXT,
  status        TEXT NOT NULL DEFAULT 'requested'
                CHECK (status IN ('requested','approved','rejected','cancelled')),
  approver      TEXT,
  level         TEXT CHECK (level IS NULL OR level IN ('host','district','city')),
  decision_note TEXT,
  returned_on   TEXT,                   -- 销假: the first day back; the leave ends the day before
  CHECK (to_date >= from_date)
);
CREATE INDEX leaves_secondment ON leaves(secondment_id, from_date);

CREATE TABLE monthly_reports (
  id            INTEGER PRIMARY KEY,
  secondment_id INTEGER NOT NULL REFERENCES secondments(id),
  month         TEXT NOT NULL,          -- YYYY-MM
  filed_on      TEXT NOT NULL,          -- YYYY-MM-DD
  text          TEXT NOT NULL,
  UNIQUE (secondment_id, month)
);

CREATE TABLE evaluations (
  id            INTEGER PRIMARY KEY,
  secondment_id INTEGER NOT NULL REFERENCES secondments(id),
  period        TEXT NOT NULL,
  rater         TEXT NOT NULL CHECK (rater IN ('host','home','org')),
  conduct       REAL NOT NULL CHECK (conduct BETWEEN 0 AND 100),
  competence    REAL NOT NULL CHECK (competence BETWEEN 0 AND 100),
  diligence     REAL NOT NULL CHECK (diligence BETWEEN 0 AND 100),
  performance   REAL NOT NULL CHECK (performance BETWEEN 0 AND 100),
  integrity     REAL NOT NULL CHECK (integrity BETWEEN 0 AND 100),
  grade         TEXT CHECK (grade IS NULL OR grade IN ('excellent','competent','basically_competent','incompetent')),
  comment       TEXT,
  UNIQUE (secondment_id, period, rater)
);
