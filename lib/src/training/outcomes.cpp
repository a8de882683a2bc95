#include "training/outcomes.hpp"

#include <cstdlib>

#include "training/callup_internal.hpp"
#include "util/dates.hpp"

namespace cadre::detail {

namespace {

struct PairHash {
  size_t operator()(const std::pair<std::int64_t, std::int64_t>& k) const noexcept {
    return std::hash<std::int64_t>()(k.first * 1000003 ^ k.second);
  }
};

// One SQL text per filter, built once rather than on every call.
struct Variant {
  std::string courses, enrolments, attendance, split, assessments, arrivals;
};
Variant make_variant(const char* course_filter, const char* enrol_filter, const char* attend_filter,
                     const char* assess_filter) {
  Variant v;
  v.courses =
      std::string(
          "SELECT c.id, c.pass_mark, c.leave_num, c.leave_den, c.max_absence_hours, "
          "EXISTS (SELECT 1 FROM course_components k WHERE k.course_id = c.id), "
          "(SELECT COALESCE(SUM(s.hours), 0) FROM sessions s WHERE s.course_id = c.id), "
          "(SELECT COUNT(*) FROM sessions s WHERE s.course_id = c.id), CAST(substr(c.start_date, 1, 4) AS INTEGER), "
          // Whether the course tracks arrivals (it has places or an arrival): only then no-shows.
          "c.start_date, CASE WHEN EXISTS (SELECT 1 FROM course_quotas q WHERE q.course_id = c.id) OR "
          "EXISTS (SELECT 1 FROM arrivals r WHERE r.course_id = c.id) THEN 1 ELSE 0 END "
          "FROM courses c WHERE c.end_date >= ?1 AND c.start_date <= ?2") +
      course_filter;
  v.enrolments = std::string(
                     "SELECT e.person_id, e.course_id, e.status FROM enrolments e JOIN courses c ON c.id = e.course_id "
                     "WHERE e.status <> 'waitlisted' AND c.end_date >= ?1 AND c.start_date <= ?2") +
                 enrol_filter;
  // Ordered by the attendance_person index (person, course, status): grouped without a sort,
  // and without a CASE per row (that costs more than the extra rows).
  v.attendance = std::string(
                     "SELECT a.person_id, a.course_id, a.status, SUM(s.hours), COUNT(*) "
                     "FROM attendance a JOIN sessions s ON s.id = a.session_id WHERE a.course_id IN "
                     "(SELECT c.id FROM courses c WHERE c.end_date >= ?1 AND c.start_date <= ?2)") +
                 attend_filter + " GROUP BY a.person_id, a.course_id, a.status";
  // Attended hours by year, only for the few courses that cross a year boundary: driven from
  // those courses (CROSS JOIN fixes the order) instead of scanning all attendance.
  v.split =
      std::string(
          "SELECT a.person_id, a.course_id, CAST(substr(s.date, 1, 4) AS INTEGER), "
          "SUM(CASE WHEN a.status IN ('present','late','left_early') THEN s.hours ELSE 0 END) "
          "FROM courses c CROSS JOIN sessions s ON s.course_id = c.id "
          "CROSS JOIN attendance a ON a.session_id = s.id "
          "WHERE c.end_date >= ?1 AND c.start_date <= ?2 AND substr(c.start_date, 1, 4) <> substr(c.end_date, 1, 4)") +
      attend_filter + " GROUP BY a.person_id, a.course_id, substr(s.date, 1, 4)";
  v.assessments =
      std::string(
          "SELECT a.person_id, a.course_id, SUM(a.score * k.weight), COUNT(*), "
          "(SELECT COUNT(*) FROM course_components k2 WHERE k2.course_id = a.course_id) "
          "FROM assessments a JOIN course_components k ON k.course_id = a.course_id AND k.name = a.component "
          "JOIN courses c ON c.id = a.course_id WHERE c.end_date >= ?1 AND c.start_date <= ?2") +
      assess_filter + " GROUP BY a.person_id, a.course_id";
  v.arrivals = std::string(
                   "SELECT a.person_id, a.course_id FROM arrivals a JOIN courses c ON c.id = a.course_id "
                   "WHERE c.end_date >= ?1 AND c.start_date <= ?2") +
               assess_filter;
  return v;
}

const Variant& variant(const OutcomeScope& s) {
  static const Variant all = make_variant("", "", "", "");
  static const Variant person = make_variant(" AND c.id IN (SELECT course_id FROM enrolments WHERE person_id = ?3)",
                                             " AND e.person_id = ?3", " AND a.person_id = ?3", " AND a.person_id = ?3");
  static const Variant course =
      make_variant(" AND c.id = ?3", " AND e.course_id = ?3",
                   " AND a.session_id IN (SELECT id FROM sessions WHERE course_id = ?3)", " AND a.course_id = ?3");
  if (s.person_id) return person;
  if (s.course_id) return course;
  return all;
}

// The facts gathered for one scope, a query at a time: the courses, then one Outcome per
// enrolment (index: (person, course) -> position), then attendance, hours by year and scores.
class Gathering {
 public:
  Gathering(Database::Impl& impl, const OutcomeScope& scope)
      : impl_(impl), scope_(scope), v_(variant(scope)), key_(scope.person_id ? scope.person_id : scope.course_id) {}

  std::vector<Outcome> run() {
    load_courses();
    load_enrolments();
    mark_no_shows();
    add_attendance();
    split_by_year();
    add_scores();
    for (size_t i = 0; i < out_.size(); ++i) {
      Outcome& o = out_[i];
      const CourseInfo& c = courses_[o.course_id];
      o.facts.total_hours = c.total_hours;
      o.facts.unrecorded_sessions = c.sessions - recorded_[i];
      o.completion = evaluate_completion(c.policy, o.facts);
    }
    return std::move(out_);
  }

 private:
  struct CourseInfo {
    CoursePolicy policy;
    double total_hours = 0;
    int sessions = 0;
    int start_year = 0;
    Day start{};
    bool tracks_arrivals = false;
  };

  void bind(Stmt& q) {
    q.bind(scope_.from, scope_.to);
    if (key_) (*q).bind(3, *key_);
  }
  Outcome* find(Stmt& q) {
    auto it = index_.find({q.col(0).getInt64(), q.col(1).getInt64()});
    return it == index_.end() ? nullptr : &out_[it->second];
  }

  void load_courses() {
    Stmt q(impl_, v_.courses);
    bind(q);
    while (q.step()) {
      CourseInfo c;
      c.policy.pass_mark = q.col(1).getDouble();
      c.policy.leave_num = q.col(2).getDouble();
      c.policy.leave_den = q.col(3).getDouble();
      c.policy.max_absence_hours = q.col(4).getDouble();
      c.policy.has_components = q.col(5).getInt() != 0;
      c.total_hours = q.col(6).getDouble();
      c.sessions = q.col(7).getInt();
      c.start_year = q.col(8).getInt();
      c.start = parse_date(q.col(9).getString(), "start_date");
      c.tracks_arrivals = q.col(10).getInt() != 0;
      courses_.emplace(q.col(0).getInt64(), c);
    }
  }

  void load_enrolments() {
    Stmt q(impl_, v_.enrolments);
    bind(q);
    while (q.step()) {
      Outcome o;
      o.person_id = q.col(0).getInt64();
      o.course_id = q.col(1).getInt64();
      o.facts.withdrawn = q.col(2).getString() == "withdrawn";
      index_.emplace(std::pair{o.person_id, o.course_id}, out_.size());
      out_.push_back(std::move(o));
      recorded_.push_back(0);
    }
  }

  // An enrolled trainee of a course that tracks arrivals, not arrived by its deadline as of the
  // scope's day, is a no-show.
  void mark_no_shows() {
    std::vector<bool> arrived(out_.size(), false);
    bool any_tracked = false;
    for (const auto& [id, c] : courses_) any_tracked = any_tracked || c.tracks_arrivals;
    if (!any_tracked) return;
    Stmt q(impl_, v_.arrivals);
    bind(q);
    while (q.step())
      if (Outcome* o = find(q)) arrived[size_t(o - out_.data())] = true;
    Day as_of = scope_.as_of ? Day(*scope_.as_of) : today(timezone(impl_));
    int grace = arrival_grace_days(impl_);
    for (size_t i = 0; i < out_.size(); ++i) {
      const CourseInfo& c = courses_[out_[i].course_id];
      out_[i].facts.no_show = c.tracks_arrivals && !out_[i].facts.withdrawn && !arrived[i] &&
                              as_of > arrival_deadline(c.start, grace);
    }
  }

  void add_attendance() {
    Stmt q(impl_, v_.attendance);
    bind(q);
    while (q.step()) {
      Outcome* o = find(q);
      if (!o) continue;  // attendance of someone no longer enrolled
      std::string status = q.col(2).getString();
      double hours = q.col(3).getDouble();
      if (status == "leave")
        o->facts.leave_hours += hours;
      else if (status == "absent")
        o->facts.absent_hours += hours;
      else
        o->attended_hours += hours;  // present, late, left_early: the full session counts
      recorded_[size_t(o - out_.data())] += q.col(4).getInt();
    }
    for (auto& o : out_)
      if (o.attended_hours > 0) o.attended_by_year = {{courses_[o.course_id].start_year, o.attended_hours}};
  }

  // Courses across 31 December: hours count in the year of each session. The first row of an
  // outcome replaces its start-year total; rows of one outcome need not come together (PostgreSQL
  // returns a GROUP BY in hash order), so a flag per outcome says which were replaced already.
  void split_by_year() {
    Stmt q(impl_, v_.split);
    bind(q);
    std::vector<bool> split(out_.size(), false);
    while (q.step()) {
      Outcome* o = find(q);
      if (!o) continue;
      auto i = size_t(o - out_.data());
      if (!split[i]) o->attended_by_year.clear();
      split[i] = true;
      double h = q.col(3).getDouble();
      if (h > 0) o->attended_by_year.emplace_back(q.col(2).getInt(), h);
    }
  }

  void add_scores() {
    Stmt q(impl_, v_.assessments);
    bind(q);
    while (q.step()) {
      Outcome* o = find(q);
      // Only when every component is scored is there a final score.
      if (o && q.col(3).getInt() == q.col(4).getInt()) o->facts.final_score = q.col(2).getDouble();
    }
  }

  Database::Impl& impl_;
  const OutcomeScope& scope_;
  const Variant& v_;
  std::optional<std::int64_t> key_;
  std::unordered_map<std::int64_t, CourseInfo> courses_;
  std::vector<Outcome> out_;
  std::unordered_map<std::pair<std::int64_t, std::int64_t>, size_t, PairHash> index_;
  std::vector<int> recorded_;  // attendance records per outcome, to count the unrecorded sessions
};

}  // namespace

std::vector<Outcome> collect_outcomes(Database::Impl& impl, const OutcomeScope& scope) {
  return Gathering(impl, scope).run();
}

}  // namespace cadre::detail
