/* A C program using libcadre: opens a database, records a unit and a cadre, prints a report.
 *
 *   cc summary.c $(pkg-config --cflags --libs cadre) -o summary && ./summary my.db
 *
 * Each step is one call and one check; running it again on the same file is fine (a record that
 * is already there is a conflict, which this program accepts). */
#include <stdio.h>

#include <cadre/cadre.h>

/* 0 when the call succeeded (or, if `again_ok`, the record already existed); else prints why. */
static int step(int rc, const char *what, int again_ok) {
  if (rc == CADRE_OK || (again_ok && rc == CADRE_ECONFLICT)) return 0;
  fprintf(stderr, "summary: %s: %s (code %d)\n", what, cadre_error_last()->message, rc);
  return 1;
}

static int record(cadre_db *db) {
  cadre_person_options person = CADRE_PERSON_OPTIONS_INIT;
  person.tier = "general";
  person.rank = "一级主任科员";
  person.gender = "f";
  if (step(cadre_set_actor(db, "summary.c"), "actor", 0)) return 1;
  if (step(cadre_unit_add(db, "QXORG", "青溪区委组织部", "org_dept", NULL), "unit QXORG", 1)) return 1;
  if (step(cadre_person_add(db, "A1002", "李秀英", "QXORG", &person), "person A1002", 1)) return 1;
  /* Training and secondment steps go here: enrol the trainee, record an evaluation. */
  return 0;
}

static int print_report(cadre_db *db, const char *kind, const char *key) {
  cadre_report_options options = CADRE_REPORT_OPTIONS_INIT;
  options.format = "table";
  char *text = NULL;
  if (step(cadre_report(&text, db, kind, key, &options), kind, 0)) return 1;
  printf("%s\n", text);
  cadre_free(text);
  return 0;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: summary DATABASE\n");
    return 2;
  }
  printf("cadre %s\n", cadre_version());
  cadre_db *db = NULL;
  if (step(cadre_open(&db, argv[1]), argv[1], 0)) return 1;
  int failed = record(db) || print_report(db, "people", "QXORG");
  cadre_close(db);
  return failed;
}
