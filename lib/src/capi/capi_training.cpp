// Training: courses, sessions, enrolment, withdrawal, attendance, assessment, feedback, hours, ICS.
// Each function is one `call` around the typed C++ API of cadre/training.hpp: numbers pass straight
// through, dates, clock times, the leave ratio and the components given as text go through the
// text layer named as the C parameter or member.
#include <fmt/format.h>

#include <cstddef>
#include <vector>

#include "cadre/callup.hpp"
#include "cadre/parse.hpp"
#include "cadre/training.hpp"
#include "capi/capi.hpp"
#include "util/text.hpp"

using namespace cadre;

namespace {

// capi::call, keeping the training messages as C programs have always matched them: a field is
// spelled as the CLI option ("--pass-mark", "--score"), not as the member (the secondment calls,
// new since the typed API, say "start").
template <typename F>
int call(F&& f) noexcept {
  return capi::call(std::forward<F>(f), FieldStyle::cli);
}

// count staff numbers at `list`; NULL (with count > 0) or a NULL element is Error(invalid) naming it.
std::vector<std::string> staff_list(const char* const* list, std::size_t count, const char* name) {
  if (count == 0) detail::fail(Errc::invalid, name, "{}: at least one staff number is required", name);
  if (!list) detail::fail(Errc::invalid, name, "{}: NULL where a value is required", name);
  std::vector<std::string> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i) out.push_back(capi::need(list[i], fmt::format("{}[{}]", name, i).c_str()));
  return out;
}

void enrol_into(int* out_waitlisted, cadre_db* db, const char* course, std::vector<std::string> staff_nos) {
  auto outcomes = enrol(capi::handle(db), capi::need(course, "course"), staff_nos);
  if (out_waitlisted)
    for (std::size_t i = 0; i < outcomes.size(); ++i) out_waitlisted[i] = outcomes[i].status == "waitlisted";
}

}  // namespace

int cadre_course_add(cadre_db* db, const cadre_course_options* given) {
  return call([&] {
    Database& database = capi::handle(db);
    if (!given) detail::fail(Errc::invalid, "course", "course: NULL where the course's options are required");
    cadre_course_options o = CADRE_COURSE_OPTIONS_INIT;
    o = capi::options(given, o, {offsetof(cadre_course_options, type), sizeof(cadre_course_options)},
                      "cadre_course_options");
    CourseInput c;
    c.code = capi::need(o.code, "code");
    c.title = capi::need(o.title, "title");
    c.organizer = capi::need(o.organizer, "organizer");
    c.start = parse_date(capi::need(o.start, "start"), "start");
    c.end = parse_date(capi::need(o.end, "end"), "end");
    if (o.capacity != 0) c.capacity = o.capacity;  // negative: refused by the library
    c.category = capi::opt(o.category);
    c.type = capi::opt(o.type);
    c.pass_mark = o.pass_mark;
    if (auto r = capi::opt(o.max_leave_ratio); r && !detail::trim(*r).empty())
      c.max_leave_ratio = parse_leave_ratio(*r, "max-leave-ratio");
    c.max_absence_hours = o.max_absence_hours;
    if (auto k = capi::opt(o.components); k && !detail::trim(*k).empty())
      c.components = parse_components(*k, "components");
    add_course(database, c);
  });
}

int cadre_session_add(int* out_session_no, cadre_db* db, const char* course, const char* date, const char* start,
                      const char* end, const char* title, const cadre_session_options* given) {
  return call([&] {
    Database& database = capi::handle(db);
    cadre_session_options o = CADRE_SESSION_OPTIONS_INIT;
    o = capi::options(given, o, {sizeof(cadre_session_options)}, "cadre_session_options");
    SessionInput s;
    s.course = capi::need(course, "course");
    s.date = parse_date(capi::need(date, "date"), "date");
    s.start = parse_clock(capi::need(start, "start"), "start");
    s.end = parse_clock(capi::need(end, "end"), "end");
    s.title = capi::need(title, "title");
    s.instructor = capi::opt(o.instructor);
    if (o.hours != 0) s.hours = o.hours;
    int no = add_session(database, s);
    if (out_session_no) *out_session_no = no;
  });
}

int cadre_enrol(int* out_waitlisted, cadre_db* db, const char* course, const char* staff_no) {
  return call([&] {
    capi::handle(db);
    enrol_into(out_waitlisted, db, course, {capi::need(staff_no, "staff_no")});
  });
}

int cadre_enrol_batch(int* out_waitlisted, cadre_db* db, const char* course, const char* const* staff_nos,
                      size_t count) {
  return call([&] {
    capi::handle(db);
    enrol_into(out_waitlisted, db, course, staff_list(staff_nos, count, "staff_nos"));
  });
}

int cadre_withdraw(char** out_promoted_staff_no, cadre_db* db, const char* course, const char* staff_no,
                   const char* reason) {
  if (out_promoted_staff_no) *out_promoted_staff_no = nullptr;
  return call([&] {
    auto promoted =
        withdraw(capi::handle(db), capi::need(course, "course"), capi::need(staff_no, "staff_no"), capi::opt(reason));
    if (out_promoted_staff_no && promoted) *out_promoted_staff_no = capi::dup(*promoted);
  });
}

int cadre_attend(cadre_db* db, const char* course, int session_no, const char* const* staff_nos, size_t count,
                 const char* status, const char* note) {
  return call([&] {
    Database& database = capi::handle(db);
    AttendanceInput a;
    a.course = capi::need(course, "course");
    a.session_no = session_no;
    a.staff_nos = staff_list(staff_nos, count, "staff_nos");
    a.status = capi::need(status, "status");
    a.note = capi::opt(note);
    attend(database, a);
  });
}

int cadre_assess(cadre_db* db, const char* course, const char* staff_no, const char* component, double score) {
  return call([&] {
    Database& database = capi::handle(db);
    assess(database,
           {capi::need(course, "course"), capi::need(staff_no, "staff_no"), capi::need(component, "component"), score});
  });
}

int cadre_feedback(cadre_db* db, const char* course, int session_no, const char* by, int relevance, int theory,
                   int information, int delivery, int manner) {
  return call([&] {
    Database& database = capi::handle(db);
    FeedbackInput f;
    f.course = capi::need(course, "course");
    f.session_no = session_no;
    f.by = capi::need(by, "by");
    f.relevance = relevance;
    f.theory = theory;
    f.information = information;
    f.delivery = delivery;
    f.manner = manner;
    feedback(database, f);
  });
}

int cadre_hours_add(cadre_db* db, const char* staff_no, const char* date, double hours, const char* kind,
                    const char* title) {
  return call([&] {
    Database& database = capi::handle(db);
    Date day = parse_date(capi::need(date, "date"), "date");
    add_hours(database, {capi::need(staff_no, "staff_no"), day, hours, capi::need(kind, "kind"), capi::opt(title)});
  });
}

int cadre_export_ics(char** out, cadre_db* db, const char* course) {
  if (out) *out = nullptr;
  return call([&] {
    auto& result = capi::need_out(out, "out");
    result = capi::dup(export_ics(capi::handle(db), capi::need(course, "course")));
  });
}

// ---- the call-up --------------------------------------------------------------------------------

int cadre_quota_set(cadre_db* db, const char* course, const char* unit, int places) {
  return call([&] {
    Database& database = capi::handle(db);
    set_quota(database, {capi::need(course, "course"), capi::need(unit, "unit"), places});
  });
}

int cadre_course_nominate(cadre_db* db, const char* course, const char* const* staff_nos, size_t count,
                          const char* by, const char* on) {
  return call([&] {
    Database& database = capi::handle(db);
    NominationInput n;
    n.course = capi::need(course, "course");
    n.staff_nos = staff_list(staff_nos, count, "staff_nos");
    n.by = capi::opt(by);
    n.on = parse_optional_date(capi::opt(on), "on");
    nominate(database, n);
  });
}

namespace {
NominationDecision decision(const char* course, const char* staff_no, const char* by, const char* reason,
                            const char* on) {
  NominationDecision d;
  d.course = capi::need(course, "course");
  d.staff_no = capi::need(staff_no, "staff_no");
  d.by = capi::need(by, "by");
  d.reason = capi::opt(reason);
  d.on = parse_optional_date(capi::opt(on), "on");
  return d;
}
}  // namespace

int cadre_nomination_approve(int* out_waitlisted, cadre_db* db, const char* course, const char* staff_no,
                             const char* by, const char* on) {
  return call([&] {
    Database& database = capi::handle(db);
    auto e = approve_nomination(database, decision(course, staff_no, by, nullptr, on));
    if (out_waitlisted) *out_waitlisted = e.status == "waitlisted";
  });
}

int cadre_nomination_reject(cadre_db* db, const char* course, const char* staff_no, const char* by,
                            const char* reason, const char* on) {
  return call([&] {
    Database& database = capi::handle(db);
    auto d = decision(course, staff_no, by, reason, on);
    d.reason = capi::need(reason, "reason");
    reject_nomination(database, d);
  });
}

int cadre_course_arrive(cadre_db* db, const char* course, const char* staff_no, const char* on) {
  return call([&] {
    Database& database = capi::handle(db);
    arrive(database, {capi::need(course, "course"), capi::need(staff_no, "staff_no"),
                      parse_optional_date(capi::opt(on), "on")});
  });
}
