#include "secondment/presence.hpp"

#include <algorithm>

namespace cadre::detail {

namespace {
int month_index(Day d) {
  date::year_month_day ymd(d);
  return int(ymd.year()) * 12 + int(unsigned(ymd.month())) - 1;
}
Day month_first(Day d) {
  date::year_month_day ymd(d);
  return Day(ymd.year() / ymd.month() / 1);
}
Day month_last(Day d) {
  date::year_month_day ymd(d);
  return Day(ymd.year() / ymd.month() / date::last);
}
std::chrono::sys_days sd(Day d) { return std::chrono::sys_days(d.time_since_epoch()); }
}  // namespace

Day report_due(Day first) {
  date::year_month_day ymd(first);
  auto next = ymd.year() / ymd.month() / 1 + date::months(1);
  return Day(next.year() / next.month() / 5);
}

Presence::Presence(const WorkCalendar& cal, Day start, Day end, Day as_of, std::vector<LeaveSpan> leaves)
    : cal_(cal), start_(start), window_end_(std::min(end, as_of)), as_of_(as_of), leaves_(std::move(leaves)) {
  std::sort(leaves_.begin(), leaves_.end(), [](auto& a, auto& b) { return a.from < b.from; });
  first_month_index_ = month_index(start);
  if (window_end_ < start_) return;
  for (Day m = month_first(start_); m <= window_end_; m = month_last(m) + date::days(1)) {
    MonthPresence mp;
    mp.first = m;
    Day from = std::max(m, start_), to = std::min(month_last(m), window_end_);
    mp.working = cal_.working_days(sd(from), sd(to));
    for (const auto& l : leaves_) {
      Day a = std::max(from, l.from), b = std::min(to, l.to);
      if (a <= b) mp.leave += cal_.working_days(sd(a), sd(b));
    }
    mp.report_missing = as_of_ > report_due(m);
    months_.push_back(mp);
  }
}

bool Presence::on_leave(Day d) const {
  for (const auto& l : leaves_)
    if (d >= l.from && d <= l.to) return true;
  return false;
}

void Presence::add_checkin_day(Day d) {
  if (d < start_ || d > window_end_ || !cal_.is_working_day(sd(d)) || on_leave(d)) return;
  months_[size_t(month_index(d) - first_month_index_)].present++;
}

void Presence::add_report(Day first, Day filed_on) {
  if (filed_on > as_of_) return;  // not yet filed as of the report date
  int i = month_index(first) - first_month_index_;
  if (i < 0 || size_t(i) >= months_.size()) return;
  months_[size_t(i)].report_filed = true;
  months_[size_t(i)].report_missing = false;
}

std::int64_t Presence::working_days() const {
  std::int64_t n = 0;
  for (auto& m : months_) n += m.working;
  return n;
}
std::int64_t Presence::leave_days() const {
  std::int64_t n = 0;
  for (auto& m : months_) n += m.leave;
  return n;
}
std::int64_t Presence::present_days() const {
  std::int64_t n = 0;
  for (auto& m : months_) n += m.present;
  return n;
}
std::optional<double> Presence::rate(std::int64_t working, std::int64_t leave, std::int64_t present) {
  if (working - leave <= 0) return std::nullopt;
  return double(present) / double(working - leave);
}

}  // namespace cadre::detail
