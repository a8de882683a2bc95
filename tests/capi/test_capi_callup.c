/* The call-up (调训) from C: cadre_quota_set, cadre_course_nominate, cadre_nomination_approve and
 * _reject, cadre_course_arrive, and report "callup" through cadre_report: each call, each refusal with
 * its code and the field it names, nothing written on failure, a no-show from the day after the
 * arrival deadline. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cadre/cadre.h"
#include "capi_test_support.h"

static char *callup(const char *as_of) {
  cadre_report_options o = CADRE_REPORT_OPTIONS_INIT;
  o.as_of = as_of;
  char *json = NULL;
  CHECK_OK(cadre_report(&json, db, "callup", "C1", &o));
  CHECK(json != NULL);
  return json;
}

static void test_places_and_nominations(void) {
  const char *two[] = {"A1", "A2"};
  const char *third[] = {"A3"};
  CHECK_OK(cadre_quota_set(db, "C1", "GOV", 2));
  CHECK_FAILS(cadre_quota_set(db, "C1", "GOV", -1), CADRE_EINVALID, "places");
  CHECK_FAILS(cadre_quota_set(db, "C1", "NOPE", 1), CADRE_ENOTFOUND, "NOPE");
  CHECK_FAILS(cadre_quota_set(db, NULL, "GOV", 1), CADRE_EINVALID, "course");
  /* A3's unit (DEPT) is below GOV: it counts against GOV's two places. */
  CHECK_OK(cadre_course_nominate(db, "C1", two, 2, "区政府办", "2026-02-20"));
  CHECK(count_rows("nominations") == 2);
  CHECK_FAILS(cadre_course_nominate(db, "C1", third, 1, NULL, NULL), CADRE_ECONFLICT, "all taken");
  CHECK_FAILS(cadre_course_nominate(db, "C1", NULL, 1, NULL, NULL), CADRE_EINVALID, "staff_nos");
  CHECK_FAILS(cadre_quota_set(db, "C1", "GOV", 1), CADRE_ECONFLICT, "places");

  /* Reject frees the place; A3 takes it. */
  CHECK_FAILS(cadre_nomination_reject(db, "C1", "A2", "市委组织部", NULL, NULL), CADRE_EINVALID, "reason");
  CHECK_OK(cadre_nomination_reject(db, "C1", "A2", "市委组织部", "不符合条件", "2026-02-25"));
  CHECK_OK(cadre_course_nominate(db, "C1", third, 1, NULL, NULL));
  CHECK_FAILS(cadre_nomination_approve(NULL, db, "C1", "A2", "市委组织部", NULL), CADRE_ECONFLICT, "A2");
  CHECK_FAILS(cadre_nomination_approve(NULL, db, "C1", "A9", "市委组织部", NULL), CADRE_ENOTFOUND, "A9");
  CHECK_FAILS(cadre_nomination_approve(NULL, db, "C1", "A1", NULL, NULL), CADRE_EINVALID, "by");

  int waitlisted = -1;
  CHECK_OK(cadre_nomination_approve(&waitlisted, db, "C1", "A1", "市委组织部", "2026-03-01"));
  CHECK(waitlisted == 0);
  CHECK_OK(cadre_nomination_approve(&waitlisted, db, "C1", "A3", "市委组织部", "2026-03-01"));
  CHECK(waitlisted == 1); /* capacity 1 */
  CHECK(query_number("SELECT count(*) FROM enrolments WHERE status = 'enrolled'") == 1);
}

static void test_arrival_and_no_show(void) {
  CHECK_FAILS(cadre_course_arrive(db, "C1", "A3", "2026-03-09"), CADRE_EINVALID, "not enrolled");
  CHECK_FAILS(cadre_course_arrive(db, "C1", "A1", "2026-03-13"), CADRE_ECONFLICT, "arrival_grace_days");
  CHECK_FAILS(cadre_course_arrive(db, "C1", "A1", "2026-13-01"), CADRE_EINVALID, "on");
  char *json = callup("2026-03-12");
  CHECK(strstr(json, "\"status\": \"approved\"") != NULL || strstr(json, "\"status\":\"approved\"") != NULL);
  CHECK(strstr(json, "no_show\": 0") != NULL || strstr(json, "no_show\":0") != NULL);
  cadre_free(json);
  json = callup("2026-03-13");
  CHECK(strstr(json, "\"no_show\"") != NULL);
  CHECK(strstr(json, "\"code\": \"no_show\"") != NULL || strstr(json, "\"code\":\"no_show\"") != NULL);
  cadre_free(json);
  CHECK_OK(cadre_course_arrive(db, "C1", "A1", "2026-03-12"));
  CHECK_FAILS(cadre_course_arrive(db, "C1", "A1", "2026-03-12"), CADRE_ECONFLICT, "already");
  CHECK(count_rows("arrivals") == 1);
  json = callup("2026-03-20");
  CHECK(strstr(json, "\"arrived_on\": \"2026-03-12\"") != NULL || strstr(json, "\"arrived_on\":\"2026-03-12\"") != NULL);
  cadre_free(json);
}

int main(void) {
  test_dir_create("cadre-capi-callup");
  CHECK_OK(cadre_open(&db, db_path));
  CHECK_OK(cadre_unit_add(db, "GOV", "青溪区政府", "government", NULL));
  CHECK_OK(cadre_unit_add(db, "DEPT", "青溪区发改局", "government", "GOV"));
  CHECK_OK(cadre_unit_add(db, "SCHOOL", "市委党校", "party_school", NULL));
  CHECK_OK(cadre_person_add(db, "A1", "王建国", "GOV", NULL));
  CHECK_OK(cadre_person_add(db, "A2", "李秀英", "GOV", NULL));
  CHECK_OK(cadre_person_add(db, "A3", "张伟", "DEPT", NULL));
  cadre_course_options c = CADRE_COURSE_OPTIONS_INIT;
  c.code = "C1";
  c.title = "调训班";
  c.organizer = "SCHOOL";
  c.start = "2026-03-09";
  c.end = "2026-03-13";
  c.capacity = 1;
  CHECK_OK(cadre_course_add(db, &c));
  test_places_and_nominations();
  test_arrival_and_no_show();
  cadre_close(db);
  test_dir_remove();
  printf("test_capi_callup: %d checks passed\n", checks);
  return 0;
}
