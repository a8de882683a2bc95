// Issue 12, part A: tasks set by the host, typed (SecondmentSummary's tasks and counts, the
// task_overdue and term_outside_rule flags with their rules), each rule at its boundary, and the
// refusals with their codes and fields.
#include <doctest/doctest.h>

#include "cadre/error.hpp"
#include "cadre/parse.hpp"
#include "cadre/people.hpp"
#include "cadre/secondment.hpp"
#include "cadre/secondment_report.hpp"
#include "cadre/settings.hpp"
#include "cadre/task.hpp"
#include "secondment/tasks.hpp"
#include "test_support.hpp"

using namespace cadre;

namespace {

Date on(const char* text) { return parse_date(text, "date"); }

struct TaskDb {
  test::TestDb t;
  Id id = 0;
  explicit TaskDb(const char* end = "2027-03-01") {
    add_unit(t.db, {"GOV", "区政府", "government", std::nullopt});
    add_unit(t.db, {"TOWN", "镇", "township", std::nullopt});
    add_person(t.db, {"A1", "王一", "GOV", std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt,
                      std::nullopt});
    id = add_secondment(t.db, {"A1", "GOV", "TOWN", "副镇长", on("2026-03-02"), on(end), "B1", std::nullopt});
  }
  TaskInput input(const char* due, const char* set_on = "2026-03-02") const {
    TaskInput in;
    in.secondment_id = id;
    in.title = "招商引资";
    in.objective = "引进项目";
    in.due = on(due);
    in.set_on = on(set_on);
    return in;
  }
};

Errc code_of(auto&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.code();
  }
  return Errc::ok;
}

std::string field_of(auto&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.field();
  }
  return "";
}

}  // namespace

TEST_CASE("task status: open on the due date, overdue the day after, done from its day on") {
  detail::TaskRow t;
  t.set_on = on("2026-03-02");
  t.due = on("2026-06-30");
  CHECK(detail::task_status(t, on("2026-06-30")) == "open");
  CHECK(detail::task_status(t, on("2026-07-01")) == "overdue");
  t.done_on = on("2026-07-03");
  CHECK(detail::task_status(t, on("2026-07-02")) == "overdue");
  CHECK(detail::task_status(t, on("2026-07-03")) == "done");
  CHECK(detail::done_late(t));
  t.done_on = on("2026-06-30");
  CHECK_FALSE(detail::done_late(t));
  CHECK(detail::task_status(t, on("2026-06-30")) == "done");
}

TEST_CASE("summary: tasks, counts and the task_overdue flag with its rule") {
  TaskDb s;
  Id a = add_task(s.t.db, s.input("2026-06-30"));
  Id b = add_task(s.t.db, s.input("2026-12-31"));
  add_task_progress(s.t.db, a, on("2026-04-01"), "洽谈");
  SecondmentSummary due = secondment_summary(s.t.db, s.id, on("2026-06-30"));
  CHECK(due.tasks.size() == 2);
  CHECK(due.tasks_open == 2);
  CHECK(due.tasks_overdue == 0);
  for (const auto& f : due.flags) CHECK(f.code != "task_overdue");
  SecondmentSummary after = secondment_summary(s.t.db, s.id, on("2026-07-01"));
  CHECK(after.tasks_open == 1);
  CHECK(after.tasks_overdue == 1);
  CHECK(after.tasks[0].id == a);
  CHECK(after.tasks[0].status == "overdue");
  CHECK(after.tasks[1].id == b);
  bool flagged = false;
  for (const auto& f : after.flags)
    if (f.code == "task_overdue") {
      flagged = true;
      CHECK(f.rule == "a task not done by its due date is overdue");
      CHECK(*f.task_id == a);
      CHECK(*f.task_title == "招商引资");
      CHECK(*f.due == on("2026-06-30"));
    }
  CHECK(flagged);
  complete_task(s.t.db, a, on("2026-07-02"), std::string("引进 1 个"));
  SecondmentSummary done = secondment_summary(s.t.db, s.id, on("2026-07-02"));
  CHECK(done.tasks[0].status == "done");
  CHECK(done.tasks[0].done_late);
  CHECK(*done.tasks[0].done_on == on("2026-07-02"));
  CHECK(done.tasks_overdue == 0);
}

TEST_CASE("task refusals: the code and the field, nothing written") {
  TaskDb s;
  CHECK(code_of([&] { add_task(s.t.db, s.input("2026-03-01")); }) == Errc::invalid);
  CHECK(field_of([&] { add_task(s.t.db, s.input("2026-03-01")); }) == "due");
  CHECK(field_of([&] { add_task(s.t.db, s.input("2027-03-02")); }) == "due");
  CHECK(field_of([&] { add_task(s.t.db, s.input("2026-05-01", "2026-03-01")); }) == "on");
  CHECK(field_of([&] { add_task(s.t.db, s.input("2026-05-01", "2026-05-02")); }) == "due");
  auto no_title = s.input("2026-05-01");
  no_title.title = " ";
  CHECK(field_of([&] { add_task(s.t.db, no_title); }) == "title");
  auto unknown = s.input("2026-05-01");
  unknown.secondment_id = 99;
  CHECK(code_of([&] { add_task(s.t.db, unknown); }) == Errc::not_found);
  Id t = add_task(s.t.db, s.input("2026-05-01", "2026-04-01"));
  CHECK(t == 1);  // nothing was written by the refusals
  CHECK(field_of([&] { add_task_progress(s.t.db, t, on("2026-03-31"), "x"); }) == "on");
  CHECK(field_of([&] { add_task_progress(s.t.db, t, on("2027-03-02"), "x"); }) == "on");
  CHECK(field_of([&] { complete_task(s.t.db, t, on("2026-03-31"), std::nullopt); }) == "on");
  CHECK(code_of([&] { add_task_progress(s.t.db, 7, on("2026-05-01"), "x"); }) == Errc::not_found);
  complete_task(s.t.db, t, on("2026-04-30"), std::nullopt);
  CHECK(code_of([&] { complete_task(s.t.db, t, on("2026-05-01"), std::nullopt); }) == Errc::conflict);
  CHECK(code_of([&] { add_task_progress(s.t.db, t, on("2026-05-01"), "x"); }) == Errc::conflict);
}

TEST_CASE("term rule: exactly 1 year and one day less, exactly 3 years and one day more, 29 February") {
  auto flagged = [](const char* start, const char* end) {
    detail::Period p;
    p.start = on(start);
    p.planned_end = on(end);
    return detail::term_flag(p).has_value();
  };
  CHECK_FALSE(flagged("2026-03-02", "2027-03-01"));
  CHECK(flagged("2026-03-02", "2027-02-28"));
  CHECK_FALSE(flagged("2026-03-02", "2029-03-01"));
  CHECK(flagged("2026-03-02", "2029-03-02"));
  CHECK_FALSE(flagged("2028-02-29", "2029-02-28"));  // the anniversary of 29 February is 1 March
  CHECK(flagged("2028-02-29", "2029-02-27"));
  // An early end does not make the term short: the planned term (with extensions) is the rule's.
  detail::Period ended;
  ended.start = on("2026-03-02");
  ended.planned_end = on("2027-03-01");
  ended.actual_end = on("2026-06-30");
  CHECK_FALSE(detail::term_flag(ended));
  TaskDb s("2027-02-28");
  auto x = secondment_summary(s.t.db, s.id, on("2026-03-01"));
  REQUIRE(x.flags.size() == 1);
  CHECK(x.flags[0].code == "term_outside_rule");
  CHECK(x.flags[0].rule == "a secondment lasts at least 1 and at most 3 years");
  CHECK(*x.flags[0].term_end == on("2027-02-28"));
}

TEST_CASE("setting max_secondees_per_host: a whole number from 1, default 2") {
  test::TestDb t;
  CHECK(get_setting(t.db, "max_secondees_per_host") == "2");
  for (const char* bad : {"0", "1.5", "abc", "", "-3"}) {
    CAPTURE(bad);
    CHECK(code_of([&] { set_setting(t.db, "max_secondees_per_host", bad); }) == Errc::invalid);
  }
  set_setting(t.db, "max_secondees_per_host", " 4 ");
  CHECK(get_setting(t.db, "max_secondees_per_host") == "4");
}
