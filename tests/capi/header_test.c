/* cadre.h alone, compiled as strict C99 (-std=c99 -pedantic -Wall -Wextra -Werror) and as C++:
   it must need nothing else, and its _INIT macros must initialise every field without warnings. */
#include "cadre/cadre.h"

int cadre_header_test(void);
int cadre_header_test(void) {
  cadre_open_options open = CADRE_OPEN_OPTIONS_INIT;
  cadre_report_options report = CADRE_REPORT_OPTIONS_INIT;
  cadre_person_options person = CADRE_PERSON_OPTIONS_INIT;
  cadre_import_options import = CADRE_IMPORT_OPTIONS_INIT;
  cadre_course_options course = CADRE_COURSE_OPTIONS_INIT;
  cadre_session_options session = CADRE_SESSION_OPTIONS_INIT;
  cadre_secondment_options secondment = CADRE_SECONDMENT_OPTIONS_INIT;
  cadre_checkin_options checkin = CADRE_CHECKIN_OPTIONS_INIT;
  cadre_evaluation_options evaluation = CADRE_EVALUATION_OPTIONS_INIT;
  const cadre_error *(*last)(void) = cadre_error_last;
  int (*fixed)(char **, cadre_db *, const char *, const char *, const cadre_report_options *) = cadre_report;
  return (int)(open.version + report.version + person.version + import.version + course.version +
               session.version + secondment.version + checkin.version + evaluation.version) + (last != 0) + (fixed != 0) +
         CADRE_OK + CADRE_EINTERNAL + CADRE_EUSAGE + CADRE_EINVALID + CADRE_ENOTFOUND + CADRE_ECONFLICT +
         CADRE_ESTORAGE;
}
