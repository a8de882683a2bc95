// Internal: completion of every enrolment in scope, aggregated in SQL (a few GROUP BY queries, no
// query per person) and judged by evaluate_completion. Shared by the course, person and hours
// reports so that they can never disagree.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "cadre/types.hpp"
#include "store/store.hpp"
#include "training/rules.hpp"

namespace cadre::detail {

struct Outcome {
  std::int64_t person_id = 0, course_id = 0;
  TraineeFacts facts;
  double attended_hours = 0;  // present, late and left_early count the full session hours
  std::vector<std::pair<int, double>> attended_by_year;
  Completion completion;
};

struct OutcomeScope {
  std::optional<std::int64_t> person_id;
  std::optional<std::int64_t> course_id;
  std::string from = "0000-01-01", to = "9999-12-31";  // courses overlapping these dates
  std::optional<Date> as_of;  // the day no-shows are judged on; none: today in the database's zone
};

// Enrolled and withdrawn people (the waitlist is not a trainee), in no particular order.
std::vector<Outcome> collect_outcomes(Database::Impl& impl, const OutcomeScope& scope);

}  // namespace cadre::detail
