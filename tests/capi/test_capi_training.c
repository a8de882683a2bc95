/* The training part of the C API, tested from C (C99): a course from its creation to the completion
 * report, then every failure with its code, a message naming the problem, and the database unchanged
 * (read directly with SQLite, so "nothing was written" does not depend on the library under test). */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cadre/cadre.h"
#include "capi_test_support.h"


/* One row of a report's JSON (trainees[] or people[]): from its "staff_no" (the row's first field) to
   the row's closing brace; the rows are flat (arrays of strings at most). Returns a malloc'd copy. */
static char *trainee_row(const char *json, const char *staff_no) {
  char key[64];
  snprintf(key, sizeof key, "\"staff_no\": \"%s\"", staff_no);
  const char *start = strstr(json, key);
  CHECK(start != NULL);
  const char *end = strchr(start, '}');
  CHECK(end != NULL);
  size_t n = (size_t)(end - start);
  char *row = malloc(n + 1);
  CHECK(row != NULL);
  memcpy(row, start, n);
  row[n] = '\0';
  return row;
}

static void write_file(char *path, size_t size, const char *name, const char *text) {
  snprintf(path, size, "%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  CHECK(f != NULL);
  fputs(text, f);
  fclose(f);
}

/* ---------------------------------------------------------------------------------------------- */

static const char *const trainees[] = {"T001", "T002", "T003", "T004"};

static void setup(void) {
  CHECK_OK(cadre_open(&db, db_path));
  CHECK_OK(cadre_set_actor(db, "c-training-test"));
  CHECK_OK(cadre_unit_add(db, "QXDX", "青溪区委党校", "party_school", NULL));
  CHECK_OK(cadre_unit_add(db, "QXGOV", "青溪区政府", "government", NULL));
  static const char *const names[] = {"王建国", "李秀英", "张伟", "赵敏"};
  for (size_t i = 0; i < 4; ++i) CHECK_OK(cadre_person_add(db, trainees[i], names[i], "QXGOV", NULL));
}

static void test_courses(void) {
  cadre_course_options c = CADRE_COURSE_OPTIONS_INIT;
  c.code = "T2026-01";
  c.title = "中青年干部培训班";
  c.organizer = "QXDX";
  c.start = "2026-03-02";
  c.end = "2026-03-06";
  c.capacity = 1;
  c.category = "中青班";
  c.components = "exam:0.6,paper:0.4";
  CHECK_OK(cadre_course_add(db, &c));

  /* Unlimited capacity (0), no components, an explicit leave ratio and absence limit. */
  cadre_course_options open = CADRE_COURSE_OPTIONS_INIT;
  open.code = "T2026-02";
  open.title = "基层治理专题班";
  open.organizer = "QXDX";
  open.start = "2026-04-01";
  open.end = "2026-04-01";
  open.pass_mark = 70;
  open.max_leave_ratio = "0.25";
  open.max_absence_hours = 1.5;
  CHECK_OK(cadre_course_add(db, &open));
  CHECK(count_rows("courses") == 2);
  CHECK(count_rows("course_components") == 2);

  char *text = NULL;
  CHECK_OK(cadre_report(&text, db, "course_detail", "T2026-02", NULL));
  CHECK(contains(text, "\"pass_mark\": 70") && contains(text, "\"max_leave_ratio\": 0.25") &&
        contains(text, "\"max_absence_hours\": 1.5") && contains(text, "\"capacity\": null"));
  cadre_free(text);
  CHECK_OK(cadre_report(&text, db, "course_detail", "T2026-01", NULL));
  CHECK(contains(text, "\"capacity\": 1") && contains(text, "\"pass_mark\": 60") && contains(text, "\"exam\"") &&
        contains(text, "\"weight\": 0.6"));
  cadre_free(text);
}

static void test_sessions(void) {
  int no = 0;
  cadre_session_options s = CADRE_SESSION_OPTIONS_INIT;
  s.instructor = "陈教授";
  CHECK_OK(
      cadre_session_add(&no, db, "T2026-01", "2026-03-02", "08:30", "11:45", "习近平新时代中国特色社会主义思想", &s));
  CHECK(no == 1);
  s = (cadre_session_options)CADRE_SESSION_OPTIONS_INIT;
  s.hours = 4;
  CHECK_OK(cadre_session_add(&no, db, "T2026-01", "2026-03-03", "14:00", "17:00", "基层治理案例", &s));
  CHECK(no == 2);
  CHECK_OK(cadre_session_add(NULL, db, "T2026-02", "2026-04-01", "09:00", "12:00", "网格化管理", NULL));
  CHECK(count_rows("sessions") == 3);

  char *text = NULL;
  CHECK_OK(cadre_report(&text, db, "courses", NULL, NULL));
  CHECK(contains(text, "\"T2026-01\"") && contains(text, "\"T2026-02\"") && contains(text, "\"sessions\": 2"));
  /* 08:30-11:45 rounds to 3.5 hours, plus the explicit 4. */
  CHECK(contains(text, "\"total_hours\": 7.5"));
  cadre_free(text);
}

static void test_enrolment(void) {
  int waitlisted = -1;
  CHECK_OK(cadre_enrol(&waitlisted, db, "T2026-01", "T001"));
  CHECK(waitlisted == 0);
  CHECK_OK(cadre_enrol(&waitlisted, db, "T2026-01", "T002"));
  CHECK(waitlisted == 1); /* capacity 1 */

  char *promoted = (char *)"garbage";
  CHECK_OK(cadre_withdraw(&promoted, db, "T2026-01", "T001", "工作调动"));
  CHECK(promoted != NULL && strcmp(promoted, "T002") == 0);
  cadre_free(promoted);

  /* The batch, in order, beyond the capacity: both waitlisted (T001 again, after the withdrawal). */
  int flags[2] = {-1, -1};
  const char *batch[] = {"T003", "T001"};
  CHECK_OK(cadre_enrol_batch(flags, db, "T2026-01", batch, 2));
  CHECK(flags[0] == 1 && flags[1] == 1);

  /* A waitlisted person withdraws: nobody is promoted. */
  promoted = (char *)"garbage";
  CHECK_OK(cadre_withdraw(&promoted, db, "T2026-01", "T001", NULL));
  CHECK(promoted == NULL);
  CHECK_OK(cadre_withdraw(NULL, db, "T2026-01", "T003", NULL)); /* out may be NULL */

  /* Unlimited capacity: everyone enrolled; NULL out-parameters are fine. */
  int open[3] = {-1, -1, -1};
  const char *all[] = {"T001", "T003", "T004"};
  CHECK_OK(cadre_enrol_batch(open, db, "T2026-02", all, 3));
  CHECK(open[0] == 0 && open[1] == 0 && open[2] == 0);
  CHECK_OK(cadre_enrol(NULL, db, "T2026-02", "T002"));
}

static void test_attendance_and_assessment(void) {
  const char *b[] = {"T002"};
  CHECK_OK(cadre_attend(db, "T2026-01", 1, b, 1, "present", NULL));
  CHECK_OK(cadre_attend(db, "T2026-01", 2, b, 1, "absent", "迟到未报"));
  CHECK_OK(cadre_attend(db, "T2026-01", 2, b, 1, "late", "交通延误")); /* a correction */
  const char *everyone[] = {"T001", "T002", "T003"};
  CHECK_OK(cadre_attend(db, "T2026-02", 1, everyone, 3, "present", NULL));
  const char *absent[] = {"T004"};
  CHECK_OK(cadre_attend(db, "T2026-02", 1, absent, 1, "absent", NULL));
  CHECK(count_rows("attendance") == 6);

  CHECK_OK(cadre_assess(db, "T2026-01", "T002", "exam", 92));
  CHECK_OK(cadre_assess(db, "T2026-01", "T002", "paper", 88));  /* 0.6 x 92 + 0.4 x 88 = 90.4 */
  CHECK_OK(cadre_assess(db, "T2026-01", "T002", "paper", 100)); /* boundary, then corrected back */
  CHECK_OK(cadre_assess(db, "T2026-01", "T002", "paper", 88));
  CHECK(count_rows("assessments") == 2);

  CHECK_OK(cadre_feedback(db, "T2026-01", 1, "T002", 18, 17, 16, 19, 20));
  CHECK_OK(cadre_feedback(db, "T2026-01", 2, "T002", 0, 20, 10, 10, 10)); /* late counts as attended */
  CHECK(count_rows("feedback") == 2);
}

static void test_hours_and_reports(void) {
  CHECK_OK(cadre_hours_add(db, "T002", "2026-05-10", 12.5, "online", "党史学习教育网络专题"));
  CHECK_OK(cadre_hours_add(db, "T002", "2026-06-01", 8, "external", NULL));
  CHECK(count_rows("training_hours") == 2);

  char *text = NULL;
  CHECK_OK(cadre_report(&text, db, "course", "T2026-01", NULL));
  char *row = trainee_row(text, "T002");
  CHECK(contains(row, "\"completed\": true") && contains(row, "\"grade\": \"excellent\"") &&
        contains(row, "\"final_score\": 90.4"));
  free(row);
  CHECK(contains(text, "\"responses\": 2"));
  cadre_free(text);

  /* The other course: T004 was absent beyond the 1.5 hours allowed. */
  CHECK_OK(cadre_report(&text, db, "course", "T2026-02", NULL));
  row = trainee_row(text, "T004");
  CHECK(contains(row, "\"completed\": false"));
  free(row);
  CHECK(contains(text, "unexcused_absence"));
  row = trainee_row(text, "T001");
  CHECK(contains(row, "\"completed\": true"));
  free(row);
  cadre_free(text);

  CHECK_OK(cadre_report(&text, db, "hours", "2026", NULL));
  row = trainee_row(text, "T002");
  /* 7.5 + 3 attended in the two completed courses, + 8 external; online apart. */
  CHECK(contains(row, "\"online_hours\": 12.5") && contains(row, "\"centralised_hours\": 18.5"));
  free(row);
  cadre_free(text);

  static const char *formats[] = {"json", "table", "csv", "md", "html"};
  for (size_t f = 0; f < sizeof formats / sizeof *formats; ++f) {
    cadre_report_options o = CADRE_REPORT_OPTIONS_INIT;
    o.format = formats[f];
    CHECK_OK(cadre_report(&text, db, "courses", NULL, &o));
    CHECK(contains(text, "T2026-01"));
    cadre_free(text);
    CHECK_OK(cadre_report(&text, db, "course_detail", "T2026-01", &o));
    CHECK(contains(text, "T2026-01"));
    cadre_free(text);
  }

  CHECK_OK(cadre_export_ics(&text, db, "T2026-01"));
  CHECK(strncmp(text, "BEGIN:VCALENDAR\r\n", 17) == 0 && contains(text, "END:VCALENDAR"));
  CHECK(contains(text, "SUMMARY:基层治理案例"));
  cadre_free(text);
}

static void test_failures(void) {
  /* Unknown course, everywhere a course is named. */
  const char *b[] = {"T002"};
  CHECK_FAILS(cadre_enrol(NULL, db, "NOPE", "T001"), CADRE_ENOTFOUND, "NOPE");
  CHECK_FAILS(cadre_enrol_batch(NULL, db, "NOPE", b, 1), CADRE_ENOTFOUND, "NOPE");
  CHECK_FAILS(cadre_withdraw(NULL, db, "NOPE", "T002", NULL), CADRE_ENOTFOUND, "NOPE");
  CHECK_FAILS(cadre_session_add(NULL, db, "NOPE", "2026-03-02", "08:00", "09:00", "x", NULL), CADRE_ENOTFOUND, "NOPE");
  CHECK_FAILS(cadre_attend(db, "NOPE", 1, b, 1, "present", NULL), CADRE_ENOTFOUND, "NOPE");
  CHECK_FAILS(cadre_assess(db, "NOPE", "T002", "exam", 80), CADRE_ENOTFOUND, "NOPE");
  CHECK_FAILS(cadre_feedback(db, "NOPE", 1, "T002", 10, 10, 10, 10, 10), CADRE_ENOTFOUND, "NOPE");
  char *text = (char *)"garbage";
  CHECK_FAILS(cadre_export_ics(&text, db, "NOPE"), CADRE_ENOTFOUND, "NOPE");
  CHECK(text == NULL);
  text = (char *)"garbage";
  CHECK(cadre_report(&text, db, "course_detail", "NOPE", NULL) == CADRE_ENOTFOUND);
  CHECK(text == NULL && contains(cadre_error_last()->message, "NOPE"));
  CHECK(cadre_report(&text, db, "course_detail", NULL, NULL) == CADRE_EINVALID);
  CHECK(contains(cadre_error_last()->message, "key"));

  /* Unknown people and sessions. */
  CHECK_FAILS(cadre_enrol(NULL, db, "T2026-02", "Z999"), CADRE_ENOTFOUND, "Z999");
  const char *some_unknown[] = {"T002", "Z999"}; /* all or none */
  CHECK_FAILS(cadre_attend(db, "T2026-02", 1, some_unknown, 2, "late", NULL), CADRE_ENOTFOUND, "Z999");
  CHECK_FAILS(cadre_attend(db, "T2026-01", 9, b, 1, "present", NULL), CADRE_ENOTFOUND, "no session 9");
  CHECK_FAILS(cadre_feedback(db, "T2026-01", 3, "T002", 10, 10, 10, 10, 10), CADRE_ENOTFOUND, "no session 3");
  CHECK_FAILS(cadre_hours_add(db, "Z999", "2026-05-10", 2, "online", NULL), CADRE_ENOTFOUND, "Z999");
  CHECK_FAILS(cadre_withdraw(NULL, db, "T2026-01", "T004", NULL), CADRE_ENOTFOUND, "T004"); /* not enrolled */

  /* Scores: 0-100, finite. */
  CHECK_FAILS(cadre_assess(db, "T2026-01", "T002", "exam", 101), CADRE_EINVALID, "101");
  CHECK(contains(cadre_error_last()->message, "--score"));
  CHECK_FAILS(cadre_assess(db, "T2026-01", "T002", "exam", 100.5), CADRE_EINVALID, "100.5");
  CHECK_FAILS(cadre_assess(db, "T2026-01", "T002", "exam", -0.5), CADRE_EINVALID, "-0.5");
  CHECK_FAILS(cadre_assess(db, "T2026-01", "T002", "exam", NAN), CADRE_EINVALID, "--score");
  CHECK_FAILS(cadre_assess(db, "T2026-01", "T002", "oral", 80), CADRE_EINVALID, "oral");
  CHECK_FAILS(cadre_assess(db, "T2026-01", "T001", "exam", 80), CADRE_EINVALID, "T001"); /* withdrawn */
  CHECK_FAILS(cadre_assess(db, "T2026-01", "T002", NULL, 80), CADRE_EINVALID, "component");

  /* Course options. */
  cadre_course_options c = CADRE_COURSE_OPTIONS_INIT;
  c.code = "T2026-09";
  c.title = "Bad";
  c.organizer = "QXDX";
  c.start = "2026-09-01";
  c.end = "2026-09-03";
  c.components = "exam:0.6,paper:0.3";
  CHECK_FAILS(cadre_course_add(db, &c), CADRE_EINVALID, "sum");
  CHECK(contains(cadre_error_last()->message, "0.9"));
  c.components = "exam:0.6,exam:0.4";
  CHECK_FAILS(cadre_course_add(db, &c), CADRE_EINVALID, "twice");
  c.components = NULL;
  c.pass_mark = 101;
  CHECK_FAILS(cadre_course_add(db, &c), CADRE_EINVALID, "--pass-mark");
  c.pass_mark = 60;
  c.capacity = -1;
  CHECK_FAILS(cadre_course_add(db, &c), CADRE_EINVALID, "--capacity");
  c.capacity = 0;
  c.max_leave_ratio = "1/0";
  CHECK_FAILS(cadre_course_add(db, &c), CADRE_EINVALID, "--max-leave-ratio");
  c.max_leave_ratio = NULL;
  c.max_absence_hours = -1;
  CHECK_FAILS(cadre_course_add(db, &c), CADRE_EINVALID, "--max-absence-hours");
  c.max_absence_hours = 0;
  c.end = "2026-08-31";
  CHECK_FAILS(cadre_course_add(db, &c), CADRE_EINVALID, "--end");
  c.end = NULL;
  CHECK_FAILS(cadre_course_add(db, &c), CADRE_EINVALID, "end");
  c.end = "2026-09-03";
  c.organizer = "NOPE";
  CHECK_FAILS(cadre_course_add(db, &c), CADRE_ENOTFOUND, "NOPE");
  c.organizer = "QXDX";
  c.code = "T2026-01";
  CHECK_FAILS(cadre_course_add(db, &c), CADRE_ECONFLICT, "T2026-01");
  c.code = "T2026-09";
  c.version = 0;
  CHECK_FAILS(cadre_course_add(db, &c), CADRE_EINVALID, "version");
  c.version = CADRE_COURSE_OPTIONS_VERSION + 1;
  CHECK_FAILS(cadre_course_add(db, &c), CADRE_EINVALID, "version");
  CHECK_FAILS(cadre_course_add(db, NULL), CADRE_EINVALID, "course");

  /* Sessions. */
  CHECK_FAILS(cadre_session_add(NULL, db, "T2026-01", "2026-03-09", "08:00", "09:00", "x", NULL), CADRE_EINVALID,
              "2026-03-09"); /* after the course */
  CHECK_FAILS(cadre_session_add(NULL, db, "T2026-01", "2026-03-04", "10:00", "09:00", "x", NULL), CADRE_EINVALID,
              "--end");
  cadre_session_options s = CADRE_SESSION_OPTIONS_INIT;
  s.hours = -2;
  CHECK_FAILS(cadre_session_add(NULL, db, "T2026-01", "2026-03-04", "08:00", "09:00", "x", &s), CADRE_EINVALID,
              "--hours");
  CHECK_FAILS(cadre_session_add(NULL, db, "T2026-01", "2026-03-04", "08:00", "09:00", NULL, NULL), CADRE_EINVALID,
              "title");

  /* Enrolment: a duplicate, whether enrolled or waitlisted, in one call or a batch. */
  CHECK_FAILS(cadre_enrol(NULL, db, "T2026-01", "T002"), CADRE_ECONFLICT, "already enrolled");
  const char *twice[] = {"T004", "T004"};
  CHECK_FAILS(cadre_enrol_batch(NULL, db, "T2026-01", twice, 2), CADRE_ECONFLICT, "T004");
  CHECK_FAILS(cadre_enrol_batch(NULL, db, "T2026-01", twice, 0), CADRE_EINVALID, "staff_nos");
  CHECK_FAILS(cadre_enrol_batch(NULL, db, "T2026-01", NULL, 1), CADRE_EINVALID, "staff_nos");
  const char *hole[] = {"T004", NULL};
  CHECK_FAILS(cadre_enrol_batch(NULL, db, "T2026-01", hole, 2), CADRE_EINVALID, "staff_nos[1]");
  CHECK_FAILS(cadre_enrol(NULL, db, "T2026-01", NULL), CADRE_EINVALID, "staff_no");

  /* Attendance. */
  CHECK_FAILS(cadre_attend(db, "T2026-01", 1, b, 1, "sleeping", NULL), CADRE_EINVALID, "sleeping");
  CHECK_FAILS(cadre_attend(db, "T2026-01", 0, b, 1, "present", NULL), CADRE_EINVALID, "SESSION_NO");
  const char *waiting[] = {"T004"};
  CHECK_FAILS(cadre_attend(db, "T2026-01", 1, waiting, 1, "present", NULL), CADRE_EINVALID, "not enrolled");
  CHECK_FAILS(cadre_attend(db, "T2026-01", 1, b, 0, "present", NULL), CADRE_EINVALID, "staff_nos");
  CHECK_FAILS(cadre_attend(db, "T2026-01", 1, b, 1, NULL, NULL), CADRE_EINVALID, "status");

  /* Feedback: only from someone who attended, once, each indicator 0-20. */
  CHECK_FAILS(cadre_feedback(db, "T2026-02", 1, "T004", 10, 10, 10, 10, 10), CADRE_EINVALID, "did not attend");
  CHECK(contains(cadre_error_last()->message, "absent"));
  CHECK_FAILS(cadre_feedback(db, "T2026-01", 1, "T002", 10, 10, 10, 10, 10), CADRE_ECONFLICT, "already");
  CHECK_FAILS(cadre_feedback(db, "T2026-02", 1, "T001", 10, 10, 21, 10, 10), CADRE_EINVALID, "--information");
  CHECK_FAILS(cadre_feedback(db, "T2026-02", 1, "T001", 10, 10, 10, 10, -1), CADRE_EINVALID, "--manner");
  CHECK_FAILS(cadre_feedback(db, "T2026-02", 1, NULL, 10, 10, 10, 10, 10), CADRE_EINVALID, "by");
  CHECK_OK(cadre_feedback(db, "T2026-02", 1, "T001", 20, 0, 20, 0, 20)); /* boundaries */

  /* Hours: more than 0, a known kind, a real date. */
  CHECK_FAILS(cadre_hours_add(db, "T002", "2026-05-10", -3, "online", NULL), CADRE_EINVALID, "--hours");
  CHECK_FAILS(cadre_hours_add(db, "T002", "2026-05-10", 0, "online", NULL), CADRE_EINVALID, "--hours");
  CHECK_FAILS(cadre_hours_add(db, "T002", "2026-05-10", INFINITY, "online", NULL), CADRE_EINVALID, "--hours");
  CHECK_FAILS(cadre_hours_add(db, "T002", "2026-05-10", 2, "radio", NULL), CADRE_EINVALID, "radio");
  CHECK_FAILS(cadre_hours_add(db, "T002", "2026-02-30", 2, "online", NULL), CADRE_EINVALID, "2026-02-30");
  CHECK_FAILS(cadre_hours_add(db, "T002", NULL, 2, "online", NULL), CADRE_EINVALID, "date");
  CHECK_OK(cadre_hours_add(db, "T002", "2026-05-11", 0.5, "online", NULL));

  CHECK_FAILS(cadre_export_ics(NULL, db, "T2026-01"), CADRE_EINVALID, "out");
}

/* The training imports through cadre_import: all or nothing, every bad row named by its line. */
static void test_imports(void) {
  char path[400];
  char *json = NULL;
  write_file(path, sizeof path, "courses.csv",
             "code,title,organizer,start,end,capacity,category,pass_mark,max_leave_ratio,max_absence_hours,"
             "components\nIM-1,导入的班次,QXDX,2026-10-12,2026-10-16,2,,,1/7,,\"exam:0.5,paper:0.5\"\n");
  CHECK_OK(cadre_import(&json, db, "courses", path, NULL));
  CHECK(contains(json, "\"written\": 1"));
  cadre_free(json);
  write_file(path, sizeof path, "sessions.csv",
             "course,date,start,end,title,instructor,hours\nIM-1,2026-10-12,08:30,12:00,开班,,\n"
             "IM-1,2026-10-13,14:00,17:30,研讨,王教授,3\n");
  CHECK_OK(cadre_import(NULL, db, "sessions", path, NULL));
  write_file(path, sizeof path, "enrolments.csv", "course,staff_no\nIM-1,T001\nIM-1,T002\nIM-1,T003\n");
  CHECK_OK(cadre_import(NULL, db, "enrolments", path, NULL));
  write_file(path, sizeof path, "attendance.csv",
             "course,session_no,staff_no,status,note\nIM-1,1,T001,present,\nIM-1,1,T002,leave,事假\n");
  CHECK_OK(cadre_import(NULL, db, "attendance", path, NULL));
  CHECK_OK(cadre_report(&json, db, "course_detail", "IM-1", NULL));
  CHECK(contains(json, "\"capacity\": 2"));
  cadre_free(json);

  /* Line 3 enrols T001 twice, line 4 names an unknown course: both reported, nothing written. */
  write_file(path, sizeof path, "bad-enrolments.csv", "course,staff_no\nIM-1,T004\nIM-1,T001\nNOPE,T004\n");
  CHECK_FAILS(cadre_import(NULL, db, "enrolments", path, NULL), CADRE_ECONFLICT, ":3:"); /* the first bad row's code */
  CHECK(contains(cadre_error_last()->message, ":4:") && contains(cadre_error_last()->message, "NOPE"));
  write_file(path, sizeof path, "bad-attendance.csv",
             "course,session_no,staff_no,status,note\nIM-1,2,T001,present,\nIM-1,2,T003,napping,\n");
  CHECK_FAILS(cadre_import(NULL, db, "attendance", path, NULL), CADRE_EINVALID, "napping");
}

/* Another connection holds the write lock: a training write fails after the busy timeout. */
static void test_storage_locked(void) {
  void *holder = lock_take();
  cadre_db *waiting = open_impatient();
  int flag = -1;
  long before = count_rows("enrolments");
  CHECK(cadre_enrol(&flag, waiting, "T2026-01", "T004") == CADRE_ESTORAGE);
  CHECK(flag == -1 && contains(cadre_error_last()->message, "locked"));
  char *promoted = (char *)"garbage";
  CHECK(cadre_withdraw(&promoted, waiting, "T2026-01", "T002", NULL) == CADRE_ESTORAGE);
  CHECK(promoted == NULL);
  lock_release(holder);
  CHECK(count_rows("enrolments") == before);
  CHECK_OK(cadre_enrol(&flag, waiting, "T2026-01", "T004")); /* the same handle recovers */
  CHECK(flag == 1);
  cadre_close(waiting);
}

/* Every function refuses a NULL handle with CADRE_EINVALID naming it, and crashes on nothing. */
static void test_null_handle_everywhere(void) {
  char *text = (char *)"garbage";
  int n = -1;
  const char *one[] = {"T001"};
  cadre_course_options c = CADRE_COURSE_OPTIONS_INIT;
  int codes[] = {
      cadre_course_add(NULL, &c),
      cadre_session_add(&n, NULL, "T2026-01", "2026-03-02", "08:00", "09:00", "x", NULL),
      cadre_enrol(&n, NULL, "T2026-01", "T001"),
      cadre_enrol_batch(&n, NULL, "T2026-01", one, 1),
      cadre_withdraw(&text, NULL, "T2026-01", "T001", NULL),
      cadre_attend(NULL, "T2026-01", 1, one, 1, "present", NULL),
      cadre_assess(NULL, "T2026-01", "T001", "exam", 1),
      cadre_feedback(NULL, "T2026-01", 1, "T001", 1, 1, 1, 1, 1),
      cadre_hours_add(NULL, "T001", "2026-01-05", 1, "online", NULL),
      cadre_export_ics(&text, NULL, "T2026-01"),
  };
  for (size_t i = 0; i < sizeof codes / sizeof *codes; ++i) {
    CHECK(codes[i] == CADRE_EINVALID);
  }
  CHECK(text == NULL && n == -1);
  CHECK(contains(cadre_error_last()->message, "db"));
}

int main(void) {
  test_dir_create("cadre-capi-training");

  setup();
  test_courses();
  test_sessions();
  test_enrolment();
  test_attendance_and_assessment();
  test_hours_and_reports();
  test_failures();
  test_imports();
  test_storage_locked();
  test_null_handle_everywhere();
  CHECK_OK(cadre_db_check(db));
  cadre_close(db);

  test_dir_remove();
  printf("test_capi_training: %d checks passed\n", checks);
  return 0;
}
