#include "training/rules.hpp"

#include <cmath>

#include "util/text.hpp"
#include "util/validate.hpp"

namespace cadre::detail {

Completion evaluate_completion(const CoursePolicy& p, const TraineeFacts& f) {
  Completion c;
  if (f.withdrawn) {
    c.reasons = {"withdrawn"};
    c.grade = "fail";
    return c;
  }
  // leave / total <= num / den, compared without dividing so that exactly 1/7 is within the limit.
  if (f.leave_hours * p.leave_den > f.total_hours * p.leave_num + kEpsilon) c.reasons.push_back("leave_over_limit");
  if (f.absent_hours > p.max_absence_hours + kEpsilon) c.reasons.push_back("unexcused_absence");
  if (f.unrecorded_sessions > 0) c.reasons.push_back("attendance_unrecorded");
  if (p.has_components && (!f.final_score || *f.final_score + kEpsilon < p.pass_mark))
    c.reasons.push_back("below_pass_mark");
  c.completed = c.reasons.empty();
  if (!c.completed)
    c.grade = "fail";
  else if (!p.has_components)
    c.grade = "pass";
  else if (*f.final_score + kEpsilon >= 90)
    c.grade = "excellent";
  else if (*f.final_score + kEpsilon >= 80)
    c.grade = "good";
  else
    c.grade = "pass";
  return c;
}

double default_session_hours(int start_minutes, int end_minutes) {
  return std::round((end_minutes - start_minutes) / 30.0) / 2.0;
}

HoursCompliance evaluate_hours(const std::string& tier, const double (&centralised)[5], double online,
                               const HoursRule& rule) {
  HoursCompliance h;
  if (tier == "leader") {
    h.required_hours = rule.leader_window;
    for (double y : centralised) h.window_hours += y;
    if (h.window_hours + kEpsilon < h.required_hours) {
      h.reasons.push_back("five_year_hours_short");
      h.messages.push_back(
          msg("{:g} hours short of {:g} over five years", h.required_hours - h.window_hours, h.required_hours));
    }
  } else {
    h.required_hours = rule.general_annual;
    h.window_hours = centralised[0];
    if (h.window_hours + kEpsilon < h.required_hours) {
      h.reasons.push_back("annual_hours_short");
      h.messages.push_back(
          msg("{:g} hours short of {:g} this year", h.required_hours - h.window_hours, h.required_hours));
    }
  }
  if (online + kEpsilon < rule.online_annual) {
    h.reasons.push_back("online_hours_short");
    h.messages.push_back(msg("{:g} online hours short of {:g}", rule.online_annual - online, rule.online_annual));
  }
  h.compliant = h.reasons.empty();
  return h;
}

}  // namespace cadre::detail
