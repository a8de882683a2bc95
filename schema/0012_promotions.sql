-- Training workflows, the person side: the kind of a course (条例 Art. 13) and each cadre's
-- promotions (rank, title and tier over time). Portable SQL (SQLite and PostgreSQL); dates are
-- YYYY-MM-DD text, as in 0001 and 0003.

-- The kind of training a course is: 专题培训 thematic, 集中轮训 rotation, 初任培训 initial, 任职培训
-- appointment, 在职培训 in_service, online, other. Existing courses are `other` (their free
-- `category` label stays as it was).
ALTER TABLE courses ADD COLUMN type TEXT NOT NULL DEFAULT 'other'
  CHECK (type IN ('thematic','rotation','initial','appointment','in_service','online','other'));
CREATE INDEX courses_type ON courses(type, end_date);

-- A promotion (提任): from `on_date` the person holds `rank`, and `title` and `tier` when given (NULL:
-- unchanged by this promotion). The person's current rank, title and tier are those of the latest
-- promotion by date; one dated before it is history only. A promotion with tier `leader` is a
-- promotion into a leader post, which asks for appointment training (任职培训) within a year.
CREATE TABLE promotions (
  id        INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people(id),
  on_date   TEXT NOT NULL,
  rank      TEXT NOT NULL,
  title     TEXT,
  tier      TEXT CHECK (tier IN ('leader','general')),
  UNIQUE (person_id, on_date)
);
CREATE INDEX promotions_tier ON promotions(tier, person_id, on_date);
