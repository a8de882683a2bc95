/* The database file from C (C99, no C++): `db info` as a versioned result struct, and the names by
 * area (cadre_<area>_<verb>) beside their older names, which must keep working unchanged. */
#define _POSIX_C_SOURCE 200809L
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cadre/cadre.h"
#include "capi_test_support.h"

static void test_db_info(void) {
  cadre_db_info_result info = CADRE_DB_INFO_RESULT_INIT;
  CHECK_OK(cadre_db_info(&info, db));
  CHECK(info.version == CADRE_DB_INFO_RESULT_VERSION);
  CHECK(info.schema_version >= 1);
  CHECK(info.schema_version == info.latest_schema_version); /* opening migrated the new file */
  CHECK(info.schema_version == query_number(on_postgres
                                                ? "SELECT value::bigint FROM cadre_meta WHERE key = 'schema_version'"
                                                : "PRAGMA user_version"));
  CHECK(info.timezone != NULL && strcmp(info.timezone, "Asia/Shanghai") == 0);
  cadre_free(info.timezone);

  /* The time zone is the database's setting, read on each call. */
  CHECK_OK(cadre_settings_set(db, "timezone", "Europe/Berlin"));
  cadre_db_info_result again = CADRE_DB_INFO_RESULT_INIT;
  CHECK_OK(cadre_db_info(&again, db));
  CHECK(strcmp(again.timezone, "Europe/Berlin") == 0);
  cadre_free(again.timezone);
  CHECK_OK(cadre_settings_set(db, "timezone", "Asia/Shanghai"));
}

static void test_db_info_refusals(void) {
  CHECK(cadre_db_info(NULL, db) == CADRE_EINVALID);
  CHECK(contains(cadre_error_last()->message, "out"));

  cadre_db_info_result info = CADRE_DB_INFO_RESULT_INIT;
  CHECK(cadre_db_info(&info, NULL) == CADRE_EINVALID);
  CHECK(contains(cadre_error_last()->message, "db"));
  CHECK(info.timezone == NULL); /* a failure leaves *out as it was */

  cadre_db_info_result future = CADRE_DB_INFO_RESULT_INIT;
  future.version = 99;
  CHECK(cadre_db_info(&future, db) == CADRE_EINVALID);
  CHECK(contains(cadre_error_last()->message, "unsupported version 99"));
  CHECK(future.timezone == NULL && future.schema_version == 0);
}

/* The names by area do what the older names do: a few calls through each kind of signature. */
static void test_names_by_area(void) {
  cadre_db *other = NULL;
  CHECK_OK(cadre_db_open(&other, db_path));
  CHECK_OK(cadre_db_set_actor(other, "c-store-test"));
  CHECK_OK(cadre_unit_add(other, "QXGOV", "青溪区政府", "government", NULL));
  CHECK_OK(cadre_person_add(other, "A1001", "王建国", "QXGOV", NULL));

  char *by_new = NULL, *by_old = NULL;
  CHECK_OK(cadre_report_text(&by_new, other, "people", NULL, NULL));
  CHECK_OK(cadre_report(&by_old, db, "people", NULL, NULL));
  CHECK(by_new && by_old && strcmp(by_new, by_old) == 0 && contains(by_new, "A1001"));
  cadre_free(by_new);
  cadre_free(by_old);

  int64_t new_days = 0, old_days = 0;
  CHECK_OK(cadre_calendar_count_workdays(&new_days, other, "2026-02-01", "2026-02-28"));
  CHECK_OK(cadre_calendar_workdays(&old_days, other, "2026-02-01", "2026-02-28"));
  CHECK(new_days == old_days && new_days > 0);

  /* Failures come back the same way: code, message, nothing written. */
  CHECK_FAILS(cadre_course_enrol(NULL, other, "NOPE", "A1001"), CADRE_ENOTFOUND, "NOPE");
  CHECK_FAILS(cadre_enrol(NULL, other, "NOPE", "A1001"), CADRE_ENOTFOUND, "NOPE");
  cadre_checkin_options c = CADRE_CHECKIN_OPTIONS_INIT;
  c.staff_no = "A1001";
  c.at = "2026-03-02T08:31:00+08:00";
  CHECK_FAILS(cadre_checkin_add(NULL, NULL, other, &c), CADRE_EINVALID, "A1001");
  char *summary = NULL;
  CHECK_FAILS(cadre_import_file(&summary, other, "nothing", "/nonexistent.csv", NULL), CADRE_EUSAGE, "nothing");
  CHECK(summary == NULL);

  cadre_open_options quick = CADRE_OPEN_OPTIONS_INIT;
  quick.must_exist = 1;
  cadre_db *missing = NULL;
  char absent[400];
  snprintf(absent, sizeof absent, "%s/absent.db", dir);
  CHECK(cadre_db_open_ext(&missing, absent, &quick) == CADRE_ENOTFOUND);
  CHECK(missing == NULL);
  cadre_db_close(other);
  cadre_db_close(NULL);
}

int main(void) {
  test_dir_create("cadre-capi-store");
  CHECK_OK(cadre_open(&db, db_path));
  test_db_info();
  test_db_info_refusals();
  test_names_by_area();
  cadre_close(db);
  test_dir_remove();
  printf("test_capi_store: %d checks passed\n", checks);
  return 0;
}
