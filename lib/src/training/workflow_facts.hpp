// Internal: the facts behind "days or hours" and appointment training (任职培训), read a query at a
// time for a scope of people (everyone, or one person) like collect_outcomes, and shared by report
// hours and report person. The rules that judge them are in training/rules.*.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "store/store.hpp"
#include "training/outcomes.hpp"
#include "training/rules.hpp"

namespace cadre::detail {

// A day as the number YYYYMMDD: ordered like the dates, its year is day / 10000.
using DayKey = std::int32_t;

// The course facts the outcomes leave out, for the courses overlapping [from, to].
struct CourseKind {
  std::string code, type;  // type: enum course_type
  Day end{};
};
std::unordered_map<std::int64_t, CourseKind> course_kinds(Database::Impl& impl, const std::string& from,
                                                          const std::string& to);

// Days with an attended session (present, late, left_early) per person and course, for the courses
// of the scope, dated from `from` to `to` (YYYY-MM-DD).
struct AttendedDay {
  std::int64_t person_id = 0, course_id = 0;
  DayKey day = 0;
};
std::vector<AttendedDay> attended_days(Database::Impl& impl, const OutcomeScope& scope, const std::string& from,
                                       const std::string& to);

// Distinct days of centralised training per person: the days attended in completed courses (the
// outcomes given) and the date of each external record (one day each), years first_year..last_year.
std::unordered_map<std::int64_t, std::vector<DayKey>> training_days(Database::Impl& impl, const OutcomeScope& scope,
                                                                    const std::vector<Outcome>& outcomes,
                                                                    int first_year, int last_year);
// Days of `days` (sorted, distinct) in the years from..to.
std::int64_t days_in_years(const std::vector<DayKey>& days, int from, int to);

// The latest promotion into the leader tier on or before as_of, per person (one person, or all).
std::unordered_map<std::int64_t, Day> leader_promotions(Database::Impl& impl, Day as_of,
                                                        std::optional<std::int64_t> person_id);

// The completed courses of type appointment of the people promoted (`promoted`): those among
// `outcomes` (courses in `kinds`), and those ending before `scope.from` that a window reaches, read
// course by course (appointment courses are few).
std::unordered_map<std::int64_t, std::vector<AppointmentCourse>> appointment_courses(
    Database::Impl& impl, const std::unordered_map<std::int64_t, Day>& promoted, const std::vector<Outcome>& outcomes,
    const std::unordered_map<std::int64_t, CourseKind>& kinds, const OutcomeScope& scope);

// The setting leader_min_days: the leaders' "3个月" as training days over five years.
std::int64_t leader_min_days(Database::Impl& impl);

}  // namespace cadre::detail
