/* What the C tests of the C API share: CHECK macros, the temporary database, and reading the
 * database directly with SQLite (so "nothing was written" does not depend on the library under test).
 * Functions are static inline: each test program uses some of them. */
#ifndef CADRE_CAPI_TEST_SUPPORT_H
#define CADRE_CAPI_TEST_SUPPORT_H

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cadre/cadre.h"

static int checks = 0;

#define CHECK(cond)                                                                              \
  do {                                                                                           \
    ++checks;                                                                                    \
    if (!(cond)) {                                                                               \
      fprintf(stderr, "%s:%d: CHECK(%s) failed; last error: %d %s\n", __FILE__, __LINE__, #cond, \
              cadre_error_last()->code, cadre_error_last()->message);                            \
      exit(1);                                                                                   \
    }                                                                                            \
  } while (0)

#define CHECK_OK(call) CHECK((call) == CADRE_OK)
/* A failure: the code, a message containing `needle`, and the database unchanged. */
#define CHECK_FAILS(call, want, needle)                           \
  do {                                                            \
    char *before_ = snapshot();                                   \
    int rc_ = (call);                                             \
    CHECK(rc_ == (want));                                         \
    CHECK(cadre_error_last()->code == (want));                    \
    CHECK(strstr(cadre_error_last()->message, (needle)) != NULL); \
    char *after_ = snapshot();                                    \
    CHECK(strcmp(before_, after_) == 0);                          \
    free(before_);                                                \
    free(after_);                                                 \
  } while (0)

static char dir[256];
static char db_path[300];
static cadre_db *db;

/* Every row of every table, as text: equal snapshots mean nothing was written. */
static inline char *snapshot(void) {
  sqlite3 *con;
  CHECK(sqlite3_open_v2(db_path, &con, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);
  size_t cap = 4096, len = 0;
  char *buf = malloc(cap);
  CHECK(buf != NULL);
  buf[0] = '\0';
  sqlite3_stmt *tables;
  CHECK(sqlite3_prepare_v2(con, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name", -1, &tables,
                           NULL) == SQLITE_OK);
  while (sqlite3_step(tables) == SQLITE_ROW) {
    char sql[300];
    snprintf(sql, sizeof sql, "SELECT * FROM \"%s\"", (const char *)sqlite3_column_text(tables, 0));
    sqlite3_stmt *rows;
    CHECK(sqlite3_prepare_v2(con, sql, -1, &rows, NULL) == SQLITE_OK);
    while (sqlite3_step(rows) == SQLITE_ROW) {
      for (int i = 0; i < sqlite3_column_count(rows); ++i) {
        const char *v = (const char *)sqlite3_column_text(rows, i);
        size_t n = strlen(v ? v : "NULL") + 2;
        if (len + n + 1 > cap) {
          cap = 2 * (len + n + 1);
          buf = realloc(buf, cap);
          CHECK(buf != NULL);
        }
        len += (size_t)sprintf(buf + len, "%s%c", v ? v : "NULL", i + 1 == sqlite3_column_count(rows) ? '\n' : '|');
      }
    }
    sqlite3_finalize(rows);
  }
  sqlite3_finalize(tables);
  sqlite3_close(con);
  return buf;
}

static inline long count_rows(const char *table) {
  sqlite3 *con;
  CHECK(sqlite3_open_v2(db_path, &con, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);
  char sql[200];
  snprintf(sql, sizeof sql, "SELECT count(*) FROM \"%s\"", table);
  sqlite3_stmt *q;
  CHECK(sqlite3_prepare_v2(con, sql, -1, &q, NULL) == SQLITE_OK);
  CHECK(sqlite3_step(q) == SQLITE_ROW);
  long n = (long)sqlite3_column_int64(q, 0);
  sqlite3_finalize(q);
  sqlite3_close(con);
  return n;
}

/* The one number a query answers. */
static inline long query_number(const char *sql) {
  sqlite3 *con;
  CHECK(sqlite3_open_v2(db_path, &con, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);
  sqlite3_stmt *q;
  CHECK(sqlite3_prepare_v2(con, sql, -1, &q, NULL) == SQLITE_OK);
  CHECK(sqlite3_step(q) == SQLITE_ROW);
  long n = (long)sqlite3_column_int64(q, 0);
  sqlite3_finalize(q);
  sqlite3_close(con);
  return n;
}

static inline int contains(const char *haystack, const char *needle) { return haystack && strstr(haystack, needle) != NULL; }

/* A fresh directory under $TMPDIR (or /tmp) named after the test, holding db_path. */
static inline void test_dir_create(const char *name) {
  const char *tmp = getenv("TMPDIR");
  snprintf(dir, sizeof dir, "%s/%s-XXXXXX", tmp && *tmp ? tmp : "/tmp", name);
  CHECK(mkdtemp(dir) != NULL);
  snprintf(db_path, sizeof db_path, "%s/test.db", dir);
}

static inline void test_dir_remove(void) {
  char cmd[400];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
}

/* Another connection takes the write lock of db_path and keeps it until lock_release. */
static inline sqlite3 *lock_take(void) {
  sqlite3 *holder;
  CHECK(sqlite3_open(db_path, &holder) == SQLITE_OK);
  CHECK(sqlite3_exec(holder, "BEGIN EXCLUSIVE", NULL, NULL, NULL) == SQLITE_OK);
  return holder;
}

static inline void lock_release(sqlite3 *holder) {
  CHECK(sqlite3_exec(holder, "ROLLBACK", NULL, NULL, NULL) == SQLITE_OK);
  sqlite3_close(holder);
}

/* A second handle on db_path that gives up on a held lock after 100 ms instead of 15 s. */
static inline cadre_db *open_impatient(void) {
  cadre_open_options quick = CADRE_OPEN_OPTIONS_INIT;
  quick.busy_timeout_ms = 100;
  cadre_db *waiting = NULL;
  CHECK_OK(cadre_open_ext(&waiting, db_path, &quick));
  return waiting;
}

#endif /* CADRE_CAPI_TEST_SUPPORT_H */
