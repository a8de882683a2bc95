// The typed results of the training reports: what `report course`, `report hours` and the training
// part of `report person` compute, as values (dates Date, hours and rates double, enum words
// std::string), before any label or format. A report is built in two steps: course_report(),
// hours_report() and person_training() read the facts and apply the rules (training rules and
// outcomes), to_model() turns the result into the Report the renderers print (titles, field names,
// hints). report_course() and report_hours() in cadre/training.hpp are the two in a row.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cadre/database.hpp"
#include "cadre/model.hpp"
#include "cadre/training.hpp"
#include "cadre/types.hpp"

namespace cadre {

// The five feedback indicators, in the order of every feedback array below.
inline constexpr std::array<const char*, 5> kFeedbackIndicators = {"relevance", "theory", "information", "delivery",
                                                                   "manner"};
// The attendance statuses counted per session, in the order of CourseSession::counts.
inline constexpr std::array<const char*, 5> kAttendanceStatuses = {"present", "late", "left_early", "leave", "absent"};
// The completion grades, best first, in the order of CourseReport::grades.
inline constexpr std::array<const char*, 4> kCourseGrades = {"excellent", "good", "pass", "fail"};

// One trainee (enrolled or withdrawn; the waitlist is not a trainee) and their outcome.
struct CourseTrainee {
  std::string staff_no, name;
  std::string status;  // enrolled | withdrawn
  double scheduled_hours = 0, attended_hours = 0, leave_hours = 0, absent_hours = 0;
  std::optional<double> attendance_rate;  // attended / scheduled; none without scheduled hours
  std::optional<double> final_score;
  std::optional<std::string> grade;  // excellent | good | pass | fail; none when withdrawn
  bool completed = false;
  std::vector<std::string> reasons;  // codes of the rules that refused completion
  // completed | not_completed | dismissed (leave or unexcused absence over its limit, 条例 Art. 14
  // "超过的应予退学") | withdrawn | no_show (not arrived by start + arrival_grace_days)
  std::string outcome;
};

// The trainee outcomes, in the order of CourseReport::outcomes.
inline constexpr std::array<const char*, 5> kTraineeOutcomes = {"completed", "not_completed", "dismissed", "withdrawn",
                                                                "no_show"};

// Mean feedback scores (0-20 each, total 0-100); none without responses.
struct FeedbackMeans {
  std::int64_t responses = 0;
  std::array<std::optional<double>, 5> indicators{};  // kFeedbackIndicators order
  std::optional<double> total;
};

struct CourseSession {
  std::int64_t no = 0;
  Date date{};
  std::string title;
  std::optional<std::string> instructor;
  double hours = 0;
  std::array<std::int64_t, 5> counts{};  // people per kAttendanceStatuses
  FeedbackMeans feedback;
};

struct CourseReport {
  // The course.
  std::string code, title, organizer;  // organizer: unit code
  std::string type = "other";          // the kind of training (enum course_type)
  Date start{}, end{};
  double total_hours = 0;  // scheduled: the sum of the sessions' hours
  double pass_mark = 60;
  LeaveRatio max_leave_ratio;
  double max_absence_hours = 0;
  // The figures.
  std::int64_t enrolled = 0, completed = 0, withdrawn = 0, waitlisted = 0;
  std::optional<double> completion_rate;  // completed / enrolled; none when nobody is enrolled
  std::array<std::int64_t, 4> grades{};   // enrolled trainees per kCourseGrades
  std::array<std::int64_t, 5> outcomes{};  // trainees per kTraineeOutcomes
  Date as_of{};                            // the day no-shows are judged on
  FeedbackMeans feedback;                 // over every response to every session
  std::vector<CourseTrainee> trainees;    // by staff number
  std::vector<CourseSession> sessions;    // by number
};

// `report course CODE [--as-of D]` as values (no-shows as of `as_of`, default today in the database's
// zone); Error(not_found) naming CODE for an unknown course.
CADRE_API CourseReport course_report(Database& db, const std::string& code, std::optional<Date> as_of = std::nullopt);
// The report model of `report course` (in the thread's language), for cadre::render.
CADRE_API Report to_model(const CourseReport& report);

// --- report hours ---------------------------------------------------------------------------------

// Hours against one rule; short_by = max(0, required - done).
struct HoursFigure {
  double required = 0, done = 0, short_by = 0;
};

// Days of centralised training against the days the rule asks for (条例 Art. 14: "12天或者90学时",
// "3个月或者550学时"); short_by = max(0, required - done).
struct DaysFigure {
  std::int64_t required = 0, done = 0, short_by = 0;
};

// Appointment training (任职培训): a person promoted into the leader tier completes a course of type
// appointment from one year before to one year after the promotion (条例 Art. 14: "应当在提任后1年内完
// 成培训"). The latest promotion into the leader tier on or before the report's date counts.
struct AppointmentTraining {
  Date promoted_on{};
  Date from{};                        // one year before the promotion: a course completed from then on counts
  Date due{};                         // one year after it, inclusive (29 February: the last day of February)
  std::optional<std::string> course;  // the course that did it (done): the first completed in the window
  std::optional<Date> completed_on;   // that course's end date
  std::string status;                 // done | due | overdue (from the day after `due`)
};

// A training rule a person falls short of: a code, the rule that raised it and its figures.
// Code and rule are static text (a report of a province has 100,000 rows, most of them flagged).
struct HoursFlag {
  // annual_hours_short | five_year_hours_short | online_hours_short | appointment_training_overdue
  std::string_view code;
  std::string_view rule;  // which rule, in words (not translated)
  HoursFigure hours;
  DaysFigure days;          // the days the hours rules also accept (required 0: none)
  std::optional<Date> due;  // appointment_training_overdue: the due date passed
};

struct HoursPerson {
  std::string staff_no, name;
  std::string tier;              // general | leader
  double centralised_hours = 0;  // of the year itself: completed courses and recorded hours
  // The tier's rule over centralised hours: the year (general, 90) or the year and the 4 before it
  // (leader, 550); done = the centralised hours counted in that window.
  HoursFigure centralised;
  HoursFigure online;  // the online hours of the year against 50
  // Distinct days of the year attended in completed courses, and the dates of external records.
  std::int64_t centralised_days = 0;
  // The same days over the tier's window against its days (general: 12 a year; leader: setting
  // leader_min_days, default 60, over five years). The hours rule is met by hours or by days.
  DaysFigure days;
  std::optional<AppointmentTraining> appointment;  // none: never promoted into the leader tier
  bool compliant = true;
  // The tier's rule first, then the online one, then appointment_training_overdue.
  std::vector<HoursFlag> flags;
};

// Hours of the year in completed courses of one type, over the people of the report.
struct HoursByType {
  std::string type;  // enum course_type
  std::int64_t people = 0;
  double hours = 0;
};

struct HoursReport {
  int year = 0;
  Date as_of{};  // the day appointment training is judged on: 31 December of the year, or today if earlier
  std::vector<HoursPerson> people;  // by staff number: everyone, or the unit and the units below it
  std::int64_t non_compliant = 0;
  std::vector<HoursByType> by_type;  // the course types with hours, in the order of course_type
};

// `report hours --year Y [--unit U]` as values: year kMinYear..kMaxYear (Error(invalid) naming
// year), an unknown unit Error(not_found) naming unit.
CADRE_API HoursReport hours_report(Database& db, int year, const std::optional<std::string>& unit);
// The report model of `report hours` (in the thread's language), for cadre::render.
CADRE_API Report to_model(const HoursReport& report);
// One person's row of `report hours --year Y` (whatever their unit); Error(invalid) naming year,
// Error(not_found) naming STAFF_NO.
CADRE_API HoursPerson person_hours(Database& db, const std::string& staff_no, int year);

// --- report person: the training record -----------------------------------------------------------

// A course the person is a trainee of (not waitlisted), with their outcome.
struct PersonCourse {
  std::string code, title, organizer, organizer_name;  // organizer: unit code and name
  std::string type = "other";                          // enum course_type
  Date start{}, end{};
  double attended_hours = 0;
  std::optional<double> final_score;
  std::optional<std::string> grade;  // none when withdrawn
  bool completed = false;
  std::vector<std::string> reasons;  // codes of the rules that refused completion
  std::string outcome;               // as CourseTrainee::outcome
};

// Training hours of one calendar year: completed courses and recorded hours.
struct PersonYearHours {
  int year = 0;
  double centralised_hours = 0, online_hours = 0;
  std::int64_t centralised_days = 0;  // distinct days attended in completed courses, and external records
};

// The person's courses of one type: how many, how many completed, the hours attended in them.
struct PersonTypeHours {
  std::string type;  // enum course_type
  std::int64_t courses = 0, completed = 0;
  double attended_hours = 0;
};

struct PersonTraining {
  Id person_id = 0;
  std::string staff_no, name, unit, unit_name;  // unit: code
  std::string tier;                             // general | leader
  std::optional<std::string> rank, title;
  Date as_of{};
  std::vector<PersonCourse> courses;   // by start date, then code
  std::vector<PersonYearHours> hours;  // by year, the years with any hours
  std::vector<PersonTypeHours> by_type;            // the types of the person's courses, in course_type order
  std::optional<AppointmentTraining> appointment;  // as of as_of; none: never promoted into the leader tier
};

// The training record of `report person STAFF_NO` as of `as_of` (default today in the database's
// time zone); Error(not_found) naming STAFF_NO.
CADRE_API PersonTraining person_training(Database& db, const std::string& staff_no,
                                         std::optional<Date> as_of = std::nullopt);
// Its report model (person, courses, hours): `report person` adds the secondments to it.
CADRE_API Report to_model(const PersonTraining& record);

}  // namespace cadre
