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
  std::int64_t trip = 0;       // working days on a trip without a check-in, not on leave
  std::int64_t makeup = 0;     // present days whose only check-ins are make-ups
  std::int64_t makeups = 0;    // make-up punches on the month's days of the window
  std::int64_t in_post = 0;    // calendar days with a check-in, or on a trip and not on leave
  bool complete = false;       // the whole month lies in the window (village minimum applies)
  bool report_filed = false;   // a monthly report filed on or before the as-of date
  bool report_missing = false; // none filed and the as-of date is after the 5th of the next month
};

class Presence {
 public:
  // The window is [start, min(end, as_of)]; nothing when as_of < start.
  Presence(const WorkCalendar& cal, Day start, Day end, Day as_of, std::vector<LeaveSpan> leaves);
  // A day with at least one check-in (each day once); counted present when it is a working day of
  // the window, not on leave, and in post on any day of the window.
  void add_checkin_day(Day d);
  // A day with `punches` make-up punches (补卡); `only` when the day has no other check-in. The day
  // itself comes through add_checkin_day too.
  void add_makeup_day(Day d, std::int64_t punches, bool only);
  // A duty trip (报备), given after every check-in: its days without a check-in count as in post
  // (working ones as trip days), unless on leave.
  void add_trip(Day from, Day to);
  // A monthly report for the month starting `first`, filed on `filed_on`.
  void add_report(Day first, Day filed_on);

  const std::vector<MonthPresence>& months() const { return months_; }
  std::int64_t working_days() const;
  std::int64_t leave_days() const;
  std::int64_t present_days() const;
  std::int64_t trip_days() const;
  std::int64_t makeup_days() const;
  std::int64_t days_in_post() const;
  // (present + trip) / (working - leave); null when the denominator is 0.
  static std::optional<double> rate(std::int64_t working, std::int64_t leave, std::int64_t in_post);
  static std::optional<double> rate(const MonthPresence& m) { return rate(m.working, m.leave, m.present + m.trip); }
  std::optional<double> rate() const { return rate(working_days(), leave_days(), present_days() + trip_days()); }
  bool on_leave(Day d) const;

 private:
  const WorkCalendar& cal_;
  Day start_, window_end_, as_of_;
  std::vector<LeaveSpan> leaves_;
  std::vector<MonthPresence> months_;
  int first_month_index_ = 0;
  std::vector<bool> checked_, travelled_;  // by day of the window: a check-in, a trip
  MonthPresence& month_of(Day d);
  std::int64_t sum(std::int64_t MonthPresence::*m) const;
};

// One calendar year of a village secondment (驻村): days in post against the yearly minimum, pro
// rata for the part of the year the period covers.
struct VillageYear {
  int year = 0;
  std::int64_t days = 0;      // calendar days of the period in the year
  std::int64_t in_post = 0;   // of them, days in post up to the as-of date
  std::int64_t required = 0;  // round(min_days_year * days / days of the year)
  bool complete = false;      // the period's part of the year is over by the as-of date
};
std::vector<VillageYear> village_years(const Presence& pr, Day start, Day end, Day as_of, std::int64_t min_days_year);

// The monthly report of the month starting `first` is due on the 5th of the next month.
Day report_due(Day first);

}  // namespace cadre::detail
