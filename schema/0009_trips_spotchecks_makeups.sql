-- Secondment workflows, presence side: duty trips (报备), spot checks (抽查) and make-up punches (补卡).
-- Portable SQL (SQLite and PostgreSQL): dates are YYYY-MM-DD text, as in 0004.
-- A duty trip is filed, not approved: working days on it count as in post.
CREATE TABLE trips (
  id            INTEGER PRIMARY KEY,
  secondment_id INTEGER NOT NULL REFERENCES secondments(id),
  from_date     TEXT NOT NULL,
  to_date       TEXT NOT NULL,
  purpose       TEXT NOT NULL,
  place         TEXT,
  CHECK (to_date >= from_date)
);
CREATE INDEX trips_secondment ON trips(secondment_id, from_date);

-- A check on the spot: was the secondee at post? Absences cap the overall grade (setting spotcheck_caps).
CREATE TABLE spot_checks (
  id            INTEGER PRIMARY KEY,
  secondment_id INTEGER NOT NULL REFERENCES secondments(id),
  on_date       TEXT NOT NULL,
  result        TEXT NOT NULL CHECK (result IN ('present','absent')),
  checker       TEXT,
  note          TEXT
);
CREATE INDEX spot_checks_secondment ON spot_checks(secondment_id, on_date);

-- A make-up punch is a check-in (it counts) kept apart by this row: why, and who approved it. Beside
-- the check-ins rather than a column of them, so the presence scan over millions of check-ins reads
-- the same covering index as before and only the few make-ups are read again.
CREATE TABLE checkin_makeups (
  checkin_id  INTEGER PRIMARY KEY REFERENCES checkins(id),
  reason      TEXT NOT NULL,
  approved_by TEXT NOT NULL
);
