#include "cadre/calendar.hpp"

#include <algorithm>

#include "calendar/calendar_internal.hpp"
#include "store/store.hpp"
#include "util/dates.hpp"
#include "util/text.hpp"
#include "util/validate.hpp"

namespace cadre {

namespace {

using std::chrono::sys_days;

// Monday = 0 ... Sunday = 6.
int weekday_index(sys_days d) {
  return int((std::chrono::weekday(d).c_encoding() + 6) % 7);
}

// Monday-Friday days in [from, to] without looking at a calendar: whole weeks plus a remainder.
std::int64_t plain_weekdays(sys_days from, sys_days to) {
  std::int64_t n = (to - from).count() + 1;
  if (n <= 0) return 0;
  std::int64_t weeks = n / 7, rest = n % 7;
  std::int64_t count = weeks * 5;
  int wd = weekday_index(from);
  for (std::int64_t i = 0; i < rest; ++i)
    if ((wd + i) % 7 < 5) ++count;
  return count;
}

std::int64_t count_in(const std::vector<sys_days>& v, sys_days from, sys_days to) {
  return std::upper_bound(v.begin(), v.end(), to) - std::lower_bound(v.begin(), v.end(), from);
}

void insert_sorted(std::vector<sys_days>& v, sys_days d) {
  auto it = std::lower_bound(v.begin(), v.end(), d);
  if (it == v.end() || *it != d) v.insert(it, d);
}

}  // namespace

namespace detail {
WorkCalendar load_calendar(Database::Impl& impl) {
    WorkCalendar c;
    detail::Stmt q(impl, "SELECT day, kind FROM calendar_days ORDER BY day");
    while (q.step()) {
      auto d = sys_days(detail::parse_date(q.col(0).getString(), "calendar_days.day").time_since_epoch());
      if (q.col(1).getString() == "holiday") c.add_holiday(d); else c.add_workday(d);
    }
    return c;
}
}  // namespace detail

WorkCalendar WorkCalendar::load(Database& db) {
  return detail::read(db, [&](Database::Impl& impl) { return detail::load_calendar(impl); });
}

void WorkCalendar::add_holiday(sys_days d) {
  // A holiday on a weekend changes nothing: only weekday holidays are kept.
  if (weekday_index(d) < 5) insert_sorted(holidays_, d);
}
void WorkCalendar::add_workday(sys_days d) {
  if (weekday_index(d) >= 5) insert_sorted(workdays_, d);
}

bool WorkCalendar::is_working_day(sys_days d) const {
  if (weekday_index(d) < 5) return !std::binary_search(holidays_.begin(), holidays_.end(), d);
  return std::binary_search(workdays_.begin(), workdays_.end(), d);
}

std::int64_t WorkCalendar::working_days(sys_days from, sys_days to) const {
  if (to < from) return 0;
  return plain_weekdays(from, to) - count_in(holidays_, from, to) + count_in(workdays_, from, to);
}

Report calendar_month(Database& db, Month month) {
  detail::Day first(date::year{int(month.year())} / date::month{unsigned(month.month())} / 1);
  std::string month_text = format_month(month);
  auto cal = WorkCalendar::load(db);
  return detail::read(db, [&](Database::Impl& impl) {
    Report r;
    r.kind = "calendar_month";
    r.title = detail::msg("Calendar {}", month_text);
    date::year_month_day ymd(first);
    auto last = date::sys_days(ymd.year() / ymd.month() / date::last);
    r.data.set("month", Node::string(month_text));
    r.data.set("working_days", Node::integer(cal.working_days(sys_days(first.time_since_epoch()),
                                                              sys_days(last.time_since_epoch()))));
    auto& days = r.data.set("days", Node::array());
    static const char* names[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    detail::Stmt q(impl, "SELECT kind, name, name_zh FROM calendar_days WHERE day = ?");
    for (auto d = first; d <= last; d += date::days(1)) {
      sys_days sd(d.time_since_epoch());
      auto& row = days.push(Node::object());
      std::string day = detail::format_date(d);
      row.set("date", Node::date(day));
      row.set("weekday", Node::code(names[weekday_index(sd)]));
      row.set("working", Node::boolean(cal.is_working_day(sd)));
      q.bind(day);
      std::string note;
      if (q.step()) {
        std::string kind = q.col(0).getString();
        note = q.col(language() == "zh" ? 2 : 1).getString();
        row.set("override", Node::code(kind));
      } else {
        row.set("override", Node::null());
      }
      q->reset();
      row.set("note", Node::string(note));
    }
    return r;
  });
}

std::int64_t working_days(Database& db, Date from, Date to) {
  using detail::field;
  if (to < from)
    detail::fail(Errc::invalid, field("TO"), "{} ({}) is before {} ({})", field("TO"), format_date(to), field("FROM"),
                 format_date(from));
  return WorkCalendar::load(db).working_days(from, to);
}

Report calendar_workdays(Database& db, Date from, Date to) {
  std::int64_t working = working_days(db, from, to);
  Report r;
  r.kind = "calendar_workdays";
  r.title = detail::msg("Working days");
  r.data.set("from", Node::date(format_date(from)));
  r.data.set("to", Node::date(format_date(to)));
  r.data.set("days", Node::integer((to - from).count() + 1));
  r.data.set("working_days", Node::integer(working));
  return r;
}

}  // namespace cadre
