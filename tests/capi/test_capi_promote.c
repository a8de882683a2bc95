/* Promotions, course types and appointment training (任职培训) from C (C99): cadre_person_promote
 * (current or history only, refusals writing nothing), cadre_course_options.type (version 2), and
 * the version 2 fields of cadre_report_person_hours and cadre_report_hours_summary against the JSON
 * of `report hours`, with a version 1 caller left untouched past its struct. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cadre/cadre.h"
#include "capi_json_support.h"
#include "capi_test_support.h"

static const char *const trainees[] = {"B1", "B2"};

/* B1 and B2, general; an appointment course in March 2025 that B1 completes. */
static void setup(void) {
  CHECK_OK(cadre_open(&db, db_path));
  CHECK_OK(cadre_set_actor(db, "c-promote-test"));
  CHECK_OK(cadre_unit_add(db, "SZDX", "市委党校", "party_school", NULL));
  CHECK_OK(cadre_unit_add(db, "QX", "青溪区", "government", NULL));
  cadre_person_options p = CADRE_PERSON_OPTIONS_INIT;
  p.rank = "一级主任科员";
  p.title = "科长";
  CHECK_OK(cadre_person_add(db, "B1", "甲", "QX", &p));
  CHECK_OK(cadre_person_add(db, "B2", "乙", "QX", &p));

  cadre_course_options c = CADRE_COURSE_OPTIONS_INIT;
  CHECK(c.version == 2 && c.type == NULL);
  c.code = "RZ2025";
  c.title = "任职培训班";
  c.organizer = "SZDX";
  c.start = "2025-03-03";
  c.end = "2025-03-04";
  c.type = "appointment";
  CHECK_OK(cadre_course_add(db, &c));
  CHECK_OK(cadre_session_add(NULL, db, "RZ2025", "2025-03-03", "09:00", "12:00", "开班", NULL));
  CHECK_OK(cadre_session_add(NULL, db, "RZ2025", "2025-03-04", "09:00", "12:00", "结业", NULL));
  CHECK_OK(cadre_course_enrol_batch(NULL, db, "RZ2025", trainees, 1));
  for (int no = 1; no <= 2; ++no) CHECK_OK(cadre_session_attend(db, "RZ2025", no, trainees, 1, "present", NULL));
}

static void test_course_type(void) {
  char *json = report_json("course_detail", "RZ2025", NULL);
  CHECK(contains(json, "\"type\": \"appointment\""));
  cadre_free(json);
  cadre_course_options c = CADRE_COURSE_OPTIONS_INIT;
  c.code = "X1";
  c.title = "x";
  c.organizer = "SZDX";
  c.start = "2025-01-01";
  c.end = "2025-01-02";
  c.type = "seminar";
  CHECK_FAILS(cadre_course_add(db, &c), CADRE_EINVALID, "seminar");
  /* A version 1 caller has no type: the course is `other`. */
  c.version = 1;
  CHECK_OK(cadre_course_add(db, &c));
  json = report_json("course_detail", "X1", NULL);
  CHECK(contains(json, "\"type\": \"other\""));
  cadre_free(json);
}

static void test_promote(void) {
  cadre_promotion_options o = CADRE_PROMOTION_OPTIONS_INIT;
  o.title = "副局长";
  o.tier = "leader";
  int current = -1;
  CHECK_OK(cadre_person_promote(&current, db, "B1", "2026-03-01", "四级调研员", &o));
  CHECK(current == 1);
  CHECK_OK(cadre_person_promote(&current, db, "B1", "2019-06-01", "二级主任科员", NULL));
  CHECK(current == 0); /* history only */
  CHECK_OK(cadre_person_promote(NULL, db, "B2", "2024-12-30", "四级调研员", &o));
  CHECK(query_number("SELECT count(*) FROM promotions") == 3);
  CHECK(query_number("SELECT count(*) FROM people WHERE rank = '四级调研员' AND tier = 'leader'") == 2);

  /* Refusals write nothing. */
  CHECK_FAILS(cadre_person_promote(NULL, db, "B1", "2026-03-01", "x", NULL), CADRE_ECONFLICT, "2026-03-01");
  CHECK_FAILS(cadre_person_promote(NULL, db, "NOBODY", "2026-03-02", "x", NULL), CADRE_ENOTFOUND, "NOBODY");
  CHECK_FAILS(cadre_person_promote(NULL, db, "B1", "2026-02-30", "x", NULL), CADRE_EINVALID, "on");
  CHECK_FAILS(cadre_person_promote(NULL, db, "B1", "2026-03-02", NULL, NULL), CADRE_EINVALID, "rank");
  CHECK_FAILS(cadre_person_promote(NULL, db, "B1", "2026-03-02", " ", NULL), CADRE_EINVALID, "rank");
  o.tier = "boss";
  CHECK_FAILS(cadre_person_promote(NULL, db, "B1", "2026-03-02", "x", &o), CADRE_EINVALID, "boss");
  o.version = 9;
  CHECK_FAILS(cadre_person_promote(NULL, db, "B1", "2026-03-02", "x", &o), CADRE_EINVALID, "version");
}

/* The version 2 figures equal the JSON of `report hours`. */
static void check_person(const char *json, const char *staff_no, int year) {
  char row[40];
  snprintf(row, sizeof row, "\"staff_no\": \"%s\"", staff_no);
  cadre_person_hours_result r = CADRE_PERSON_HOURS_RESULT_INIT;
  CHECK(r.version == 2);
  CHECK_OK(cadre_report_person_hours(&r, db, staff_no, year));
  CHECK(r.centralised_days == (int64_t)json_number(json, row, "centralised_days"));
  CHECK(r.required_days == (int64_t)json_number(json, row, "required_days"));
  CHECK(r.window_days == (int64_t)json_number(json, row, "window_days"));
  if (json_is_null(json, row, "appointment_training")) {
    CHECK(r.appointment_status == NULL && r.appointment_due == NULL && r.appointment_promoted_on == NULL);
  } else {
    const char *at = json_at(json, row, "appointment_training");
    CHECK(contains(at, r.appointment_status));
    CHECK(strncmp(json_at(at, NULL, "due") + 1, r.appointment_due, 10) == 0);
    CHECK(strncmp(json_at(at, NULL, "promoted_on") + 1, r.appointment_promoted_on, 10) == 0);
  }
  cadre_free(r.tier);
  cadre_free(r.appointment_status);
  cadre_free(r.appointment_promoted_on);
  cadre_free(r.appointment_due);
  cadre_free(r.appointment_course);
}

static void test_hours(void) {
  cadre_report_options opts = CADRE_REPORT_OPTIONS_INIT;
  char *json = NULL;
  CHECK_OK(cadre_report(&json, db, "hours", "2025", &opts));
  check_person(json, "B1", 2025);
  check_person(json, "B2", 2025);
  cadre_free(json);

  /* 2025: B1 promoted only in 2026 (a leader now: 60 days over five years); B2 promoted 2024-12-30, due 2025-12-30,
     overdue on 31 December (the course of March 2025 was B1's). B1 counts the course's 2 days. */
  cadre_person_hours_result b1 = CADRE_PERSON_HOURS_RESULT_INIT;
  CHECK_OK(cadre_report_person_hours(&b1, db, "B1", 2025));
  CHECK(b1.centralised_days == 2 && b1.required_days == 60 && b1.window_days == 2); /* a leader now */
  CHECK(b1.appointment_status == NULL);
  cadre_free(b1.tier);
  cadre_person_hours_result b2 = CADRE_PERSON_HOURS_RESULT_INIT;
  CHECK_OK(cadre_report_person_hours(&b2, db, "B2", 2025));
  CHECK(strcmp(b2.appointment_status, "overdue") == 0);
  CHECK(strcmp(b2.appointment_promoted_on, "2024-12-30") == 0);
  CHECK(strcmp(b2.appointment_due, "2025-12-30") == 0);
  CHECK(b2.appointment_course == NULL && !b2.compliant);
  cadre_free(b2.tier);
  cadre_free(b2.appointment_status);
  cadre_free(b2.appointment_promoted_on);
  cadre_free(b2.appointment_due);
  /* 2026 (judged today or on 31 December): B1's course of 2025-03-04 lies within a year before the
     promotion of 2026-03-01: done. */
  cadre_person_hours_result done = CADRE_PERSON_HOURS_RESULT_INIT;
  CHECK_OK(cadre_report_person_hours(&done, db, "B1", 2026));
  CHECK(strcmp(done.appointment_status, "done") == 0);
  CHECK(strcmp(done.appointment_course, "RZ2025") == 0);
  cadre_free(done.tier);
  cadre_free(done.appointment_status);
  cadre_free(done.appointment_promoted_on);
  cadre_free(done.appointment_due);
  cadre_free(done.appointment_course);

  /* A version 1 caller: the fields past its struct are left alone. */
  cadre_person_hours_result v1 = CADRE_PERSON_HOURS_RESULT_INIT;
  v1.version = 1;
  v1.centralised_days = -7;
  v1.appointment_status = (char *)"untouched";
  CHECK_OK(cadre_report_person_hours(&v1, db, "B2", 2025));
  CHECK(v1.centralised_days == -7 && strcmp(v1.appointment_status, "untouched") == 0);
  CHECK(v1.required_hours == 550); /* B2 is a leader */
  cadre_free(v1.tier);

  cadre_hours_summary_result s = CADRE_HOURS_SUMMARY_RESULT_INIT;
  CHECK(s.version == 2);
  CHECK_OK(cadre_report_hours_summary(&s, db, 2025, NULL));
  CHECK(s.people == 2 && s.appointment_training_overdue == 1);
  cadre_hours_summary_result s1 = CADRE_HOURS_SUMMARY_RESULT_INIT;
  s1.version = 1;
  s1.appointment_training_overdue = -7;
  CHECK_OK(cadre_report_hours_summary(&s1, db, 2025, NULL));
  CHECK(s1.people == 2 && s1.appointment_training_overdue == -7);
}

int main(void) {
  test_dir_create("cadre-capi-promote");
  setup();
  test_course_type();
  test_promote();
  test_hours();
  cadre_close(db);
  test_dir_remove();
  printf("capi promote: %d checks passed\n", checks);
  return 0;
}
