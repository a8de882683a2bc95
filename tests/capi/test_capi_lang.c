/* The language of a handle (cadre_db_set_language): the same failing call on two handles, one
 * English and one Chinese, gives each its own language in cadre_error_last(); the thread's language
 * (cadre_set_language) stays the default and is left as it was; the handle's language also reaches
 * the text the library makes during the call (an import's row list, a report's labels). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cadre/cadre.h"
#include "capi_test_support.h"

static cadre_db *en_db, *zh_db;

/* The message of the last call, copied (cadre_error_last() lives until the next call). */
static char *last_message(void) {
  const char *m = cadre_error_last()->message;
  char *copy = malloc(strlen(m) + 1);
  CHECK(copy != NULL);
  strcpy(copy, m);
  return copy;
}

static void test_same_call_two_languages(void) {
  CHECK_OK(cadre_unit_add(en_db, "QXORG", "Organisation Department", "org_dept", NULL));
  CHECK_FAILS(cadre_unit_add(en_db, "QXORG", "again", NULL, NULL), CADRE_ECONFLICT, "unit QXORG already exists");
  char *en = last_message();
  CHECK_FAILS(cadre_unit_add(zh_db, "QXORG", "again", NULL, NULL), CADRE_ECONFLICT, "单位 QXORG 已存在");
  char *zh = last_message();
  CHECK(strcmp(en, zh) != 0);
  free(en);
  free(zh);
  /* The English handle again: the Chinese call left nothing behind on the thread. */
  CHECK(cadre_unit_add(en_db, "QXORG", "again", NULL, NULL) == CADRE_ECONFLICT);
  CHECK(contains(cadre_error_last()->message, "already exists"));

  /* A field named in either language the C way (the parameter), with an enum word refused. */
  CHECK_FAILS(cadre_unit_add(en_db, "QXNEW", "x", "galaxy", NULL), CADRE_EINVALID, "kind");
  CHECK(contains(cadre_error_last()->message, "galaxy") && !contains(cadre_error_last()->message, "--kind"));
  en = last_message();
  CHECK_FAILS(cadre_unit_add(zh_db, "QXNEW", "x", "galaxy", NULL), CADRE_EINVALID, "kind");
  CHECK(contains(cadre_error_last()->message, "galaxy") && !contains(cadre_error_last()->message, "--kind"));
  CHECK(strcmp(en, cadre_error_last()->message) != 0);
  free(en);

  /* Not found, through a report: each handle in its language. */
  char *text = (char *)"garbage";
  CHECK(cadre_report(&text, en_db, "people", "NOPE", NULL) == CADRE_ENOTFOUND);
  CHECK(text == NULL && contains(cadre_error_last()->message, "NOPE"));
  en = last_message();
  CHECK(cadre_report(&text, zh_db, "people", "NOPE", NULL) == CADRE_ENOTFOUND);
  CHECK(text == NULL && contains(cadre_error_last()->message, "NOPE"));
  CHECK(strcmp(en, cadre_error_last()->message) != 0);
  free(en);
}

static void test_thread_default(void) {
  /* The thread's language is the default of a handle without one, and a handle's own wins. */
  CHECK_OK(cadre_set_language("zh"));
  CHECK(cadre_unit_add(en_db, "QXORG", "again", NULL, NULL) == CADRE_ECONFLICT);
  CHECK(contains(cadre_error_last()->message, "单位 QXORG 已存在")); /* en_db has no language of its own */
  CHECK_OK(cadre_db_set_language(en_db, "en"));
  CHECK(cadre_unit_add(en_db, "QXORG", "again", NULL, NULL) == CADRE_ECONFLICT);
  CHECK(contains(cadre_error_last()->message, "unit QXORG already exists"));
  CHECK_OK(cadre_db_set_language(en_db, NULL)); /* back to the thread's */
  CHECK(cadre_unit_add(en_db, "QXORG", "again", NULL, NULL) == CADRE_ECONFLICT);
  CHECK(contains(cadre_error_last()->message, "已存在"));
  CHECK_OK(cadre_set_language("en"));
  CHECK(cadre_unit_add(en_db, "QXORG", "again", NULL, NULL) == CADRE_ECONFLICT);
  CHECK(contains(cadre_error_last()->message, "already exists"));
  CHECK(cadre_unit_add(zh_db, "QXORG", "again", NULL, NULL) == CADRE_ECONFLICT);
  CHECK(contains(cadre_error_last()->message, "已存在"));
}

static void test_bad_language(void) {
  CHECK(cadre_db_set_language(zh_db, "fr") == CADRE_EINVALID);
  CHECK(contains(cadre_error_last()->message, "fr") && contains(cadre_error_last()->message, "lang"));
  CHECK(cadre_db_set_language(NULL, "zh") == CADRE_EINVALID);
  CHECK(contains(cadre_error_last()->message, "db"));
  /* A refused language changes nothing: the handle still speaks Chinese. */
  CHECK(cadre_unit_add(zh_db, "QXORG", "again", NULL, NULL) == CADRE_ECONFLICT);
  CHECK(contains(cadre_error_last()->message, "已存在"));
}

static void test_text_made_during_the_call(void) {
  /* An import's row list, made while the call runs, is in the handle's language too. */
  char path[400];
  snprintf(path, sizeof path, "%s/badcal.csv", dir);
  FILE *f = fopen(path, "w");
  CHECK(f != NULL);
  fputs("date,kind,name,name_zh\n2027-01-05,festival,bad,\n", f);
  fclose(f);
  CHECK_FAILS(cadre_calendar_import(NULL, en_db, path, 0), CADRE_EINVALID, "nothing was imported (1 bad rows)");
  CHECK_FAILS(cadre_calendar_import(NULL, zh_db, path, 0), CADRE_EINVALID, "未导入任何数据（1 行有误）");

  /* A report without a language in its options: the handle's (labels in Chinese). */
  cadre_report_options table = CADRE_REPORT_OPTIONS_INIT;
  table.format = "table";
  char *zh = NULL, *en = NULL;
  CHECK_OK(cadre_report(&zh, zh_db, "settings", NULL, &table));
  CHECK_OK(cadre_report(&en, en_db, "settings", NULL, &table));
  CHECK(contains(zh, "设置") && !contains(en, "设置"));
  cadre_free(zh);
  cadre_free(en);
  /* Options that name a language win for that report and its errors. */
  table.lang = "en";
  CHECK_OK(cadre_report(&en, zh_db, "settings", NULL, &table));
  CHECK(!contains(en, "设置"));
  cadre_free(en);
  CHECK(cadre_report(&en, zh_db, "people", "NOPE", &table) == CADRE_ENOTFOUND);
  CHECK(en == NULL && contains(cadre_error_last()->message, "NOPE"));
  char *english = last_message();
  CHECK(cadre_report(&en, en_db, "people", "NOPE", &table) == CADRE_ENOTFOUND);
  CHECK(strcmp(english, cadre_error_last()->message) == 0);
  free(english);
}

int main(void) {
  test_dir_create("cadre-capi-lang");
  CHECK_OK(cadre_open(&en_db, db_path));
  CHECK_OK(cadre_open(&zh_db, db_path));
  db = en_db; /* the one CHECK_FAILS's snapshot reads */
  CHECK_OK(cadre_db_set_language(zh_db, "zh"));
  test_same_call_two_languages();
  test_thread_default();
  test_bad_language();
  test_text_made_during_the_call();
  cadre_close(en_db);
  cadre_close(zh_db);
  test_dir_remove();
  printf("capi_lang: %d checks passed\n", checks);
  return 0;
}
