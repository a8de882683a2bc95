// Appointment training (任职培训) and "days or hours" at their boundaries, as pure rules; then the
// position history through a database.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "cadre/parse.hpp"
#include "cadre/people.hpp"
#include "cadre/training_report.hpp"
#include "test_support.hpp"
#include "training/rules.hpp"
#include "util/dates.hpp"

using namespace cadre;
namespace d = cadre::detail;

namespace {
d::Day day(const char* text) { return d::parse_date(text, "day"); }
std::string text(d::Day x) { return d::format_date(x); }
std::vector<std::string> codes(const d::HoursCompliance& c) {
  std::vector<std::string> out;
  for (const auto& f : c.flags) out.emplace_back(f.code);
  return out;
}
}  // namespace

TEST_CASE("years_from: the same day a year away; 29 February without one is 28 February (民法典 Art. 202)") {
  CHECK(text(d::years_from(day("2025-03-10"), 1)) == "2026-03-10");
  CHECK(text(d::years_from(day("2025-03-10"), -1)) == "2024-03-10");
  CHECK(text(d::years_from(day("2024-02-29"), 1)) == "2025-02-28");
  CHECK(text(d::years_from(day("2024-02-29"), -1)) == "2023-02-28");
  CHECK(text(d::years_from(day("2024-02-29"), 4)) == "2028-02-29");
  CHECK(text(d::years_from(day("2024-12-31"), 1)) == "2025-12-31");
}

TEST_CASE("appointment training: due up to promotion + 1 year inclusive, overdue the day after") {
  CHECK_FALSE(d::appointment_training(std::nullopt, {}, day("2026-01-01")).has_value());
  auto on = day("2025-03-10");
  auto a = d::appointment_training(on, {}, day("2026-03-10"));
  REQUIRE(a);
  CHECK(a->status == "due");
  CHECK(text(a->due) == "2026-03-10");
  CHECK(text(a->from) == "2024-03-10");
  CHECK_FALSE(a->course);
  CHECK_FALSE(d::appointment_flag(a));
  a = d::appointment_training(on, {}, day("2026-03-11"));
  CHECK(a->status == "overdue");
  auto flag = d::appointment_flag(a);
  REQUIRE(flag);
  CHECK(flag->code == "appointment_training_overdue");
  CHECK(!flag->rule.empty());
  CHECK(flag->due == a->due);
  CHECK(d::hours_message(*flag).find("2026-03-10") != std::string::npos);
  // Before the promotion too: still due.
  CHECK(d::appointment_training(on, {}, day("2025-01-01"))->status == "due");
}

TEST_CASE("appointment training: a completed course ending from one year before to one year after counts") {
  auto on = day("2025-03-10");
  auto as_of = day("2027-01-01");
  // Exactly a year before: done; a day earlier: not within the window.
  auto a = d::appointment_training(on, {{day("2024-03-10"), "RZ-A"}}, as_of);
  CHECK(a->status == "done");
  CHECK(a->course == "RZ-A");
  CHECK(text(*a->completed_on) == "2024-03-10");
  CHECK(d::appointment_training(on, {{day("2024-03-09"), "RZ-A"}}, as_of)->status == "overdue");
  // Exactly a year after: done; a day later: overdue, the late course named nowhere.
  CHECK(d::appointment_training(on, {{day("2026-03-10"), "RZ-B"}}, as_of)->status == "done");
  a = d::appointment_training(on, {{day("2026-03-11"), "RZ-B"}}, as_of);
  CHECK(a->status == "overdue");
  CHECK_FALSE(a->course);
  // Not yet ended on the report's date: not done yet.
  CHECK(d::appointment_training(on, {{day("2025-06-30"), "RZ-C"}}, day("2025-06-29"))->status == "due");
  // Several: the first one completed in the window.
  a = d::appointment_training(on, {{day("2025-09-01"), "RZ-2"}, {day("2025-05-01"), "RZ-1"}, {day("2023-01-01"), "X"}},
                              as_of);
  CHECK(a->course == "RZ-1");
  // 29 February: due 28 February of the next year.
  auto leap = day("2024-02-29");
  CHECK(d::appointment_training(leap, {}, day("2025-02-28"))->status == "due");
  CHECK(d::appointment_training(leap, {}, day("2025-03-01"))->status == "overdue");
  CHECK(d::appointment_training(leap, {{day("2023-02-28"), "R"}}, day("2025-03-01"))->status == "done");
}

TEST_CASE("days or hours: a general cadre complies with 90 hours or 12 days") {
  double hours[5] = {11, 0, 0, 0, 0};
  auto h = d::evaluate_hours("general", hours, 50, {12, 12});
  CHECK(h.compliant);
  CHECK(h.days.required == 12);
  CHECK(h.days.done == 12);
  h = d::evaluate_hours("general", hours, 50, {11, 11});
  CHECK(codes(h) == std::vector<std::string>{"annual_hours_short"});
  CHECK(h.flags[0].days.short_by == 1);
  CHECK(d::hours_message(h.flags[0]).find("1 days short of 12") != std::string::npos);
  hours[0] = 89.5;
  CHECK(d::evaluate_hours("general", hours, 50, {12, 12}).compliant);        // 89.5 hours and 12 days
  CHECK_FALSE(d::evaluate_hours("general", hours, 50, {11, 40}).compliant);  // the year's days, not the window's
  hours[0] = 90;
  CHECK(d::evaluate_hours("general", hours, 50, {0, 0}).compliant);
}

TEST_CASE("days or hours: a leader complies with 550 hours or the leader days over five years") {
  double hours[5] = {10, 10, 10, 10, 10};
  d::HoursRule rule;
  CHECK(rule.leader_window_days == 60);
  CHECK(d::evaluate_hours("leader", hours, 50, {0, 60}, rule).compliant);
  auto h = d::evaluate_hours("leader", hours, 50, {0, 59}, rule);
  CHECK(codes(h) == std::vector<std::string>{"five_year_hours_short"});
  CHECK(h.flags[0].days.required == 60);
  CHECK(h.flags[0].days.short_by == 1);
  CHECK(d::hours_message(h.flags[0]).find("over five years") != std::string::npos);
  rule.leader_window_days = 12;
  CHECK(d::evaluate_hours("leader", hours, 50, {0, 12}, rule).compliant);
}

TEST_CASE("person promote: history, the latest by date is current, a second one on a day is a conflict") {
  test::TestDb t;
  add_unit(t.db, {"QX", "青溪区", "government", std::nullopt});
  PersonInput p;
  p.staff_no = "P1";
  p.name = "甲";
  p.unit = "QX";
  p.rank = "一级主任科员";
  p.title = "科长";
  add_person(t.db, p);
  PromotionInput up{"P1", parse_date("2025-03-10", "on"), "四级调研员", "副局长", "leader"};
  CHECK(promote_person(t.db, up));
  PromotionInput old{"P1", parse_date("2020-01-01", "on"), "二级主任科员", std::nullopt, std::nullopt};
  CHECK_FALSE(promote_person(t.db, old));  // history only
  auto shown = show_person(t.db, "P1");
  const Node* person = shown.data.find("person");
  REQUIRE(person);
  CHECK(person->find("rank")->as_string() == "四级调研员");
  CHECK(person->find("title")->as_string() == "副局长");
  CHECK(person->find("tier")->as_string() == "leader");
  const Node* history = shown.data.find("promotions");
  REQUIRE(history);
  REQUIRE(history->items().size() == 2);
  CHECK(history->items()[0].find("on")->as_string() == "2020-01-01");
  CHECK(history->items()[0].find("tier")->is_null());
  CHECK(history->items()[1].find("rank")->as_string() == "四级调研员");
  CHECK_THROWS_AS(promote_person(t.db, up), Error);
  try {
    promote_person(t.db, up);
  } catch (const Error& e) {
    CHECK(e.code() == Errc::conflict);
  }
  PromotionInput bad{"P1", parse_date("2026-01-01", "on"), "x", std::nullopt, "boss"};
  CHECK_THROWS_AS(promote_person(t.db, bad), Error);
  PromotionInput nobody{"NOBODY", parse_date("2026-01-01", "on"), "x", std::nullopt, std::nullopt};
  CHECK_THROWS_AS(promote_person(t.db, nobody), Error);
}
