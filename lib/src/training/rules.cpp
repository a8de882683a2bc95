#include "training/rules.hpp"

#include <algorithm>
#include <cmath>

#include "util/text.hpp"
#include "util/validate.hpp"

namespace cadre::detail {

Completion evaluate_completion(const CoursePolicy& p, const TraineeFacts& f) {
  Completion c;
  if (f.withdrawn || f.no_show) {
    c.outcome = f.withdrawn ? "withdrawn" : "no_show";
    c.reasons = {c.outcome};
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
  auto dismissing = [](const std::string& r) { return r == "leave_over_limit" || r == "unexcused_absence"; };
  c.outcome = c.completed                                                       ? "completed"
              : std::any_of(c.reasons.begin(), c.reasons.end(), dismissing) ? "dismissed"
                                                                            : "not_completed";
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

namespace {

HoursFigure figure(double required, double done) { return {required, done, std::max(0.0, required - done)}; }

// Flags `code` when the figure is short by more than rounding.
void flag_short(HoursCompliance& h, const HoursFigure& f, std::string_view code, std::string_view rule) {
  if (f.done + kEpsilon < f.required) h.flags.push_back(HoursFlag{code, rule, f});
}

}  // namespace

HoursCompliance evaluate_hours(const std::string& tier, const double (&centralised)[5], double online,
                               const HoursRule& rule) {
  HoursCompliance h;
  if (tier == "leader") {
    double window = 0;
    for (double y : centralised) window += y;
    h.centralised = figure(rule.leader_window, window);
    flag_short(h, h.centralised, "five_year_hours_short",
               "leader tier: centralised hours over the year and the 4 before it");
  } else {
    h.centralised = figure(rule.general_annual, centralised[0]);
    flag_short(h, h.centralised, "annual_hours_short", "general tier: centralised hours per calendar year");
  }
  h.online = figure(rule.online_annual, online);
  flag_short(h, h.online, "online_hours_short", "everyone: online hours per calendar year");
  h.compliant = h.flags.empty();
  return h;
}

std::string hours_message(const HoursFlag& f) {
  if (f.code == "five_year_hours_short")
    return msg("{:g} hours short of {:g} over five years", f.hours.short_by, f.hours.required);
  if (f.code == "annual_hours_short")
    return msg("{:g} hours short of {:g} this year", f.hours.short_by, f.hours.required);
  return msg("{:g} online hours short of {:g}", f.hours.short_by, f.hours.required);
}

}  // namespace cadre::detail
