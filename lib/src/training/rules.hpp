// Internal: the training rules as pure functions, so reports share them and tests reach their
// boundaries without a database.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "cadre/training_report.hpp"
#include "util/dates.hpp"

namespace cadre::detail {

// Comparisons of sums of hours and scores allow this much rounding error (hours are entered with
// at most a few decimals, so real differences are far larger).
inline constexpr double kEpsilon = 1e-9;

struct CoursePolicy {
  double pass_mark = 60;
  double leave_num = 1, leave_den = 7;  // leave limit = num/den of total hours
  double max_absence_hours = 0;
  bool has_components = false;
};

struct TraineeFacts {
  bool withdrawn = false;
  bool no_show = false;  // a course that tracks arrivals, not arrived by the deadline (callup_internal.hpp)
  double total_hours = 0;  // of every session of the course
  double leave_hours = 0;
  double absent_hours = 0;
  int unrecorded_sessions = 0;
  std::optional<double> final_score;  // none when a component is not assessed yet
};

struct Completion {
  bool completed = false;
  std::string grade;                 // excellent | good | pass | fail
  std::vector<std::string> reasons;  // empty when completed
  // completed | not_completed | dismissed | withdrawn | no_show (enums::trainee_outcome)
  std::string outcome;
};

// Completed iff leave <= total x limit, absence <= limit, every session recorded and (with
// components) the final score reaches the pass mark. A missing component score leaves the final
// score undefined and counts as below_pass_mark. A withdrawn trainee carries only `withdrawn`, a
// no-show only `no_show`. The outcome: withdrawn, no_show, then dismissed when leave or unexcused
// absence is over its limit (条例 Art. 14: "超过的应予退学"), else completed or not_completed.
Completion evaluate_completion(const CoursePolicy& policy, const TraineeFacts& facts);

// Hours of a session from its length: rounded to the nearest half hour.
double default_session_hours(int start_minutes, int end_minutes);

// Training-hours compliance of one person for one year: hours or days (条例 Art. 14: "12天或者90学时",
// "3个月或者550学时").
struct HoursRule {
  double general_annual = 90;  // 学时 per calendar year (general tier)
  double leader_window = 550;  // 学时 over the year and the 4 before it (leader tier)
  double online_annual = 50;   // 学时 online per year (everyone)
  std::int64_t general_days = 12;  // or days per calendar year (general tier)
  // Or days over the five years (leader tier): "3个月" read as 3 x 20 training days (setting leader_min_days).
  std::int64_t leader_window_days = 60;
};
// Distinct days of centralised training: of the year, and of the year and the 4 before it.
struct TrainingDays {
  std::int64_t year = 0, window = 0;
};
struct HoursCompliance {
  HoursFigure centralised;  // required: of centralised hours in the tier's window; done: counted there
  HoursFigure online;       // of the year
  DaysFigure days;          // the tier's days in its window
  bool compliant = true;
  std::vector<HoursFlag> flags;
};
// centralised[i] = centralised hours of year (Y - i), i = 0..4; online = online hours of year Y.
// The tier's rule is met by its hours or by its days; the flag carries both figures.
HoursCompliance evaluate_hours(const std::string& tier, const double (&centralised)[5], double online,
                               const TrainingDays& days = {}, const HoursRule& rule = {});
// The flag in words, in the thread's language ("12 hours short of 90 this year").
std::string hours_message(const HoursFlag& flag);

// --- appointment training (任职培训) -----------------------------------------------------------------

// The same day `years` years later (earlier when negative). A 29 February in a year without one is
// the last day of February (民法典 Art. 202: "没有对应日的，月末日为期间的最后一日").
Day years_from(Day day, int years);

// A completed course of type appointment: its end date (the day it was completed) and code.
struct AppointmentCourse {
  Day end{};
  std::string code;
};
// The status of the appointment training due for a promotion into the leader tier on
// `promoted_on` (none: never promoted so, none returned), as of `as_of`: done when a completed
// course ended within [promoted_on - 1 year, promoted_on + 1 year] and by as_of (the first such),
// else due up to and including promoted_on + 1 year, overdue from the day after.
std::optional<AppointmentTraining> appointment_training(std::optional<Day> promoted_on,
                                                        const std::vector<AppointmentCourse>& completed, Day as_of);
// appointment_training_overdue when the status is overdue.
std::optional<HoursFlag> appointment_flag(const std::optional<AppointmentTraining>& training);

}  // namespace cadre::detail
