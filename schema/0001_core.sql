-- Core: settings, units, people, calendar overrides, audit log.
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE units (
  id        INTEGER PRIMARY KEY,
  code      TEXT NOT NULL UNIQUE,
  name      TEXT NOT NULL,
  kind      TEXT NOT NULL DEFAULT 'other'
            CHECK (kind IN ('org_dept','party_school','government','township','enterprise','school','other')),
  parent_id INTEGER REFERENCES units(id)
);
CREATE INDEX units_parent ON units(parent_id);

CREATE TABLE people (
  id        INTEGER PRIMARY KEY,
  staff_no  TEXT NOT NULL UNIQUE,
  name      TEXT NOT NULL,
  unit_id   INTEGER NOT NULL REFERENCES units(id),
  tier      TEXT NOT NULL DEFAULT 'general' CHECK (tier IN ('leader','general')),
  rank      TEXT,
  title     TEXT,
  gender    TEXT CHECK (gender IN ('m','f')),
  birth     TEXT,
  id_number TEXT
);
CREATE INDEX people_unit ON people(unit_id);

-- Overrides of the Monday-Friday rule: a holiday on a weekday, a make-up working day on a weekend.
CREATE TABLE calendar_days (
  day     TEXT PRIMARY KEY,          -- YYYY-MM-DD
  kind    TEXT NOT NULL CHECK (kind IN ('holiday','workday')),
  name    TEXT NOT NULL DEFAULT '',
  name_zh TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

CREATE TABLE audit_log (
  seq        INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,
  actor      TEXT NOT NULL,
  operation  TEXT NOT NULL,
  entity     TEXT NOT NULL,
  entity_key TEXT NOT NULL,
  before     TEXT NOT NULL,
  after      TEXT NOT NULL,
  prev_hash  TEXT NOT NULL,
  hash       TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE TABLE audit_head (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  seq  INTEGER NOT NULL,
  hash TEXT NOT NULL
);
