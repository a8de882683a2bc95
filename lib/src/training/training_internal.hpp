// Internal: the write operations inside the caller's transaction (used by the public calls and
// by the importers), and lookups shared by the reports.
#pragma once
#include <cstdint>
#include <string>

#include "cadre/training.hpp"
#include "cadre/training_report.hpp"
#include "store/store.hpp"

namespace cadre::detail {

struct CourseRow {
  std::int64_t id = 0;
  std::string code, title, organizer, organizer_name, start, end;
  std::optional<std::string> category;
  std::string type = "other";
  std::optional<std::int64_t> capacity;
  double pass_mark = 60, leave_num = 1, leave_den = 7, max_absence_hours = 0;
};
// Error(not_found) naming `field` for an unknown course.
CourseRow load_course(Database::Impl& impl, const std::string& code, std::string_view field);
std::int64_t session_id(Database::Impl& impl, const CourseRow& c, int session_no, std::string_view field);

void insert_course(Database::Impl& impl, const CourseInput& in);
int insert_session(Database::Impl& impl, const SessionInput& in);
std::vector<EnrolOutcome> insert_enrolments(Database::Impl& impl, const std::string& course,
                                            const std::vector<std::string>& staff_nos);
void record_attendance(Database::Impl& impl, const AttendanceInput& in);
// The enrolment status of a person in a course (enrolled | waitlisted | withdrawn), if any.
std::optional<std::string> enrolment_status(Database::Impl& impl, std::int64_t course_id, std::int64_t person_id);
// assess, feedback and `hours add` (and their import kinds): each checks its row and writes it.
void insert_assessment(Database::Impl& impl, const AssessmentInput& in);
void insert_feedback(Database::Impl& impl, const FeedbackInput& in);
void insert_hours(Database::Impl& impl, const HoursInput& in);

// The training record of `report person` as of `as_of` (none: today) in the caller's transaction
// (the composition in compose/person.cpp reads the secondments in the same one); Error(not_found)
// naming STAFF_NO.
PersonTraining person_training(Database::Impl& impl, const std::string& staff_no, std::optional<Date> as_of);

// `report course` in the caller's transaction (certificate issue judges completion by it, inside its
// write); no-shows judged as of `as_of` (none: today); Error(not_found) naming `field` for an unknown course.
CourseReport course_report(Database::Impl& impl, const std::string& code, std::string_view field,
                           std::optional<Date> as_of = std::nullopt);

// RFC 5545 helpers (ics.cpp): TEXT escaping and one folded, CRLF-ended content line.
std::string ics_escape(std::string_view s);
std::string ics_line(std::string_view line);

}  // namespace cadre::detail
