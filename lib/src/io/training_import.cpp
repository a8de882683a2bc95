// import courses | sessions | enrolments | attendance: one add per row, all or nothing.
#include <map>

#include "cadre/parse.hpp"
#include "io/importers.hpp"
#include "people/lookup.hpp"
#include "training/training_internal.hpp"
#include "util/text.hpp"

namespace cadre::detail {

ImportResult import_courses(Database::Impl& impl, RowSource& file, const ImportOptions&) {
  return import_each(impl, file, "courses", [&](const CsvRecord& rec) {
    CourseInput c;
    c.code = rec.get("code").value_or("");
    c.title = rec.get("title");
    c.organizer = rec.get("organizer");
    c.start = parse_date(rec.require("start"), "start");
    c.end = parse_date(rec.require("end"), "end");
    if (auto v = rec.get("capacity")) c.capacity = int(parse_integer(*v, "capacity", 1, kMaxCapacity));
    c.category = rec.get("category");
    c.type = rec.get("type");
    if (auto v = rec.get("pass_mark")) c.pass_mark = parse_number(*v, "pass_mark", 0, kMaxPassMark);
    if (auto v = rec.get("max_leave_ratio")) c.max_leave_ratio = parse_leave_ratio(*v, "max_leave_ratio");
    if (auto v = rec.get("max_absence_hours"))
      c.max_absence_hours = parse_number(*v, "max_absence_hours", 0, kMaxAbsenceHours);
    if (auto v = rec.get("components")) c.components = parse_components(*v, "components");
    insert_course(impl, c);
  });
}

ImportResult import_sessions(Database::Impl& impl, RowSource& file, const ImportOptions&) {
  return import_each(impl, file, "sessions", [&](const CsvRecord& rec) {
    SessionInput s;
    s.course = rec.get("course").value_or("");
    s.date = parse_date(rec.require("date"), "date");
    s.start = parse_clock(rec.require("start"), "start");
    s.end = parse_clock(rec.require("end"), "end");
    s.title = rec.get("title");
    s.instructor = rec.get("instructor");
    if (auto v = rec.get("hours")) s.hours = parse_hours(*v, "hours", kMaxSessionHours);
    insert_session(impl, s);
  });
}

ImportResult import_enrolments(Database::Impl& impl, RowSource& file, const ImportOptions&) {
  return import_each(impl, file, "enrolments", [&](const CsvRecord& rec) {
    insert_enrolments(impl, rec.get("course").value_or(""), {rec.get("staff_no").value_or("")});
  });
}

// One row per person and session: a row that repeats an earlier one is skipped (a duplicate), one
// that contradicts it (another status or note) is refused naming both lines, instead of the last
// row silently winning.
ImportResult import_attendance(Database::Impl& impl, RowSource& file, const ImportOptions&) {
  struct Said {
    long line;
    std::optional<std::string> status, note;
  };
  std::map<std::pair<std::int64_t, std::int64_t>, Said> seen;  // by (session, person)
  auto said = [](const Said& s) { return s.status.value_or("") + (s.note ? " (" + *s.note + ")" : ""); };
  return import_each(impl, file, "attendance",
                     [&](const CsvRecord& rec) {
                       AttendanceInput a;
                       a.course = rec.get("course").value_or("");
                       a.session_no = int(parse_integer(rec.require("session_no"), "session_no", 1, kMaxSessionNo));
                       a.staff_nos = {rec.get("staff_no").value_or("")};
                       a.status = rec.get("status");
                       a.note = rec.get("note");
                       Said now{rec.line(), a.status, a.note};
                       std::optional<std::pair<std::int64_t, std::int64_t>> key;
                       try {
                         auto c = load_course(impl, a.course, field("COURSE"));
                         key.emplace(session_id(impl, c, a.session_no, field("SESSION_NO")),
                                     person_id(impl, a.staff_nos[0], field("STAFF_NO")));
                       } catch (const Error&) {
                         // record_attendance below says what is wrong with the row.
                       }
                       if (key) {
                         auto it = seen.find(*key);
                         if (it != seen.end() && it->second.status == now.status && it->second.note == now.note)
                           return false;
                       }
                       record_attendance(impl, a);
                       if (key) {
                         auto [it, first] = seen.try_emplace(*key, now);
                         if (!first)
                           fail(
                               Errc::conflict, "staff_no",
                               "{} in session {} of course {}: line {} says {}, this row says {} (keep one of the two)",
                               a.staff_nos[0], a.session_no, a.course, it->second.line, said(it->second), said(now));
                       }
                       return true;
                     });
}

}  // namespace cadre::detail
