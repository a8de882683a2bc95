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
  if (f.done + kEpsilon < f.required) h.flags.push_back(HoursFlag{code, rule, f, {}, std::nullopt});
}

DaysFigure days_figure(std::int64_t required, std::int64_t done) {
  return {required, done, std::max<std::int64_t>(0, required - done)};
}

}  // namespace

HoursCompliance evaluate_hours(const std::string& tier, const double (&centralised)[5], double online,
                               const TrainingDays& days, const HoursRule& rule) {
  HoursCompliance h;
  // Short of the tier's hours and of its days: either one meets the rule.
  auto flag_tier = [&](std::string_view code, std::string_view words) {
    if (h.centralised.done + kEpsilon < h.centralised.required && h.days.done < h.days.required)
      h.flags.push_back(HoursFlag{code, words, h.centralised, h.days, std::nullopt});
  };
  if (tier == "leader") {
    double window = 0;
    for (double y : centralised) window += y;
    h.centralised = figure(rule.leader_window, window);
    h.days = days_figure(rule.leader_window_days, days.window);
    flag_tier("five_year_hours_short",
              "leader tier: 550 centralised hours or 3 months (setting leader_min_days) over the year and the 4 "
              "before it");
  } else {
    h.centralised = figure(rule.general_annual, centralised[0]);
    h.days = days_figure(rule.general_days, days.year);
    flag_tier("annual_hours_short", "general tier: 90 centralised hours or 12 days per calendar year");
  }
  h.online = figure(rule.online_annual, online);
  flag_short(h, h.online, "online_hours_short", "everyone: online hours per calendar year");
  h.compliant = h.flags.empty();
  return h;
}

std::string hours_message(const HoursFlag& f) {
  if (f.code == "appointment_training_overdue")
    return msg("appointment training (任职培训) was due by {}", f.due ? format_date(*f.due) : "");
  bool days = f.days.required > 0;
  if (f.code == "five_year_hours_short")
    return days ? msg("{:g} hours short of {:g} and {} days short of {} over five years", f.hours.short_by,
                      f.hours.required, f.days.short_by, f.days.required)
                : msg("{:g} hours short of {:g} over five years", f.hours.short_by, f.hours.required);
  if (f.code == "annual_hours_short")
    return days ? msg("{:g} hours short of {:g} and {} days short of {} this year", f.hours.short_by, f.hours.required,
                      f.days.short_by, f.days.required)
                : msg("{:g} hours short of {:g} this year", f.hours.short_by, f.hours.required);
  return msg("{:g} online hours short of {:g}", f.hours.short_by, f.hours.required);
}

Day years_from(Day day, int years) {
  date::year_month_day ymd(day);
  auto moved = ymd + date::years(years);
  if (moved.ok()) return Day(moved);
  return Day(moved.year() / moved.month() / date::last);  // 29 February: the month's last day
}

std::optional<AppointmentTraining> appointment_training(std::optional<Day> promoted_on,
                                                        const std::vector<AppointmentCourse>& completed, Day as_of) {
  if (!promoted_on) return std::nullopt;
  AppointmentTraining a;
  a.promoted_on = *promoted_on;
  a.from = years_from(*promoted_on, -1);
  a.due = years_from(*promoted_on, 1);
  const AppointmentCourse* first = nullptr;
  for (const auto& c : completed)
    if (c.end >= a.from && c.end <= a.due && c.end <= as_of &&
        (!first || c.end < first->end || (c.end == first->end && c.code < first->code)))
      first = &c;
  if (first) {
    a.status = "done";
    a.course = first->code;
    a.completed_on = first->end;
  } else {
    a.status = as_of > a.due ? "overdue" : "due";
  }
  return a;
}

std::optional<HoursFlag> appointment_flag(const std::optional<AppointmentTraining>& t) {
  if (!t || t->status != "overdue") return std::nullopt;
  return HoursFlag{"appointment_training_overdue",
                   "promotion into the leader tier: a course of type appointment completed from a year before to a "
                   "year after it (条例 Art. 14)",
                   {},
                   {},
                   t->due};
}

}  // namespace cadre::detail
