// The C API's names by area (cadre_<area>_<verb>, cadre.h "Names"). Each forwards to the function
// of its older name, which stays exported for the programs built against it: one implementation,
// two names, and no behaviour of its own here.
#include "cadre/cadre.h"

int cadre_db_open(cadre_db** out, const char* path) { return cadre_open(out, path); }
int cadre_db_open_ext(cadre_db** out, const char* path, const cadre_open_options* opts) {
  return cadre_open_ext(out, path, opts);
}
void cadre_db_close(cadre_db* db) { cadre_close(db); }
int cadre_db_set_actor(cadre_db* db, const char* actor) { return cadre_set_actor(db, actor); }
int cadre_report_text(char** out, cadre_db* db, const char* kind, const char* key, const cadre_report_options* opts) {
  return cadre_report(out, db, kind, key, opts);
}
int cadre_import_file(char** out_json, cadre_db* db, const char* what, const char* path,
                      const cadre_import_options* opts) {
  return cadre_import(out_json, db, what, path, opts);
}
int cadre_calendar_count_workdays(int64_t* out, cadre_db* db, const char* from, const char* to) {
  return cadre_calendar_workdays(out, db, from, to);
}
int cadre_course_enrol(int* out_waitlisted, cadre_db* db, const char* course, const char* staff_no) {
  return cadre_enrol(out_waitlisted, db, course, staff_no);
}
int cadre_course_enrol_batch(int* out_waitlisted, cadre_db* db, const char* course, const char* const* staff_nos,
                             size_t count) {
  return cadre_enrol_batch(out_waitlisted, db, course, staff_nos, count);
}
int cadre_course_withdraw(char** out_promoted_staff_no, cadre_db* db, const char* course, const char* staff_no,
                          const char* reason) {
  return cadre_withdraw(out_promoted_staff_no, db, course, staff_no, reason);
}
int cadre_course_assess(cadre_db* db, const char* course, const char* staff_no, const char* component, double score) {
  return cadre_assess(db, course, staff_no, component, score);
}
int cadre_course_export_ics(char** out, cadre_db* db, const char* course) { return cadre_export_ics(out, db, course); }
int cadre_session_attend(cadre_db* db, const char* course, int session_no, const char* const* staff_nos, size_t count,
                         const char* status, const char* note) {
  return cadre_attend(db, course, session_no, staff_nos, count, status, note);
}
int cadre_session_feedback(cadre_db* db, const char* course, int session_no, const char* by, int relevance, int theory,
                           int information, int delivery, int manner) {
  return cadre_feedback(db, course, session_no, by, relevance, theory, information, delivery, manner);
}
int cadre_checkin_add(int* out_duplicate, int64_t* out_secondment_id, cadre_db* db, const cadre_checkin_options* opts) {
  return cadre_checkin(out_duplicate, out_secondment_id, db, opts);
}
int cadre_checkin_add_batch(int64_t* out_written, int64_t* out_duplicates, cadre_db* db,
                            const cadre_checkin_options* items, size_t count) {
  return cadre_checkin_batch(out_written, out_duplicates, db, items, count);
}
int cadre_secondment_evaluate(cadre_db* db, int64_t secondment_id, const cadre_evaluation_options* opts) {
  return cadre_evaluate(db, secondment_id, opts);
}
