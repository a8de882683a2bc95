// Internal: presence of one secondment as of a date, month by month. Fed with the distinct local
// days that have a check-in (from one indexed GROUP BY); working days come from the calendar.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cadre/calendar.hpp"
#include "util/dates.hpp"

namespace cadre::detail {

struct LeaveSpan {
  Day from, to;  // an approved leave's days, after any return (销假)
};

struct MonthPresence {
  Day first;  // first day of the month
  std::int64_t working = 0, leave = 0, present = 0;
  bool report_filed = false;   // a monthly report filed on or before the as-of date
  bool report_missing = false; // none filed and the as-of date is after the 5th of the next month
};

class Presence {
 public:
  // The window is [start, min(end, as_of)]; nothing when as_of < start.
  Presence(const WorkCalendar& cal, Day start, Day end, Day as_of, std::vector<LeaveSpan> leaves);
  // A day with at least one check-in; counted when it is a working day of the window, not on leave.
  void add_checkin_day(Day d);
  // A monthly report for the month starting `first`, filed on `filed_on`.
  void add_report(Day first, Day filed_on);

  const std::vector<MonthPresence>& months() const { return months_; }
  std::int64_t working_days() const;
  std::int64_t leave_days() const;
  std::int64_t present_days() const;
  // present / (working - leave); null when the denominator is 0.
  static std::optional<double> rate(std::int64_t working, std::int64_t leave, std::int64_t present);
  std::optional<double> rate() const { return rate(working_days(), leave_days(), present_days()); }
  bool on_leave(Day d) const;

 private:
  const WorkCalendar& cal_;
  Day start_, window_end_, as_of_;
  std::vector<LeaveSpan> leaves_;
  std::vector<MonthPresence> months_;
  int first_month_index_ = 0;
};

// The monthly report of the month starting `first` is due on the 5th of the next month.
Day report_due(Day first);

}  // namespace cadre::detail
