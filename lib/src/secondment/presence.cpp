#include "secondment/presence.hpp"

#include <algorithm>
#include <cmath>

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
  checked_.assign(size_t((window_end_ - start_).count() + 1), false);
  travelled_.assign(checked_.size(), false);
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
    mp.complete = m >= start_ && month_last(m) <= window_end_;
    months_.push_back(mp);
  }
}

bool Presence::on_leave(Day d) const {
  for (const auto& l : leaves_)
    if (d >= l.from && d <= l.to) return true;
  return false;
}

MonthPresence& Presence::month_of(Day d) { return months_[size_t(month_index(d) - first_month_index_)]; }

void Presence::add_checkin_day(Day d) {
  if (d < start_ || d > window_end_) return;
  auto i = size_t((d - start_).count());
  if (checked_[i]) return;
  checked_[i] = true;
  MonthPresence& m = month_of(d);
  m.in_post++;
  if (cal_.is_working_day(sd(d)) && !on_leave(d)) m.present++;
}

void Presence::add_makeup_day(Day d, std::int64_t punches, bool only) {
  if (d < start_ || d > window_end_) return;
  MonthPresence& m = month_of(d);
  m.makeups += punches;
  if (only && cal_.is_working_day(sd(d)) && !on_leave(d)) m.makeup++;
}

void Presence::add_trip(Day from, Day to) {
  for (Day d = std::max(from, start_); d <= std::min(to, window_end_); d += date::days(1)) {
    auto i = size_t((d - start_).count());
    if (checked_[i] || travelled_[i] || on_leave(d)) continue;  // a check-in counts it already; leave wins
    travelled_[i] = true;
    MonthPresence& m = month_of(d);
    m.in_post++;
    if (cal_.is_working_day(sd(d))) m.trip++;
  }
}

void Presence::add_report(Day first, Day filed_on) {
  if (filed_on > as_of_) return;  // not yet filed as of the report date
  int i = month_index(first) - first_month_index_;
  if (i < 0 || size_t(i) >= months_.size()) return;
  months_[size_t(i)].report_filed = true;
  months_[size_t(i)].report_missing = false;
}

std::int64_t Presence::sum(std::int64_t MonthPresence::*member) const {
  std::int64_t n = 0;
  for (auto& m : months_) n += m.*member;
  return n;
}
std::int64_t Presence::working_days() const { return sum(&MonthPresence::working); }
std::int64_t Presence::leave_days() const { return sum(&MonthPresence::leave); }
std::int64_t Presence::present_days() const { return sum(&MonthPresence::present); }
std::int64_t Presence::trip_days() const { return sum(&MonthPresence::trip); }
std::int64_t Presence::makeup_days() const { return sum(&MonthPresence::makeup); }
std::int64_t Presence::days_in_post() const { return sum(&MonthPresence::in_post); }

std::optional<double> Presence::rate(std::int64_t working, std::int64_t leave, std::int64_t in_post) {
  if (working - leave <= 0) return std::nullopt;
  return double(in_post) / double(working - leave);
}

std::vector<VillageYear> village_years(const Presence& pr, Day start, Day end, Day as_of, std::int64_t min_days_year) {
  std::vector<VillageYear> out;
  if (as_of < start) return out;
  for (int y = int(date::year_month_day(start).year()); y <= int(date::year_month_day(end).year()); ++y) {
    Day first = Day(date::year(y) / 1 / 1), last = Day(date::year(y) / 12 / 31);
    Day from = std::max(first, start), to = std::min(last, end);
    if (from > as_of) break;
    VillageYear& v = out.emplace_back();
    v.year = y;
    v.days = (to - from).count() + 1;
    auto year_days = (last - first).count() + 1;
    v.required = std::int64_t(std::lround(double(min_days_year) * double(v.days) / double(year_days)));
    v.complete = to <= as_of;
    for (const auto& m : pr.months())
      if (int(date::year_month_day(m.first).year()) == y) v.in_post += m.in_post;
  }
  return out;
}

}  // namespace cadre::detail
