// import courses | sessions | enrolments | attendance: one add per row, all or nothing.
#include "io/importers.hpp"
#include "training/training_internal.hpp"

namespace cadre::detail {

ImportResult import_courses(Database::Impl& impl, const CsvFile& file, const ImportOptions&) {
  return import_each(impl, file, {"code", "title", "organizer", "start", "end"},
                     {"code", "title", "organizer", "start", "end", "capacity", "category", "pass_mark",
                      "max_leave_ratio", "max_absence_hours", "components"},
                     [&](const CsvRecord& rec) {
                       CourseInput c;
                       c.code = rec.get("code").value_or("");
                       c.title = rec.get("title");
                       c.organizer = rec.get("organizer");
                       c.start = rec.get("start");
                       c.end = rec.get("end");
                       c.capacity = rec.get("capacity");
                       c.category = rec.get("category");
                       c.pass_mark = rec.get("pass_mark");
                       c.max_leave_ratio = rec.get("max_leave_ratio");
                       c.max_absence_hours = rec.get("max_absence_hours");
                       c.components = rec.get("components");
                       insert_course(impl, c);
                     });
}

ImportResult import_sessions(Database::Impl& impl, const CsvFile& file, const ImportOptions&) {
  return import_each(impl, file, {"course", "date", "start", "end", "title"},
                     {"course", "date", "start", "end", "title", "instructor", "hours"}, [&](const CsvRecord& rec) {
                       SessionInput s;
                       s.course = rec.get("course").value_or("");
                       s.date = rec.get("date");
                       s.start = rec.get("start");
                       s.end = rec.get("end");
                       s.title = rec.get("title");
                       s.instructor = rec.get("instructor");
                       s.hours = rec.get("hours");
                       insert_session(impl, s);
                     });
}

ImportResult import_enrolments(Database::Impl& impl, const CsvFile& file, const ImportOptions&) {
  return import_each(impl, file, {"course", "staff_no"}, {"course", "staff_no"}, [&](const CsvRecord& rec) {
    insert_enrolments(impl, rec.get("course").value_or(""), {rec.get("staff_no").value_or("")});
  });
}

ImportResult import_attendance(Database::Impl& impl, const CsvFile& file, const ImportOptions&) {
  return import_each(impl, file, {"course", "session_no", "staff_no", "status"},
                     {"course", "session_no", "staff_no", "status", "note"}, [&](const CsvRecord& rec) {
                       AttendanceInput a;
                       a.course = rec.get("course").value_or("");
                       a.session_no = rec.get("session_no").value_or("");
                       a.staff_nos = {rec.get("staff_no").value_or("")};
                       a.status = rec.get("status");
                       a.note = rec.get("note");
                       record_attendance(impl, a);
                     });
}

}  // namespace cadre::detail
