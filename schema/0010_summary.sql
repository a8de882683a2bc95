-- The end-of-term summary (干部挂职锻炼总结鉴定表). Portable SQL (SQLite and PostgreSQL).
-- A monthly work report gains the sections the summary compiles: 心得体会 (insights), 存在不足
-- (problems) and 下一步打算 (plans), beside its text (主要工作).
ALTER TABLE monthly_reports ADD COLUMN insights TEXT;
ALTER TABLE monthly_reports ADD COLUMN problems TEXT;
ALTER TABLE monthly_reports ADD COLUMN plans TEXT;

-- The appraisal opinions (鉴定意见) of the host, the home unit and the organisation department: one
-- per rater role, a later one replacing the earlier (audited with both).
CREATE TABLE opinions (
  id            INTEGER PRIMARY KEY,
  secondment_id INTEGER NOT NULL REFERENCES secondments(id),
  rater         TEXT NOT NULL CHECK (rater IN ('host','home','org')),
  text          TEXT NOT NULL,
  signed_by     TEXT NOT NULL,
  on_date       TEXT NOT NULL,
  UNIQUE (secondment_id, rater)
);
