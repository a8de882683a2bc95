/* What the C tests of the C API share: CHECK macros, the temporary database, and reading the
 * database directly with SQLite or libpq (so "nothing was written" does not depend on the library
 * under test). With $CADRE_TEST_DB set (a PostgreSQL connection string: tests/capi/with_pg_db.sh makes
 * a fresh database) the tests run on it instead of a SQLite file.
 * Functions are static inline: each test program uses some of them. */
#ifndef CADRE_CAPI_TEST_SUPPORT_H
#define CADRE_CAPI_TEST_SUPPORT_H

#include <libpq-fe.h>
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
static char db_path[1024];
static cadre_db *db;
static int on_postgres; /* db_path is a PostgreSQL connection string ($CADRE_TEST_DB) */

/* Growing text buffer for snapshots. */
static inline void append(char **buf, size_t *cap, size_t *len, const char *v, char end) {
  size_t n = strlen(v) + 2;
  if (*len + n + 1 > *cap) {
    *cap = 2 * (*len + n + 1);
    *buf = realloc(*buf, *cap);
    CHECK(*buf != NULL);
  }
  *len += (size_t)sprintf(*buf + *len, "%s%c", v, end);
}

/* PostgreSQL: one query on a connection of its own; the result must be freed with PQclear. */
static inline PGresult *pg_query(PGconn *con, const char *sql) {
  PGresult *r = PQexec(con, sql);
  if (PQresultStatus(r) != PGRES_TUPLES_OK && PQresultStatus(r) != PGRES_COMMAND_OK) {
    fprintf(stderr, "%s: %s", sql, PQerrorMessage(con));
    CHECK(!"query failed");
  }
  return r;
}

static inline PGconn *pg_connect(void) {
  PGconn *con = PQconnectdb(db_path);
  if (PQstatus(con) != CONNECTION_OK) fprintf(stderr, "%s", PQerrorMessage(con));
  CHECK(PQstatus(con) == CONNECTION_OK);
  return con;
}

static inline char *pg_snapshot(void) {
  PGconn *con = pg_connect();
  size_t cap = 4096, len = 0;
  char *buf = malloc(cap);
  CHECK(buf != NULL);
  buf[0] = '\0';
  PGresult *tables = pg_query(con,
                              "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                              "ORDER BY tablename COLLATE \"C\"");
  for (int t = 0; t < PQntuples(tables); ++t) {
    char sql[300];
    snprintf(sql, sizeof sql, "SELECT r::text FROM \"%s\" r ORDER BY r::text COLLATE \"C\"", PQgetvalue(tables, t, 0));
    PGresult *rows = pg_query(con, sql);
    append(&buf, &cap, &len, PQgetvalue(tables, t, 0), '\n');
    for (int i = 0; i < PQntuples(rows); ++i) append(&buf, &cap, &len, PQgetvalue(rows, i, 0), '\n');
    PQclear(rows);
  }
  PQclear(tables);
  PQfinish(con);
  return buf;
}

/* The one number a query answers, on PostgreSQL. */
static inline long pg_number(const char *sql) {
  PGconn *con = pg_connect();
  PGresult *r = pg_query(con, sql);
  CHECK(PQntuples(r) == 1);
  long n = atol(PQgetvalue(r, 0, 0));
  PQclear(r);
  PQfinish(con);
  return n;
}

/* Every row of every table, as text: equal snapshots mean nothing was written. */
static inline char *snapshot(void) {
  if (on_postgres) return pg_snapshot();
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
        append(&buf, &cap, &len, v ? v : "NULL", i + 1 == sqlite3_column_count(rows) ? '\n' : '|');
      }
    }
    sqlite3_finalize(rows);
  }
  sqlite3_finalize(tables);
  sqlite3_close(con);
  return buf;
}

static inline long count_rows(const char *table) {
  char sql[200];
  snprintf(sql, sizeof sql, "SELECT count(*) FROM \"%s\"", table);
  if (on_postgres) return pg_number(sql);
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

/* The one number a query answers. */
static inline long query_number(const char *sql) {
  if (on_postgres) return pg_number(sql);
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
  const char *pg = getenv("CADRE_TEST_DB");
  on_postgres = pg && *pg;
  if (on_postgres)
    snprintf(db_path, sizeof db_path, "%s", pg);
  else
    snprintf(db_path, sizeof db_path, "%s/test.db", dir);
}

/* A part of a test about SQLite files by nature: skipped on PostgreSQL, saying so. */
static inline int sqlite_only(const char *what) {
  if (on_postgres) printf("skipped on PostgreSQL (SQLite only): %s\n", what);
  return !on_postgres;
}

static inline void test_dir_remove(void) {
  char cmd[400];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
}

/* Another connection takes the write lock of db_path and keeps it until lock_release: on
 * PostgreSQL the advisory lock every cadre writer takes (lib/src/store/pg_conn.cpp, "cadr"). */
static inline void *lock_take(void) {
  if (on_postgres) {
    PGconn *holder = pg_connect();
    PQclear(pg_query(holder, "BEGIN; SELECT pg_advisory_xact_lock(1667327090)"));
    return holder;
  }
  sqlite3 *holder;
  CHECK(sqlite3_open(db_path, &holder) == SQLITE_OK);
  CHECK(sqlite3_exec(holder, "BEGIN EXCLUSIVE", NULL, NULL, NULL) == SQLITE_OK);
  return holder;
}

static inline void lock_release(void *holder) {
  if (on_postgres) {
    PQclear(pg_query(holder, "ROLLBACK"));
    PQfinish(holder);
    return;
  }
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
