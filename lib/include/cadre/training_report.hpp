// The typed results of the training reports: what `report course` and `report hours` compute, as
// values (dates Date, hours and rates double, enum words std::string), before any label or format.
// A report is built in two steps: course_report() reads the facts and applies the rules (training
// rules and outcomes), to_model() turns the result into the Report the renderers print (titles,
// field names, hints). report_course() in cadre/training.hpp is the two in a row.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
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
};

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
  Date start{}, end{};
  double total_hours = 0;  // scheduled: the sum of the sessions' hours
  double pass_mark = 60;
  LeaveRatio max_leave_ratio;
  double max_absence_hours = 0;
  // The figures.
  std::int64_t enrolled = 0, completed = 0, withdrawn = 0, waitlisted = 0;
  std::optional<double> completion_rate;  // completed / enrolled; none when nobody is enrolled
  std::array<std::int64_t, 4> grades{};   // enrolled trainees per kCourseGrades
  FeedbackMeans feedback;                 // over every response to every session
  std::vector<CourseTrainee> trainees;    // by staff number
  std::vector<CourseSession> sessions;    // by number
};

// `report course CODE` as values; Error(not_found) naming CODE for an unknown course.
CADRE_API CourseReport course_report(Database& db, const std::string& code);
// The report model of `report course` (in the thread's language), for cadre::render.
CADRE_API Report to_model(const CourseReport& report);

}  // namespace cadre
