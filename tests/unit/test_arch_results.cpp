// Issue 10 item 2: the typed report results. The figures at their boundaries (a leave day against a
// working day, an as-of date before the start, a monthly report on and after its due date), and
// to_model() of a result is exactly the report the library builds.
#include <doctest/doctest.h>

#include "cadre/error.hpp"
#include "cadre/parse.hpp"
#include "cadre/people.hpp"
#include "cadre/render.hpp"
#include "cadre/secondment.hpp"
#include "cadre/secondment_report.hpp"
#include "cadre/training.hpp"
#include "cadre/training_report.hpp"
#include "test_support.hpp"

using namespace cadre;
using namespace std::chrono;

namespace {

std::string json(const Report& r) { return render(r, {"json", "en", 0}); }

Date on(const char* text) { return parse_date(text, "date"); }

void checkin_at(Database& db, const char* when) {
  CheckinInput in;
  in.staff_no = "A1";
  in.at = parse_when(when, "at");
  checkin(db, in);
}

// A1 seconded from Monday 2026-03-02, checked in on Monday 2 and on Thursday 5, on leave Thursday 5
// and Friday 6 (approved), no monthly report yet.
struct SecondmentDb {
  test::TestDb t;
  Id id = 0;
  SecondmentDb() {
    add_unit(t.db, {"GOV", "区政府", "government", std::nullopt});
    add_unit(t.db, {"TOWN", "镇", "township", std::nullopt});
    add_person(t.db, {"A1", "王一", "GOV", std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt,
                      std::nullopt});
    id = add_secondment(t.db, {"A1", "GOV", "TOWN", "副镇长", on("2026-03-02"), on("2026-08-31"), "B1", std::nullopt});
    checkin_at(t.db, "2026-03-02T08:30:00+08:00");
    checkin_at(t.db, "2026-03-05T08:30:00+08:00");
    LeaveInput leave;
    leave.secondment_id = id;
    leave.from = on("2026-03-05");
    leave.to = on("2026-03-06");
    leave.kind = "personal";
    approve_leave(t.db, request_leave(t.db, leave), "镇党委", "host");
  }
};

}  // namespace

TEST_CASE("secondment summary: a check-in on a leave day does not count, the leave day is not a working day missed") {
  SecondmentDb s;
  SecondmentSummary x = secondment_summary(s.t.db, s.id, on("2026-03-06"));
  CHECK(x.secondment.id == s.id);
  CHECK(x.secondment.status == "active");
  CHECK(x.secondment.batch == "B1");
  CHECK(x.secondment.end == on("2026-08-31"));
  CHECK(x.as_of == on("2026-03-06"));
  CHECK(x.working_days == 5);
  CHECK(x.leave_days == 2);
  CHECK(x.present_days == 1);  // Monday; Thursday's check-in fell on leave
  REQUIRE(x.presence_rate);
  CHECK(*x.presence_rate == doctest::Approx(1.0 / 3));
  REQUIRE(x.months.size() == 1);
  CHECK(x.months[0].month == 2026y / March);
  CHECK(x.months[0].working_days == 5);
  CHECK(x.months[0].leave_days == 2);
  REQUIRE(x.leaves.size() == 1);
  CHECK(x.leaves[0].days == 2);
  CHECK(x.leaves[0].status == "approved");
  CHECK(!x.leaves[0].returned_on);
  CHECK(x.evaluations.empty());
  CHECK(!x.overall_score);
  CHECK(!x.overall_grade);
  // Presence 1/3 is below the default minimum: one flag, with the rule and its figures. (Issue 12:
  // the six-month term is shorter than 1 year, the second flag.)
  REQUIRE(x.flags.size() == 2);
  CHECK(x.flags[1].code == "term_outside_rule");
  CHECK(x.flags[0].code == "presence_below_minimum");
  CHECK(x.flags[0].rule == "setting min_presence");
  CHECK(*x.flags[0].presence_rate == doctest::Approx(1.0 / 3));
  CHECK(*x.flags[0].min_presence == doctest::Approx(x.min_presence));

  // The day before the leave: three working days, none on leave, one present.
  SecondmentSummary before = secondment_summary(s.t.db, s.id, on("2026-03-04"));
  CHECK(before.working_days == 3);
  CHECK(before.leave_days == 0);
  CHECK(before.present_days == 1);
}

TEST_CASE("secondment summary: an as-of date before the start counts nothing") {
  SecondmentDb s;
  SecondmentSummary x = secondment_summary(s.t.db, s.id, on("2026-03-01"));
  CHECK(x.secondment.status == "planned");
  CHECK(x.working_days == 0);
  CHECK(x.present_days == 0);
  CHECK(x.leave_days == 0);
  CHECK(!x.presence_rate);
  CHECK(x.months.empty());
  CHECK(x.reports_filed + x.reports_missing + x.reports_not_yet_due == 0);
  REQUIRE(x.flags.size() == 1);  // issue 12: only the term rule, which holds whatever the date
  CHECK(x.flags[0].code == "term_outside_rule");
  CHECK(x.leaves.size() == 1);  // the leave is listed whatever the date

  // The start day itself: one working day, present.
  SecondmentSummary first = secondment_summary(s.t.db, s.id, on("2026-03-02"));
  CHECK(first.working_days == 1);
  CHECK(first.present_days == 1);
  CHECK(first.presence_rate == 1.0);
}

TEST_CASE("secondment summary: a monthly report is missing the day after its due date, with the rule") {
  SecondmentDb s;
  SecondmentSummary due = secondment_summary(s.t.db, s.id, on("2026-04-05"));
  CHECK(due.reports_missing == 0);
  CHECK(due.reports_not_yet_due == 2);  // March (due today) and April
  SecondmentSummary late = secondment_summary(s.t.db, s.id, on("2026-04-06"));
  CHECK(late.reports_missing == 1);
  CHECK(late.months[0].report_missing);
  const SecondmentFlag* missing = nullptr;
  for (const auto& f : late.flags)
    if (f.code == "monthly_report_missing") missing = &f;
  REQUIRE(missing);
  CHECK(missing->month == 2026y / March);
  CHECK(missing->due == on("2026-04-05"));
  CHECK(!missing->rule.empty());

  // Filed on the due date: counted as filed, no flag.
  add_monthly_report(s.t.db, {s.id, 2026y / March, "三月", on("2026-04-05")});
  SecondmentSummary filed = secondment_summary(s.t.db, s.id, on("2026-04-06"));
  CHECK(filed.reports_filed == 1);
  CHECK(filed.reports_missing == 0);
  for (const auto& f : filed.flags) CHECK(f.code != "monthly_report_missing");
}

TEST_CASE("secondment summary: evaluations, the overall score and grade") {
  SecondmentDb s;
  EvaluationInput e;
  e.secondment_id = s.id;
  e.period = "midterm";
  e.rater = "host";
  e.conduct = 90, e.competence = 80, e.diligence = 70, e.performance = 60, e.integrity = 100;
  evaluate(s.t.db, e);
  SecondmentSummary x = secondment_summary(s.t.db, s.id, on("2026-03-06"));
  REQUIRE(x.evaluations.size() == 1);
  CHECK(x.evaluations[0].score == doctest::Approx(80));
  CHECK(x.evaluations[0].grade == "competent");
  CHECK(x.evaluations[0].dimensions[4] == 100);
  CHECK(x.evaluations[0].counted);
  CHECK(x.overall_score == doctest::Approx(80));
  CHECK(x.overall_grade == "competent");
  CHECK(x.overall_dimensions[0] == doctest::Approx(90));
}

TEST_CASE("secondment summary: to_model is the report, and the errors are the report's") {
  SecondmentDb s;
  for (const char* as_of : {"2026-03-01", "2026-03-06", "2026-04-06", "2027-01-01"}) {
    CAPTURE(as_of);
    CHECK(json(to_model(secondment_summary(s.t.db, s.id, on(as_of)))) ==
          json(report_secondment(s.t.db, s.id, on(as_of))));
  }
  CHECK_THROWS_AS(secondment_summary(s.t.db, 999, std::nullopt), Error);
  try {
    secondment_summary(s.t.db, 999, std::nullopt);
  } catch (const Error& e) {
    CHECK(e.code() == Errc::not_found);
  }
  try {
    secondment_summary(s.t.db, 0, std::nullopt);
    FAIL("id 0 accepted");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::invalid);
  }
}

TEST_CASE("course report: typed figures, an absent trainee against a present one, to_model is the report") {
  test::TestDb t;
  add_unit(t.db, {"DX", "党校", "party_school", std::nullopt});
  add_unit(t.db, {"GOV", "区政府", "government", std::nullopt});
  for (const char* p : {"A1", "A2", "A3"})
    add_person(t.db, {p, std::string("人") + p, "GOV", std::nullopt, std::nullopt, std::nullopt, std::nullopt,
                      std::nullopt, std::nullopt});
  CourseInput c;
  c.code = "C1";
  c.title = "班";
  c.organizer = "DX";
  c.start = on("2026-03-02");
  c.end = on("2026-03-06");
  c.capacity = 2;
  add_course(t.db, c);
  c.code = "C2";
  add_course(t.db, c);

  // Nothing scheduled yet: no rates.
  CourseReport empty = course_report(t.db, "C2");
  CHECK(empty.total_hours == 0);
  CHECK(!empty.completion_rate);
  CHECK(empty.feedback.responses == 0);
  CHECK(!empty.feedback.total);
  CHECK(empty.sessions.empty());

  SessionInput s;
  s.course = "C1";
  s.date = on("2026-03-02");
  s.start = 9h;
  s.end = 12h;
  s.title = "开班";
  add_session(t.db, s);
  enrol(t.db, "C1", {"A1", "A2", "A3"});  // A3 waitlisted
  attend(t.db, {"C1", 1, {"A1"}, "present", std::nullopt});
  attend(t.db, {"C1", 1, {"A2"}, "absent", std::nullopt});
  feedback(t.db, {"C1", 1, "A1", 20, 20, 20, 20, 10});

  CourseReport r = course_report(t.db, "C1");
  CHECK(r.code == "C1");
  CHECK(r.start == on("2026-03-02"));
  CHECK(r.total_hours == 3);
  CHECK(r.max_leave_ratio == LeaveRatio{1, 7});
  CHECK(r.enrolled == 2);
  CHECK(r.waitlisted == 1);
  CHECK(r.withdrawn == 0);
  REQUIRE(r.trainees.size() == 2);
  CHECK(r.trainees[0].staff_no == "A1");
  CHECK(r.trainees[0].attended_hours == 3);
  CHECK(r.trainees[0].attendance_rate == 1.0);
  CHECK(r.trainees[1].absent_hours == 3);
  CHECK(r.trainees[1].attendance_rate == 0.0);
  CHECK(!r.trainees[1].completed);
  CHECK(!r.trainees[1].reasons.empty());
  CHECK(r.grades[0] + r.grades[1] + r.grades[2] + r.grades[3] == r.enrolled);
  REQUIRE(r.completion_rate);
  CHECK(*r.completion_rate == doctest::Approx(double(r.completed) / 2));
  CHECK(r.feedback.responses == 1);
  CHECK(r.feedback.total == 90);
  REQUIRE(r.sessions.size() == 1);
  CHECK(r.sessions[0].date == on("2026-03-02"));
  CHECK(r.sessions[0].counts[0] == 1);  // present
  CHECK(r.sessions[0].counts[4] == 1);  // absent
  CHECK(r.sessions[0].feedback.indicators[4] == 10);

  for (const char* code : {"C1", "C2"})
    CHECK(json(to_model(course_report(t.db, code))) == json(report_course(t.db, code)));
  try {
    course_report(t.db, "NOPE");
    FAIL("unknown course accepted");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::not_found);
  }
}
