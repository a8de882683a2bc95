/* The report figures of the C API (cadre_report_secondment_summary, cadre_report_course_summary),
 * tested from C (C99): each figure equals the number the JSON report of the same data shows, then
 * the failures: an unsupported struct version, an unknown id or course, a bad date, NULLs. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cadre/cadre.h"
#include "capi_json_support.h"
#include "capi_test_support.h"

/* ---- data --------------------------------------------------------------------------------------- */

static int64_t sid;

static void setup(void) {
  CHECK_OK(cadre_open(&db, db_path));
  CHECK_OK(cadre_set_actor(db, "c-results-test"));
  CHECK_OK(cadre_unit_add(db, "QXDX", "青溪区委党校", "party_school", NULL));
  CHECK_OK(cadre_unit_add(db, "QXGOV", "青溪区政府", "government", NULL));
  CHECK_OK(cadre_unit_add(db, "HSTOWN", "河市镇", "township", NULL));
  static const char *const staff[] = {"A1001", "A1002", "A1003", "A1004"};
  static const char *const names[] = {"王建国", "李秀英", "张伟", "赵敏"};
  for (size_t i = 0; i < 4; ++i) CHECK_OK(cadre_person_add(db, staff[i], names[i], "QXGOV", NULL));

  /* A course of two 3-hour sessions, three places for four people. */
  cadre_course_options c = CADRE_COURSE_OPTIONS_INIT;
  c.code = "T2026-01";
  c.title = "中青年干部培训班";
  c.organizer = "QXDX";
  c.start = "2026-03-02";
  c.end = "2026-03-06";
  c.capacity = 3;
  c.components = "exam:1";
  CHECK_OK(cadre_course_add(db, &c));
  CHECK_OK(cadre_session_add(NULL, db, "T2026-01", "2026-03-02", "09:00", "12:00", "开班", NULL));
  CHECK_OK(cadre_session_add(NULL, db, "T2026-01", "2026-03-03", "14:00", "17:00", "专题", NULL));
  CHECK_OK(cadre_course_enrol_batch(NULL, db, "T2026-01", staff, 4));
  static const char *const both[] = {"A1001", "A1002"};
  CHECK_OK(cadre_session_attend(db, "T2026-01", 1, both, 2, "present", NULL));
  CHECK_OK(cadre_session_attend(db, "T2026-01", 1, staff + 2, 1, "absent", NULL));
  CHECK_OK(cadre_session_attend(db, "T2026-01", 2, staff, 1, "present", NULL));
  CHECK_OK(cadre_session_attend(db, "T2026-01", 2, staff + 1, 1, "leave", NULL));
  CHECK_OK(cadre_course_assess(db, "T2026-01", "A1001", "exam", 91));
  CHECK_OK(cadre_course_assess(db, "T2026-01", "A1002", "exam", 58));
  CHECK_OK(cadre_session_feedback(db, "T2026-01", 1, "A1001", 18, 17, 16, 19, 20));
  CHECK_OK(cadre_session_feedback(db, "T2026-01", 1, "A1002", 15, 15, 15, 15, 15));
  /* A course with nothing in it yet: the rates are absent. */
  c.code = "T2026-02";
  c.title = "基层治理专题班";
  CHECK_OK(cadre_course_add(db, &c));

  /* A secondment from 2026-03-02: check-ins, two days of leave, one monthly report, one evaluation. */
  cadre_secondment_options s = CADRE_SECONDMENT_OPTIONS_INIT;
  s.staff_no = "A1001";
  s.from = "QXGOV";
  s.to = "HSTOWN";
  s.post = "副镇长";
  s.start = "2026-03-02";
  s.end = "2026-08-31";
  CHECK_OK(cadre_secondment_add(&sid, db, &s));
  static const char *const days[] = {"2026-03-02T08:31:00+08:00", "2026-03-03T08:40:00+08:00",
                                     "2026-03-04T08:29:00+08:00", "2026-03-09T08:35:00+08:00"};
  for (size_t i = 0; i < 4; ++i) {
    cadre_checkin_options k = CADRE_CHECKIN_OPTIONS_INIT;
    k.staff_no = "A1001";
    k.at = days[i];
    CHECK_OK(cadre_checkin_add(NULL, NULL, db, &k));
  }
  int64_t leave = 0;
  CHECK_OK(cadre_leave_request(&leave, db, sid, "2026-03-05", "2026-03-06", "personal", NULL));
  CHECK_OK(cadre_leave_approve(db, leave, "河市镇党委", "host"));
  CHECK_OK(cadre_log_add(db, sid, "2026-03", "三月", "2026-04-03"));
  cadre_evaluation_options e = CADRE_EVALUATION_OPTIONS_INIT;
  e.period = "midterm";
  e.rater = "host";
  e.conduct = 90;
  e.competence = 88;
  e.diligence = 92;
  e.performance = 85;
  e.integrity = 95;
  CHECK_OK(cadre_secondment_evaluate(db, sid, &e));
}

/* ---- the secondment's figures ----------------------------------------------------------------- */

static void check_secondment_against_json(const char *as_of) {
  char key[32];
  snprintf(key, sizeof key, "%lld", (long long)sid);
  char *json = report_json("secondment", key, as_of);
  cadre_secondment_summary_result r = CADRE_SECONDMENT_SUMMARY_RESULT_INIT;
  CHECK_OK(cadre_report_secondment_summary(&r, db, sid, as_of));
  CHECK(strcmp(r.as_of, as_of) == 0);
  CHECK(strncmp(json_at(json, "\"secondment\"", "status") + 1, r.status, strlen(r.status)) == 0);
  CHECK(r.working_days == (int64_t)json_number(json, NULL, "working_days"));
  CHECK(r.present_days == (int64_t)json_number(json, NULL, "present_days"));
  CHECK(r.leave_days == (int64_t)json_number(json, NULL, "leave_days"));
  CHECK(r.has_presence_rate == !json_is_null(json, NULL, "presence_rate"));
  if (r.has_presence_rate) CHECK(near(r.presence_rate, json_number(json, NULL, "presence_rate")));
  CHECK(near(r.min_presence, json_number(json, NULL, "min_presence")));
  CHECK(r.report_months == (int64_t)json_number(json, "\"reports\": {", "months"));
  CHECK(r.reports_filed == (int64_t)json_number(json, "\"reports\": {", "filed"));
  CHECK(r.reports_missing == (int64_t)json_number(json, "\"reports\": {", "missing"));
  CHECK(r.reports_not_yet_due == (int64_t)json_number(json, "\"reports\": {", "not_yet_due"));
  CHECK(r.has_overall_score == !json_is_null(json, "\"overall\": {", "score"));
  if (r.has_overall_score) CHECK(near(r.overall_score, json_number(json, "\"overall\": {", "score")));
  CHECK((r.overall_grade == NULL) == json_is_null(json, "\"overall\": {", "grade"));
  CHECK(r.alerts == count_after(json, "\"alerts\": [", "\"code\": "));
  cadre_free(json);
  cadre_free(r.as_of);
  cadre_free(r.status);
  cadre_free(r.overall_grade);
}

static void test_secondment_summary(void) {
  check_secondment_against_json("2026-03-06");
  check_secondment_against_json("2026-05-10");
  check_secondment_against_json("2026-02-01");

  /* The figures themselves on 2026-03-06: Mon 2 .. Fri 6 are 5 working days, Thu 5 and Fri 6 on
     leave, present Mon to Wed: 3 of 3. */
  cadre_secondment_summary_result r = CADRE_SECONDMENT_SUMMARY_RESULT_INIT;
  CHECK_OK(cadre_report_secondment_summary(&r, db, sid, "2026-03-06"));
  CHECK(r.working_days == 5 && r.leave_days == 2 && r.present_days == 3);
  CHECK(r.has_presence_rate && r.presence_rate == 1.0);
  CHECK(strcmp(r.status, "active") == 0);
  CHECK(r.has_overall_score && near(r.overall_score, 90) && strcmp(r.overall_grade, "excellent") == 0);
  /* Issue 12: the one alert is term_outside_rule (the period is shorter than 1 year). */
  CHECK(r.report_months == 1 && r.reports_filed == 0 && r.reports_not_yet_due == 1 && r.alerts == 1);
  cadre_free(r.as_of);
  cadre_free(r.status);
  cadre_free(r.overall_grade);

  /* Before the start: nothing counted yet, no rate; the evaluation is there all the same. */
  cadre_secondment_summary_result early = CADRE_SECONDMENT_SUMMARY_RESULT_INIT;
  CHECK_OK(cadre_report_secondment_summary(&early, db, sid, "2026-02-01"));
  CHECK(strcmp(early.status, "planned") == 0);
  CHECK(early.working_days == 0 && early.present_days == 0 && !early.has_presence_rate && early.report_months == 0);
  cadre_free(early.as_of);
  cadre_free(early.status);
  cadre_free(early.overall_grade);

  /* 2026-05-10: April's report is past due (5 May) and presence is low: two alerts, and (issue 12)
     the term shorter than 1 year: three. */
  cadre_secondment_summary_result late = CADRE_SECONDMENT_SUMMARY_RESULT_INIT;
  CHECK_OK(cadre_report_secondment_summary(&late, db, sid, "2026-05-10"));
  CHECK(late.reports_filed == 1 && late.reports_missing == 1 && late.alerts == 3);
  cadre_free(late.as_of);
  cadre_free(late.status);
  cadre_free(late.overall_grade);

  /* NULL as_of: today, and a date comes back. */
  cadre_secondment_summary_result today = CADRE_SECONDMENT_SUMMARY_RESULT_INIT;
  CHECK_OK(cadre_report_secondment_summary(&today, db, sid, NULL));
  CHECK(today.as_of != NULL && strlen(today.as_of) == 10);
  cadre_free(today.as_of);
  cadre_free(today.status);
  cadre_free(today.overall_grade);
}

static void test_secondment_summary_failures(void) {
  cadre_secondment_summary_result r = CADRE_SECONDMENT_SUMMARY_RESULT_INIT;
  CHECK_FAILS(cadre_report_secondment_summary(&r, db, 999, "2026-03-06"), CADRE_ENOTFOUND, "999");
  CHECK_FAILS(cadre_report_secondment_summary(&r, db, 0, "2026-03-06"), CADRE_EINVALID, "0");
  CHECK_FAILS(cadre_report_secondment_summary(&r, db, sid, "2026-02-30"), CADRE_EINVALID, "as_of");
  CHECK_FAILS(cadre_report_secondment_summary(&r, db, sid, "06/03/2026"), CADRE_EINVALID, "as_of");
  CHECK_FAILS(cadre_report_secondment_summary(NULL, db, sid, NULL), CADRE_EINVALID, "out");
  CHECK_FAILS(cadre_report_secondment_summary(&r, NULL, sid, NULL), CADRE_EINVALID, "db");
  /* Nothing was filled by a failure. */
  CHECK(r.as_of == NULL && r.status == NULL && r.working_days == 0);
  /* A version this library does not know (a newer cadre.h, or none set): refused, *out unchanged. */
  cadre_secondment_summary_result newer = CADRE_SECONDMENT_SUMMARY_RESULT_INIT;
  newer.version = CADRE_SECONDMENT_SUMMARY_RESULT_VERSION + 1;
  CHECK_FAILS(cadre_report_secondment_summary(&newer, db, sid, NULL), CADRE_EINVALID, "version");
  CHECK(newer.as_of == NULL && newer.working_days == 0);
  newer.version = 0;
  CHECK_FAILS(cadre_report_secondment_summary(&newer, db, sid, NULL), CADRE_EINVALID, "version");
}

/* ---- the course's figures --------------------------------------------------------------------- */

static void check_course_against_json(const char *code) {
  char *json = report_json("course", code, NULL);
  cadre_course_summary_result r = CADRE_COURSE_SUMMARY_RESULT_INIT;
  CHECK_OK(cadre_report_course_summary(&r, db, code));
  CHECK(near(r.total_hours, json_number(json, NULL, "total_hours")));
  CHECK(r.sessions == count_after(json, "\"sessions\": [", "\"feedback_total\": "));
  const char *summary = "\"summary\": {";
  CHECK(r.enrolled == (int64_t)json_number(json, summary, "enrolled"));
  CHECK(r.completed == (int64_t)json_number(json, summary, "completed"));
  CHECK(r.withdrawn == (int64_t)json_number(json, summary, "withdrawn"));
  CHECK(r.waitlisted == (int64_t)json_number(json, summary, "waitlisted"));
  CHECK(r.has_completion_rate == !json_is_null(json, summary, "completion_rate"));
  if (r.has_completion_rate) CHECK(near(r.completion_rate, json_number(json, summary, "completion_rate")));
  CHECK(r.grade_excellent == (int64_t)json_number(json, summary, "excellent"));
  CHECK(r.grade_good == (int64_t)json_number(json, summary, "good"));
  CHECK(r.grade_pass == (int64_t)json_number(json, summary, "pass"));
  CHECK(r.grade_fail == (int64_t)json_number(json, summary, "fail"));
  CHECK(r.feedback_responses == (int64_t)json_number(json, "\"feedback\": {", "responses"));
  CHECK(r.has_feedback_total == !json_is_null(json, "\"feedback\": {", "total"));
  if (r.has_feedback_total) CHECK(near(r.feedback_total, json_number(json, "\"feedback\": {", "total")));
  cadre_free(json);
}

static void test_course_summary(void) {
  check_course_against_json("T2026-01");
  check_course_against_json("T2026-02");

  cadre_course_summary_result r = CADRE_COURSE_SUMMARY_RESULT_INIT;
  CHECK_OK(cadre_report_course_summary(&r, db, "T2026-01"));
  CHECK(r.total_hours == 6 && r.sessions == 2);
  CHECK(r.enrolled == 3 && r.waitlisted == 1 && r.withdrawn == 0);
  CHECK(r.feedback_responses == 2 && r.has_feedback_total && near(r.feedback_total, 82.5));
  CHECK(r.grade_excellent + r.grade_good + r.grade_pass + r.grade_fail == r.enrolled);
  CHECK(r.has_completion_rate && near(r.completion_rate, (double)r.completed / 3));

  cadre_course_summary_result empty = CADRE_COURSE_SUMMARY_RESULT_INIT;
  CHECK_OK(cadre_report_course_summary(&empty, db, "T2026-02"));
  CHECK(empty.sessions == 0 && empty.enrolled == 0 && !empty.has_completion_rate && !empty.has_feedback_total);
}

static void test_course_summary_failures(void) {
  cadre_course_summary_result r = CADRE_COURSE_SUMMARY_RESULT_INIT;
  CHECK_FAILS(cadre_report_course_summary(&r, db, "NOPE"), CADRE_ENOTFOUND, "NOPE");
  CHECK_FAILS(cadre_report_course_summary(&r, db, NULL), CADRE_EINVALID, "course");
  CHECK_FAILS(cadre_report_course_summary(NULL, db, "T2026-01"), CADRE_EINVALID, "out");
  CHECK(r.enrolled == 0 && r.total_hours == 0);
  r.version = 7;
  CHECK_FAILS(cadre_report_course_summary(&r, db, "T2026-01"), CADRE_EINVALID, "version");
  CHECK(r.enrolled == 0);
}

int main(void) {
  test_dir_create("cadre-capi-results");
  setup();
  test_secondment_summary();
  test_secondment_summary_failures();
  test_course_summary();
  test_course_summary_failures();
  cadre_close(db);
  test_dir_remove();
  printf("capi results: %d checks passed\n", checks);
  return 0;
}
