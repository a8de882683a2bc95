// Training: courses, sessions, enrolment, attendance, assessment, completion, feedback, hours.
// Inputs are typed (cadre/types.hpp): dates Date, clock times minutes since midnight, numbers
// double or int. Text is parsed by cadre/parse.hpp and the parse_* of this header (the training
// forms: "HH:MM", "1/7", "exam:0.6,paper:0.4") before it gets here. The rules name fields by id
// ("start", "pass-mark"), which each surface spells its own way. Every write is one transaction
// and one audit entry per change.
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cadre/database.hpp"
#include "cadre/model.hpp"
#include "cadre/types.hpp"

namespace cadre {

// The limits the rules hold numbers to, for a text surface to parse with.
inline constexpr int kMaxCapacity = 1000000;
inline constexpr double kMaxPassMark = 100, kMaxAbsenceHours = 100000;
inline constexpr double kMaxSessionHours = 24, kMaxRecordHours = 10000;  // hours: more than 0, at most this
inline constexpr double kMaxScore = 100;                                 // assessment: 0 to this
inline constexpr int kMaxFeedbackScore = 20;                             // each feedback item: 0 to this
inline constexpr int kMaxSessionNo = 100000;
inline constexpr int kMinYear = 1900, kMaxYear = 9999;

// The share of a course's hours a trainee may be on leave: num/den, kept as a fraction so that
// exactly 1/7 is within the limit.
struct LeaveRatio {
  double num = 1, den = 7;
  bool operator==(const LeaveRatio&) const = default;
};
// One assessment component and its weight; a course's weights sum to 1.
struct Component {
  std::string name;
  double weight = 0;
  bool operator==(const Component&) const = default;
};

// The text forms of the training fields (the CLI and the importers), each naming `field`.
// "HH:MM" -> minutes since midnight.
CADRE_API std::chrono::minutes parse_clock(std::string_view text, std::string_view field);
// "1/7" or a decimal in [0, 1].
CADRE_API LeaveRatio parse_leave_ratio(std::string_view text, std::string_view field);
// "exam:0.6,paper:0.4" (weights in [0, 1]; the library checks they are positive and sum to 1).
CADRE_API std::vector<Component> parse_components(std::string_view text, std::string_view field);
// Hours of one record: more than 0 and at most `max` (kMaxSessionHours, kMaxRecordHours).
CADRE_API double parse_hours(std::string_view text, std::string_view field, double max);

struct CourseInput {
  std::string code;
  std::optional<std::string> title;
  std::optional<std::string> organizer;  // unit code
  Date start{}, end{};
  std::optional<int> capacity;  // 1..kMaxCapacity; none = unlimited
  std::optional<std::string> category;  // a free label
  // The kind of training (条例 Art. 13): thematic | rotation | initial | appointment | in_service |
  // online | other; none = other. Appointment training (任职培训) is a course of type appointment.
  std::optional<std::string> type;
  double pass_mark = 60;              // 0..kMaxPassMark
  LeaveRatio max_leave_ratio;         // default 1/7
  double max_absence_hours = 0;       // 0..kMaxAbsenceHours
  std::vector<Component> components;  // none, or weights summing to 1
};
CADRE_API void add_course(Database& db, const CourseInput& course);
// `course list [--type T]`: every course, or those of one type, by start date.
CADRE_API Report list_courses(Database& db, const std::optional<std::string>& type = std::nullopt);
CADRE_API Report show_course(Database& db, const std::string& code);

struct SessionInput {
  std::string course;
  Date date{};
  std::chrono::minutes start{}, end{};  // since midnight
  std::optional<std::string> title;
  std::optional<std::string> instructor;
  std::optional<double> hours;  // default: the length in hours rounded to 0.5
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
  int session_no = 0;
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
  double score = 0;                      // 0..kMaxScore
};
CADRE_API void assess(Database& db, const AssessmentInput& assessment);

struct FeedbackInput {
  std::string course;
  int session_no = 0;
  std::optional<std::string> by;  // staff number, marked present/late/left_early at the session
  int relevance = 0, theory = 0, information = 0, delivery = 0, manner = 0;  // 0..kMaxFeedbackScore each
};
CADRE_API void feedback(Database& db, const FeedbackInput& feedback);

struct HoursInput {
  std::string staff_no;
  Date date{};
  double hours = 0;                 // more than 0, at most kMaxRecordHours
  std::optional<std::string> kind;  // online | external
  std::optional<std::string> title;
};
CADRE_API void add_hours(Database& db, const HoursInput& hours);

// The course timetable as an RFC 5545 calendar (CRLF lines, UTC times).
CADRE_API std::string export_ics(Database& db, const std::string& course);

// `report course CODE [--as-of D]`
CADRE_API Report report_course(Database& db, const std::string& code, std::optional<Date> as_of = std::nullopt);
// `report person STAFF_NO [--as-of D]`: the training record, hours per year, appointment training
// and the secondments (as of `as_of`, default today in the database's time zone). A composition of the training and
// secondment areas (compose/person.cpp), declared here where programs have always found it.
CADRE_API Report report_person(Database& db, const std::string& staff_no, std::optional<Date> as_of);
// `report hours --year Y [--unit U]`: year kMinYear..kMaxYear.
CADRE_API Report report_hours(Database& db, int year, const std::optional<std::string>& unit);

}  // namespace cadre
