// Internal: the training rules as pure functions, so reports share them and tests reach their
// boundaries without a database.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "cadre/training_report.hpp"

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

// Training-hours compliance of one person for one year.
struct HoursRule {
  double general_annual = 90;  // 学时 per calendar year (general tier)
  double leader_window = 550;  // 学时 over the year and the 4 before it (leader tier)
  double online_annual = 50;   // 学时 online per year (everyone)
};
struct HoursCompliance {
  HoursFigure centralised;  // required: of centralised hours in the tier's window; done: counted there
  HoursFigure online;       // of the year
  bool compliant = true;
  std::vector<HoursFlag> flags;
};
// centralised[i] = centralised hours of year (Y - i), i = 0..4; online = online hours of year Y.
HoursCompliance evaluate_hours(const std::string& tier, const double (&centralised)[5], double online,
                               const HoursRule& rule = {});
// The flag in words, in the thread's language ("12 hours short of 90 this year").
std::string hours_message(const HoursFlag& flag);

}  // namespace cadre::detail
