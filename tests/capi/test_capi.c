/* The C API, tested from C (C99, no C++): every function's success path, the failures with their
 * codes and messages, and that a failed call writes nothing. The database content is read directly
 * with SQLite so "nothing was written" does not depend on the library under test. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cadre/cadre.h"
#include "capi_test_support.h"

#ifndef CADRE_TEST_VERSION
#error "CADRE_TEST_VERSION must be defined (the project version)"
#endif

static void path_in_dir(char *out, size_t size, const char *name) { snprintf(out, size, "%s/%s", dir, name); }

static void write_file(const char *name, const char *text) {
  char path[400];
  path_in_dir(path, sizeof path, name);
  FILE *f = fopen(path, "w");
  CHECK(f != NULL);
  fputs(text, f);
  fclose(f);
}


/* ---------------------------------------------------------------------------------------------- */

static void test_errors_before_any_call(void) {
  const cadre_error *e = cadre_error_last();
  CHECK(e != NULL);
  CHECK(e->code == CADRE_OK);
  CHECK(e->message != NULL && e->message[0] == '\0');
}

static void test_version(void) {
  CHECK(strcmp(cadre_version(), CADRE_TEST_VERSION) == 0);
  int major, minor, patch;
  CHECK(sscanf(cadre_version(), "%d.%d.%d", &major, &minor, &patch) == 3);
}

static void test_open_close(void) {
  cadre_db *other = (cadre_db *)&other; /* garbage the call must overwrite */
  CHECK(cadre_open(NULL, db_path) == CADRE_EINVALID);
  CHECK(contains(cadre_error_last()->message, "out"));
  CHECK(cadre_open(&other, NULL) == CADRE_EINVALID);
  CHECK(other == NULL);
  CHECK(contains(cadre_error_last()->message, "path"));

  char missing[400];
  path_in_dir(missing, sizeof missing, "missing.db");
  cadre_open_options must = CADRE_OPEN_OPTIONS_INIT;
  must.must_exist = 1;
  CHECK(cadre_open_ext(&other, missing, &must) == CADRE_ENOTFOUND);
  CHECK(contains(cadre_error_last()->message, "missing.db"));
  CHECK(access(missing, F_OK) != 0);

  cadre_open_options future = CADRE_OPEN_OPTIONS_INIT;
  future.version = 99;
  CHECK(cadre_open_ext(&other, db_path, &future) == CADRE_EINVALID);
  CHECK(contains(cadre_error_last()->message, "version"));
  cadre_open_options negative = CADRE_OPEN_OPTIONS_INIT;
  negative.busy_timeout_ms = -1;
  CHECK(cadre_open_ext(&other, db_path, &negative) == CADRE_EINVALID);

  char bad_dir[400];
  path_in_dir(bad_dir, sizeof bad_dir, "a-file");
  write_file("a-file", "not a directory\n");
  char under_file[450];
  snprintf(under_file, sizeof under_file, "%s/x.db", bad_dir);
  CHECK(cadre_open(&other, under_file) == CADRE_ESTORAGE);
  CHECK(contains(cadre_error_last()->message, "x.db"));

  CHECK(cadre_open(&db, db_path) == CADRE_OK); /* creates and migrates */
  CHECK(db != NULL);
  CHECK(cadre_error_last()->code == CADRE_OK && cadre_error_last()->message[0] == '\0');
  CHECK(on_postgres || access(db_path, F_OK) == 0); /* a file on SQLite */
  CHECK(count_rows("units") == 0);

  /* A second handle on the same file, then closed; close(NULL) is fine. */
  CHECK_OK(cadre_open_ext(&other, db_path, &must));
  cadre_close(other);
  cadre_close(NULL);
}

static void test_actor(void) {
  CHECK_OK(cadre_set_actor(db, "c-test"));
  CHECK(cadre_set_actor(NULL, "x") == CADRE_EINVALID);
  CHECK(contains(cadre_error_last()->message, "db"));
  CHECK(cadre_set_actor(db, NULL) == CADRE_EINVALID);
  CHECK(cadre_set_actor(db, "") == CADRE_EINVALID);
  CHECK_OK(cadre_set_language("zh"));
  CHECK_OK(cadre_set_language("en"));
  CHECK(cadre_set_language(NULL) == CADRE_EINVALID);
  CHECK(cadre_set_language("fr") == CADRE_EINVALID);
  CHECK(contains(cadre_error_last()->message, "fr"));
}

static void test_units(void) {
  CHECK_OK(cadre_unit_add(db, "QXORG", "青溪区委组织部", "org_dept", NULL));
  CHECK_OK(cadre_unit_add(db, "QXGOV", "青溪区政府", NULL, "QXORG"));
  CHECK(count_rows("units") == 2);
  CHECK_FAILS(cadre_unit_add(db, "QXNEW", "New", NULL, "NOPE"), CADRE_ENOTFOUND, "NOPE");
  CHECK_FAILS(cadre_unit_add(db, "QXORG", "Again", NULL, NULL), CADRE_ECONFLICT, "QXORG");
  CHECK_FAILS(cadre_unit_add(db, "QXBAD", "Bad", "nonsense", NULL), CADRE_EINVALID, "nonsense");
  CHECK_FAILS(cadre_unit_add(db, "QXSELF", "Self", NULL, "QXSELF"), CADRE_EINVALID, "parent");
  CHECK_FAILS(cadre_unit_add(db, NULL, "No code", NULL, NULL), CADRE_EINVALID, "code");
  CHECK_FAILS(cadre_unit_add(db, "QXX", NULL, NULL, NULL), CADRE_EINVALID, "name");
  CHECK_FAILS(cadre_unit_add(NULL, "QXX", "x", NULL, NULL), CADRE_EINVALID, "db");
  CHECK(count_rows("units") == 2);
  CHECK(count_rows("audit_log") == 2);
}

static void test_people(void) {
  cadre_person_options o = CADRE_PERSON_OPTIONS_INIT;
  o.tier = "leader";
  o.rank = "四级调研员";
  o.gender = "m";
  o.birth = "1978-05-12";
  o.id_number = "330102197805120015";
  CHECK_OK(cadre_person_add(db, "A1001", "王建国", "QXGOV", &o));
  CHECK_OK(cadre_person_add(db, "A1002", "李秀英", "QXGOV", NULL));
  CHECK(count_rows("people") == 2);

  CHECK_FAILS(cadre_person_add(db, "A1003", "Nobody", "NOPE", NULL), CADRE_ENOTFOUND, "NOPE");
  CHECK_FAILS(cadre_person_add(db, "A1001", "Twice", "QXGOV", NULL), CADRE_ECONFLICT, "A1001");
  cadre_person_options bad = CADRE_PERSON_OPTIONS_INIT;
  bad.birth = "1978-13-40";
  CHECK_FAILS(cadre_person_add(db, "A1003", "Bad birth", "QXGOV", &bad), CADRE_EINVALID, "1978-13-40");
  bad = (cadre_person_options)CADRE_PERSON_OPTIONS_INIT;
  bad.gender = "x";
  CHECK_FAILS(cadre_person_add(db, "A1003", "Bad gender", "QXGOV", &bad), CADRE_EINVALID, "gender");
  bad = (cadre_person_options)CADRE_PERSON_OPTIONS_INIT;
  bad.version = 0;
  CHECK_FAILS(cadre_person_add(db, "A1003", "Zero version", "QXGOV", &bad), CADRE_EINVALID, "version");
  CHECK_FAILS(cadre_person_add(db, "A1003", NULL, "QXGOV", NULL), CADRE_EINVALID, "name");
  CHECK_FAILS(cadre_person_add(db, "A1003", "No unit", NULL, NULL), CADRE_EINVALID, "unit");
  CHECK_FAILS(cadre_person_add(db, NULL, "No number", "QXGOV", NULL), CADRE_EINVALID, "staff_no");

  cadre_person_options change = CADRE_PERSON_OPTIONS_INIT;
  change.rank = "一级主任科员";
  CHECK_OK(cadre_person_update(db, "A1002", NULL, "QXORG", &change));
  char *json = NULL;
  CHECK_OK(cadre_report(&json, db, "people", "QXORG", NULL));
  CHECK(contains(json, "\"A1002\"") && contains(json, "一级主任科员") && !contains(json, "\"A1001\""));
  cadre_free(json);
  /* The ID number is never printed unmasked. */
  CHECK_OK(cadre_report(&json, db, "people", NULL, NULL));
  CHECK(contains(json, "330102********0015") && !contains(json, "330102197805120015"));
  cadre_free(json);

  CHECK_FAILS(cadre_person_update(db, "Z9999", "Ghost", NULL, NULL), CADRE_ENOTFOUND, "Z9999");
  change = (cadre_person_options)CADRE_PERSON_OPTIONS_INIT;
  change.tier = "chief";
  CHECK_FAILS(cadre_person_update(db, "A1002", NULL, NULL, &change), CADRE_EINVALID, "chief");
  CHECK_FAILS(cadre_person_update(db, "A1002", NULL, "NOPE", NULL), CADRE_ENOTFOUND, "NOPE");
}

static void test_settings(void) {
  char *value = (char *)"garbage";
  CHECK_OK(cadre_settings_get(&value, db, "timezone"));
  CHECK(strcmp(value, "Asia/Shanghai") == 0);
  cadre_free(value);
  CHECK_OK(cadre_settings_set(db, "min_presence", "0.9"));
  CHECK_OK(cadre_settings_get(&value, db, "min_presence"));
  CHECK(strcmp(value, "0.9") == 0);
  cadre_free(value);

  value = (char *)"garbage";
  CHECK(cadre_settings_get(&value, db, "nokey") == CADRE_EINVALID);
  CHECK(value == NULL);
  CHECK(contains(cadre_error_last()->message, "nokey"));
  CHECK(cadre_settings_get(NULL, db, "timezone") == CADRE_EINVALID);
  CHECK_FAILS(cadre_settings_set(db, "min_presence", "2"), CADRE_EINVALID, "min_presence");
  CHECK_FAILS(cadre_settings_set(db, "timezone", "Mars/Olympus"), CADRE_EINVALID, "Mars/Olympus");
  CHECK_FAILS(cadre_settings_set(db, "nokey", "1"), CADRE_EINVALID, "nokey");
  CHECK_FAILS(cadre_settings_set(db, "min_presence", NULL), CADRE_EINVALID, "value");
}

static void test_reports(void) {
  static const char *formats[] = {"json", "table", "csv", "md", "html"};
  static const char *kinds[] = {"units", "people", "settings", "audit"};
  for (size_t k = 0; k < sizeof kinds / sizeof *kinds; ++k) {
    for (size_t f = 0; f < sizeof formats / sizeof *formats; ++f) {
      cadre_report_options o = CADRE_REPORT_OPTIONS_INIT;
      o.format = formats[f];
      char *text = NULL;
      CHECK_OK(cadre_report(&text, db, kinds[k], NULL, &o));
      CHECK(text != NULL && strlen(text) > 0);
      cadre_free(text);
    }
  }
  char *text = NULL;
  CHECK_OK(cadre_report(&text, db, "units", NULL, NULL)); /* NULL options: json, en */
  CHECK(text[0] == '{' && contains(text, "\"code\": \"QXORG\"") && contains(text, "\"code\": \"QXGOV\""));
  cadre_free(text);
  CHECK_OK(cadre_report(&text, db, "audit", NULL, NULL));
  CHECK(contains(text, "c-test")); /* the actor of cadre_set_actor */
  cadre_free(text);
  CHECK_OK(cadre_report(&text, db, "calendar", "2026-02", NULL));
  CHECK(contains(text, "2026-02-17"));
  cadre_free(text);

  /* The language: labels in Chinese, and the thread's message language is left as it was. */
  cadre_report_options zh = CADRE_REPORT_OPTIONS_INIT;
  zh.format = "table";
  zh.lang = "zh";
  char *en_text = NULL;
  CHECK_OK(cadre_report(&text, db, "settings", NULL, &zh));
  zh.lang = "en";
  CHECK_OK(cadre_report(&en_text, db, "settings", NULL, &zh));
  CHECK(strcmp(text, en_text) != 0 && contains(text, "设置"));
  cadre_free(text);
  cadre_free(en_text);
  CHECK(cadre_unit_add(db, "QXORG", "x", NULL, NULL) == CADRE_ECONFLICT);
  CHECK(contains(cadre_error_last()->message, "already exists"));

  /* Version 1 of the options (the four fields of DESIGN.md) is read without the later fields. */
  cadre_report_options v1 = CADRE_REPORT_OPTIONS_INIT;
  v1.version = 1;
  v1.format = "csv";
  v1.unit = (const char *)1; /* past a version-1 struct: must not be read */
  CHECK_OK(cadre_report(&text, db, "units", NULL, &v1));
  CHECK(contains(text, "QXORG,"));
  cadre_free(text);
  cadre_report_options v3 = CADRE_REPORT_OPTIONS_INIT;
  v3.version = CADRE_REPORT_OPTIONS_VERSION + 1;
  text = (char *)"garbage";
  CHECK(cadre_report(&text, db, "units", NULL, &v3) == CADRE_EINVALID);
  CHECK(text == NULL && contains(cadre_error_last()->message, "version"));

  /* xlsx: binary, only through cadre_report_bytes. */
  cadre_report_options xlsx = CADRE_REPORT_OPTIONS_INIT;
  xlsx.format = "xlsx";
  CHECK(cadre_report(&text, db, "units", NULL, &xlsx) == CADRE_EINVALID);
  CHECK(contains(cadre_error_last()->message, "cadre_report_bytes"));
  size_t len = 0;
  int rc = cadre_report_bytes(&text, &len, db, "units", NULL, &xlsx);
  if (rc == CADRE_OK) { /* a zip file: NUL bytes inside, the length tells where it ends */
    CHECK(len > 100 && text[0] == 'P' && text[1] == 'K' && text[len] == '\0' && memchr(text, '\0', len) != NULL);
    cadre_free(text);
  } else { /* while the xlsx renderer is not built, the refusal is a clean one */
    CHECK(rc == CADRE_EINVALID && text == NULL && contains(cadre_error_last()->message, "xlsx"));
  }
  CHECK_OK(cadre_report_bytes(&text, &len, db, "people", NULL, NULL));
  CHECK(len == strlen(text) && text[0] == '{');
  cadre_free(text);
  CHECK(cadre_report_bytes(&text, NULL, db, "units", NULL, NULL) == CADRE_EINVALID);

  cadre_report_options bad = CADRE_REPORT_OPTIONS_INIT;
  bad.format = "pdf";
  CHECK(cadre_report(&text, db, "units", NULL, &bad) == CADRE_EINVALID);
  CHECK(contains(cadre_error_last()->message, "pdf"));
  bad = (cadre_report_options)CADRE_REPORT_OPTIONS_INIT;
  bad.lang = "fr";
  CHECK(cadre_report(&text, db, "units", NULL, &bad) == CADRE_EINVALID);
  CHECK(cadre_report(&text, db, "people", "NOPE", NULL) == CADRE_ENOTFOUND);
  CHECK(text == NULL && contains(cadre_error_last()->message, "NOPE"));
  CHECK(cadre_report(&text, db, "nonsense", NULL, NULL) == CADRE_EUSAGE);
  CHECK(contains(cadre_error_last()->message, "nonsense"));
  CHECK(cadre_report(&text, db, NULL, NULL, NULL) == CADRE_EINVALID);
  CHECK(cadre_report(&text, NULL, "units", NULL, NULL) == CADRE_EINVALID);
  CHECK(cadre_report(NULL, db, "units", NULL, NULL) == CADRE_EINVALID);
  CHECK(cadre_report(&text, db, "calendar", NULL, NULL) == CADRE_EINVALID);
  CHECK(cadre_report(&text, db, "course", NULL, NULL) == CADRE_EINVALID);
  CHECK(contains(cadre_error_last()->message, "key"));

  /* The domain reports: an unknown key fails with a negative code and a message (the builders are
     completed by the training and secondment areas; the failure path is the contract here). */
  static const char *keyed[][2] = {{"course", "NOCOURSE"}, {"person", "Z9999"}, {"secondment", "999999"},
                                   {"secondments", "NOBATCH"}, {"hours", "1800"}};
  for (size_t i = 0; i < sizeof keyed / sizeof *keyed; ++i) {
    cadre_report_options o = CADRE_REPORT_OPTIONS_INIT;
    o.as_of = "2026-06-30";
    text = (char *)"garbage";
    int rc = cadre_report(&text, db, keyed[i][0], keyed[i][1], &o);
    if (rc == CADRE_OK) { /* a real builder may answer with an empty report for a filter */
      CHECK(text != NULL && text[0] == '{');
      cadre_free(text);
      continue;
    }
    CHECK(rc < 0 && rc == cadre_error_last()->code);
    CHECK(text == NULL && cadre_error_last()->message[0] != '\0');
  }
}

static void test_imports(void) {
  write_file("units.csv", "\xEF\xBB\xBF" "code,name,kind,parent\nSZORG,市委组织部,org_dept,\nSZDX,市委党校,party_school,SZORG\n");
  char path[400];
  path_in_dir(path, sizeof path, "units.csv");
  char *json = (char *)"garbage";

  cadre_import_options dry = CADRE_IMPORT_OPTIONS_INIT;
  dry.dry_run = 1;
  char *before = snapshot();
  CHECK_OK(cadre_import(&json, db, "units", path, &dry));
  CHECK(contains(json, "\"rows\": 2") && contains(json, "\"dry_run\": true"));
  cadre_free(json);
  char *after = snapshot();
  CHECK(strcmp(before, after) == 0);
  free(before);
  free(after);

  CHECK_OK(cadre_import(&json, db, "units", path, NULL));
  CHECK(contains(json, "\"written\": 2") && contains(json, "\"dry_run\": false"));
  cadre_free(json);
  CHECK(count_rows("units") == 4);

  write_file("people.csv",
             "staff_no,name,unit,tier\nB2001,张伟,SZDX,general\nB2002,赵敏,NOPE,general\nB2003,钱进,SZDX,chief\n");
  path_in_dir(path, sizeof path, "people.csv");
  CHECK_FAILS(cadre_import(NULL, db, "people", path, NULL), CADRE_ENOTFOUND, ":3:");
  CHECK(contains(cadre_error_last()->message, ":4:")); /* every bad row is reported */
  CHECK(contains(cadre_error_last()->message, "NOPE") && contains(cadre_error_last()->message, "chief"));
  CHECK(count_rows("people") == 2);
  CHECK_FAILS(cadre_import(NULL, db, "bogus", path, NULL), CADRE_EUSAGE, "bogus");
  path_in_dir(path, sizeof path, "no-such.csv");
  CHECK_FAILS(cadre_import(NULL, db, "units", path, NULL), CADRE_ENOTFOUND, "no-such.csv");
  CHECK_FAILS(cadre_import(NULL, db, "units", NULL, NULL), CADRE_EINVALID, "path");
  cadre_import_options future = CADRE_IMPORT_OPTIONS_INIT;
  future.version = 2;
  CHECK_FAILS(cadre_import(NULL, db, "units", path, &future), CADRE_EINVALID, "version");
}

static void test_calendar(void) {
  int64_t days = -1;
  CHECK_OK(cadre_calendar_workdays(&days, db, "2026-02-01", "2026-02-28"));
  CHECK(days == 16); /* the Spring Festival holidays and make-up days of the 2026 seed */
  CHECK_OK(cadre_calendar_workdays(&days, db, "2026-01-01", "2026-12-31"));
  CHECK(days == 248);
  days = 77;
  CHECK(cadre_calendar_workdays(&days, db, "2026-02-30", "2026-03-01") == CADRE_EINVALID);
  CHECK(days == 77 && contains(cadre_error_last()->message, "2026-02-30"));
  CHECK(cadre_calendar_workdays(&days, db, "2026-03-01", "2026-02-01") == CADRE_EINVALID);
  CHECK(cadre_calendar_workdays(NULL, db, "2026-03-01", "2026-03-02") == CADRE_EINVALID);
  CHECK(cadre_calendar_workdays(&days, db, NULL, "2026-03-02") == CADRE_EINVALID);

  /* 2027-01-01 is a Friday: a working day until the holiday is imported. */
  CHECK_OK(cadre_calendar_workdays(&days, db, "2027-01-01", "2027-01-01"));
  CHECK(days == 1);
  write_file("cal.csv", "date,kind,name,name_zh\n2027-01-01,holiday,New Year's Day,元旦\n");
  char path[400];
  path_in_dir(path, sizeof path, "cal.csv");
  char *json = NULL;
  CHECK_OK(cadre_calendar_import(&json, db, path, 1));
  cadre_free(json);
  CHECK_OK(cadre_calendar_workdays(&days, db, "2027-01-01", "2027-01-01"));
  CHECK(days == 1); /* dry run */
  CHECK_OK(cadre_calendar_import(&json, db, path, 0));
  CHECK(contains(json, "\"written\": 1"));
  cadre_free(json);
  CHECK_OK(cadre_calendar_workdays(&days, db, "2027-01-01", "2027-01-01"));
  CHECK(days == 0);

  write_file("badcal.csv", "date,kind,name,name_zh\n2027-01-04,holiday,ok,\n2027-01-05,festival,bad,\n");
  path_in_dir(path, sizeof path, "badcal.csv");
  CHECK_FAILS(cadre_calendar_import(NULL, db, path, 0), CADRE_EINVALID, "festival");
  CHECK_OK(cadre_calendar_workdays(&days, db, "2027-01-04", "2027-01-04"));
  CHECK(days == 1);
}

static void test_db_file(void) {
  CHECK_OK(cadre_db_check(db));
  char target[400];
  path_in_dir(target, sizeof target, "backup.db");
  CHECK_OK(cadre_db_backup(db, target));
  cadre_db *copy = NULL;
  cadre_open_options must = CADRE_OPEN_OPTIONS_INIT;
  must.must_exist = 1;
  CHECK_OK(cadre_open_ext(&copy, target, &must));
  CHECK_OK(cadre_db_check(copy));
  char *a = NULL, *b = NULL;
  CHECK_OK(cadre_report(&a, db, "people", NULL, NULL));
  CHECK_OK(cadre_report(&b, copy, "people", NULL, NULL));
  CHECK(strcmp(a, b) == 0);
  cadre_free(a);
  cadre_free(b);
  cadre_close(copy);

  char bad_target[450];
  snprintf(bad_target, sizeof bad_target, "%s/a-file/backup.db", dir);
  CHECK(cadre_db_backup(db, bad_target) == CADRE_ESTORAGE);
  CHECK(contains(cadre_error_last()->message, "a-file"));
  CHECK(cadre_db_backup(db, NULL) == CADRE_EINVALID);
  CHECK(cadre_db_check(NULL) == CADRE_EINVALID);

  CHECK(cadre_db_backup(db, target) == CADRE_ECONFLICT); /* never overwrites */
  CHECK(contains(cadre_error_last()->message, "backup.db"));

  /* Tampering with the audit chain is detected. */
  path_in_dir(target, sizeof target, "tampered.db");
  CHECK_OK(cadre_db_backup(db, target));
  sqlite3 *con;
  CHECK(sqlite3_open(target, &con) == SQLITE_OK);
  CHECK(sqlite3_exec(con, "UPDATE audit_log SET actor = 'mallory' WHERE seq = 1", NULL, NULL, NULL) == SQLITE_OK);
  sqlite3_close(con);
  CHECK_OK(cadre_open(&copy, target));
  CHECK(cadre_db_check(copy) == CADRE_ESTORAGE);
  CHECK(contains(cadre_error_last()->message, "audit"));
  cadre_close(copy);
}

/* Another connection holds the write lock: the call fails after the busy timeout, writes nothing. */
static void test_storage_locked(void) {
  void *holder = lock_take();

  cadre_db *waiting = open_impatient();
  CHECK_FAILS(cadre_unit_add(waiting, "LOCKED", "Locked out", NULL, NULL), CADRE_ESTORAGE, "locked");
  CHECK_FAILS(cadre_settings_set(waiting, "min_presence", "0.7"), CADRE_ESTORAGE, "locked");
  cadre_person_options o = CADRE_PERSON_OPTIONS_INIT;
  o.rank = "x";
  CHECK_FAILS(cadre_person_update(waiting, "A1001", NULL, NULL, &o), CADRE_ESTORAGE, "locked");

  lock_release(holder);
  CHECK_OK(cadre_unit_add(waiting, "LOCKED", "Free again", NULL, NULL)); /* the same handle recovers */
  cadre_close(waiting);
}

/* The last error is per thread: a failure here is not seen by another thread. */
static void *other_thread(void *arg) {
  (void)arg;
  const cadre_error *e = cadre_error_last();
  static int ok;
  ok = e != NULL && e->code == CADRE_OK && e->message[0] == '\0';
  return &ok;
}

static void test_thread_local_errors(void) {
  CHECK(cadre_unit_add(db, "QXORG", "x", NULL, NULL) == CADRE_ECONFLICT);
  pthread_t t;
  void *result = NULL;
  CHECK(pthread_create(&t, NULL, other_thread, NULL) == 0);
  CHECK(pthread_join(t, &result) == 0);
  CHECK(*(int *)result == 1);
  CHECK(cadre_error_last()->code == CADRE_ECONFLICT); /* still this thread's */
  /* Functions that cannot fail leave it alone; a success clears it. */
  cadre_free(NULL);
  (void)cadre_version();
  CHECK(cadre_error_last()->code == CADRE_ECONFLICT);
  int64_t days;
  CHECK_OK(cadre_calendar_workdays(&days, db, "2026-03-02", "2026-03-02"));
  CHECK(cadre_error_last()->code == CADRE_OK && cadre_error_last()->message[0] == '\0');
}

/* Every function taking a handle refuses NULL with CADRE_EINVALID naming it, and crashes on nothing. */
static void test_null_handle_everywhere(void) {
  char *text = (char *)"garbage";
  size_t len = 0;
  int64_t n = 0;
  cadre_person_options o = CADRE_PERSON_OPTIONS_INIT;
  int codes[] = {
      cadre_set_actor(NULL, "a"),
      cadre_unit_add(NULL, "U", "u", NULL, NULL),
      cadre_person_add(NULL, "P", "p", "U", &o),
      cadre_person_update(NULL, "P", NULL, NULL, NULL),
      cadre_settings_get(&text, NULL, "timezone"),
      cadre_settings_set(NULL, "timezone", "UTC"),
      cadre_import(&text, NULL, "units", "x.csv", NULL),
      cadre_calendar_workdays(&n, NULL, "2026-01-01", "2026-01-02"),
      cadre_calendar_import(&text, NULL, "x.csv", 0),
      cadre_db_check(NULL),
      cadre_db_backup(NULL, "x.db"),
      cadre_report(&text, NULL, "units", NULL, NULL),
      cadre_report_bytes(&text, &len, NULL, "units", NULL, NULL),
  };
  for (size_t i = 0; i < sizeof codes / sizeof *codes; ++i) CHECK(codes[i] == CADRE_EINVALID);
  CHECK(text == NULL);
  CHECK(contains(cadre_error_last()->message, "db"));
}

static void test_not_a_database(void) {
  write_file("not-a-db", "This is a text file, not an SQLite database, long enough to have a header.\n");
  char path[400];
  path_in_dir(path, sizeof path, "not-a-db");
  cadre_db *other = NULL;
  CHECK(cadre_open(&other, path) == CADRE_ESTORAGE);
  CHECK(other == NULL && contains(cadre_error_last()->message, "not-a-db"));
}

/* Handles on one file in several threads: writers wait for each other, none fails. */
struct writer {
  int id;
  int failures;
};
static void *write_units(void *arg) {
  struct writer *w = arg;
  cadre_db *mine = NULL;
  if (cadre_open(&mine, db_path) != CADRE_OK) {
    w->failures = 1000;
    return NULL;
  }
  for (int i = 0; i < 20; ++i) {
    char code[32];
    snprintf(code, sizeof code, "T%d-%02d", w->id, i);
    if (cadre_unit_add(mine, code, "Threaded", NULL, NULL) != CADRE_OK) ++w->failures;
  }
  cadre_close(mine);
  return NULL;
}
static void test_threads_share_the_file(void) {
  long before = count_rows("units");
  pthread_t t[3];
  struct writer w[3] = {{1, 0}, {2, 0}, {3, 0}};
  for (int i = 0; i < 3; ++i) CHECK(pthread_create(&t[i], NULL, write_units, &w[i]) == 0);
  for (int i = 0; i < 3; ++i) CHECK(pthread_join(t[i], NULL) == 0);
  for (int i = 0; i < 3; ++i) CHECK(w[i].failures == 0);
  CHECK(count_rows("units") == before + 60);
  CHECK_OK(cadre_db_check(db));
}

int main(void) {
  test_dir_create("cadre-capi");

  test_errors_before_any_call();
  test_version();
  test_open_close();
  test_actor();
  test_units();
  test_people();
  test_settings();
  test_reports();
  test_imports();
  test_calendar();
  if (sqlite_only("test_db_file: db backup copies the SQLite file")) test_db_file();
  test_storage_locked();
  test_thread_local_errors();
  test_null_handle_everywhere();
  test_not_a_database();
  test_threads_share_the_file();
  cadre_close(db);

  test_dir_remove();
  printf("test_capi: %d checks passed\n", checks);
  return 0;
}
