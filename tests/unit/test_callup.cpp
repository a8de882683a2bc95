// The call-up rules at their boundaries: the trainee outcomes (pure) and the arrival deadline.
#include <doctest/doctest.h>

#include "training/callup_internal.hpp"
#include "training/rules.hpp"
#include "util/dates.hpp"

namespace d = cadre::detail;

TEST_CASE("outcome: leave of exactly 1/7 completes, just over it dismisses (应予退学)") {
  d::CoursePolicy p;  // 1/7, no unexcused absence
  d::TraineeFacts f;
  f.total_hours = 35;
  f.leave_hours = 5;
  CHECK(d::evaluate_completion(p, f).outcome == "completed");
  f.leave_hours = 5.0001;
  CHECK(d::evaluate_completion(p, f).outcome == "dismissed");
}

TEST_CASE("outcome: unexcused absence over its limit dismisses; other reasons do not") {
  d::CoursePolicy p;
  p.max_absence_hours = 2;
  d::TraineeFacts f;
  f.total_hours = 20;
  f.absent_hours = 2;  // at the limit
  CHECK(d::evaluate_completion(p, f).outcome == "completed");
  f.absent_hours = 2.5;
  CHECK(d::evaluate_completion(p, f).outcome == "dismissed");
  f.absent_hours = 0;
  f.unrecorded_sessions = 1;
  CHECK(d::evaluate_completion(p, f).outcome == "not_completed");
  p.has_components = true;
  f.unrecorded_sessions = 0;
  f.final_score = 50;
  auto c = d::evaluate_completion(p, f);
  CHECK(c.outcome == "not_completed");
  CHECK(c.reasons == std::vector<std::string>{"below_pass_mark"});
}

TEST_CASE("outcome: withdrawn and no-show carry only their own reason, withdrawn first") {
  d::CoursePolicy p;
  d::TraineeFacts f;
  f.total_hours = 10;
  f.leave_hours = 10;  // would dismiss
  f.no_show = true;
  auto c = d::evaluate_completion(p, f);
  CHECK(c.outcome == "no_show");
  CHECK(c.reasons == std::vector<std::string>{"no_show"});
  CHECK_FALSE(c.completed);
  f.withdrawn = true;
  CHECK(d::evaluate_completion(p, f).outcome == "withdrawn");
}

TEST_CASE("arrival deadline: the start + the grace days, across a month end") {
  auto day = [](const char* s) { return d::parse_date(s, "day"); };
  CHECK(d::arrival_deadline(day("2026-03-09"), 3) == day("2026-03-12"));
  CHECK(d::arrival_deadline(day("2026-03-09"), 0) == day("2026-03-09"));
  CHECK(d::arrival_deadline(day("2026-02-27"), 3) == day("2026-03-02"));
  CHECK(d::arrival_deadline(day("2028-02-27"), 3) == day("2028-03-01"));  // 29 February counts
}
