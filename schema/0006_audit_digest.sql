-- The audit log vouches for the data. Every audited table keeps a running digest in audit_digest:
-- its row count and the sum (mod 2^64) of a 64-bit hash of each row's full content, an
-- order-independent multiset hash (an insert adds, a delete subtracts, an update does both).
-- Triggers keep it on every write, through the functions cadre registers on each of its connections:
-- a direct edit with another SQLite client fails ("no such function"), and one who drops the
-- triggers first is caught by `db check` (the schema differs and the rows no longer add up).
-- Every audit entry records the digests in `state` (part of its hash): `db check` recomputes them
-- from the rows and compares them with the latest entry's. The audited tables are listed once in C++
-- (lib/src/store/digest.cpp); a unit test keeps this file, that list and the schema in step.
CREATE TABLE audit_digest (
  tbl  TEXT PRIMARY KEY,
  rows INTEGER NOT NULL,
  sum  INTEGER NOT NULL
) WITHOUT ROWID;

ALTER TABLE audit_log ADD COLUMN state TEXT NOT NULL DEFAULT '';

INSERT INTO audit_digest(tbl, rows, sum) SELECT 'assessments', count(*), cadre_digest_sum(course_id, person_id, component, score) FROM assessments;
CREATE TRIGGER audit_digest_assessments_insert AFTER INSERT ON assessments BEGIN
  UPDATE audit_digest SET rows = rows + 1, sum = cadre_digest_add(sum, NEW.course_id, NEW.person_id, NEW.component, NEW.score) WHERE tbl = 'assessments';
END;
CREATE TRIGGER audit_digest_assessments_update AFTER UPDATE ON assessments BEGIN
  UPDATE audit_digest SET sum = cadre_digest_sub(cadre_digest_add(sum, NEW.course_id, NEW.person_id, NEW.component, NEW.score), OLD.course_id, OLD.person_id, OLD.component, OLD.score) WHERE tbl = 'assessments';
END;
CREATE TRIGGER audit_digest_assessments_delete AFTER DELETE ON assessments BEGIN
  UPDATE audit_digest SET rows = rows - 1, sum = cadre_digest_sub(sum, OLD.course_id, OLD.person_id, OLD.component, OLD.score) WHERE tbl = 'assessments';
END;

INSERT INTO audit_digest(tbl, rows, sum) SELECT 'attendance', count(*), cadre_digest_sum(session_id, person_id, course_id, status, note) FROM attendance;
CREATE TRIGGER audit_digest_attendance_insert AFTER INSERT ON attendance BEGIN
  UPDATE audit_digest SET rows = rows + 1, sum = cadre_digest_add(sum, NEW.session_id, NEW.person_id, NEW.course_id, NEW.status, NEW.note) WHERE tbl = 'attendance';
END;
CREATE TRIGGER audit_digest_attendance_update AFTER UPDATE ON attendance BEGIN
  UPDATE audit_digest SET sum = cadre_digest_sub(cadre_digest_add(sum, NEW.session_id, NEW.person_id, NEW.course_id, NEW.status, NEW.note), OLD.session_id, OLD.person_id, OLD.course_id, OLD.status, OLD.note) WHERE tbl = 'attendance';
END;
CREATE TRIGGER audit_digest_attendance_delete AFTER DELETE ON attendance BEGIN
  UPDATE audit_digest SET rows = rows - 1, sum = cadre_digest_sub(sum, OLD.session_id, OLD.person_id, OLD.course_id, OLD.status, OLD.note) WHERE tbl = 'attendance';
END;

INSERT INTO audit_digest(tbl, rows, sum) SELECT 'calendar_days', count(*), cadre_digest_sum(day, kind, name, name_zh) FROM calendar_days;
CREATE TRIGGER audit_digest_calendar_days_insert AFTER INSERT ON calendar_days BEGIN
  UPDATE audit_digest SET rows = rows + 1, sum = cadre_digest_add(sum, NEW.day, NEW.kind, NEW.name, NEW.name_zh) WHERE tbl = 'calendar_days';
END;
CREATE TRIGGER audit_digest_calendar_days_update AFTER UPDATE ON calendar_days BEGIN
  UPDATE audit_digest SET sum = cadre_digest_sub(cadre_digest_add(sum, NEW.day, NEW.kind, NEW.name, NEW.name_zh), OLD.day, OLD.kind, OLD.name, OLD.name_zh) WHERE tbl = 'calendar_days';
END;
CREATE TRIGGER audit_digest_calendar_days_delete AFTER DELETE ON calendar_days BEGIN
  UPDATE audit_digest SET rows = rows - 1, sum = cadre_digest_sub(sum, OLD.day, OLD.kind, OLD.name, OLD.name_zh) WHERE tbl = 'calendar_days';
END;

INSERT INTO audit_digest(tbl, rows, sum) SELECT 'checkins', count(*), cadre_digest_sum(id, secondment_id, person_id, at_utc, offset_minutes, minute, local_day, kind, place, lat, lon, source, device_id, raw_status, raw_verify, raw_workcode) FROM checkins;
CREATE TRIGGER audit_digest_checkins_insert AFTER INSERT ON checkins BEGIN
  UPDATE audit_digest SET rows = rows + 1, sum = cadre_digest_add(sum, NEW.id, NEW.secondment_id, NEW.person_id, NEW.at_utc, NEW.offset_minutes, NEW.minute, NEW.local_day, NEW.kind, NEW.place, NEW.lat, NEW.lon, NEW.source, NEW.device_id, NEW.raw_status, NEW.raw_verify, NEW.raw_workcode) WHERE tbl = 'checkins';
END;
CREATE TRIGGER audit_digest_checkins_update AFTER UPDATE ON checkins BEGIN
  UPDATE audit_digest SET sum = cadre_digest_sub(cadre_digest_add(sum, NEW.id, NEW.secondment_id, NEW.person_id, NEW.at_utc, NEW.offset_minutes, NEW.minute, NEW.local_day, NEW.kind, NEW.place, NEW.lat, NEW.lon, NEW.source, NEW.device_id, NEW.raw_status, NEW.raw_verify, NEW.raw_workcode), OLD.id, OLD.secondment_id, OLD.person_id, OLD.at_utc, OLD.offset_minutes, OLD.minute, OLD.local_day, OLD.kind, OLD.place, OLD.lat, OLD.lon, OLD.source, OLD.device_id, OLD.raw_status, OLD.raw_verify, OLD.raw_workcode) WHERE tbl = 'checkins';
END;
CREATE TRIGGER audit_digest_checkins_delete AFTER DELETE ON checkins BEGIN
  UPDATE audit_digest SET rows = rows - 1, sum = cadre_digest_sub(sum, OLD.id, OLD.secondment_id, OLD.person_id, OLD.at_utc, OLD.offset_minutes, OLD.minute, OLD.local_day, OLD.kind, OLD.place, OLD.lat, OLD.lon, OLD.source, OLD.device_id, OLD.raw_status, OLD.raw_verify, OLD.raw_workcode) WHERE tbl = 'checkins';
END;

INSERT INTO audit_digest(tbl, rows, sum) SELECT 'course_components', count(*), cadre_digest_sum(course_id, name, weight) FROM course_components;
CREATE TRIGGER audit_digest_course_components_insert AFTER INSERT ON course_components BEGIN
  UPDATE audit_digest SET rows = rows + 1, sum = cadre_digest_add(sum, NEW.course_id, NEW.name, NEW.weight) WHERE tbl = 'course_components';
END;
CREATE TRIGGER audit_digest_course_components_update AFTER UPDATE ON course_components BEGIN
  UPDATE audit_digest SET sum = cadre_digest_sub(cadre_digest_add(sum, NEW.course_id, NEW.name, NEW.weight), OLD.course_id, OLD.name, OLD.weight) WHERE tbl = 'course_components';
END;
CREATE TRIGGER audit_digest_course_components_delete AFTER DELETE ON course_components BEGIN
  UPDATE audit_digest SET rows = rows - 1, sum = cadre_digest_sub(sum, OLD.course_id, OLD.name, OLD.weight) WHERE tbl = 'course_components';
END;

INSERT INTO audit_digest(tbl, rows, sum) SELECT 'courses', count(*), cadre_digest_sum(id, code, title, organizer_id, category, start_date, end_date, capacity, pass_mark, leave_num, leave_den, max_absence_hours) FROM courses;
CREATE TRIGGER audit_digest_courses_insert AFTER INSERT ON courses BEGIN
  UPDATE audit_digest SET rows = rows + 1, sum = cadre_digest_add(sum, NEW.id, NEW.code, NEW.title, NEW.organizer_id, NEW.category, NEW.start_date, NEW.end_date, NEW.capacity, NEW.pass_mark, NEW.leave_num, NEW.leave_den, NEW.max_absence_hours) WHERE tbl = 'courses';
END;
CREATE TRIGGER audit_digest_courses_update AFTER UPDATE ON courses BEGIN
  UPDATE audit_digest SET sum = cadre_digest_sub(cadre_digest_add(sum, NEW.id, NEW.code, NEW.title, NEW.organizer_id, NEW.category, NEW.start_date, NEW.end_date, NEW.capacity, NEW.pass_mark, NEW.leave_num, NEW.leave_den, NEW.max_absence_hours), OLD.id, OLD.code, OLD.title, OLD.organizer_id, OLD.category, OLD.start_date, OLD.end_date, OLD.capacity, OLD.pass_mark, OLD.leave_num, OLD.leave_den, OLD.max_absence_hours) WHERE tbl = 'courses';
END;
CREATE TRIGGER audit_digest_courses_delete AFTER DELETE ON courses BEGIN
  UPDATE audit_digest SET rows = rows - 1, sum = cadre_digest_sub(sum, OLD.id, OLD.code, OLD.title, OLD.organizer_id, OLD.category, OLD.start_date, OLD.end_date, OLD.capacity, OLD.pass_mark, OLD.leave_num, OLD.leave_den, OLD.max_absence_hours) WHERE tbl = 'courses';
END;

INSERT INTO audit_digest(tbl, rows, sum) SELECT 'enrolments', count(*), cadre_digest_sum(id, course_id, person_id, status, reason) FROM enrolments;
CREATE TRIGGER audit_digest_enrolments_insert AFTER INSERT ON enrolments BEGIN
  UPDATE audit_digest SET rows = rows + 1, sum = cadre_digest_add(sum, NEW.id, NEW.course_id, NEW.person_id, NEW.status, NEW.reason) WHERE tbl = 'enrolments';
END;
CREATE TRIGGER audit_digest_enrolments_update AFTER UPDATE ON enrolments BEGIN
  UPDATE audit_digest SET sum = cadre_digest_sub(cadre_digest_add(sum, NEW.id, NEW.course_id, NEW.person_id, NEW.status, NEW.reason), OLD.id, OLD.course_id, OLD.person_id, OLD.status, OLD.reason) WHERE tbl = 'enrolments';
END;
CREATE TRIGGER audit_digest_enrolments_delete AFTER DELETE ON enrolments BEGIN
  UPDATE audit_digest SET rows = rows - 1, sum = cadre_digest_sub(sum, OLD.id, OLD.course_id, OLD.person_id, OLD.status, OLD.reason) WHERE tbl = 'enrolments';
END;

INSERT INTO audit_digest(tbl, rows, sum) SELECT 'evaluations', count(*), cadre_digest_sum(id, secondment_id, period, rater, conduct, competence, diligence, performance, integrity, grade, comment) FROM evaluations;
CREATE TRIGGER audit_digest_evaluations_insert AFTER INSERT ON evaluations BEGIN
  UPDATE audit_digest SET rows = rows + 1, sum = cadre_digest_add(sum, NEW.id, NEW.secondment_id, NEW.period, NEW.rater, NEW.conduct, NEW.competence, NEW.diligence, NEW.performance, NEW.integrity, NEW.grade, NEW.comment) WHERE tbl = 'evaluations';
END;
CREATE TRIGGER audit_digest_evaluations_update AFTER UPDATE ON evaluations BEGIN
  UPDATE audit_digest SET sum = cadre_digest_sub(cadre_digest_add(sum, NEW.id, NEW.secondment_id, NEW.period, NEW.rater, NEW.conduct, NEW.competence, NEW.diligence, NEW.performance, NEW.integrity, NEW.grade, NEW.comment), OLD.id, OLD.secondment_id, OLD.period, OLD.rater, OLD.conduct, OLD.competence, OLD.diligence, OLD.performance, OLD.integrity, OLD.grade, OLD.comment) WHERE tbl = 'evaluations';
END;
CREATE TRIGGER audit_digest_evaluations_delete AFTER DELETE ON evaluations BEGIN
  UPDATE audit_digest SET rows = rows - 1, sum = cadre_digest_sub(sum, OLD.id, OLD.secondment_id, OLD.period, OLD.rater, OLD.conduct, OLD.competence, OLD.diligence, OLD.performance, OLD.integrity, OLD.grade, OLD.comment) WHERE tbl = 'evaluations';
END;

INSERT INTO audit_digest(tbl, rows, sum) SELECT 'feedback', count(*), cadre_digest_sum(session_id, person_id, relevance, theory, information, delivery, manner) FROM feedback;
CREATE TRIGGER audit_digest_feedback_insert AFTER INSERT ON feedback BEGIN
  UPDATE audit_digest SET rows = rows + 1, sum = cadre_digest_add(sum, NEW.session_id, NEW.person_id, NEW.relevance, NEW.theory, NEW.information, NEW.delivery, NEW.manner) WHERE tbl = 'feedback';
END;
CREATE TRIGGER audit_digest_feedback_update AFTER UPDATE ON feedback BEGIN
  UPDATE audit_digest SET sum = cadre_digest_sub(cadre_digest_add(sum, NEW.session_id, NEW.person_id, NEW.relevance, NEW.theory, NEW.information, NEW.delivery, NEW.manner), OLD.session_id, OLD.person_id, OLD.relevance, OLD.theory, OLD.information, OLD.delivery, OLD.manner) WHERE tbl = 'feedback';
END;
CREATE TRIGGER audit_digest_feedback_delete AFTER DELETE ON feedback BEGIN
  UPDATE audit_digest SET rows = rows - 1, sum = cadre_digest_sub(sum, OLD.session_id, OLD.person_id, OLD.relevance, OLD.theory, OLD.information, OLD.delivery, OLD.manner) WHERE tbl = 'feedback';
END;

INSERT INTO audit_digest(tbl, rows, sum) SELECT 'leaves', count(*), cadre_digest_sum(id, secondment_id, from_date, to_date, kind, reason, status, approver, level, decision_note, returned_on) FROM leaves;
CREATE TRIGGER audit_digest_leaves_insert AFTER INSERT ON leaves BEGIN
  UPDATE audit_digest SET rows = rows + 1, sum = cadre_digest_add(sum, NEW.id, NEW.secondment_id, NEW.from_date, NEW.to_date, NEW.kind, NEW.reason, NEW.status, NEW.approver, NEW.level, NEW.decision_note, NEW.returned_on) WHERE tbl = 'leaves';
END;
CREATE TRIGGER audit_digest_leaves_update AFTER UPDATE ON leaves BEGIN
  UPDATE audit_digest SET sum = cadre_digest_sub(cadre_digest_add(sum, NEW.id, NEW.secondment_id, NEW.from_date, NEW.to_date, NEW.kind, NEW.reason, NEW.status, NEW.approver, NEW.level, NEW.decision_note, NEW.returned_on), OLD.id, OLD.secondment_id, OLD.from_date, OLD.to_date, OLD.kind, OLD.reason, OLD.status, OLD.approver, OLD.level, OLD.decision_note, OLD.returned_on) WHERE tbl = 'leaves';
END;
CREATE TRIGGER audit_digest_leaves_delete AFTER DELETE ON leaves BEGIN
  UPDATE audit_digest SET rows = rows - 1, sum = cadre_digest_sub(sum, OLD.id, OLD.secondment_id, OLD.from_date, OLD.to_date, OLD.kind, OLD.reason, OLD.status, OLD.approver, OLD.level, OLD.decision_note, OLD.returned_on) WHERE tbl = 'leaves';
END;

INSERT INTO audit_digest(tbl, rows, sum) SELECT 'monthly_reports', count(*), cadre_digest_sum(id, secondment_id, month, filed_on, text) FROM monthly_reports;
CREATE TRIGGER audit_digest_monthly_reports_insert AFTER INSERT ON monthly_reports BEGIN
  UPDATE audit_digest SET rows = rows + 1, sum = cadre_digest_add(sum, NEW.id, NEW.secondment_id, NEW.month, NEW.filed_on, NEW.text) WHERE tbl = 'monthly_reports';
END;
CREATE TRIGGER audit_digest_monthly_reports_update AFTER UPDATE ON monthly_reports BEGIN
  UPDATE audit_digest SET sum = cadre_digest_sub(cadre_digest_add(sum, NEW.id, NEW.secondment_id, NEW.month, NEW.filed_on, NEW.text), OLD.id, OLD.secondment_id, OLD.month, OLD.filed_on, OLD.text) WHERE tbl = 'monthly_reports';
END;
CREATE TRIGGER audit_digest_monthly_reports_delete AFTER DELETE ON monthly_reports BEGIN
  UPDATE audit_digest SET rows = rows - 1, sum = cadre_digest_sub(sum, OLD.id, OLD.secondment_id, OLD.month, OLD.filed_on, OLD.text) WHERE tbl = 'monthly_reports';
END;

INSERT INTO audit_digest(tbl, rows, sum) SELECT 'people', count(*), cadre_digest_sum(id, staff_no, name, unit_id, tier, rank, title, gender, birth, id_number) FROM people;
CREATE TRIGGER audit_digest_people_insert AFTER INSERT ON people BEGIN
  UPDATE audit_digest SET rows = rows + 1, sum = cadre_digest_add(sum, NEW.id, NEW.staff_no, NEW.name, NEW.unit_id, NEW.tier, NEW.rank, NEW.title, NEW.gender, NEW.birth, NEW.id_number) WHERE tbl = 'people';
END;
CREATE TRIGGER audit_digest_people_update AFTER UPDATE ON people BEGIN
  UPDATE audit_digest SET sum = cadre_digest_sub(cadre_digest_add(sum, NEW.id, NEW.staff_no, NEW.name, NEW.unit_id, NEW.tier, NEW.rank, NEW.title, NEW.gender, NEW.birth, NEW.id_number), OLD.id, OLD.staff_no, OLD.name, OLD.unit_id, OLD.tier, OLD.rank, OLD.title, OLD.gender, OLD.birth, OLD.id_number) WHERE tbl = 'people';
END;
CREATE TRIGGER audit_digest_people_delete AFTER DELETE ON people BEGIN
  UPDATE audit_digest SET rows = rows - 1, sum = cadre_digest_sub(sum, OLD.id, OLD.staff_no, OLD.name, OLD.unit_id, OLD.tier, OLD.rank, OLD.title, OLD.gender, OLD.birth, OLD.id_number) WHERE tbl = 'people';
END;

INSERT INTO audit_digest(tbl, rows, sum) SELECT 'secondment_extensions', count(*), cadre_digest_sum(id, secondment_id, decided_on, previous_end, new_end, reason) FROM secondment_extensions;
CREATE TRIGGER audit_digest_secondment_extensions_insert AFTER INSERT ON secondment_extensions BEGIN
  UPDATE audit_digest SET rows = rows + 1, sum = cadre_digest_add(sum, NEW.id, NEW.secondment_id, NEW.decided_on, NEW.previous_end, NEW.new_end, NEW.reason) WHERE tbl = 'secondment_extensions';
END;
CREATE TRIGGER audit_digest_secondment_extensions_update AFTER UPDATE ON secondment_extensions BEGIN
  UPDATE audit_digest SET sum = cadre_digest_sub(cadre_digest_add(sum, NEW.id, NEW.secondment_id, NEW.decided_on, NEW.previous_end, NEW.new_end, NEW.reason), OLD.id, OLD.secondment_id, OLD.decided_on, OLD.previous_end, OLD.new_end, OLD.reason) WHERE tbl = 'secondment_extensions';
END;
CREATE TRIGGER audit_digest_secondment_extensions_delete AFTER DELETE ON secondment_extensions BEGIN
  UPDATE audit_digest SET rows = rows - 1, sum = cadre_digest_sub(sum, OLD.id, OLD.secondment_id, OLD.decided_on, OLD.previous_end, OLD.new_end, OLD.reason) WHERE tbl = 'secondment_extensions';
END;

INSERT INTO audit_digest(tbl, rows, sum) SELECT 'secondments', count(*), cadre_digest_sum(id, person_id, home_unit_id, host_unit_id, post, direction, batch, start_date, planned_end, original_end, actual_end, end_reason, decided_by) FROM secondments;
CREATE TRIGGER audit_digest_secondments_insert AFTER INSERT ON secondments BEGIN
  UPDATE audit_digest SET rows = rows + 1, sum = cadre_digest_add(sum, NEW.id, NEW.person_id, NEW.home_unit_id, NEW.host_unit_id, NEW.post, NEW.direction, NEW.batch, NEW.start_date, NEW.planned_end, NEW.original_end, NEW.actual_end, NEW.end_reason, NEW.decided_by) WHERE tbl = 'secondments';
END;
CREATE TRIGGER audit_digest_secondments_update AFTER UPDATE ON secondments BEGIN
  UPDATE audit_digest SET sum = cadre_digest_sub(cadre_digest_add(sum, NEW.id, NEW.person_id, NEW.home_unit_id, NEW.host_unit_id, NEW.post, NEW.direction, NEW.batch, NEW.start_date, NEW.planned_end, NEW.original_end, NEW.actual_end, NEW.end_reason, NEW.decided_by), OLD.id, OLD.person_id, OLD.home_unit_id, OLD.host_unit_id, OLD.post, OLD.direction, OLD.batch, OLD.start_date, OLD.planned_end, OLD.original_end, OLD.actual_end, OLD.end_reason, OLD.decided_by) WHERE tbl = 'secondments';
END;
CREATE TRIGGER audit_digest_secondments_delete AFTER DELETE ON secondments BEGIN
  UPDATE audit_digest SET rows = rows - 1, sum = cadre_digest_sub(sum, OLD.id, OLD.person_id, OLD.home_unit_id, OLD.host_unit_id, OLD.post, OLD.direction, OLD.batch, OLD.start_date, OLD.planned_end, OLD.original_end, OLD.actual_end, OLD.end_reason, OLD.decided_by) WHERE tbl = 'secondments';
END;

INSERT INTO audit_digest(tbl, rows, sum) SELECT 'sessions', count(*), cadre_digest_sum(id, course_id, no, date, start_time, end_time, title, instructor, hours) FROM sessions;
CREATE TRIGGER audit_digest_sessions_insert AFTER INSERT ON sessions BEGIN
  UPDATE audit_digest SET rows = rows + 1, sum = cadre_digest_add(sum, NEW.id, NEW.course_id, NEW.no, NEW.date, NEW.start_time, NEW.end_time, NEW.title, NEW.instructor, NEW.hours) WHERE tbl = 'sessions';
END;
CREATE TRIGGER audit_digest_sessions_update AFTER UPDATE ON sessions BEGIN
  UPDATE audit_digest SET sum = cadre_digest_sub(cadre_digest_add(sum, NEW.id, NEW.course_id, NEW.no, NEW.date, NEW.start_time, NEW.end_time, NEW.title, NEW.instructor, NEW.hours), OLD.id, OLD.course_id, OLD.no, OLD.date, OLD.start_time, OLD.end_time, OLD.title, OLD.instructor, OLD.hours) WHERE tbl = 'sessions';
END;
CREATE TRIGGER audit_digest_sessions_delete AFTER DELETE ON sessions BEGIN
  UPDATE audit_digest SET rows = rows - 1, sum = cadre_digest_sub(sum, OLD.id, OLD.course_id, OLD.no, OLD.date, OLD.start_time, OLD.end_time, OLD.title, OLD.instructor, OLD.hours) WHERE tbl = 'sessions';
END;

INSERT INTO audit_digest(tbl, rows, sum) SELECT 'settings', count(*), cadre_digest_sum(key, value) FROM settings;
CREATE TRIGGER audit_digest_settings_insert AFTER INSERT ON settings BEGIN
  UPDATE audit_digest SET rows = rows + 1, sum = cadre_digest_add(sum, NEW.key, NEW.value) WHERE tbl = 'settings';
END;
CREATE TRIGGER audit_digest_settings_update AFTER UPDATE ON settings BEGIN
  UPDATE audit_digest SET sum = cadre_digest_sub(cadre_digest_add(sum, NEW.key, NEW.value), OLD.key, OLD.value) WHERE tbl = 'settings';
END;
CREATE TRIGGER audit_digest_settings_delete AFTER DELETE ON settings BEGIN
  UPDATE audit_digest SET rows = rows - 1, sum = cadre_digest_sub(sum, OLD.key, OLD.value) WHERE tbl = 'settings';
END;

INSERT INTO audit_digest(tbl, rows, sum) SELECT 'training_hours', count(*), cadre_digest_sum(id, person_id, date, year, kind, hours, title) FROM training_hours;
CREATE TRIGGER audit_digest_training_hours_insert AFTER INSERT ON training_hours BEGIN
  UPDATE audit_digest SET rows = rows + 1, sum = cadre_digest_add(sum, NEW.id, NEW.person_id, NEW.date, NEW.year, NEW.kind, NEW.hours, NEW.title) WHERE tbl = 'training_hours';
END;
CREATE TRIGGER audit_digest_training_hours_update AFTER UPDATE ON training_hours BEGIN
  UPDATE audit_digest SET sum = cadre_digest_sub(cadre_digest_add(sum, NEW.id, NEW.person_id, NEW.date, NEW.year, NEW.kind, NEW.hours, NEW.title), OLD.id, OLD.person_id, OLD.date, OLD.year, OLD.kind, OLD.hours, OLD.title) WHERE tbl = 'training_hours';
END;
CREATE TRIGGER audit_digest_training_hours_delete AFTER DELETE ON training_hours BEGIN
  UPDATE audit_digest SET rows = rows - 1, sum = cadre_digest_sub(sum, OLD.id, OLD.person_id, OLD.date, OLD.year, OLD.kind, OLD.hours, OLD.title) WHERE tbl = 'training_hours';
END;

INSERT INTO audit_digest(tbl, rows, sum) SELECT 'units', count(*), cadre_digest_sum(id, code, name, kind, parent_id) FROM units;
CREATE TRIGGER audit_digest_units_insert AFTER INSERT ON units BEGIN
  UPDATE audit_digest SET rows = rows + 1, sum = cadre_digest_add(sum, NEW.id, NEW.code, NEW.name, NEW.kind, NEW.parent_id) WHERE tbl = 'units';
END;
CREATE TRIGGER audit_digest_units_update AFTER UPDATE ON units BEGIN
  UPDATE audit_digest SET sum = cadre_digest_sub(cadre_digest_add(sum, NEW.id, NEW.code, NEW.name, NEW.kind, NEW.parent_id), OLD.id, OLD.code, OLD.name, OLD.kind, OLD.parent_id) WHERE tbl = 'units';
END;
CREATE TRIGGER audit_digest_units_delete AFTER DELETE ON units BEGIN
  UPDATE audit_digest SET rows = rows - 1, sum = cadre_digest_sub(sum, OLD.id, OLD.code, OLD.name, OLD.kind, OLD.parent_id) WHERE tbl = 'units';
END;

-- A database with a history gets one entry that vouches for its data as it stands ("seal"), so
-- that it passes `db check` from here on; a new database has no entry until its first change (its
-- rows are then checked against the seed data these migrations write). A later migration that
-- changes rows of an audited table ends with these two statements again (a migration that only adds
-- columns need not: store/digest.cpp sync_digest_triggers renews the triggers and seals after it).
INSERT INTO audit_log(seq, at, actor, operation, entity, entity_key, before, after, prev_hash, state, hash)
SELECT seq, at, 'cadre', 'seal', 'database', '', '', '', prev, state,
       cadre_entry_hash(seq, at, 'cadre', 'seal', 'database', '', '', '', prev, state)
  FROM (SELECT seq + 1 AS seq, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at, hash AS prev, state AS old_state,
               cadre_audit_state() AS state
          FROM audit_log ORDER BY seq DESC LIMIT 1)
 WHERE old_state <> state;
UPDATE audit_head SET seq = last.seq, hash = last.hash
  FROM (SELECT seq, hash, prev_hash FROM audit_log ORDER BY seq DESC LIMIT 1) AS last
 WHERE audit_head.id = 1 AND audit_head.seq = last.seq - 1 AND audit_head.hash = last.prev_hash;
