/* The presence side of the secondment workflows through the C API (C99): duty trips
 * (cadre_trip_add), spot checks (cadre_spotcheck_add), make-up punches (cadre_checkin_makeup), and
 * their figures in cadre_report_secondment_summary; every failure leaves the database unchanged. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cadre/cadre.h"
#include "capi_test_support.h"

static int64_t sid;

static void setup(void) {
  CHECK_OK(cadre_open(&db, db_path));
  CHECK_OK(cadre_set_actor(db, "c-presence-test"));
  CHECK_OK(cadre_unit_add(db, "QXGOV", "青溪区政府", "government", NULL));
  CHECK_OK(cadre_unit_add(db, "HSTOWN", "河市镇", "township", NULL));
  CHECK_OK(cadre_person_add(db, "A1001", "王建国", "QXGOV", NULL));
  cadre_secondment_options s = CADRE_SECONDMENT_OPTIONS_INIT;
  s.staff_no = "A1001";
  s.from = "QXGOV";
  s.to = "HSTOWN";
  s.post = "副镇长";
  s.start = "2026-03-02";
  s.end = "2026-12-31";
  CHECK_OK(cadre_secondment_add(&sid, db, &s));
}

static void test_trips(void) {
  int64_t id = 0;
  /* Mon 2026-03-09 to Wed 2026-03-11: three working days. */
  CHECK_OK(cadre_trip_add(&id, db, sid, "2026-03-09", "2026-03-11", "县里培训", "县委党校"));
  CHECK(id > 0);
  CHECK(count_rows("trips") == 1);
  int64_t other = 0;
  CHECK_FAILS(cadre_trip_add(&other, db, sid, "2026-03-20", "2026-03-19", "x", NULL), CADRE_EINVALID,
              "to (2026-03-19) is before from (2026-03-20)");
  CHECK_FAILS(cadre_trip_add(&other, db, sid, "2026-02-27", "2026-03-03", "x", NULL), CADRE_EINVALID,
              "from: the trip 2026-02-27 to 2026-03-03 lies outside");
  CHECK_FAILS(cadre_trip_add(&other, db, sid, "2026-03-11", "2026-03-12", "x", NULL), CADRE_ECONFLICT, "trip");
  CHECK_FAILS(cadre_trip_add(&other, db, sid, "2026-03-16", "2026-03-17", NULL, NULL), CADRE_EINVALID, "purpose");
  CHECK_FAILS(cadre_trip_add(&other, db, sid, "2026-03-16", "2026-03-17", "  ", NULL), CADRE_EINVALID, "purpose");
  CHECK_FAILS(cadre_trip_add(&other, db, 999, "2026-03-16", "2026-03-17", "x", NULL), CADRE_ENOTFOUND, "999");
  CHECK_FAILS(cadre_trip_add(NULL, db, sid, "2026-03-16", "2026-03-17", "x", NULL), CADRE_EINVALID, "out_id");
  /* Approved leave: a trip over it is a conflict. */
  int64_t leave = 0;
  CHECK_OK(cadre_leave_request(&leave, db, sid, "2026-03-23", "2026-03-24", "personal", NULL));
  CHECK_OK(cadre_leave_approve(db, leave, "李书记", "host"));
  CHECK_FAILS(cadre_trip_add(&other, db, sid, "2026-03-24", "2026-03-25", "x", NULL), CADRE_ECONFLICT, "leave");
}

static void test_spot_checks(void) {
  int64_t id = 0;
  CHECK_OK(cadre_spotcheck_add(&id, db, sid, "2026-03-12", "absent", "组织部", NULL));
  CHECK(id > 0);
  CHECK_OK(cadre_spotcheck_add(&id, db, sid, "2026-03-13", "present", NULL, "在村"));
  CHECK(count_rows("spot_checks") == 2);
  CHECK_FAILS(cadre_spotcheck_add(&id, db, sid, "2027-01-04", "absent", NULL, NULL), CADRE_EINVALID, "on");
  CHECK_FAILS(cadre_spotcheck_add(&id, db, sid, "2026-03-16", "away", NULL, NULL), CADRE_EINVALID, "present, absent");
  CHECK_FAILS(cadre_spotcheck_add(&id, db, sid, "2026-03-16", NULL, NULL, NULL), CADRE_EINVALID, "result");
}

static void test_makeups(void) {
  cadre_checkin_options c = CADRE_CHECKIN_OPTIONS_INIT;
  c.staff_no = "A1001";
  c.at = "2026-03-02T09:00:00+08:00";
  int duplicate = -1;
  int64_t counted = 0;
  CHECK_OK(cadre_checkin_makeup(&duplicate, &counted, db, &c, "忘记打卡", "李书记"));
  CHECK(duplicate == 0 && counted == sid);
  CHECK(count_rows("checkin_makeups") == 1);
  CHECK(query_number("SELECT count(*) FROM checkins c JOIN checkin_makeups m ON m.checkin_id = c.id "
                     "WHERE m.approved_by = '李书记' AND c.source = 'api'") == 1);
  c.at = "2026-03-03T09:00:00+08:00";
  CHECK_FAILS(cadre_checkin_makeup(NULL, NULL, db, &c, NULL, "李书记"), CADRE_EINVALID, "reason");
  CHECK_FAILS(cadre_checkin_makeup(NULL, NULL, db, &c, "忘记打卡", NULL), CADRE_EINVALID, "approved_by");
  CHECK_FAILS(cadre_checkin_makeup(NULL, NULL, db, &c, "忘记打卡", " "), CADRE_EINVALID, "approved_by");
  CHECK_FAILS(cadre_checkin_makeup(NULL, NULL, db, NULL, "r", "a"), CADRE_EINVALID, "opts");
  /* An ordinary check-in the same day as none: the make-up day stays a make-up day. */
  c.at = "2026-03-03T09:00:00+08:00";
  CHECK_OK(cadre_checkin(NULL, NULL, db, &c));
}

static void test_summary(void) {
  cadre_secondment_summary_result r = CADRE_SECONDMENT_SUMMARY_RESULT_INIT;
  CHECK_OK(cadre_report_secondment_summary(&r, db, sid, "2026-03-31"));
  /* Working days 2026-03-02..31: 22; leave 2; present 2 (03-02 make-up, 03-03); trips 3. */
  CHECK(r.working_days == 22);
  CHECK(r.leave_days == 2);
  CHECK(r.present_days == 2);
  CHECK(r.trip_days == 3);
  CHECK(r.makeup_days == 1);
  CHECK(r.days_in_post == 5);
  CHECK(r.spot_check_absences == 1);
  CHECK(r.has_presence_rate && r.presence_rate > 0.2499 && r.presence_rate < 0.2501); /* 5 / 20 */
  cadre_free(r.as_of);
  cadre_free(r.status);
  cadre_free(r.overall_grade);
}

int main(void) {
  test_dir_create("cadre-capi-presence");
  setup();
  test_trips();
  test_spot_checks();
  test_makeups();
  test_summary();
  cadre_close(db);
  test_dir_remove();
  printf("capi presence: %d checks passed\n", checks);
  return 0;
}
