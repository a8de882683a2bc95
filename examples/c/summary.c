/* A C program using libcadre: records a cadre, enrols her in a course, records her attendance and
 * score, sends her on a secondment with a host-unit evaluation, and prints her summary report and
 * her training hours of the year (a result struct: the figures as C values).
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
  if (step(cadre_unit_add(db, "SZDX", "市委党校", "party_school", NULL), "unit SZDX", 1)) return 1;
  if (step(cadre_unit_add(db, "HXZ", "河西镇人民政府", "township", NULL), "unit HXZ", 1)) return 1;
  if (step(cadre_person_add(db, "A1002", "李秀英", "QXORG", &person), "person A1002", 1)) return 1;

  /* Training: a one-session course with an exam; enrol, attend, assess. Only on the first run:
   * a second run finds the course there (a conflict) and leaves it as it is. */
  cadre_course_options course = CADRE_COURSE_OPTIONS_INIT;
  course.code = "QN2026-1";
  course.title = "2026年青年干部培训班";
  course.organizer = "SZDX";
  course.start = "2026-03-09";
  course.end = "2026-03-13";
  course.components = "exam:1";
  int rc = cadre_course_add(db, &course);
  if (step(rc, "course QN2026-1", 1)) return 1;
  if (rc == CADRE_OK) {
    const char *trainees[] = {"A1002"};
    int waitlisted = 0;
    if (step(cadre_session_add(NULL, db, "QN2026-1", "2026-03-09", "08:30", "12:00", "开班式与专题辅导", NULL),
             "session", 0))
      return 1;
    if (step(cadre_enrol(&waitlisted, db, "QN2026-1", "A1002"), "enrol A1002", 0)) return 1;
    printf("A1002 %s\n", waitlisted ? "waitlisted" : "enrolled");
    if (step(cadre_attend(db, "QN2026-1", 1, trainees, 1, "present", NULL), "attend", 0)) return 1;
    if (step(cadre_assess(db, "QN2026-1", "A1002", "exam", 88), "assess", 0)) return 1;
  }

  /* Secondment to a township with an evaluation by the host unit (again only on the first run). */
  cadre_secondment_options secondment = CADRE_SECONDMENT_OPTIONS_INIT;
  secondment.staff_no = "A1002";
  secondment.from = "QXORG";
  secondment.to = "HXZ";
  secondment.post = "副镇长";
  secondment.start = "2026-04-01";
  secondment.end = "2027-03-31";
  int64_t id = 0;
  rc = cadre_secondment_add(&id, db, &secondment);
  if (step(rc, "secondment", 1)) return 1;
  if (rc == CADRE_OK) {
    cadre_evaluation_options evaluation = CADRE_EVALUATION_OPTIONS_INIT;
    evaluation.period = "midterm";
    evaluation.rater = "host";
    evaluation.conduct = 92;
    evaluation.competence = 88;
    evaluation.diligence = 95;
    evaluation.performance = 90;
    evaluation.integrity = 96;
    if (step(cadre_evaluate(db, id, &evaluation), "evaluate", 0)) return 1;
  }
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

/* A figure as a C value, no report to parse: her training hours of 2026 against her tier's rule. */
static int print_hours(cadre_db *db, const char *staff_no, int year) {
  cadre_person_hours_result hours = CADRE_PERSON_HOURS_RESULT_INIT;
  if (step(cadre_report_person_hours(&hours, db, staff_no, year), "hours", 0)) return 1;
  printf("%s %d: %g of %g centralised hours (%s tier), %g of %g online%s\n", staff_no, year, hours.window_hours,
         hours.required_hours, hours.tier, hours.online_hours, hours.online_required,
         hours.compliant ? "" : ": short of the rule");
  cadre_free(hours.tier);
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
  int failed = record(db) || print_report(db, "person", "A1002") || print_hours(db, "A1002", 2026);
  cadre_close(db);
  return failed;
}
