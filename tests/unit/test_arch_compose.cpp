// Issue 10 leftovers: the typed `report hours` (figures and flags at the rules' boundaries, to_model()
// equal to the report), `report person` as a composition of the typed training record and the
// secondments, and the calendar's typed working_days.
#include <doctest/doctest.h>

#include "cadre/calendar.hpp"
#include "cadre/error.hpp"
#include "cadre/parse.hpp"
#include "cadre/people.hpp"
#include "cadre/render.hpp"
#include "cadre/secondment.hpp"
#include "cadre/training.hpp"
#include "cadre/training_report.hpp"
#include "test_support.hpp"
#include "util/utf8.hpp"

using namespace cadre;
using namespace std::chrono;

namespace {

std::string json(const Report& r) { return render(r, {"json", "en", 0}); }
Date on(const char* text) { return parse_date(text, "date"); }

void person(Database& db, const char* staff_no, const char* unit, const char* tier) {
  add_person(db, {staff_no, std::string("人") + staff_no, unit, tier, std::nullopt, std::nullopt, std::nullopt,
                  std::nullopt, std::nullopt});
}
void hours(Database& db, const char* staff_no, const char* date, double h, const char* kind) {
  add_hours(db, HoursInput{staff_no, on(date), h, kind, std::nullopt});
}

// L1 (leader, GOV), G1 and G2 (general, TOWN below GOV); a 6-hour course in 2026 that L1 and G1
// complete; recorded hours in 2026, 2022 (the leader's window) and 2021 (outside it).
struct HoursDb {
  test::TestDb t;
  HoursDb() {
    add_unit(t.db, {"DX", "党校", "party_school", std::nullopt});
    add_unit(t.db, {"GOV", "区政府", "government", std::nullopt});
    add_unit(t.db, {"TOWN", "镇", "township", std::string("GOV")});
    person(t.db, "L1", "GOV", "leader");
    person(t.db, "G1", "TOWN", "general");
    person(t.db, "G2", "TOWN", "general");
    CourseInput c;
    c.code = "C1";
    c.title = "班";
    c.organizer = "DX";
    c.start = on("2026-03-02");
    c.end = on("2026-03-06");
    add_course(t.db, c);
    for (const char* day : {"2026-03-02", "2026-03-03"}) {
      SessionInput s;
      s.course = "C1";
      s.date = on(day);
      s.start = 9h;
      s.end = 12h;
      s.title = "课";
      add_session(t.db, s);
    }
    enrol(t.db, "C1", {"L1", "G1"});
    for (int no = 1; no <= 2; ++no) attend(t.db, {"C1", no, {"L1", "G1"}, "present", std::nullopt});
    hours(t.db, "L1", "2022-01-01", 543.9, "external");
    hours(t.db, "L1", "2021-12-31", 100, "external");
    hours(t.db, "L1", "2026-05-01", 50, "online");
    hours(t.db, "G1", "2026-05-01", 84, "external");  // 6 + 84 = 90: exactly the rule
    hours(t.db, "G1", "2026-05-01", 49.5, "online");
  }
};

const HoursPerson& row(const HoursReport& r, const std::string& staff_no) {
  for (const auto& p : r.people)
    if (p.staff_no == staff_no) return p;
  FAIL("no row for " << staff_no);
  throw 0;
}

}  // namespace

TEST_CASE("hours report: required, done and short-by per rule, flags with the rule that raised each") {
  HoursDb d;
  HoursReport r = hours_report(d.t.db, 2026, std::nullopt);
  CHECK(r.year == 2026);
  REQUIRE(r.people.size() == 3);
  CHECK(r.people[0].staff_no == "G1");  // by staff number

  // The leader: 6 + 543.9 in the window 2022-2026; 2021 is the sixth year back.
  const HoursPerson& l = row(r, "L1");
  CHECK(l.tier == "leader");
  CHECK(l.centralised_hours == 6);
  CHECK(l.centralised.required == 550);
  CHECK(l.centralised.done == doctest::Approx(549.9));
  CHECK(l.centralised.short_by == doctest::Approx(0.1));
  CHECK(l.online.short_by == 0);
  CHECK(!l.compliant);
  REQUIRE(l.flags.size() == 1);
  CHECK(l.flags[0].code == "five_year_hours_short");
  CHECK(l.flags[0].rule.find("leader") != std::string_view::npos);
  CHECK(l.flags[0].hours.short_by == l.centralised.short_by);

  // Exactly 90 is enough; 49.5 online is half an hour short.
  const HoursPerson& g = row(r, "G1");
  CHECK(g.centralised.done == 90);
  CHECK(g.centralised.short_by == 0);
  CHECK(g.online.done == 49.5);
  CHECK(g.online.required == 50);
  REQUIRE(g.flags.size() == 1);
  CHECK(g.flags[0].code == "online_hours_short");
  CHECK(g.flags[0].hours.short_by == 0.5);

  // Nothing at all: both general rules, the tier's first.
  const HoursPerson& none = row(r, "G2");
  REQUIRE(none.flags.size() == 2);
  CHECK(none.flags[0].code == "annual_hours_short");
  CHECK(none.flags[0].hours.short_by == 90);
  CHECK(none.flags[1].code == "online_hours_short");
  CHECK(r.non_compliant == 3);

  // The leader's 543.9 of 2022 leaves the window in 2027.
  CHECK(row(hours_report(d.t.db, 2027, std::nullopt), "L1").centralised.done == 6);
  // A unit and the units below it.
  CHECK(hours_report(d.t.db, 2026, std::string("TOWN")).people.size() == 2);
  CHECK(hours_report(d.t.db, 2026, std::string("GOV")).people.size() == 3);
}

TEST_CASE("hours report: to_model is the report in both languages; one person's row is the report's") {
  HoursDb d;
  for (int year : {2021, 2026, 2027})
    for (auto unit : {std::optional<std::string>(), std::optional<std::string>("TOWN")}) {
      CHECK(json(to_model(hours_report(d.t.db, year, unit))) == json(report_hours(d.t.db, year, unit)));
      auto zh = [&](const Report& rep) { return render(rep, {"table", "zh", 0}); };
      CHECK(zh(to_model(hours_report(d.t.db, year, unit))) == zh(report_hours(d.t.db, year, unit)));
    }
  HoursReport all = hours_report(d.t.db, 2026, std::nullopt);
  for (const auto& p : all.people) {
    HoursPerson one = person_hours(d.t.db, p.staff_no, 2026);
    CHECK(one.centralised_hours == p.centralised_hours);
    CHECK(one.centralised.done == p.centralised.done);
    CHECK(one.online.done == p.online.done);
    CHECK(one.flags.size() == p.flags.size());
  }
  auto code = [](auto&& f) {
    try {
      f();
    } catch (const Error& e) {
      return e.code();
    }
    return Errc::ok;
  };
  CHECK(code([&] { person_hours(d.t.db, "NOBODY", 2026); }) == Errc::not_found);
  CHECK(code([&] { person_hours(d.t.db, "L1", 1899); }) == Errc::invalid);
  CHECK(code([&] { hours_report(d.t.db, 2026, std::string("NOPE")); }) == Errc::not_found);
}

TEST_CASE("report person: the training record's model plus the secondments") {
  HoursDb d;
  add_unit(d.t.db, {"TOWN2", "另一镇", "township", std::nullopt});
  add_secondment(d.t.db, {"G1", "TOWN", "TOWN2", "副镇长", on("2026-03-02"), on("2026-08-31"), "B1", std::nullopt});
  PersonTraining t = person_training(d.t.db, "G1");
  CHECK(t.staff_no == "G1");
  CHECK(t.unit == "TOWN");
  CHECK(t.tier == "general");
  REQUIRE(t.courses.size() == 1);
  CHECK(t.courses[0].code == "C1");
  CHECK(t.courses[0].start == on("2026-03-02"));
  CHECK(t.courses[0].completed);
  REQUIRE(t.hours.size() == 1);
  CHECK(t.hours[0].year == 2026);
  CHECK(t.hours[0].centralised_hours == 90);
  CHECK(t.hours[0].online_hours == 49.5);

  Report whole = report_person(d.t.db, "G1", on("2026-06-01"));
  Report record = to_model(t);
  CHECK(whole.kind == record.kind);
  CHECK(whole.title == record.title);
  auto& secondments = *whole.data.find("secondments");
  REQUIRE(secondments.items().size() == 1);
  CHECK(secondments.items()[0].find("status")->as_string() == "active");
  record.data.set("secondments", secondments);
  CHECK(json(record) == json(whole));
  try {
    person_training(d.t.db, "NOBODY");
    FAIL("unknown person accepted");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::not_found);
  }
}

TEST_CASE("calendar: working_days is the report's figure; TO before FROM is refused naming TO") {
  test::TestDb t;
  for (auto [from, to] : {std::pair{"2026-02-01", "2026-02-28"}, std::pair{"2026-01-01", "2026-12-31"},
                          std::pair{"2026-03-07", "2026-03-07"}})
    CHECK(working_days(t.db, on(from), on(to)) ==
          calendar_workdays(t.db, on(from), on(to)).data.find("working_days")->as_int());
  CHECK(working_days(t.db, on("2026-03-02"), on("2026-03-08")) == 5);
  try {
    working_days(t.db, on("2026-03-02"), on("2026-03-01"));
    FAIL("TO before FROM accepted");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::invalid);
    CHECK(std::string(e.what()).find("TO") != std::string::npos);
  }
}

TEST_CASE("utf8_at: one scanner for the text checks and the JSON writer") {
  char32_t cp = 0;
  CHECK(detail::utf8_at("a", 0, cp) == 1);
  CHECK(cp == U'a');
  CHECK(detail::utf8_at("é", 0, cp) == 2);
  CHECK(cp == U'é');
  CHECK(detail::utf8_at("x王", 1, cp) == 3);
  CHECK(cp == U'王');
  CHECK(detail::utf8_at("\xF0\x9F\x98\x80", 0, cp) == 4);
  CHECK(cp == U'\U0001F600');
  // Refused: a lone continuation byte, an overlong '/', a surrogate, past U+10FFFF, a cut sequence.
  for (const char* bad : {"\x80", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE7\x8E"})
    CHECK(detail::utf8_at(bad, 0) == 0);
  // The JSON writer puts U+FFFD for each byte that is not UTF-8 and keeps the rest.
  Report r;
  r.kind = "x";
  r.data.set("s", Node::string("a\xC0\xAF王"));
  CHECK(render(r, {"json", "en", 0}).find("\"a\xEF\xBF\xBD\xEF\xBF\xBD王\"") != std::string::npos);
}
