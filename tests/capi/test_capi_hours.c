/* The training-hours figures of the C API (cadre_report_hours_summary, cadre_report_person_hours),
 * tested from C (C99): each figure equals the number the JSON report `hours` of the same data shows,
 * then the failures: a year out of range, an unknown unit or person, NULLs, an unsupported version. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cadre/cadre.h"
#include "capi_json_support.h"
#include "capi_test_support.h"

static const char *const staff[] = {"A1001", "A1002", "A1003", "A1004"};

/* A leader and three general staff; one course of 6 hours in 2026 that A1001 and A1002 complete;
   recorded hours in 2026 and, for the leader's five-year window, in 2022 and 2021 (outside it). */
static void setup(void) {
  CHECK_OK(cadre_open(&db, db_path));
  CHECK_OK(cadre_set_actor(db, "c-hours-test"));
  CHECK_OK(cadre_unit_add(db, "QXDX", "青溪区委党校", "party_school", NULL));
  CHECK_OK(cadre_unit_add(db, "QXGOV", "青溪区政府", "government", NULL));
  CHECK_OK(cadre_unit_add(db, "HSTOWN", "河市镇", "township", "QXGOV"));
  cadre_person_options leader = CADRE_PERSON_OPTIONS_INIT;
  leader.tier = "leader";
  CHECK_OK(cadre_person_add(db, "A1001", "王建国", "QXGOV", &leader));
  CHECK_OK(cadre_person_add(db, "A1002", "李秀英", "QXGOV", NULL));
  CHECK_OK(cadre_person_add(db, "A1003", "张伟", "HSTOWN", NULL));
  CHECK_OK(cadre_person_add(db, "A1004", "赵敏", "QXDX", NULL));

  cadre_course_options c = CADRE_COURSE_OPTIONS_INIT;
  c.code = "T2026-01";
  c.title = "中青年干部培训班";
  c.organizer = "QXDX";
  c.start = "2026-03-02";
  c.end = "2026-03-06";
  CHECK_OK(cadre_course_add(db, &c));
  CHECK_OK(cadre_session_add(NULL, db, "T2026-01", "2026-03-02", "09:00", "12:00", "开班", NULL));
  CHECK_OK(cadre_session_add(NULL, db, "T2026-01", "2026-03-03", "14:00", "17:00", "专题", NULL));
  CHECK_OK(cadre_course_enrol_batch(NULL, db, "T2026-01", staff, 2));
  for (int no = 1; no <= 2; ++no) CHECK_OK(cadre_session_attend(db, "T2026-01", no, staff, 2, "present", NULL));

  CHECK_OK(cadre_hours_add(db, "A1001", "2022-05-01", 500, "external", "2022"));
  CHECK_OK(cadre_hours_add(db, "A1001", "2021-05-01", 100, "external", "sixth year back"));
  CHECK_OK(cadre_hours_add(db, "A1001", "2026-04-01", 50, "online", NULL));
  CHECK_OK(cadre_hours_add(db, "A1002", "2026-04-01", 84, "external", NULL));
  CHECK_OK(cadre_hours_add(db, "A1002", "2026-04-02", 49.5, "online", NULL));
  CHECK_OK(cadre_hours_add(db, "A1003", "2026-04-01", 90.5, "external", NULL));
  CHECK_OK(cadre_hours_add(db, "A1003", "2026-04-02", 60, "online", NULL));
}

static char *hours_json(const char *year, const char *unit) {
  cadre_report_options o = CADRE_REPORT_OPTIONS_INIT;
  o.unit = unit;
  char *json = NULL;
  CHECK_OK(cadre_report(&json, db, "hours", year, &o));
  return json;
}

/* ---- one person ------------------------------------------------------------------------------- */

static void check_person_against_json(const char *json, const char *staff_no, int year) {
  char row[40];
  snprintf(row, sizeof row, "\"staff_no\": \"%s\"", staff_no);
  cadre_person_hours_result r = CADRE_PERSON_HOURS_RESULT_INIT;
  CHECK_OK(cadre_report_person_hours(&r, db, staff_no, year));
  CHECK(strncmp(json_at(json, row, "tier") + 1, r.tier, strlen(r.tier)) == 0);
  CHECK(near(r.centralised_hours, json_number(json, row, "centralised_hours")));
  CHECK(near(r.required_hours, json_number(json, row, "required_hours")));
  CHECK(near(r.window_hours, json_number(json, row, "window_hours")));
  CHECK(near(r.shortfall_hours, json_number(json, row, "shortfall_hours")));
  CHECK(near(r.online_hours, json_number(json, row, "online_hours")));
  CHECK(near(r.online_required, json_number(json, row, "online_required")));
  CHECK(near(r.online_shortfall_hours, json_number(json, row, "online_shortfall_hours")));
  CHECK(r.compliant == (strncmp(json_at(json, row, "compliant"), "true", 4) == 0));
  cadre_free(r.tier);
}

static void test_person_hours(void) {
  for (int year = 2025; year <= 2027; ++year) {
    char key[8];
    snprintf(key, sizeof key, "%d", year);
    char *json = hours_json(key, NULL);
    for (size_t i = 0; i < 4; ++i) check_person_against_json(json, staff[i], year);
    cadre_free(json);
  }

  /* The figures themselves in 2026. The leader: 6 (course) + 500 (2022) in the window; 2021 is the
     sixth year back. */
  cadre_person_hours_result r = CADRE_PERSON_HOURS_RESULT_INIT;
  CHECK_OK(cadre_report_person_hours(&r, db, "A1001", 2026));
  CHECK(strcmp(r.tier, "leader") == 0);
  CHECK(r.centralised_hours == 6 && r.required_hours == 550 && r.window_hours == 506 && r.shortfall_hours == 44);
  CHECK(r.online_hours == 50 && r.online_required == 50 && r.online_shortfall_hours == 0 && !r.compliant);
  cadre_free(r.tier);
  /* General: 6 + 84 = 90 centralised, exactly enough; online half an hour short. */
  cadre_person_hours_result g = CADRE_PERSON_HOURS_RESULT_INIT;
  CHECK_OK(cadre_report_person_hours(&g, db, " A1002 ", 2026));
  CHECK(strcmp(g.tier, "general") == 0);
  CHECK(g.required_hours == 90 && g.window_hours == 90 && g.shortfall_hours == 0);
  CHECK(g.online_shortfall_hours == 0.5 && !g.compliant);
  cadre_free(g.tier);
  cadre_person_hours_result ok = CADRE_PERSON_HOURS_RESULT_INIT;
  CHECK_OK(cadre_report_person_hours(&ok, db, "A1003", 2026));
  CHECK(ok.compliant && ok.shortfall_hours == 0 && ok.online_shortfall_hours == 0);
  cadre_free(ok.tier);
}

static void test_person_hours_failures(void) {
  cadre_person_hours_result r = CADRE_PERSON_HOURS_RESULT_INIT;
  CHECK_FAILS(cadre_report_person_hours(&r, db, "NOBODY", 2026), CADRE_ENOTFOUND, "NOBODY");
  CHECK_FAILS(cadre_report_person_hours(&r, db, "A1001", 1899), CADRE_EINVALID, "year");
  CHECK_FAILS(cadre_report_person_hours(&r, db, "A1001", 10000), CADRE_EINVALID, "year");
  CHECK_FAILS(cadre_report_person_hours(&r, db, NULL, 2026), CADRE_EINVALID, "staff_no");
  CHECK_FAILS(cadre_report_person_hours(NULL, db, "A1001", 2026), CADRE_EINVALID, "out");
  CHECK_FAILS(cadre_report_person_hours(&r, NULL, "A1001", 2026), CADRE_EINVALID, "db");
  CHECK(r.tier == NULL && r.required_hours == 0);
  r.version = CADRE_PERSON_HOURS_RESULT_VERSION + 1;
  CHECK_FAILS(cadre_report_person_hours(&r, db, "A1001", 2026), CADRE_EINVALID, "version");
  CHECK(r.tier == NULL);
}

/* ---- the summary ------------------------------------------------------------------------------ */

static void check_summary_against_json(const char *year, const char *unit) {
  char *json = hours_json(year, unit);
  cadre_hours_summary_result r = CADRE_HOURS_SUMMARY_RESULT_INIT;
  CHECK_OK(cadre_report_hours_summary(&r, db, atoi(year), unit));
  CHECK(r.people == count_after(json, "\"people\": [", "\"staff_no\": "));
  CHECK(r.non_compliant == (int64_t)json_number(json, NULL, "non_compliant"));
  CHECK(r.non_compliant == count_after(json, "\"people\": [", "\"compliant\": false"));
  CHECK(r.annual_hours_short == count_after(json, "\"people\": [", "\"annual_hours_short\""));
  CHECK(r.five_year_hours_short == count_after(json, "\"people\": [", "\"five_year_hours_short\""));
  CHECK(r.online_hours_short == count_after(json, "\"people\": [", "\"online_hours_short\""));
  cadre_free(json);
}

static void test_hours_summary(void) {
  check_summary_against_json("2026", NULL);
  check_summary_against_json("2025", NULL);
  check_summary_against_json("2026", "QXGOV");
  check_summary_against_json("2026", "HSTOWN");

  cadre_hours_summary_result r = CADRE_HOURS_SUMMARY_RESULT_INIT;
  CHECK_OK(cadre_report_hours_summary(&r, db, 2026, NULL));
  /* A1001: five years short; A1002: online short; A1003: none; A1004: both general rules short. */
  CHECK(r.people == 4 && r.non_compliant == 3);
  CHECK(r.five_year_hours_short == 1 && r.annual_hours_short == 1 && r.online_hours_short == 2);
  /* QXGOV and the township below it. */
  cadre_hours_summary_result unit = CADRE_HOURS_SUMMARY_RESULT_INIT;
  CHECK_OK(cadre_report_hours_summary(&unit, db, 2026, "QXGOV"));
  CHECK(unit.people == 3 && unit.non_compliant == 2);
}

static void test_hours_summary_failures(void) {
  cadre_hours_summary_result r = CADRE_HOURS_SUMMARY_RESULT_INIT;
  CHECK_FAILS(cadre_report_hours_summary(&r, db, 2026, "NOPE"), CADRE_ENOTFOUND, "NOPE");
  CHECK_FAILS(cadre_report_hours_summary(&r, db, 1899, NULL), CADRE_EINVALID, "year");
  CHECK_FAILS(cadre_report_hours_summary(NULL, db, 2026, NULL), CADRE_EINVALID, "out");
  CHECK_FAILS(cadre_report_hours_summary(&r, NULL, 2026, NULL), CADRE_EINVALID, "db");
  CHECK(r.people == 0 && r.non_compliant == 0);
  r.version = 0;
  CHECK_FAILS(cadre_report_hours_summary(&r, db, 2026, NULL), CADRE_EINVALID, "version");
  CHECK(r.people == 0);
}

int main(void) {
  test_dir_create("cadre-capi-hours");
  setup();
  test_person_hours();
  test_person_hours_failures();
  test_hours_summary();
  test_hours_summary_failures();
  cadre_close(db);
  test_dir_remove();
  printf("capi hours: %d checks passed\n", checks);
  return 0;
}
