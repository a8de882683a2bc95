/* Completion certificates from C: cadre_certificate_issue to the completers only (a named
 * non-completer CADRE_ECONFLICT naming why, nothing written), numbers never reused after
 * cadre_certificate_revoke (twice: CADRE_ECONFLICT), verify and show through cadre_report kinds
 * "certificate" and "certificate_show" (an unknown number CADRE_ENOTFOUND). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cadre/cadre.h"
#include "capi_json_support.h"
#include "capi_test_support.h"

static void setup_course(void) {
  CHECK_OK(cadre_unit_add(db, "SZDX", "市委党校", "party_school", NULL));
  const char *people[][2] = {{"A1001", "王建国"}, {"A1002", "李秀英"}, {"A1003", "张伟"}};
  for (int i = 0; i < 3; ++i) CHECK_OK(cadre_person_add(db, people[i][0], people[i][1], "SZDX", NULL));
  cadre_course_options c = CADRE_COURSE_OPTIONS_INIT;
  c.code = "C1";
  c.title = "青年干部培训班";
  c.organizer = "SZDX";
  c.start = "2026-03-09";
  c.end = "2026-03-10";
  CHECK_OK(cadre_course_add(db, &c));
  CHECK_OK(cadre_session_add(NULL, db, "C1", "2026-03-09", "08:30", "12:00", "一", NULL));
  const char *all[] = {"A1001", "A1002", "A1003"};
  CHECK_OK(cadre_enrol_batch(NULL, db, "C1", all, 3));
  CHECK_OK(cadre_attend(db, "C1", 1, all, 2, "present", NULL));
  CHECK_OK(cadre_attend(db, "C1", 1, all + 2, 1, "absent", NULL)); /* A1003: unexcused_absence */
}

static void test_issue(void) {
  char *before = snapshot();
  char *json = (char *)"untouched";
  const char *named[] = {"A1001", "A1003"};
  CHECK_FAILS(cadre_certificate_issue(&json, db, "C1", named, 2, "2026-03-11"), CADRE_ECONFLICT, "A1003");
  CHECK(contains(cadre_error_last()->message, "unexcused_absence"));
  CHECK(json == NULL);
  CHECK_FAILS(cadre_certificate_issue(NULL, db, "NOPE", NULL, 0, NULL), CADRE_ENOTFOUND, "NOPE");
  CHECK_FAILS(cadre_certificate_issue(NULL, db, NULL, NULL, 0, NULL), CADRE_EINVALID, "course");
  CHECK_FAILS(cadre_certificate_issue(NULL, db, "C1", NULL, 2, NULL), CADRE_EINVALID, "staff_nos");
  CHECK_FAILS(cadre_certificate_issue(NULL, db, "C1", NULL, 0, "2026-03-09"), CADRE_EINVALID, "on");
  const char *unknown[] = {"Z9"};
  CHECK_FAILS(cadre_certificate_issue(NULL, db, "C1", unknown, 1, "2026-03-11"), CADRE_ENOTFOUND, "Z9");
  char *after = snapshot();
  CHECK(strcmp(before, after) == 0);
  free(before);
  free(after);
  CHECK(count_rows("certificates") == 0);

  CHECK_OK(cadre_certificate_issue(&json, db, "C1", NULL, 0, "2026-03-11"));
  CHECK(contains(json, "\"issued\": [\n    {\n      \"number\": \"C1-001\",\n      \"staff_no\": \"A1001\""));
  CHECK(contains(json, "\"number\": \"C1-002\""));
  CHECK(!contains(json, "A1003"));
  CHECK(contains(json, "\"skipped\": []"));
  cadre_free(json);
  CHECK(count_rows("certificates") == 2);
  /* A second issue to a valid holder: skipped, no new number. */
  CHECK_OK(cadre_certificate_issue(&json, db, "C1", named, 1, "2026-03-11"));
  CHECK(contains(json, "\"issued\": []"));
  CHECK(contains(json, "\"skipped\": [\n    {\n      \"number\": \"C1-001\""));
  cadre_free(json);
  CHECK(count_rows("certificates") == 2);
}

static void test_revoke_verify_show(void) {
  CHECK_OK(cadre_certificate_revoke(db, "C1-001", "姓名有误", "2026-03-12"));
  char *before = snapshot();
  CHECK_FAILS(cadre_certificate_revoke(db, "C1-001", "again", NULL), CADRE_ECONFLICT, "C1-001");
  CHECK_FAILS(cadre_certificate_revoke(db, "C1-999", "x", NULL), CADRE_ENOTFOUND, "C1-999");
  CHECK_FAILS(cadre_certificate_revoke(db, "C1-002", NULL, NULL), CADRE_EINVALID, "reason");
  CHECK_FAILS(cadre_certificate_revoke(db, "C1-002", "x", "2026-03-10"), CADRE_EINVALID, "on");
  char *after = snapshot();
  CHECK(strcmp(before, after) == 0);
  free(before);
  free(after);

  /* A new certificate for the revoked holder: the next number, not the revoked one. */
  const char *one[] = {"A1001"};
  char *json = NULL;
  CHECK_OK(cadre_certificate_issue(&json, db, "C1", one, 1, "2026-03-12"));
  CHECK(contains(json, "\"number\": \"C1-003\""));
  cadre_free(json);

  json = report_json("certificate", "C1-001", NULL);
  CHECK(contains(json, "\"status\": \"revoked\""));
  CHECK(contains(json, "\"revoked_reason\": \"姓名有误\""));
  CHECK(contains(json, "\"revoked_on\": \"2026-03-12\""));
  CHECK(contains(json, "\"grade\": \"pass\""));
  CHECK(json_number(json, "\"certificate\"", "hours") == 3.5);
  cadre_free(json);
  json = report_json("certificate", "C1-003", NULL);
  CHECK(contains(json, "\"status\": \"valid\""));
  CHECK(json_is_null(json, "\"certificate\"", "revoked_reason"));
  cadre_free(json);

  cadre_report_options o = CADRE_REPORT_OPTIONS_INIT;
  o.format = "html";
  o.lang = "zh";
  char *html = NULL;
  CHECK_OK(cadre_report(&html, db, "certificate_show", "C1-003", &o));
  CHECK(contains(html, "<h1>结业证书</h1>"));
  CHECK(contains(html, "证书编号：C1-003"));
  CHECK(contains(html, "<svg xmlns=\"http://www.w3.org/2000/svg\""));
  cadre_free(html);
  html = (char *)"untouched";
  CHECK_FAILS(cadre_report(&html, db, "certificate", "C1-999", &o), CADRE_ENOTFOUND, "C1-999");
  CHECK(html == NULL);
  CHECK_FAILS(cadre_report(&html, db, "certificate_show", NULL, &o), CADRE_EINVALID, "key");
}

int main(void) {
  test_dir_create("cadre-capi-certificates");
  CHECK_OK(cadre_open(&db, db_path));
  setup_course();
  test_issue();
  test_revoke_verify_show();
  CHECK_OK(cadre_db_check(db));
  cadre_close(db);
  test_dir_remove();
  printf("test_capi_certificates: %d checks passed\n", checks);
  return 0;
}
