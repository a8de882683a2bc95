// report course, report hours and the training record of report person (compose/person.cpp).
#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "cadre/training.hpp"
#include "cadre/training_report.hpp"
#include "people/lookup.hpp"
#include "training/outcomes.hpp"
#include "training/rules.hpp"
#include "training/training_internal.hpp"
#include "training/workflow_facts.hpp"
#include "util/dates.hpp"
#include "util/enums.hpp"
#include "util/text.hpp"
#include "util/validate.hpp"

namespace cadre {

namespace {

Node reasons_node(const std::vector<std::string>& reasons) {
  Node a = Node::array();
  for (const auto& r : reasons) a.push(Node::code(r));
  return a;
}

// Trainees (not the waitlist) with their outcome, and the counts the summary shows.
void read_trainees(Database::Impl& impl, std::int64_t course_id, CourseReport& out) {
  detail::OutcomeScope scope;
  scope.course_id = course_id;
  scope.as_of = out.as_of;
  auto outcomes = detail::collect_outcomes(impl, scope);
  std::unordered_map<std::int64_t, const detail::Outcome*> by_person;
  for (const auto& o : outcomes) by_person[o.person_id] = &o;

  detail::Stmt qp(impl,
                  "SELECT p.id, p.staff_no, p.name, e.status FROM enrolments e JOIN people p ON p.id = e.person_id "
                  "WHERE e.course_id = ? AND e.status <> 'waitlisted' ORDER BY p.staff_no");
  qp.bind(course_id);
  while (qp.step()) {
    auto it = by_person.find(qp.col(0).getInt64());
    if (it == by_person.end()) continue;
    const auto& o = *it->second;
    if (o.facts.withdrawn)
      ++out.withdrawn;
    else
      ++out.enrolled;
    if (o.completion.completed) ++out.completed;
    if (!o.facts.withdrawn) {
      auto g = std::find(kCourseGrades.begin(), kCourseGrades.end(), o.completion.grade);
      if (g != kCourseGrades.end()) ++out.grades[size_t(g - kCourseGrades.begin())];
    }
    CourseTrainee& t = out.trainees.emplace_back();
    t.staff_no = qp.col(1).getString();
    t.name = qp.col(2).getString();
    t.status = qp.col(3).getString();
    t.scheduled_hours = out.total_hours;
    t.attended_hours = o.attended_hours;
    t.leave_hours = o.facts.leave_hours;
    t.absent_hours = o.facts.absent_hours;
    if (out.total_hours > 0) t.attendance_rate = o.attended_hours / out.total_hours;
    t.final_score = o.facts.final_score;
    if (!o.facts.withdrawn) t.grade = o.completion.grade;
    t.completed = o.completion.completed;
    t.reasons = o.completion.reasons;
    t.outcome = o.completion.outcome;
    auto k = std::find(kTraineeOutcomes.begin(), kTraineeOutcomes.end(), t.outcome);
    if (k != kTraineeOutcomes.end()) ++out.outcomes[size_t(k - kTraineeOutcomes.begin())];
  }
  if (out.enrolled > 0) out.completion_rate = double(out.completed) / double(out.enrolled);
  detail::Stmt qw(impl, "SELECT COUNT(*) FROM enrolments WHERE course_id = ? AND status = 'waitlisted'");
  qw.bind(course_id);
  qw.step();
  out.waitlisted = qw.col(0).getInt64();
}

// Feedback means from `count` and the five averages at columns first..first+4 (NULL without responses).
FeedbackMeans feedback_means(detail::Stmt& q, std::int64_t count, int first) {
  FeedbackMeans fb;
  fb.responses = count;
  if (count == 0) return fb;
  double sum = 0;
  for (int i = 0; i < 5; ++i) {
    fb.indicators[size_t(i)] = q.col(first + i).getDouble();
    sum += q.col(first + i).getDouble();
  }
  fb.total = sum;
  return fb;
}

// Per session: attendance counts and feedback, for the roster's context and the charts.
void read_sessions(Database::Impl& impl, std::int64_t course_id, CourseReport& out) {
  detail::Stmt qs(impl,
                  "SELECT s.no, s.date, s.title, s.instructor, s.hours, "
                  "(SELECT COUNT(*) FROM attendance a WHERE a.session_id = s.id AND a.status = 'present'), "
                  "(SELECT COUNT(*) FROM attendance a WHERE a.session_id = s.id AND a.status = 'late'), "
                  "(SELECT COUNT(*) FROM attendance a WHERE a.session_id = s.id AND a.status = 'left_early'), "
                  "(SELECT COUNT(*) FROM attendance a WHERE a.session_id = s.id AND a.status = 'leave'), "
                  "(SELECT COUNT(*) FROM attendance a WHERE a.session_id = s.id AND a.status = 'absent'), "
                  "f.n, f.r, f.t, f.i, f.d, f.m "
                  "FROM sessions s LEFT JOIN (SELECT session_id, COUNT(*) n, AVG(relevance) r, AVG(theory) t, "
                  "AVG(information) i, AVG(delivery) d, AVG(manner) m FROM feedback GROUP BY session_id) f "
                  "ON f.session_id = s.id WHERE s.course_id = ? ORDER BY s.no");
  qs.bind(course_id);
  while (qs.step()) {
    CourseSession& s = out.sessions.emplace_back();
    s.no = qs.col(0).getInt64();
    s.date = detail::parse_date(qs.col(1).getString(), "date");
    s.title = qs.col(2).getString();
    s.instructor = qs.text_or_null(3);
    s.hours = qs.col(4).getDouble();
    for (int i = 0; i < 5; ++i) s.counts[size_t(i)] = qs.col(5 + i).getInt64();
    s.feedback = feedback_means(qs, qs.col(10).isNull() ? 0 : qs.col(10).getInt64(), 11);
  }
}

// --- the model ---------------------------------------------------------------------------------

Node opt_score(const std::optional<double>& v) { return Node::opt_number(v, Hint::score); }

void add_course(Node& data, const CourseReport& c) {
  auto& course = data.set("course", Node::object());
  course.set("code", Node::string(c.code, Hint::id));
  course.set("title", Node::string(c.title));
  course.set("start", Node::date(detail::format_date(c.start)));
  course.set("end", Node::date(detail::format_date(c.end)));
  course.set("total_hours", Node::number(c.total_hours, Hint::hours));
  course.set("organizer", Node::string(c.organizer));
  course.set("type", Node::code(c.type));
  course.set("pass_mark", Node::number(c.pass_mark, Hint::score));
  course.set("max_leave_ratio", Node::number(c.max_leave_ratio.num / c.max_leave_ratio.den, Hint::rate));
  course.set("max_absence_hours", Node::number(c.max_absence_hours, Hint::hours));
}

void add_summary(Node& data, const CourseReport& c) {
  auto& summary = data.set("summary", Node::object());
  summary.set("enrolled", Node::integer(c.enrolled));
  summary.set("completed", Node::integer(c.completed));
  summary.set("completion_rate", Node::opt_number(c.completion_rate, Hint::rate));
  auto& g = summary.set("grades", Node::object());
  for (size_t i = 0; i < kCourseGrades.size(); ++i) g.set(kCourseGrades[i], Node::integer(c.grades[i]));
  summary.set("withdrawn", Node::integer(c.withdrawn));
  summary.set("waitlisted", Node::integer(c.waitlisted));
  auto& o = summary.set("outcomes", Node::object());
  for (size_t i = 0; i < kTraineeOutcomes.size(); ++i) o.set(kTraineeOutcomes[i], Node::integer(c.outcomes[i]));
}

void add_trainees(Node& data, const CourseReport& c) {
  auto& trainees = data.set("trainees", Node::array());
  for (const auto& tr : c.trainees) {
    auto& t = trainees.push(Node::object());
    t.set("staff_no", Node::string(tr.staff_no, Hint::id));
    t.set("name", Node::string(tr.name));
    t.set("status", Node::code(tr.status));
    t.set("scheduled_hours", Node::number(tr.scheduled_hours, Hint::hours));
    t.set("attended_hours", Node::number(tr.attended_hours, Hint::hours));
    t.set("leave_hours", Node::number(tr.leave_hours, Hint::hours));
    t.set("absent_hours", Node::number(tr.absent_hours, Hint::hours));
    t.set("attendance_rate", Node::opt_number(tr.attendance_rate, Hint::rate));
    t.set("final_score", opt_score(tr.final_score));
    t.set("grade", tr.grade ? Node::code(*tr.grade) : Node::null());
    t.set("completed", Node::boolean(tr.completed));
    t.set("reasons", reasons_node(tr.reasons));
    t.set("outcome", Node::code(tr.outcome));
  }
}

void add_feedback(Node& data, const CourseReport& c) {
  auto& fb = data.set("feedback", Node::object());
  fb.set("responses", Node::integer(c.feedback.responses));
  for (size_t i = 0; i < 5; ++i) fb.set(kFeedbackIndicators[i], opt_score(c.feedback.indicators[i]));
  fb.set("total", opt_score(c.feedback.total));
}

void add_sessions(Node& data, const CourseReport& c) {
  auto& sessions = data.set("sessions", Node::array());
  for (const auto& cs : c.sessions) {
    auto& s = sessions.push(Node::object());
    s.set("no", Node::integer(cs.no, Hint::id));
    s.set("date", Node::date(detail::format_date(cs.date)));
    s.set("title", Node::string(cs.title));
    s.set("instructor", Node::opt_string(cs.instructor));
    s.set("hours", Node::number(cs.hours, Hint::hours));
    for (size_t i = 0; i < 5; ++i) s.set(kAttendanceStatuses[i], Node::integer(cs.counts[i]));
    s.set("feedback_responses", Node::integer(cs.feedback.responses));
    for (size_t i = 0; i < 5; ++i)
      s.set(std::string("feedback_") + kFeedbackIndicators[i], opt_score(cs.feedback.indicators[i]));
    s.set("feedback_total", opt_score(cs.feedback.total));
  }
}

void add_grade_distribution(Node& data, const CourseReport& c) {
  auto& dist = data.set("grade_distribution", Node::array());
  for (size_t i = 0; i < kCourseGrades.size(); ++i) {
    auto& row = dist.push(Node::object());
    row.set("grade", Node::code(kCourseGrades[i]));
    row.set("count", Node::integer(c.grades[i]));
  }
}

}  // namespace

namespace detail {
CourseReport course_report(Database::Impl& impl, const std::string& code, std::string_view field,
                           std::optional<Date> as_of) {
  auto c = detail::load_course(impl, code, field);
  CourseReport out;
  out.as_of = as_of ? *as_of : Date(detail::today(detail::timezone(impl)));
  out.code = c.code;
  out.title = c.title;
  out.organizer = c.organizer;
  out.type = c.type;
  out.start = detail::parse_date(c.start, "start");
  out.end = detail::parse_date(c.end, "end");
  out.pass_mark = c.pass_mark;
  out.max_leave_ratio = {c.leave_num, c.leave_den};
  out.max_absence_hours = c.max_absence_hours;
  detail::Stmt qt(impl, "SELECT COALESCE(SUM(hours), 0) FROM sessions WHERE course_id = ?");
  qt.bind(c.id);
  qt.step();
  out.total_hours = qt.col(0).getDouble();
  read_trainees(impl, c.id, out);
  // Feedback means over every response to every session.
  detail::Stmt qf(impl,
                  "SELECT COUNT(*), AVG(f.relevance), AVG(f.theory), AVG(f.information), AVG(f.delivery), "
                  "AVG(f.manner) FROM feedback f JOIN sessions s ON s.id = f.session_id WHERE s.course_id = ?");
  qf.bind(c.id);
  qf.step();
  out.feedback = feedback_means(qf, qf.col(0).getInt64(), 1);
  read_sessions(impl, c.id, out);
  return out;
}
}  // namespace detail

CourseReport course_report(Database& db, const std::string& code, std::optional<Date> as_of) {
  return detail::read(
      db, [&](Database::Impl& impl) { return detail::course_report(impl, code, detail::field("CODE"), as_of); });
}

Report to_model(const CourseReport& c) {
  Report r;
  r.kind = "course";
  r.title = detail::msg("Course {} {}", c.code, c.title);
  add_course(r.data, c);
  add_summary(r.data, c);
  add_trainees(r.data, c);
  add_feedback(r.data, c);
  add_sessions(r.data, c);
  add_grade_distribution(r.data, c);
  r.charts.push_back(Chart{"attendance_per_session",
                           "sessions",
                           "no",
                           {kAttendanceStatuses.begin(), kAttendanceStatuses.end()},
                           std::nullopt,
                           "",
                           0});
  r.charts.push_back(Chart{"grade_distribution", "grade_distribution", "grade", {"count"}, std::nullopt, "", 0});
  return r;
}

Report report_course(Database& db, const std::string& code, std::optional<Date> as_of) {
  return to_model(course_report(db, code, as_of));
}

namespace {

// The person's courses with their outcome (not the waitlist), their hours and days per year, their
// courses by type and their appointment training as of out.as_of.
void read_record(Database::Impl& impl, PersonTraining& out) {
  detail::OutcomeScope scope;
  scope.person_id = out.person_id;
  scope.as_of = out.as_of;  // no-shows judged on the report's day, as report course --as-of does
  auto outcomes = detail::collect_outcomes(impl, scope);
  std::unordered_map<std::int64_t, const detail::Outcome*> by_course;
  std::map<int, PersonYearHours> years;
  for (const auto& o : outcomes) {
    by_course[o.course_id] = &o;
    if (o.completion.completed)
      for (auto [y, h] : o.attended_by_year) years[y].centralised_hours += h;
  }
  detail::Stmt qh(impl, "SELECT year, kind, SUM(hours) FROM training_hours WHERE person_id = ? GROUP BY year, kind");
  qh.bind(out.person_id);
  while (qh.step()) {
    auto& y = years[qh.col(0).getInt()];
    (qh.col(1).getString() == "online" ? y.online_hours : y.centralised_hours) += qh.col(2).getDouble();
  }
  auto days = detail::training_days(impl, scope, outcomes, kMinYear, kMaxYear)[out.person_id];
  for (auto& [year, h] : years) {
    h.year = year;
    h.centralised_days = detail::days_in_years(days, year, year);
    out.hours.push_back(h);
  }

  std::map<std::string, PersonTypeHours> types;
  std::vector<detail::AppointmentCourse> appointment;
  detail::Stmt qc(impl,
                  "SELECT c.id, c.code, c.title, u.code, c.start_date, c.end_date, u.name, c.type FROM enrolments e "
                  "JOIN courses c ON c.id = e.course_id JOIN units u ON u.id = c.organizer_id "
                  "WHERE e.person_id = ? AND e.status <> 'waitlisted' ORDER BY c.start_date, c.code");
  qc.bind(out.person_id);
  while (qc.step()) {
    auto it = by_course.find(qc.col(0).getInt64());
    if (it == by_course.end()) continue;
    const auto& o = *it->second;
    PersonCourse& c = out.courses.emplace_back();
    c.code = qc.col(1).getString();
    c.title = qc.col(2).getString();
    c.organizer = qc.col(3).getString();
    c.organizer_name = qc.col(6).getString();
    c.type = qc.col(7).getString();
    c.start = detail::parse_date(qc.col(4).getString(), "start");
    c.end = detail::parse_date(qc.col(5).getString(), "end");
    c.attended_hours = o.attended_hours;
    c.final_score = o.facts.final_score;
    if (!o.facts.withdrawn) c.grade = o.completion.grade;
    c.completed = o.completion.completed;
    c.reasons = o.completion.reasons;
    c.outcome = o.completion.outcome;
    PersonTypeHours& t = types[c.type];
    ++t.courses;
    t.completed += c.completed;
    t.attended_hours += c.attended_hours;
    if (c.completed && c.type == "appointment") appointment.push_back({c.end, c.code});
  }
  for (auto type : detail::enums::course_type.values)
    if (auto t = types.find(std::string(type)); t != types.end()) {
      t->second.type = t->first;
      out.by_type.push_back(t->second);
    }
  auto promoted = detail::leader_promotions(impl, out.as_of, out.person_id);
  std::optional<detail::Day> on;
  if (auto p = promoted.find(out.person_id); p != promoted.end()) on = p->second;
  out.appointment = detail::appointment_training(on, appointment, out.as_of);
}

}  // namespace

namespace detail {
PersonTraining person_training(Database::Impl& impl, const std::string& staff_no, std::optional<Date> as_of) {
  Stmt q(impl,
         "SELECT p.id, p.staff_no, p.name, u.code, u.name, p.tier, p.rank, p.title "
         "FROM people p JOIN units u ON u.id = p.unit_id WHERE p.staff_no = ?");
  q.bind(trim(staff_no));
  if (!q.step()) fail(Errc::not_found, field("STAFF_NO"), "unknown person {}", staff_no);
  PersonTraining out;
  out.person_id = q.col(0).getInt64();
  out.staff_no = q.col(1).getString();
  out.name = q.col(2).getString();
  out.unit = q.col(3).getString();
  out.unit_name = q.col(4).getString();
  out.tier = q.col(5).getString();
  out.rank = q.text_or_null(6);
  out.title = q.text_or_null(7);
  out.as_of = as_of ? *as_of : Date(today(timezone(impl)));
  read_record(impl, out);
  return out;
}
}  // namespace detail

PersonTraining person_training(Database& db, const std::string& staff_no, std::optional<Date> as_of) {
  return detail::read(db, [&](Database::Impl& impl) { return detail::person_training(impl, staff_no, as_of); });
}

namespace {
Node appointment_node(const std::optional<AppointmentTraining>& a) {
  if (!a) return Node::null();
  Node n = Node::object();
  n.set("promoted_on", Node::date(detail::format_date(a->promoted_on)));
  n.set("due", Node::date(detail::format_date(a->due)));
  n.set("course", Node::opt_string(a->course, Hint::id));
  n.set("status", Node::code(a->status));
  n.set("from", Node::date(detail::format_date(a->from)));
  n.set("completed_on", a->completed_on ? Node::date(detail::format_date(*a->completed_on)) : Node::null());
  return n;
}
}  // namespace

Report to_model(const PersonTraining& t) {
  Report r;
  r.kind = "person_record";
  r.title = detail::msg("Training record of {} {}", t.staff_no, t.name);
  auto& p = r.data.set("person", Node::object());
  p.set("staff_no", Node::string(t.staff_no, Hint::id));
  p.set("name", Node::string(t.name));
  p.set("unit", Node::string(t.unit));
  p.set("unit_name", Node::string(t.unit_name));
  p.set("tier", Node::code(t.tier));
  p.set("rank", Node::opt_string(t.rank));
  p.set("title", Node::opt_string(t.title));
  auto& courses = r.data.set("courses", Node::array());
  for (const auto& c : t.courses) {
    auto& row = courses.push(Node::object());
    row.set("code", Node::string(c.code, Hint::id));
    row.set("title", Node::string(c.title));
    row.set("organizer", Node::string(c.organizer));
    row.set("organizer_name", Node::string(c.organizer_name));
    row.set("type", Node::code(c.type));
    row.set("start", Node::date(detail::format_date(c.start)));
    row.set("end", Node::date(detail::format_date(c.end)));
    row.set("attended_hours", Node::number(c.attended_hours, Hint::hours));
    row.set("final_score", Node::opt_number(c.final_score, Hint::score));
    row.set("grade", c.grade ? Node::code(*c.grade) : Node::null());
    row.set("completed", Node::boolean(c.completed));
    row.set("reasons", reasons_node(c.reasons));
    row.set("outcome", Node::code(c.outcome));
  }
  auto& hours = r.data.set("hours", Node::array());
  for (const auto& h : t.hours) {
    auto& row = hours.push(Node::object());
    row.set("year", Node::integer(h.year, Hint::id));
    row.set("centralised_hours", Node::number(h.centralised_hours, Hint::hours));
    row.set("online_hours", Node::number(h.online_hours, Hint::hours));
    row.set("centralised_days", Node::integer(h.centralised_days));
  }
  auto& types = r.data.set("by_type", Node::array());
  for (const auto& k : t.by_type) {
    auto& row = types.push(Node::object());
    row.set("type", Node::code(k.type));
    row.set("courses", Node::integer(k.courses));
    row.set("completed", Node::integer(k.completed));
    row.set("attended_hours", Node::number(k.attended_hours, Hint::hours));
  }
  r.data.set("appointment_training", appointment_node(t.appointment));
  // The rules the record falls short of, each with the rule that raised it (as report hours' flags).
  auto& alerts = r.data.set("alerts", Node::array());
  if (auto f = detail::appointment_flag(t.appointment)) {
    auto& row = alerts.push(Node::object());
    row.set("code", Node::code(std::string(f->code)));
    row.set("message", Node::string(detail::hours_message(*f)));
    row.set("rule", Node::string(std::string(f->rule)));
  }
  return r;
}

namespace {

// The hours of the people in scope: everyone, a unit and every unit below it, or one person.
HoursReport read_hours(Database::Impl& impl, int year, std::optional<std::int64_t> unit_id,
                       std::optional<std::int64_t> person_id) {
  HoursReport out;
  out.year = year;
  // Per person (same index): centralised hours of year - i, i = 0..4, and online hours of the year.
  std::vector<std::array<double, 5>> centralised;
  std::vector<double> online;
  std::unordered_map<std::int64_t, size_t> index;
  detail::Stmt qp(impl,
                  "WITH RECURSIVE scope(id) AS (SELECT id FROM units WHERE id = ?1 UNION SELECT u.id FROM units u JOIN scope ON "
                  "u.parent_id = scope.id) SELECT p.id, p.staff_no, p.name, p.tier FROM people p "
                  "WHERE (?1 IS NULL OR p.unit_id IN (SELECT id FROM scope)) AND (p.id = ?2 OR ?2 IS NULL) "
                  "ORDER BY p.staff_no");
  qp.bind(unit_id, person_id);
  while (qp.step()) {
    index.emplace(qp.col(0).getInt64(), out.people.size());
    HoursPerson& p = out.people.emplace_back();
    p.staff_no = qp.col(1).getString();
    p.name = qp.col(2).getString();
    p.tier = qp.col(3).getString();
  }
  centralised.assign(out.people.size(), {0, 0, 0, 0, 0});
  online.assign(out.people.size(), 0);

  detail::OutcomeScope scope;
  scope.person_id = person_id;
  scope.from = fmt::format("{:04}-01-01", year - 4);
  scope.to = fmt::format("{:04}-12-31", year);
  auto outcomes = detail::collect_outcomes(impl, scope);
  auto kinds = detail::course_kinds(impl, scope.from, scope.to);
  std::map<std::string_view, std::pair<std::unordered_set<std::int64_t>, double>> types;  // people, hours
  for (const auto& o : outcomes) {
    if (!o.completion.completed) continue;
    auto it = index.find(o.person_id);
    if (it == index.end()) continue;
    for (auto [y, h] : o.attended_by_year) {
      if (y <= year && y > year - 5) centralised[it->second][size_t(year - y)] += h;
      if (auto k = kinds.find(o.course_id); y == year && k != kinds.end()) {
        auto& t = types[k->second.type];
        t.first.insert(o.person_id);
        t.second += h;
      }
    }
  }
  for (auto type : detail::enums::course_type.values)
    if (auto t = types.find(type); t != types.end())
      out.by_type.push_back({std::string(type), std::int64_t(t->second.first.size()), t->second.second});
  detail::Stmt qh(impl,
                  "SELECT person_id, year, kind, SUM(hours) FROM training_hours WHERE year BETWEEN ?1 AND ?2 "
                  "AND (person_id = ?3 OR ?3 IS NULL) GROUP BY person_id, year, kind");
  qh.bind(year - 4, year, person_id);
  while (qh.step()) {
    auto it = index.find(qh.col(0).getInt64());
    if (it == index.end()) continue;
    int y = qh.col(1).getInt();
    if (qh.col(2).getString() == "online") {
      if (y == year) online[it->second] += qh.col(3).getDouble();
    } else {
      centralised[it->second][size_t(year - y)] += qh.col(3).getDouble();
    }
  }

  // Days or hours: the days of the year and of the five years; appointment training as of the
  // year's end (or today, if earlier).
  auto days = detail::training_days(impl, scope, outcomes, year - 4, year);
  out.as_of = std::min(Date(detail::parse_date(fmt::format("{:04}-12-31", year), "year")),
                       Date(detail::today(detail::timezone(impl))));
  auto promoted = detail::leader_promotions(impl, out.as_of, person_id);
  auto appointment = detail::appointment_courses(impl, promoted, outcomes, kinds, scope);
  detail::HoursRule rule;
  rule.leader_window_days = detail::leader_min_days(impl);
  static const std::vector<detail::DayKey> no_days;
  static const std::vector<detail::AppointmentCourse> no_courses;
  for (const auto& [id, i] : index) {
    HoursPerson& p = out.people[i];
    double window[5] = {centralised[i][0], centralised[i][1], centralised[i][2], centralised[i][3], centralised[i][4]};
    auto d = days.find(id);
    const auto& mine = d == days.end() ? no_days : d->second;
    detail::TrainingDays counted{detail::days_in_years(mine, year, year), detail::days_in_years(mine, year - 4, year)};
    auto h = detail::evaluate_hours(p.tier, window, online[i], counted, rule);
    p.centralised_hours = window[0];
    p.centralised = h.centralised;
    p.online = h.online;
    p.centralised_days = counted.year;
    p.days = h.days;
    if (auto pr = promoted.find(id); pr != promoted.end()) {
      auto a = appointment.find(id);
      p.appointment =
          detail::appointment_training(pr->second, a == appointment.end() ? no_courses : a->second, out.as_of);
      if (auto f = detail::appointment_flag(p.appointment)) h.flags.push_back(*f);
    }
    p.compliant = h.flags.empty();
    p.flags = std::move(h.flags);
    if (!p.compliant) ++out.non_compliant;
  }
  return out;
}

}  // namespace

HoursReport hours_report(Database& db, int year, const std::optional<std::string>& unit) {
  return detail::read(db, [&](Database::Impl& impl) {
    detail::check_number(year, detail::field("year"), kMinYear, kMaxYear);
    std::optional<std::int64_t> uid;
    if (unit) uid = detail::unit_id(impl, detail::trim(*unit), detail::field("unit"));
    return read_hours(impl, year, uid, std::nullopt);
  });
}

HoursPerson person_hours(Database& db, const std::string& staff_no, int year) {
  return detail::read(db, [&](Database::Impl& impl) {
    detail::check_number(year, detail::field("year"), kMinYear, kMaxYear);
    std::int64_t pid = detail::person_id(impl, detail::trim(staff_no), detail::field("STAFF_NO"));
    HoursReport one = read_hours(impl, year, std::nullopt, pid);
    return std::move(one.people.at(0));
  });
}

Report to_model(const HoursReport& x) {
  Report r;
  r.kind = "hours";
  r.title = detail::msg("Training hours {}", x.year);
  r.data.set("year", Node::integer(x.year, Hint::id));
  auto& rows = r.data.set("people", Node::array());
  rows.items().reserve(x.people.size());
  std::vector<std::string> messages;
  for (const auto& p : x.people) {
    Node reasons = Node::array();
    messages.clear();
    for (const auto& f : p.flags) {
      reasons.push(Node::code(std::string(f.code)));
      messages.push_back(detail::hours_message(f));
    }
    auto& row = rows.push(Node::object());
    row.members().reserve(18);
    row.set("staff_no", Node::string(p.staff_no, Hint::id));
    row.set("name", Node::string(p.name));
    row.set("tier", Node::code(p.tier));
    row.set("centralised_hours", Node::number(p.centralised_hours, Hint::hours));
    row.set("online_hours", Node::number(p.online.done, Hint::hours));
    row.set("required_hours", Node::number(p.centralised.required, Hint::hours));
    row.set("window_hours", Node::number(p.centralised.done, Hint::hours));
    row.set("online_required", Node::number(p.online.required, Hint::hours));
    row.set("compliant", Node::boolean(p.compliant));
    row.set("reasons", std::move(reasons));
    row.set("shortfall_hours", Node::number(p.centralised.short_by, Hint::hours));
    row.set("online_shortfall_hours", Node::number(p.online.short_by, Hint::hours));
    row.set("message", Node::string(detail::join(messages, detail::msg("; "))));
    row.set("centralised_days", Node::integer(p.centralised_days));
    row.set("required_days", Node::integer(p.days.required));
    row.set("window_days", Node::integer(p.days.done));
    row.set("appointment_training", appointment_node(p.appointment));
  }
  r.data.set("non_compliant", Node::integer(x.non_compliant));
  r.data.set("as_of", Node::date(detail::format_date(x.as_of)));
  auto& types = r.data.set("by_type", Node::array());
  for (const auto& t : x.by_type) {
    auto& row = types.push(Node::object());
    row.set("type", Node::code(t.type));
    row.set("people", Node::integer(t.people));
    row.set("hours", Node::number(t.hours, Hint::hours));
  }
  return r;
}

Report report_hours(Database& db, int year, const std::optional<std::string>& unit) {
  return to_model(hours_report(db, year, unit));
}

}  // namespace cadre
