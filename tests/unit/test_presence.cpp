// Issue 12, part B: the presence rules of duty trips, make-up punches, spot checks and village
// secondments, on the Presence counters and the typed summary, at each rule's boundary.
#include <doctest/doctest.h>

#include "cadre/parse.hpp"
#include "cadre/people.hpp"
#include "cadre/secondment.hpp"
#include "cadre/secondment_report.hpp"
#include "cadre/settings.hpp"
#include "secondment/presence.hpp"
#include "secondment/spotchecks.hpp"
#include "test_support.hpp"
#include "util/dates.hpp"

using namespace cadre;

namespace {
detail::Day day(const char* s) { return detail::parse_date(s, "test"); }
Date d(const char* s) { return day(s); }

struct Fixture : test::TestDb {
  Fixture() {
    add_unit(db, {"QXFGW", "发改局", std::string("government"), std::nullopt});
    add_unit(db, {"HXZ", "河西镇", std::string("township"), std::nullopt});
    PersonInput p;
    p.staff_no = "A1";
    p.name = std::string("NA1");
    p.unit = "QXFGW";
    add_person(db, p);
  }
  std::int64_t add(const char* start, const char* end, const char* type = "standard") {
    SecondmentInput in{"A1", "QXFGW", "HXZ", "副镇长", d(start), d(end), std::nullopt, std::nullopt, std::string(type)};
    return add_secondment(db, in);
  }
  void punch(const char* instant, bool makeup = false) {
    CheckinInput c;
    c.staff_no = "A1";
    c.at = parse_when(instant, "at");
    c.makeup = makeup;
    if (makeup) {
      c.reason = "忘记打卡";
      c.approved_by = "李书记";
    }
    checkin(db, c);
  }
};

int flags(const SecondmentSummary& s, const std::string& code) {
  int n = 0;
  for (const auto& f : s.flags) n += f.code == code;
  return n;
}
}  // namespace

TEST_CASE("presence: a check-in beats a trip, leave beats both, the rate counts trip days") {
  test::TestDb t;
  auto cal = WorkCalendar::load(t.db);
  // March 2026: 22 working days; leave on Mon 16th.
  detail::Presence pr(cal, day("2026-03-02"), day("2026-12-31"), day("2026-03-31"),
                      {{day("2026-03-16"), day("2026-03-16")}});
  pr.add_checkin_day(day("2026-03-09"));              // also on the trip
  pr.add_checkin_day(day("2026-03-16"));              // on leave: in post, not present
  pr.add_trip(day("2026-03-07"), day("2026-03-17"));  // Sat 7th .. Tue 17th
  CHECK(pr.working_days() == 22);
  CHECK(pr.leave_days() == 1);
  CHECK(pr.present_days() == 1);
  // Trip working days without a check-in, not on leave: 10, 11, 12, 13, 17.
  CHECK(pr.trip_days() == 5);
  // In post (any day): check-ins 9, 16; trip days 7, 8, 10-15, 17 (16 is leave).
  CHECK(pr.days_in_post() == 11);
  REQUIRE(pr.rate());
  CHECK(*pr.rate() == doctest::Approx(6.0 / 21));
  CHECK(detail::Presence::rate(pr.months()[0]) == pr.rate());
  // A second, overlapping trip counts no day twice.
  pr.add_trip(day("2026-03-10"), day("2026-03-11"));
  CHECK(pr.trip_days() == 5);
}

TEST_CASE("presence: make-up days are present days with only make-ups; every punch counts toward the limit") {
  test::TestDb t;
  auto cal = WorkCalendar::load(t.db);
  detail::Presence pr(cal, day("2026-03-02"), day("2026-12-31"), day("2026-03-31"), {});
  for (auto s : {"2026-03-02", "2026-03-03", "2026-03-07"}) pr.add_checkin_day(day(s));
  pr.add_makeup_day(day("2026-03-02"), 2, true);   // a working day with make-ups only
  pr.add_makeup_day(day("2026-03-03"), 1, false);  // beside an ordinary check-in
  pr.add_makeup_day(day("2026-03-07"), 1, true);   // a Saturday: not a present day
  pr.add_makeup_day(day("2026-04-01"), 1, true);   // after the as-of date: ignored
  CHECK(pr.makeup_days() == 1);
  CHECK(pr.months()[0].makeups == 4);
  CHECK(pr.present_days() == 2);
}

TEST_CASE("village years: pro rata, rounded, complete once the period's part of the year is over") {
  test::TestDb t;
  auto cal = WorkCalendar::load(t.db);
  detail::Presence pr(cal, day("2026-03-01"), day("2027-06-30"), day("2027-01-10"), {});
  pr.add_trip(day("2026-03-01"), day("2026-03-31"));
  auto years = detail::village_years(pr, day("2026-03-01"), day("2027-06-30"), day("2027-01-10"), 200);
  REQUIRE(years.size() == 2);
  CHECK(years[0].year == 2026);
  CHECK(years[0].days == 306);
  CHECK(years[0].required == 168);  // 200 * 306 / 365 = 167.7
  CHECK(years[0].in_post == 31);
  CHECK(years[0].complete);
  CHECK(years[1].days == 181);
  CHECK(years[1].required == 99);  // 200 * 181 / 365 = 99.2
  CHECK_FALSE(years[1].complete);
  CHECK(detail::village_years(pr, day("2026-03-01"), day("2027-06-30"), day("2026-02-01"), 200).empty());
}

TEST_CASE("spot-check caps: parsing and each grade against 0, 1, 2, 3 absences") {
  auto caps = detail::parse_spotcheck_caps("1:competent,2:basically_competent,3:incompetent", "spotcheck_caps");
  REQUIRE(caps.size() == 3);
  const char* grades[] = {"excellent", "competent", "basically_competent", "incompetent"};
  const char* want[4][4] = {{"excellent", "competent", "basically_competent", "incompetent"},
                            {"competent", "competent", "basically_competent", "incompetent"},
                            {"basically_competent", "basically_competent", "basically_competent", "incompetent"},
                            {"incompetent", "incompetent", "incompetent", "incompetent"}};
  for (int absences = 0; absences < 4; ++absences)
    for (int g = 0; g < 4; ++g) {
      CAPTURE(absences);
      CAPTURE(grades[g]);
      auto capped = detail::capped_grade(std::string(grades[g]), absences, caps);
      CHECK(capped.value_or(grades[g]) == std::string(want[absences][g]));
      CHECK(capped.has_value() == (std::string(want[absences][g]) != grades[g]));
    }
  CHECK(detail::capped_grade(std::string("excellent"), 7, caps) == "incompetent");
  CHECK(detail::capped_grade(std::nullopt, 3, caps) == std::nullopt);  // no grade yet: nothing to cap
  CHECK(detail::parse_spotcheck_caps("  ", "spotcheck_caps").empty());
  for (auto bad : {"1:competent,1:incompetent", "2:incompetent,3:competent", "x", "1:great", "0:competent", "1:"})
    CHECK_THROWS_AS(detail::parse_spotcheck_caps(bad, "spotcheck_caps"), Error);
}

TEST_CASE("typed summary: figures, the capped grade with the grade before it, the flags with their rule") {
  Fixture f;
  auto id = f.add("2026-03-01", "2026-12-31", "village");
  add_trip(f.db, {id, d("2026-03-01"), d("2026-03-18"), "驻村走访", std::nullopt});
  f.punch("2026-03-19T09:00:00", true);
  for (auto s : {"2026-03-20T09:00:00", "2026-03-23T09:00:00", "2026-03-24T09:00:00"}) f.punch(s, true);
  add_spot_check(f.db, {id, d("2026-03-20"), "absent", std::string("组织部"), std::nullopt});
  add_spot_check(f.db, {id, d("2026-03-21"), "present", std::nullopt, std::nullopt});
  EvaluationInput e;
  e.secondment_id = id;
  e.period = "final";
  e.rater = "org";
  e.conduct = e.competence = e.diligence = e.performance = e.integrity = 96;
  evaluate(f.db, e);
  auto s = secondment_summary(f.db, id, d("2026-03-31"));
  CHECK(s.trip_days == 13);  // working days 2-6, 9-13, 16-18
  CHECK(s.present_days == 4);
  CHECK(s.makeup_days == 4);  // 19, 20, 23, 24: working days with make-ups only
  CHECK(s.days_in_post == 22);
  CHECK(s.spot_check_absences == 1);
  CHECK(s.uncapped_grade == "excellent");
  CHECK(s.overall_grade == "competent");
  CHECK(flags(s, "grade_capped_by_spot_checks") == 1);
  CHECK(flags(s, "makeup_over_limit") == 1);
  CHECK(flags(s, "village_month_below_minimum") == 0);  // 22 days in post
  for (const auto& flag : s.flags)
    if (flag.code == "makeup_over_limit") {
      CHECK(flag.rule == "setting max_makeup_per_month");
      CHECK(flag.count == 4);
      CHECK(flag.limit == 3);
    }
  REQUIRE(s.trips.size() == 1);
  REQUIRE(s.spot_checks.size() == 2);
  REQUIRE(s.village_years.size() == 1);
  CHECK(s.village_years[0].days_in_post == 22);
  REQUIRE(s.months.size() == 1);
  CHECK(s.months[0].makeups == 4);
  CHECK(*s.presence_rate == doctest::Approx(17.0 / 22));
  set_setting(f.db, "village_min_days_month", "23");
  CHECK(flags(secondment_summary(f.db, id, d("2026-03-31")), "village_month_below_minimum") == 1);
}
