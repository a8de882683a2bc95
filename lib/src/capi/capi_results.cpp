// The main figures of a report as C values (cadre.h "report figures"), filled from the typed results
// (cadre/secondment_report.hpp, cadre/training_report.hpp), never read back out of the report model.
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <memory>

#include "cadre/parse.hpp"
#include "cadre/secondment_report.hpp"
#include "cadre/training_report.hpp"
#include "capi/capi.hpp"
#include "util/dates.hpp"

using namespace cadre;

namespace {

// A string for the caller, freed again if a later step of the same call fails.
using Owned = std::unique_ptr<char, decltype(&std::free)>;
Owned owned(const std::string& s) { return Owned(capi::dup(s), &std::free); }

}  // namespace

int cadre_report_secondment_summary(cadre_secondment_summary_result* out, cadre_db* db, int64_t secondment_id,
                                    const char* as_of) {
  return capi::call([&] {
    cadre_secondment_summary_result& given = capi::need_out(out, "out");
    // Checked before anything is allocated: an unknown version leaves *out as it was.
    cadre_secondment_summary_result filled =
        capi::options(&given, given, {sizeof(cadre_secondment_summary_result)}, "out");
    std::optional<Date> day;
    if (as_of) day = parse_date(as_of, "as_of");
    SecondmentSummary s = secondment_summary(capi::handle(db), secondment_id, day);
    Owned as_of_text = owned(detail::format_date(s.as_of));
    Owned status = owned(s.secondment.status);
    Owned grade(nullptr, &std::free);
    if (s.overall_grade) grade = owned(*s.overall_grade);
    filled.working_days = s.working_days;
    filled.present_days = s.present_days;
    filled.leave_days = s.leave_days;
    filled.has_presence_rate = s.presence_rate.has_value();
    filled.presence_rate = s.presence_rate.value_or(0);
    filled.min_presence = s.min_presence;
    filled.report_months = std::int64_t(s.months.size());
    filled.reports_filed = s.reports_filed;
    filled.reports_missing = s.reports_missing;
    filled.reports_not_yet_due = s.reports_not_yet_due;
    filled.has_overall_score = s.overall_score.has_value();
    filled.overall_score = s.overall_score.value_or(0);
    filled.alerts = std::int64_t(s.flags.size());
    filled.tasks_open = s.tasks_open;
    filled.tasks_overdue = s.tasks_overdue;
    filled.trip_days = s.trip_days;
    filled.makeup_days = s.makeup_days;
    filled.days_in_post = s.days_in_post;
    filled.spot_check_absences = s.spot_check_absences;
    filled.as_of = as_of_text.release();
    filled.status = status.release();
    filled.overall_grade = grade.release();
    *out = filled;  // version 1 is the whole struct; a later version copies its own size
  });
}

int cadre_report_course_summary(cadre_course_summary_result* out, cadre_db* db, const char* course) {
  return capi::call([&] {
    cadre_course_summary_result& given = capi::need_out(out, "out");
    cadre_course_summary_result filled = capi::options(&given, given, {sizeof(cadre_course_summary_result)}, "out");
    CourseReport c = course_report(capi::handle(db), capi::need(course, "course"));
    filled.total_hours = c.total_hours;
    filled.sessions = std::int64_t(c.sessions.size());
    filled.enrolled = c.enrolled;
    filled.completed = c.completed;
    filled.withdrawn = c.withdrawn;
    filled.waitlisted = c.waitlisted;
    filled.has_completion_rate = c.completion_rate.has_value();
    filled.completion_rate = c.completion_rate.value_or(0);
    filled.grade_excellent = c.grades[0];
    filled.grade_good = c.grades[1];
    filled.grade_pass = c.grades[2];
    filled.grade_fail = c.grades[3];
    filled.feedback_responses = c.feedback.responses;
    filled.has_feedback_total = c.feedback.total.has_value();
    filled.feedback_total = c.feedback.total.value_or(0);
    *out = filled;
  });
}

int cadre_report_hours_summary(cadre_hours_summary_result* out, cadre_db* db, int year, const char* unit) {
  return capi::call([&] {
    cadre_hours_summary_result& given = capi::need_out(out, "out");
    const std::initializer_list<std::size_t> sizes = {
        offsetof(cadre_hours_summary_result, appointment_training_overdue), sizeof(cadre_hours_summary_result)};
    // From the defaults, not from *out: a version 1 struct is shorter than this one.
    const cadre_hours_summary_result defaults = CADRE_HOURS_SUMMARY_RESULT_INIT;
    cadre_hours_summary_result filled = capi::options(&given, defaults, sizes, "out");
    std::optional<std::string> scope;
    if (unit) scope = unit;
    HoursReport h = hours_report(capi::handle(db), year, scope);
    filled.people = std::int64_t(h.people.size());
    filled.non_compliant = h.non_compliant;
    filled.annual_hours_short = filled.five_year_hours_short = filled.online_hours_short = 0;
    filled.appointment_training_overdue = 0;
    for (const auto& p : h.people)
      for (const auto& f : p.flags)
        ++(f.code == "annual_hours_short"             ? filled.annual_hours_short
           : f.code == "five_year_hours_short"        ? filled.five_year_hours_short
           : f.code == "appointment_training_overdue" ? filled.appointment_training_overdue
                                                      : filled.online_hours_short);
    // The caller's version: a version 1 struct is shorter.
    std::memcpy(static_cast<void*>(out), &filled, sizes.begin()[given.version - 1]);
  });
}

int cadre_report_person_hours(cadre_person_hours_result* out, cadre_db* db, const char* staff_no, int year) {
  return capi::call([&] {
    cadre_person_hours_result& given = capi::need_out(out, "out");
    const std::initializer_list<std::size_t> sizes = {offsetof(cadre_person_hours_result, centralised_days),
                                                      sizeof(cadre_person_hours_result)};
    const cadre_person_hours_result defaults = CADRE_PERSON_HOURS_RESULT_INIT;
    cadre_person_hours_result filled = capi::options(&given, defaults, sizes, "out");
    HoursPerson p = person_hours(capi::handle(db), capi::need(staff_no, "staff_no"), year);
    filled.centralised_hours = p.centralised_hours;
    filled.required_hours = p.centralised.required;
    filled.window_hours = p.centralised.done;
    filled.shortfall_hours = p.centralised.short_by;
    filled.online_hours = p.online.done;
    filled.online_required = p.online.required;
    filled.online_shortfall_hours = p.online.short_by;
    filled.compliant = p.compliant ? 1 : 0;
    Owned tier = owned(p.tier);
    if (given.version >= 2) {
      filled.centralised_days = p.centralised_days;
      filled.required_days = p.days.required;
      filled.window_days = p.days.done;
      Owned status(nullptr, &std::free), promoted(nullptr, &std::free), due(nullptr, &std::free),
          course(nullptr, &std::free);
      if (const auto& a = p.appointment) {
        status = owned(a->status);
        promoted = owned(detail::format_date(a->promoted_on));
        due = owned(detail::format_date(a->due));
        if (a->course) course = owned(*a->course);
      }
      filled.appointment_status = status.release();  // nothing can fail after these
      filled.appointment_promoted_on = promoted.release();
      filled.appointment_due = due.release();
      filled.appointment_course = course.release();
    }
    filled.tier = tier.release();
    std::memcpy(static_cast<void*>(out), &filled, sizes.begin()[given.version - 1]);
  });
}
