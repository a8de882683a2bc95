/* The secondment part of the C API, tested from C (C99, no C++): periods, check-ins (one and a
 * batch), leave, monthly reports, evaluations and their reports. Every function's success path,
 * then its failures with their codes and messages, and that a failed call writes nothing: the
 * database content is read directly with SQLite, so that does not depend on the library under test. */
#define _POSIX_C_SOURCE 200809L
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cadre/cadre.h"
#include "capi_test_support.h"


/* A day relative to today (UTC), as YYYY-MM-DD: for the one check-in taken "now". */
static void day_from_today(char *out, size_t size, int offset_days) {
  time_t t = time(NULL) + (time_t)offset_days * 86400;
  struct tm tm;
  CHECK(gmtime_r(&t, &tm) != NULL);
  CHECK(strftime(out, size, "%Y-%m-%d", &tm) == 10);
}

static int64_t s1, s2; /* A1001: 2026-03-02..2026-08-31 (batch 2026-1), then 2026-09-01..2026-12-31 */

/* ---------------------------------------------------------------------------------------------- */

static void setup(void) {
  CHECK_OK(cadre_open(&db, db_path));
  CHECK_OK(cadre_set_actor(db, "c-secondment-test"));
  CHECK_OK(cadre_unit_add(db, "QXGOV", "青溪区政府", "government", NULL));
  CHECK_OK(cadre_unit_add(db, "HSTOWN", "河市镇", "township", NULL));
  CHECK_OK(cadre_unit_add(db, "LKTOWN", "柳坑镇", "township", NULL));
  CHECK_OK(cadre_person_add(db, "A1001", "王建国", "QXGOV", NULL));
  CHECK_OK(cadre_person_add(db, "A1002", "李秀英", "QXGOV", NULL));
  CHECK_OK(cadre_person_add(db, "A1003", "赵敏", "QXGOV", NULL));
}

static void test_secondment_add(void) {
  cadre_secondment_options o = CADRE_SECONDMENT_OPTIONS_INIT;
  o.staff_no = "A1001";
  o.from = "QXGOV";
  o.to = "HSTOWN";
  o.post = "副镇长";
  o.start = "2026-03-02";
  o.end = "2026-08-31";
  o.batch = "2026-1";
  o.direction = "down";
  s1 = -7;
  CHECK_OK(cadre_secondment_add(&s1, db, &o));
  CHECK(s1 > 0);
  CHECK(count_rows("secondments") == 1);

  /* Overlapping the first period by one day: a conflict naming the other secondment. */
  cadre_secondment_options next = o;
  next.to = "LKTOWN";
  next.batch = NULL;
  next.direction = NULL;
  next.start = "2026-08-31";
  next.end = "2026-12-31";
  int64_t id = -7;
  CHECK_FAILS(cadre_secondment_add(&id, db, &next), CADRE_ECONFLICT, "overlapping");
  CHECK(id == -7);           /* a failure leaves the out-parameter alone */
  next.start = "2026-09-01"; /* the day after: fine */
  CHECK_OK(cadre_secondment_add(&s2, db, &next));
  CHECK(s2 > s1);

  cadre_secondment_options bad = o;
  bad.staff_no = "A1002";
  bad.start = "2026-02-30";
  CHECK_FAILS(cadre_secondment_add(&id, db, &bad), CADRE_EINVALID, "2026-02-30");
  bad = o;
  bad.staff_no = "A1002";
  bad.end = "2026-03-01";
  CHECK_FAILS(cadre_secondment_add(&id, db, &bad), CADRE_EINVALID, "before");
  bad = o;
  bad.staff_no = "A1002";
  bad.direction = "sideways";
  CHECK_FAILS(cadre_secondment_add(&id, db, &bad), CADRE_EINVALID, "sideways");
  bad = o;
  bad.staff_no = "A1002";
  bad.to = "QXGOV";
  CHECK_FAILS(cadre_secondment_add(&id, db, &bad), CADRE_EINVALID, "host");
  bad = o;
  bad.staff_no = "Z9999";
  CHECK_FAILS(cadre_secondment_add(&id, db, &bad), CADRE_ENOTFOUND, "Z9999");
  bad = o;
  bad.staff_no = "A1002";
  bad.to = "NOPE";
  CHECK_FAILS(cadre_secondment_add(&id, db, &bad), CADRE_ENOTFOUND, "NOPE");
  bad = o;
  bad.post = NULL;
  CHECK_FAILS(cadre_secondment_add(&id, db, &bad), CADRE_EINVALID, "post");
  bad = o;
  bad.version = 2;
  CHECK_FAILS(cadre_secondment_add(&id, db, &bad), CADRE_EINVALID, "version");
  CHECK_FAILS(cadre_secondment_add(&id, db, NULL), CADRE_EINVALID, "opts");
  CHECK_FAILS(cadre_secondment_add(NULL, db, &o), CADRE_EINVALID, "out_id");
  CHECK(id == -7);
  CHECK(count_rows("secondments") == 2);
}

static void test_secondment_extend_and_end(void) {
  /* s1 cannot grow into s2. */
  CHECK_FAILS(cadre_secondment_extend(db, s1, "2026-09-15", "more work"), CADRE_ECONFLICT, "overlap");
  CHECK_FAILS(cadre_secondment_extend(db, s1, "2026-08-31", "same day"), CADRE_EINVALID, "until");
  CHECK_FAILS(cadre_secondment_extend(db, 999999, "2027-01-31", "ghost"), CADRE_ENOTFOUND, "999999");
  CHECK_FAILS(cadre_secondment_extend(db, 0, "2027-01-31", "zero"), CADRE_EINVALID, "not an id");
  CHECK_FAILS(cadre_secondment_extend(db, s2, "2027-02-28", NULL), CADRE_EINVALID, "reason");
  CHECK_FAILS(cadre_secondment_extend(db, s2, "2027-02-28", "   "), CADRE_EINVALID, "reason");
  CHECK_OK(cadre_secondment_extend(db, s2, "2027-02-28", "项目未完成"));
  CHECK(count_rows("secondment_extensions") == 1);

  char key[32];
  snprintf(key, sizeof key, "%lld", (long long)s2);
  char *json = NULL;
  CHECK_OK(cadre_report(&json, db, "secondment_show", key, NULL));
  CHECK(contains(json, "\"extensions\"") && contains(json, "项目未完成") && contains(json, "2027-02-28"));
  cadre_free(json);
  CHECK(cadre_report(&json, db, "secondment_show", NULL, NULL) == CADRE_EINVALID);
  CHECK(json == NULL && contains(cadre_error_last()->message, "key"));
  CHECK(cadre_report(&json, db, "secondment_show", "999999", NULL) == CADRE_ENOTFOUND);

  /* A check-in on 2026-09-10 forbids ending s2 before that day. */
  cadre_checkin_options c = CADRE_CHECKIN_OPTIONS_INIT;
  c.staff_no = "A1001";
  c.at = "2026-09-10T09:00:00+08:00";
  int64_t sid = 0;
  CHECK_OK(cadre_checkin(NULL, &sid, db, &c));
  CHECK(sid == s2);
  CHECK_FAILS(cadre_secondment_end(db, s2, "2026-09-05", "recalled", NULL), CADRE_ECONFLICT, "check-ins after");
  CHECK_FAILS(cadre_secondment_end(db, s2, "2027-03-01", "recalled", NULL), CADRE_EINVALID, "outside");
  CHECK_FAILS(cadre_secondment_end(db, s2, NULL, "recalled", NULL), CADRE_EINVALID, "on");
  CHECK_FAILS(cadre_secondment_end(db, 999999, "2026-09-30", "recalled", NULL), CADRE_ENOTFOUND, "999999");
  CHECK_OK(cadre_secondment_end(db, s2, "2026-09-30", "工作调整", "区委组织部"));
  CHECK_OK(cadre_report(&json, db, "secondment_show", key, NULL));
  CHECK(contains(json, "工作调整") && contains(json, "区委组织部"));
  cadre_free(json);
  CHECK_FAILS(cadre_secondment_end(db, s2, "2026-09-29", "again", NULL), CADRE_ECONFLICT, "already ended");
  CHECK_FAILS(cadre_secondment_extend(db, s2, "2027-06-30", "revive"), CADRE_ECONFLICT, "ended early");
}

static void test_checkin(void) {
  cadre_checkin_options c = CADRE_CHECKIN_OPTIONS_INIT;
  c.staff_no = "A1001";
  c.at = "2026-03-02T08:31:00+08:00";
  c.kind = "field";
  c.place = "河市镇白鹤村";
  c.has_position = 1;
  c.lat = 30.123456;
  c.lon = 120.5;
  int duplicate = -1;
  int64_t sid = -1;
  long before = count_rows("checkins");
  CHECK_OK(cadre_checkin(&duplicate, &sid, db, &c));
  CHECK(duplicate == 0 && sid == s1);
  CHECK(count_rows("checkins") == before + 1);
  /* Recorded as coming through the API, with its place, position and original offset. */
  CHECK(query_number("SELECT count(*) FROM checkins WHERE source = 'api' AND kind = 'field' AND place = '河市镇白鹤村' "
                     "AND lat = 30.123456 AND lon = 120.5 AND offset_minutes = 480") == 1);

  /* The same minute again: ignored, counted, no error, nothing written. */
  c.at = "2026-03-02T08:31:59+08:00";
  char *snap = snapshot();
  CHECK_OK(cadre_checkin(&duplicate, &sid, db, &c));
  CHECK(duplicate == 1 && sid == s1);
  char *after = snapshot();
  CHECK(strcmp(snap, after) == 0);
  free(snap);
  free(after);

  /* Outside the period (the day before s1 starts, and after s2): invalid. */
  cadre_checkin_options bad = c;
  bad.at = "2026-03-01T23:59:00+08:00";
  CHECK_FAILS(cadre_checkin(&duplicate, &sid, db, &bad), CADRE_EINVALID, "outside every secondment");
  CHECK(contains(cadre_error_last()->message, "2026-03-01"));
  bad.at = "2027-03-05T09:00:00+08:00";
  CHECK_FAILS(cadre_checkin(&duplicate, &sid, db, &bad), CADRE_EINVALID, "2027-03-05");
  /* 2026-03-01T16:00Z is already 2026-03-02 in Asia/Shanghai: inside. */
  bad.at = "2026-03-01T16:00:00Z";
  CHECK_OK(cadre_checkin(&duplicate, &sid, db, &bad));
  CHECK(duplicate == 0 && sid == s1);

  bad = c;
  bad.staff_no = "A1003";
  CHECK_FAILS(cadre_checkin(NULL, NULL, db, &bad), CADRE_EINVALID, "no secondment");
  bad.staff_no = "Z9999";
  CHECK_FAILS(cadre_checkin(NULL, NULL, db, &bad), CADRE_ENOTFOUND, "Z9999");
  bad = c;
  bad.lat = 91;
  CHECK_FAILS(cadre_checkin(NULL, NULL, db, &bad), CADRE_EINVALID, "lat");
  bad = c;
  bad.lon = -180.5;
  CHECK_FAILS(cadre_checkin(NULL, NULL, db, &bad), CADRE_EINVALID, "-180.5");
  bad = c;
  volatile double zero = 0.0;
  bad.lat = zero / zero; /* NaN */
  CHECK_FAILS(cadre_checkin(NULL, NULL, db, &bad), CADRE_EINVALID, "not a number");
  bad = c;
  bad.kind = "vacation";
  CHECK_FAILS(cadre_checkin(NULL, NULL, db, &bad), CADRE_EINVALID, "vacation");
  bad = c;
  bad.at = "2026-03-02 25:00";
  CHECK_FAILS(cadre_checkin(NULL, NULL, db, &bad), CADRE_EINVALID, "25:00");
  bad = c;
  bad.staff_no = NULL;
  CHECK_FAILS(cadre_checkin(NULL, NULL, db, &bad), CADRE_EINVALID, "staff_no");
  bad = c;
  bad.version = 0;
  CHECK_FAILS(cadre_checkin(NULL, NULL, db, &bad), CADRE_EINVALID, "version");
  CHECK_FAILS(cadre_checkin(NULL, NULL, db, NULL), CADRE_EINVALID, "opts");

  /* Position without has_position is not recorded; with it, both coordinates are stored. */
  c.at = "2026-03-03T08:00:00+08:00";
  c.has_position = 0;
  CHECK_OK(cadre_checkin(&duplicate, NULL, db, &c));
  CHECK(duplicate == 0);
}

/* at = NULL: now. A secondment around today for A1002 makes it land inside a period whatever the date. */
static void test_checkin_now(void) {
  char start[16], end[16];
  day_from_today(start, sizeof start, -10);
  day_from_today(end, sizeof end, 10);
  cadre_secondment_options o = CADRE_SECONDMENT_OPTIONS_INIT;
  o.staff_no = "A1002";
  o.from = "QXGOV";
  o.to = "LKTOWN";
  o.post = "镇长助理";
  o.start = start;
  o.end = end;
  o.direction = "across";
  int64_t now_id = 0;
  CHECK_OK(cadre_secondment_add(&now_id, db, &o));
  cadre_checkin_options c = CADRE_CHECKIN_OPTIONS_INIT;
  c.staff_no = "A1002";
  int duplicate = -1;
  int64_t sid = 0;
  CHECK_OK(cadre_checkin(&duplicate, &sid, db, &c));
  CHECK(sid == now_id && duplicate == 0);
}

static void test_checkin_batch(void) {
  cadre_checkin_options items[4] = {CADRE_CHECKIN_OPTIONS_INIT, CADRE_CHECKIN_OPTIONS_INIT, CADRE_CHECKIN_OPTIONS_INIT,
                                    CADRE_CHECKIN_OPTIONS_INIT};
  const char *ats[4] = {"2026-03-04T08:30:00+08:00", "2026-03-05T08:30:00+08:00",
                        "2026-03-02T08:31:10+08:00" /* a duplicate of test_checkin's */, "2026-03-05T08:30:30+08:00"};
  for (int i = 0; i < 4; ++i) {
    items[i].staff_no = "A1001";
    items[i].at = ats[i];
  }
  items[1].has_position = 1;
  items[1].lat = 30.1;
  items[1].lon = 120.2;
  int64_t written = -1, duplicates = -1;
  long before = count_rows("checkins");
  CHECK_OK(cadre_checkin_batch(&written, &duplicates, db, items, 4));
  CHECK(written == 2 && duplicates == 2); /* the last one repeats the minute of the second */
  CHECK(count_rows("checkins") == before + 2);
  CHECK(query_number("SELECT count(*) FROM checkins WHERE source = 'api' AND lat = 30.1 AND lon = 120.2") == 1);

  /* Count 0: nothing written, not even an audit entry. */
  written = duplicates = -1;
  char *snap = snapshot();
  CHECK_OK(cadre_checkin_batch(&written, &duplicates, db, NULL, 0));
  CHECK(written == 0 && duplicates == 0);
  char *after = snapshot();
  CHECK(strcmp(snap, after) == 0);
  free(snap);
  free(after);

  /* One bad item refuses the batch; every bad item is named by its position. */
  items[0].at = "2026-03-10T08:30:00+08:00"; /* good and new */
  items[1].at = "2026-02-10T08:30:00+08:00"; /* before s1 */
  items[2].at = "2026-03-11T08:30:00+08:00";
  items[3].staff_no = "A1003"; /* has no secondment */
  written = duplicates = -7;
  CHECK_FAILS(cadre_checkin_batch(&written, &duplicates, db, items, 4), CADRE_EINVALID, "2026-02-10");
  CHECK(contains(cadre_error_last()->message, ":2:") && contains(cadre_error_last()->message, ":4:"));
  CHECK(contains(cadre_error_last()->message, "A1003"));
  CHECK(written == -7 && duplicates == -7);
  items[1].at = "2026-03-12T08:30:00+08:00";
  items[3].staff_no = "A1001";
  items[3].at = "2026-03-13T08:30:00+08:00";
  items[2].version = 2;
  CHECK_FAILS(cadre_checkin_batch(&written, &duplicates, db, items, 4), CADRE_EINVALID, "version");
  CHECK(contains(cadre_error_last()->message, ":3:"));
  items[2].version = CADRE_CHECKIN_OPTIONS_VERSION;
  items[0].version = 0;
  CHECK_FAILS(cadre_checkin_batch(&written, &duplicates, db, items, 4), CADRE_EINVALID, "version");
  items[0].version = CADRE_CHECKIN_OPTIONS_VERSION;
  items[1].staff_no = NULL;
  CHECK_FAILS(cadre_checkin_batch(&written, &duplicates, db, items, 4), CADRE_EINVALID, "checkins:2: staff_no");
  items[1].staff_no = "A1001";
  CHECK_FAILS(cadre_checkin_batch(&written, &duplicates, db, NULL, 2), CADRE_EINVALID, "items");
  CHECK_OK(cadre_checkin_batch(NULL, NULL, db, items, 4)); /* the out-parameters are optional */
}

static void test_leave(void) {
  int64_t l1 = 0, l2 = 0, l3 = 0, l4 = 0;
  CHECK_OK(cadre_leave_request(&l1, db, s1, "2026-04-01", "2026-04-03", "personal", "家中有事"));
  CHECK(l1 > 0);
  CHECK_OK(cadre_leave_approve(db, l1, "张书记", "host")); /* 3 days: host is enough */

  /* 4 days need the district: the host approving is a conflict. */
  CHECK_OK(cadre_leave_request(&l2, db, s1, "2026-05-11", "2026-05-14", "sick", NULL));
  CHECK_FAILS(cadre_leave_approve(db, l2, "张书记", "host"), CADRE_ECONFLICT, "district");
  CHECK(contains(cadre_error_last()->message, "4 days"));
  CHECK_FAILS(cadre_leave_approve(db, l2, "张书记", "village"), CADRE_EINVALID, "village");
  CHECK_FAILS(cadre_leave_approve(db, l2, NULL, "district"), CADRE_EINVALID, "by");
  CHECK_OK(cadre_leave_approve(db, l2, "区委组织部", "district"));
  CHECK_FAILS(cadre_leave_approve(db, l2, "区委组织部", "city"), CADRE_ECONFLICT, "not requested");

  /* 销假: back on the 13th, a day of the leave. */
  CHECK_FAILS(cadre_leave_return(db, l2, "2026-05-15"), CADRE_EINVALID, "outside");
  CHECK_OK(cadre_leave_return(db, l2, "2026-05-13"));
  CHECK_FAILS(cadre_leave_return(db, l2, "2026-05-12"), CADRE_ECONFLICT, "already returned");
  CHECK_FAILS(cadre_leave_cancel(db, l2), CADRE_ECONFLICT, "return");

  CHECK_OK(cadre_leave_request(&l3, db, s1, "2026-06-01", "2026-06-01", "annual", NULL));
  CHECK_OK(cadre_leave_reject(db, l3, "张书记", "防汛期间"));
  CHECK_FAILS(cadre_leave_return(db, l3, "2026-06-01"), CADRE_ECONFLICT, "rejected");
  CHECK_OK(cadre_leave_request(&l4, db, s1, "2026-06-01", "2026-06-02", "official", NULL));
  CHECK_OK(cadre_leave_cancel(db, l4));
  CHECK_FAILS(cadre_leave_cancel(db, l4), CADRE_ECONFLICT, "cancelled");
  CHECK_FAILS(cadre_leave_reject(db, l4, "x", NULL), CADRE_ECONFLICT, "cancelled");
  CHECK(count_rows("leaves") == 4);

  int64_t id = -7;
  CHECK_FAILS(cadre_leave_request(&id, db, s1, "2026-04-03", "2026-04-04", "sick", NULL), CADRE_ECONFLICT, "overlaps");
  CHECK_FAILS(cadre_leave_request(&id, db, s1, "2026-08-31", "2026-09-01", "sick", NULL), CADRE_ECONFLICT, "outside");
  CHECK_FAILS(cadre_leave_request(&id, db, s1, "2026-07-01", "2026-07-02", "holiday", NULL), CADRE_EINVALID, "holiday");
  CHECK_FAILS(cadre_leave_request(&id, db, s1, "2026-07-02", "2026-07-01", "sick", NULL), CADRE_EINVALID, "before");
  CHECK_FAILS(cadre_leave_request(&id, db, 999999, "2026-07-01", "2026-07-02", "sick", NULL), CADRE_ENOTFOUND,
              "999999");
  CHECK_FAILS(cadre_leave_request(&id, db, -3, "2026-07-01", "2026-07-02", "sick", NULL), CADRE_EINVALID, "-3");
  CHECK_FAILS(cadre_leave_request(&id, db, s1, NULL, "2026-07-02", "sick", NULL), CADRE_EINVALID, "from");
  CHECK_FAILS(cadre_leave_request(NULL, db, s1, "2026-07-01", "2026-07-02", "sick", NULL), CADRE_EINVALID, "out_id");
  CHECK(id == -7);
  CHECK_FAILS(cadre_leave_approve(db, 999999, "x", "city"), CADRE_ENOTFOUND, "999999");
  CHECK_FAILS(cadre_leave_reject(db, 999999, "x", NULL), CADRE_ENOTFOUND, "999999");
  CHECK_FAILS(cadre_leave_cancel(db, 999999), CADRE_ENOTFOUND, "999999");
  CHECK_FAILS(cadre_leave_return(db, 999999, "2026-05-13"), CADRE_ENOTFOUND, "999999");
  CHECK_FAILS(cadre_leave_return(db, 0, "2026-05-13"), CADRE_EINVALID, "LEAVE_ID");
}

static void test_monthly_reports(void) {
  CHECK_OK(cadre_log_add(db, s1, "2026-03", "完成村级调研12次", "2026-04-03"));
  CHECK_OK(cadre_log_add(db, s1, "2026-04", "参与防汛准备", NULL)); /* filed today */
  CHECK(count_rows("monthly_reports") == 2);
  CHECK_FAILS(cadre_log_add(db, s1, "2026-03", "again", "2026-04-04"), CADRE_ECONFLICT, "2026-03");
  CHECK_FAILS(cadre_log_add(db, s1, "2026-09", "after the period", NULL), CADRE_EINVALID, "outside");
  CHECK_FAILS(cadre_log_add(db, s1, "2026-13", "no such month", NULL), CADRE_EINVALID, "2026-13");
  CHECK_FAILS(cadre_log_add(db, s1, "2026-05", "filed early", "2026-04-30"), CADRE_EINVALID, "before");
  CHECK_FAILS(cadre_log_add(db, s1, "2026-05", NULL, NULL), CADRE_EINVALID, "text");
  CHECK_FAILS(cadre_log_add(db, 999999, "2026-05", "ghost", NULL), CADRE_ENOTFOUND, "999999");
}

static void test_evaluate(void) {
  cadre_evaluation_options e = CADRE_EVALUATION_OPTIONS_INIT;
  e.period = "midterm";
  e.rater = "host";
  e.conduct = 92;
  e.competence = 90;
  e.diligence = 95.5;
  e.performance = 88;
  e.integrity = 100;
  e.comment = "扎根基层";
  CHECK_OK(cadre_evaluate(db, s1, &e));
  cadre_evaluation_options org = e;
  org.rater = "org";
  org.grade = "competent";
  org.comment = NULL;
  CHECK_OK(cadre_evaluate(db, s1, &org));
  CHECK(count_rows("evaluations") == 2);

  cadre_evaluation_options bad = e;
  bad.rater = "home";
  bad.conduct = 100.5;
  CHECK_FAILS(cadre_evaluate(db, s1, &bad), CADRE_EINVALID, "100.5");
  CHECK(contains(cadre_error_last()->message, "conduct"));
  bad.conduct = 90;
  bad.integrity = -0.5;
  CHECK_FAILS(cadre_evaluate(db, s1, &bad), CADRE_EINVALID, "integrity");
  bad = (cadre_evaluation_options)CADRE_EVALUATION_OPTIONS_INIT; /* scores left unset */
  bad.period = "midterm";
  bad.rater = "home";
  CHECK_FAILS(cadre_evaluate(db, s1, &bad), CADRE_EINVALID, "conduct");
  bad = e;
  bad.rater = "boss";
  CHECK_FAILS(cadre_evaluate(db, s1, &bad), CADRE_EINVALID, "boss");
  bad = e;
  bad.rater = "home";
  bad.grade = "outstanding";
  CHECK_FAILS(cadre_evaluate(db, s1, &bad), CADRE_EINVALID, "outstanding");
  bad = e;
  bad.period = NULL;
  CHECK_FAILS(cadre_evaluate(db, s1, &bad), CADRE_EINVALID, "period");
  CHECK_FAILS(cadre_evaluate(db, s1, &e), CADRE_ECONFLICT, "midterm");
  CHECK_FAILS(cadre_evaluate(db, 999999, &e), CADRE_ENOTFOUND, "999999");
  CHECK_FAILS(cadre_evaluate(db, s1, NULL), CADRE_EINVALID, "opts");
  bad = e;
  bad.version = 9;
  CHECK_FAILS(cadre_evaluate(db, s1, &bad), CADRE_EINVALID, "version");
  /* The boundaries 0 and 100 are scores. */
  bad = e;
  bad.rater = "home";
  bad.conduct = 0;
  bad.integrity = 100;
  CHECK_OK(cadre_evaluate(db, s1, &bad));
}

static void test_reports(void) {
  char key[32];
  snprintf(key, sizeof key, "%lld", (long long)s1);
  cadre_report_options o = CADRE_REPORT_OPTIONS_INIT;
  o.as_of = "2026-06-30";
  char *json = NULL;
  CHECK_OK(cadre_report(&json, db, "secondment", key, &o));
  CHECK(contains(json, "\"presence_rate\": ") && contains(json, "\"working_days\": "));
  CHECK(contains(json, "\"evaluations\"") && contains(json, "\"period\": \"midterm\""));
  CHECK(contains(json, "\"rater\": \"host\"") && contains(json, "\"rater\": \"org\""));
  CHECK(contains(json, "\"overall\"") && contains(json, "\"grade\": \"competent\"")); /* org's explicit grade */
  CHECK(contains(json, "\"as_of\": \"2026-06-30\"") && contains(json, "\"status\": \"active\""));
  /* Presence from what went in through the API: 8 days with check-ins (2026-03-02..05, 10..13);
     leave 2026-04-01..03 and 2026-05-11..12 (the return on the 13th shortened it): 5 working days. */
  int64_t working = 0;
  CHECK_OK(cadre_calendar_workdays(&working, db, "2026-03-02", "2026-06-30"));
  char expect[64];
  snprintf(expect, sizeof expect, "\"working_days\": %lld,", (long long)working);
  CHECK(contains(json, expect));
  CHECK(contains(json, "\"present_days\": 8,") && contains(json, "\"leave_days\": 5,"));
  const char *rate = strstr(json, "\"presence_rate\": ");
  CHECK(rate != NULL);
  double presence = strtod(rate + strlen("\"presence_rate\": "), NULL);
  double want = 8.0 / (double)(working - 5);
  CHECK(presence > want - 1e-4 && presence < want + 1e-4);
  /* Rater scores are the mean of the five (host 93.1, home 74.7); overall 0.5 host + 0.25 org + 0.25 home. */
  CHECK(contains(json, "\"score\": 93.1,") && contains(json, "\"score\": 74.7,"));
  CHECK(contains(json, "\"score\": 88.5,"));
  cadre_free(json);
  static const char *formats[] = {"table", "csv", "md", "html"};
  for (size_t f = 0; f < sizeof formats / sizeof *formats; ++f) {
    o.format = formats[f];
    CHECK_OK(cadre_report(&json, db, "secondment", key, &o));
    CHECK(json != NULL && strlen(json) > 0);
    cadre_free(json);
  }
  o.format = NULL;
  json = (char *)"garbage";
  CHECK(cadre_report(&json, db, "secondment", "999999", &o) == CADRE_ENOTFOUND);
  CHECK(json == NULL && contains(cadre_error_last()->message, "999999"));

  CHECK_OK(cadre_report(&json, db, "secondments", "2026-1", &o));
  CHECK(contains(json, "\"rows\"") && contains(json, "\"excellent_share\"") && contains(json, "王建国"));
  cadre_free(json);

  /* The list: by batch, by host, and periods covering a day (as_of). */
  CHECK_OK(cadre_report(&json, db, "secondment_list", "2026-1", NULL));
  CHECK(contains(json, "副镇长") && !contains(json, "LKTOWN"));
  cadre_free(json);
  cadre_report_options l = CADRE_REPORT_OPTIONS_INIT;
  l.host = "LKTOWN";
  CHECK_OK(cadre_report(&json, db, "secondment_list", NULL, &l));
  CHECK(contains(json, "LKTOWN") && !contains(json, "HSTOWN"));
  cadre_free(json);
  l = (cadre_report_options)CADRE_REPORT_OPTIONS_INIT;
  l.as_of = "2026-09-15";
  CHECK_OK(cadre_report(&json, db, "secondment_list", NULL, &l));
  CHECK(contains(json, "\"start\": \"2026-09-01\"") && !contains(json, "2026-03-02"));
  cadre_free(json);
  CHECK_OK(cadre_report(&json, db, "secondment_list", NULL, NULL));
  CHECK(contains(json, "2026-03-02") && contains(json, "2026-09-01") && contains(json, "A1002"));
  cadre_free(json);
  l.as_of = "2026-09-31";
  CHECK(cadre_report(&json, db, "secondment_list", NULL, &l) == CADRE_EINVALID);
  CHECK(contains(cadre_error_last()->message, "2026-09-31"));
  l = (cadre_report_options)CADRE_REPORT_OPTIONS_INIT;
  l.host = "NOPE";
  CHECK(cadre_report(&json, db, "secondment_list", NULL, &l) == CADRE_ENOTFOUND);
  CHECK(contains(cadre_error_last()->message, "NOPE"));
}

/* Another connection holds the write lock: each kind of write fails with CADRE_ESTORAGE after the
   busy timeout and writes nothing; the handle works again once the lock is gone. */
static void test_storage_locked(void) {
  void *holder = lock_take();
  cadre_db *waiting = open_impatient();
  cadre_checkin_options c = CADRE_CHECKIN_OPTIONS_INIT;
  c.staff_no = "A1001";
  c.at = "2026-03-16T08:30:00+08:00";
  int64_t id = -7;
  /* snapshot() reads through its own connection: a reader is not blocked by the EXCLUSIVE lock in WAL mode. */
  CHECK_FAILS(cadre_checkin(NULL, NULL, waiting, &c), CADRE_ESTORAGE, "locked");
  CHECK_FAILS(cadre_checkin_batch(NULL, NULL, waiting, &c, 1), CADRE_ESTORAGE, "locked");
  CHECK_FAILS(cadre_leave_request(&id, waiting, s1, "2026-07-06", "2026-07-06", "sick", NULL), CADRE_ESTORAGE,
              "locked");
  CHECK_FAILS(cadre_log_add(waiting, s1, "2026-06", "locked out", "2026-07-01"), CADRE_ESTORAGE, "locked");
  CHECK(id == -7);
  lock_release(holder);
  CHECK_OK(cadre_checkin(NULL, NULL, waiting, &c));
  cadre_close(waiting);
}

/* The audit log records every change made here, under the handle's actor. */
static void test_audit(void) {
  char *json = NULL;
  CHECK_OK(cadre_report(&json, db, "audit", NULL, NULL));
  CHECK(contains(json, "c-secondment-test") && contains(json, "evaluation") && contains(json, "leave"));
  cadre_free(json);
  CHECK_OK(cadre_db_check(db));
}

static void test_null_handle_everywhere(void) {
  int64_t n = -7;
  int dup = -7;
  cadre_secondment_options s = CADRE_SECONDMENT_OPTIONS_INIT;
  cadre_checkin_options c = CADRE_CHECKIN_OPTIONS_INIT;
  cadre_evaluation_options e = CADRE_EVALUATION_OPTIONS_INIT;
  char *snap = snapshot();
  int codes[] = {
      cadre_secondment_add(&n, NULL, &s),
      cadre_secondment_extend(NULL, 1, "2027-01-01", "r"),
      cadre_secondment_end(NULL, 1, "2026-05-01", "r", NULL),
      cadre_checkin(&dup, &n, NULL, &c),
      cadre_checkin_batch(&n, &n, NULL, &c, 1),
      cadre_leave_request(&n, NULL, 1, "2026-05-01", "2026-05-02", "sick", NULL),
      cadre_leave_approve(NULL, 1, "x", "host"),
      cadre_leave_reject(NULL, 1, "x", NULL),
      cadre_leave_cancel(NULL, 1),
      cadre_leave_return(NULL, 1, "2026-05-01"),
      cadre_log_add(NULL, 1, "2026-05", "t", NULL),
      cadre_evaluate(NULL, 1, &e),
  };
  for (size_t i = 0; i < sizeof codes / sizeof *codes; ++i) {
    CHECK(codes[i] == CADRE_EINVALID);
  }
  CHECK(n == -7 && dup == -7);
  CHECK(contains(cadre_error_last()->message, "db"));
  char *after = snapshot();
  CHECK(strcmp(snap, after) == 0);
  free(snap);
  free(after);
}

int main(void) {
  test_dir_create("cadre-capi-secondment");

  setup();
  test_secondment_add();
  test_checkin();
  test_secondment_extend_and_end();
  test_checkin_now();
  test_checkin_batch();
  test_leave();
  test_monthly_reports();
  test_evaluate();
  test_reports();
  test_storage_locked();
  test_audit();
  test_null_handle_everywhere();
  cadre_close(db);

  test_dir_remove();
  printf("test_capi_secondment: %d checks passed\n", checks);
  return 0;
}
