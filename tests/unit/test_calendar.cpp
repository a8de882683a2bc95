#include <doctest/doctest.h>

#include "cadre/calendar.hpp"
#include "cadre/error.hpp"
#include "cadre/import.hpp"
#include "test_support.hpp"
#include "util/dates.hpp"

#include <fstream>

using namespace cadre;
using std::chrono::sys_days;

namespace {
sys_days d(const char* s) { return sys_days(detail::parse_date(s, "test").time_since_epoch()); }
}  // namespace

TEST_CASE("working days follow the 2026 China calendar at its edges") {
  test::TestDb t;
  auto cal = WorkCalendar::load(t.db);
  CHECK(cal.is_working_day(d("2026-02-14")));   // make-up Saturday
  CHECK(cal.is_working_day(d("2026-02-28")));   // make-up Saturday
  CHECK_FALSE(cal.is_working_day(d("2026-02-16")));  // holiday Monday
  CHECK_FALSE(cal.is_working_day(d("2026-02-21")));  // plain Saturday inside the holiday
  CHECK_FALSE(cal.is_working_day(d("2026-03-07")));  // ordinary Saturday
  CHECK(cal.is_working_day(d("2026-03-02")));   // ordinary Monday
  CHECK(cal.working_days(d("2026-02-01"), d("2026-02-28")) == 16);
  CHECK(cal.working_days(d("2026-02-14"), d("2026-02-14")) == 1);
  CHECK(cal.working_days(d("2026-02-16"), d("2026-02-16")) == 0);
  CHECK(cal.working_days(d("2026-02-28"), d("2026-02-01")) == 0);  // reversed range
  // National Day week: 1-7 off, Thu 8 and Fri 9 worked, make-up Saturday 10th.
  CHECK(cal.working_days(d("2026-10-01"), d("2026-10-10")) == 3);
}

TEST_CASE("working_days agrees with a day-by-day count over two years") {
  test::TestDb t;
  auto cal = WorkCalendar::load(t.db);
  auto from = d("2024-12-25");
  for (auto to = from; to <= d("2027-01-05"); to += std::chrono::days(37)) {
    std::int64_t slow = 0;
    for (auto x = from; x <= to; x += std::chrono::days(1)) slow += cal.is_working_day(x) ? 1 : 0;
    CHECK(cal.working_days(from, to) == slow);
  }
}

TEST_CASE("a year without seed data is plain Monday to Friday") {
  test::TestDb t;
  auto cal = WorkCalendar::load(t.db);
  CHECK(cal.working_days(d("2027-02-01"), d("2027-02-28")) == 20);
}

TEST_CASE("calendar import adds a year and refuses bad rows without writing") {
  test::TestDb t;
  std::string path = t.dir.file("cal.csv");
  {
    std::ofstream f(path);
    f << "date,kind,name,name_zh\n2027-01-01,holiday,New Year's Day,元旦\n2027-02-06,workday,Spring Festival,春节\n";
  }
  auto r = import_calendar(t.db, path, false);
  CHECK(r.written == 2);
  auto cal = WorkCalendar::load(t.db);
  CHECK_FALSE(cal.is_working_day(d("2027-01-01")));
  CHECK(cal.is_working_day(d("2027-02-06")));

  std::string bad = t.dir.file("bad.csv");
  {
    std::ofstream f(bad);
    f << "date,kind\n2027-05-01,holiday\n2027-02-30,holiday\n2027-05-02,vacation\n";
  }
  try {
    import_calendar(t.db, bad, false);
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::invalid);
    std::string m = e.what();
    CHECK(m.find("bad.csv:3") != std::string::npos);
    CHECK(m.find("bad.csv:4") != std::string::npos);
  }
  CHECK(WorkCalendar::load(t.db).is_working_day(d("2027-05-03")));  // Monday untouched
  CHECK(WorkCalendar::load(t.db).working_days(d("2027-05-01"), d("2027-05-31")) == 21);
}

TEST_CASE("dates are validated") {
  CHECK_THROWS_AS(detail::parse_date("2026-02-30", "--start"), Error);
  CHECK_THROWS_AS(detail::parse_date("2026-2-3", "--start"), Error);
  CHECK_THROWS_AS(detail::parse_date("", "--start"), Error);
  CHECK(detail::format_date(detail::parse_date("2024-02-29", "x")) == "2024-02-29");
  try {
    detail::parse_date("2026-02-30", "--start");
  } catch (const Error& e) {
    CHECK(e.field() == "--start");
    CHECK(std::string(e.what()).find("--start") != std::string::npos);
  }
}

TEST_CASE("instants keep their offset and fall on the local day of the database zone") {
  auto i = detail::parse_instant("2026-03-02T01:00:00+08:00", "--at", "Asia/Shanghai");
  CHECK(detail::format_instant(i) == "2026-03-02T01:00:00+08:00");
  CHECK(detail::format_date(detail::Day(std::chrono::floor<std::chrono::days>(i.utc).time_since_epoch())) ==
        "2026-03-01");  // the previous day in UTC
  CHECK(detail::format_date(detail::local_day(i.utc, "Asia/Shanghai")) == "2026-03-02");
  auto local = detail::parse_instant("2026-03-02 08:31", "--at", "Asia/Shanghai");
  CHECK(local.offset_minutes == 480);
  CHECK(detail::format_instant(local) == "2026-03-02T08:31:00+08:00");
  auto z = detail::parse_instant("2026-03-02T00:31:00Z", "--at", "Asia/Shanghai");
  CHECK(z.utc == local.utc);
  CHECK_THROWS_AS(detail::parse_instant("2026-03-02T25:00", "--at", "Asia/Shanghai"), Error);
  CHECK_THROWS_AS(detail::parse_instant("2026-03-02T08:00+8", "--at", "Asia/Shanghai"), Error);
  CHECK_THROWS_AS(detail::check_timezone("Mars/Olympus", "timezone"), Error);
}
