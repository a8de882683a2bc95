// Training: courses, sessions, enrolment, attendance, assessment, completion, feedback, hours.
// Inputs are strings as the user typed them; the library validates and names the CLI field
// ("--start") in its errors. Every write is one transaction and one audit entry per change.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "cadre/database.hpp"
#include "cadre/model.hpp"

namespace cadre {

struct CourseInput {
  std::string code;
  std::optional<std::string> title;
  std::optional<std::string> organizer;  // unit code
  std::optional<std::string> start;      // YYYY-MM-DD
  std::optional<std::string> end;
  std::optional<std::string> capacity;  // positive whole number; none = unlimited
  std::optional<std::string> category;
  std::optional<std::string> pass_mark;          // 0-100, default 60
  std::optional<std::string> max_leave_ratio;    // "1/7" or a decimal, default 1/7
  std::optional<std::string> max_absence_hours;  // default 0
  std::optional<std::string> components;         // "exam:0.6,paper:0.4", weights sum to 1
};
CADRE_API void add_course(Database& db, const CourseInput& course);
CADRE_API Report list_courses(Database& db);
CADRE_API Report show_course(Database& db, const std::string& code);

struct SessionInput {
  std::string course;
  std::optional<std::string> date;
  std::optional<std::string> start;  // HH:MM
  std::optional<std::string> end;
  std::optional<std::string> title;
  std::optional<std::string> instructor;
  std::optional<std::string> hours;  // default: the length in hours rounded to 0.5
};
// Returns the new session's number (1..n in the course).
CADRE_API int add_session(Database& db, const SessionInput& session);

struct EnrolOutcome {
  std::string staff_no;
  std::string status;  // enrolled | waitlisted
};
// All or none: an unknown person (not_found) or one already enrolled or waitlisted (conflict)
// fails the whole call. Beyond the capacity people go to the waitlist in the order given.
CADRE_API std::vector<EnrolOutcome> enrol(Database& db, const std::string& course,
                                          const std::vector<std::string>& staff_nos);
// Returns the staff number promoted from the waitlist, if any.
CADRE_API std::optional<std::string> withdraw(Database& db, const std::string& course, const std::string& staff_no,
                                              const std::optional<std::string>& reason);

struct AttendanceInput {
  std::string course;
  std::string session_no;
  std::vector<std::string> staff_nos;
  std::optional<std::string> status;  // present | late | left_early | leave | absent
  std::optional<std::string> note;
};
// Records (or corrects) the attendance of enrolled people at one session.
CADRE_API void attend(Database& db, const AttendanceInput& attendance);

struct AssessmentInput {
  std::string course;
  std::string staff_no;
  std::optional<std::string> component;  // one of the course's components
  std::optional<std::string> score;      // 0-100
};
CADRE_API void assess(Database& db, const AssessmentInput& assessment);

struct FeedbackInput {
  std::string course;
  std::string session_no;
  std::optional<std::string> by;  // staff number, marked present/late/left_early at the session
  std::optional<std::string> relevance, theory, information, delivery, manner;  // 0-20 each
};
CADRE_API void feedback(Database& db, const FeedbackInput& feedback);

struct HoursInput {
  std::string staff_no;
  std::optional<std::string> date;
  std::optional<std::string> hours;  // > 0
  std::optional<std::string> kind;   // online | external
  std::optional<std::string> title;
};
CADRE_API void add_hours(Database& db, const HoursInput& hours);

// The course timetable as an RFC 5545 calendar (CRLF lines, UTC times).
CADRE_API std::string export_ics(Database& db, const std::string& course);

// `report course CODE`
CADRE_API Report report_course(Database& db, const std::string& code);
// `report person STAFF_NO`: the training record, hours per year and the secondments.
CADRE_API Report report_person(Database& db, const std::string& staff_no, const std::optional<std::string>& as_of);
// `report hours --year Y [--unit U]`
CADRE_API Report report_hours(Database& db, const std::string& year, const std::optional<std::string>& unit);

}  // namespace cadre
