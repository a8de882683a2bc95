#include "training/workflow_facts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_set>

#include "store/settings_internal.hpp"
#include "util/dates.hpp"

namespace cadre::detail {

namespace {

// "YYYY-MM-DD" (stored, so well formed) as YYYYMMDD, without the validation of parse_date: report
// hours reads a row per person, course and day.
DayKey day_key(const std::string& s) {
  auto n = [&](size_t at, size_t len) {
    int v = 0;
    for (size_t i = at; i < at + len && i < s.size(); ++i) v = v * 10 + (s[i] - '0');
    return v;
  };
  return n(0, 4) * 10000 + n(5, 2) * 100 + n(8, 2);
}

struct PairHash {
  size_t operator()(const std::pair<std::int64_t, std::int64_t>& k) const noexcept {
    return std::hash<std::int64_t>()(k.first * 1000003 ^ k.second);
  }
};

}  // namespace

std::unordered_map<std::int64_t, CourseKind> course_kinds(Database::Impl& impl, const std::string& from,
                                                          const std::string& to) {
  std::unordered_map<std::int64_t, CourseKind> out;
  Stmt q(impl, "SELECT id, code, type, end_date FROM courses WHERE end_date >= ?1 AND start_date <= ?2");
  q.bind(from, to);
  while (q.step())
    out.emplace(q.col(0).getInt64(),
                CourseKind{q.col(1).getString(), q.col(2).getString(), parse_date(q.col(3).getString(), "end")});
  return out;
}

std::vector<AttendedDay> attended_days(Database::Impl& impl, const OutcomeScope& scope, const std::string& from,
                                       const std::string& to) {
  static const std::string base =
      "SELECT a.person_id, a.course_id, s.date FROM attendance a JOIN sessions s ON s.id = a.session_id "
      "WHERE a.status IN ('present','late','left_early') AND s.date >= ?3 AND s.date <= ?4 AND a.course_id IN "
      "(SELECT c.id FROM courses c WHERE c.end_date >= ?1 AND c.start_date <= ?2)";
  // No GROUP BY: two sessions on one day give the day twice, and training_days sorts and dedups
  // each person's days anyway; sorting a million rows in SQL first cost more than the repeats.
  static const std::string& all = base;
  static const std::string one = base + " AND a.person_id = ?5";
  Stmt q(impl, scope.person_id ? one : all);
  q.bind(scope.from, scope.to, from, to);
  if (scope.person_id) (*q).bind(5, *scope.person_id);
  std::vector<AttendedDay> out;
  while (q.step()) out.push_back({q.col(0).getInt64(), q.col(1).getInt64(), day_key(q.col(2).getString())});
  return out;
}

std::unordered_map<std::int64_t, std::vector<DayKey>> training_days(Database::Impl& impl, const OutcomeScope& scope,
                                                                    const std::vector<Outcome>& outcomes,
                                                                    int first_year, int last_year) {
  std::unordered_set<std::pair<std::int64_t, std::int64_t>, PairHash> completed;
  for (const auto& o : outcomes)
    if (o.completion.completed) completed.insert({o.person_id, o.course_id});
  std::unordered_map<std::int64_t, std::vector<DayKey>> days;
  std::string from = fmt::format("{:04}-01-01", first_year), to = fmt::format("{:04}-12-31", last_year);
  if (!completed.empty())
    for (const auto& d : attended_days(impl, scope, from, to))
      if (completed.count(std::pair{d.person_id, d.course_id})) days[d.person_id].push_back(d.day);
  Stmt q(impl,
         "SELECT person_id, date FROM training_hours WHERE kind = 'external' AND year BETWEEN ?1 AND ?2 "
         "AND (person_id = ?3 OR ?3 IS NULL)");
  q.bind(first_year, last_year, scope.person_id);
  while (q.step()) days[q.col(0).getInt64()].push_back(day_key(q.col(1).getString()));
  for (auto& [person, list] : days) {
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
  }
  return days;
}

std::int64_t days_in_years(const std::vector<DayKey>& days, int from, int to) {
  auto lo = std::lower_bound(days.begin(), days.end(), DayKey(from * 10000));
  auto hi = std::lower_bound(days.begin(), days.end(), DayKey((to + 1) * 10000));
  return hi - lo;
}

std::unordered_map<std::int64_t, Day> leader_promotions(Database::Impl& impl, Day as_of,
                                                        std::optional<std::int64_t> person_id) {
  std::unordered_map<std::int64_t, Day> out;
  Stmt q(impl,
         "SELECT person_id, MAX(on_date) FROM promotions WHERE tier = 'leader' AND on_date <= ?1 "
         "AND (person_id = ?2 OR ?2 IS NULL) GROUP BY person_id");
  q.bind(format_date(as_of), person_id);
  while (q.step()) out.emplace(q.col(0).getInt64(), parse_date(q.col(1).getString(), "on"));
  return out;
}

std::unordered_map<std::int64_t, std::vector<AppointmentCourse>> appointment_courses(
    Database::Impl& impl, const std::unordered_map<std::int64_t, Day>& promoted, const std::vector<Outcome>& outcomes,
    const std::unordered_map<std::int64_t, CourseKind>& kinds, const OutcomeScope& scope) {
  std::unordered_map<std::int64_t, std::vector<AppointmentCourse>> out;
  if (promoted.empty()) return out;
  auto take = [&](const Outcome& o, const CourseKind& k) {
    if (o.completion.completed && k.type == "appointment" && promoted.count(o.person_id))
      out[o.person_id].push_back({k.end, k.code});
  };
  for (const auto& o : outcomes)
    if (auto k = kinds.find(o.course_id); k != kinds.end()) take(o, k->second);
  // Windows that reach back before the scope: the appointment courses that ended there.
  Day earliest =
      std::min_element(promoted.begin(), promoted.end(), [](auto& a, auto& b) { return a.second < b.second; })->second;
  std::string from = format_date(years_from(earliest, -1));
  if (from >= scope.from) return out;
  Stmt q(impl,
         "SELECT id, code, end_date FROM courses WHERE type = 'appointment' AND end_date >= ?1 AND end_date < ?2 "
         "AND (id IN (SELECT course_id FROM enrolments WHERE person_id = ?3) OR ?3 IS NULL)");
  q.bind(from, scope.from, scope.person_id);
  std::vector<std::pair<std::int64_t, CourseKind>> older;
  while (q.step())
    older.push_back(
        {q.col(0).getInt64(), {q.col(1).getString(), "appointment", parse_date(q.col(2).getString(), "end")}});
  for (const auto& [id, kind] : older) {
    OutcomeScope one;
    one.course_id = id;
    for (const auto& o : collect_outcomes(impl, one))
      if (!scope.person_id || o.person_id == *scope.person_id) take(o, kind);
  }
  return out;
}

std::int64_t leader_min_days(Database::Impl& impl) { return std::int64_t(setting_number(impl, "leader_min_days")); }

}  // namespace cadre::detail
