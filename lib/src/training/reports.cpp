// report course, report person, report hours.
#include <algorithm>
#include <map>
#include <unordered_map>

#include "cadre/training.hpp"
#include "people/lookup.hpp"
#include "secondment/person_secondments.hpp"
#include "training/outcomes.hpp"
#include "training/training_internal.hpp"
#include "util/dates.hpp"
#include "util/text.hpp"
#include "util/validate.hpp"

namespace cadre {

namespace {

Node reasons_node(const std::vector<std::string>& reasons) {
  Node a = Node::array();
  for (const auto& r : reasons) a.push(Node::code(r));
  return a;
}

const char* kIndicators[] = {"relevance", "theory", "information", "delivery", "manner"};

// The course's own fields and its scheduled hours.
void add_course(Report& r, const detail::CourseRow& c, double total) {
  auto& course = r.data.set("course", Node::object());
  course.set("code", Node::string(c.code, Hint::id));
  course.set("title", Node::string(c.title));
  course.set("start", Node::date(c.start));
  course.set("end", Node::date(c.end));
  course.set("total_hours", Node::number(total, Hint::hours));
  course.set("organizer", Node::string(c.organizer));
  course.set("pass_mark", Node::number(c.pass_mark, Hint::score));
  course.set("max_leave_ratio", Node::number(c.leave_num / c.leave_den, Hint::rate));
  course.set("max_absence_hours", Node::number(c.max_absence_hours, Hint::hours));
}

// One row per trainee (not the waitlist) with their outcome, and the counts the summary shows.
struct Roster {
  Node trainees = Node::array();
  std::map<std::string, int> grades{{"excellent", 0}, {"good", 0}, {"pass", 0}, {"fail", 0}};
  int enrolled = 0, completed = 0, withdrawn = 0;
};
Roster roster(Database::Impl& impl, std::int64_t course_id, double total) {
  detail::OutcomeScope scope;
  scope.course_id = course_id;
  auto outcomes = detail::collect_outcomes(impl, scope);
  std::unordered_map<std::int64_t, const detail::Outcome*> by_person;
  for (const auto& o : outcomes) by_person[o.person_id] = &o;

  Roster out;
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
    if (!o.facts.withdrawn) ++out.grades[o.completion.grade];
    auto& t = out.trainees.push(Node::object());
    t.set("staff_no", Node::string(qp.col(1).getString(), Hint::id));
    t.set("name", Node::string(qp.col(2).getString()));
    t.set("status", Node::code(qp.col(3).getString()));
    t.set("scheduled_hours", Node::number(total, Hint::hours));
    t.set("attended_hours", Node::number(o.attended_hours, Hint::hours));
    t.set("leave_hours", Node::number(o.facts.leave_hours, Hint::hours));
    t.set("absent_hours", Node::number(o.facts.absent_hours, Hint::hours));
    t.set("attendance_rate", total > 0 ? Node::number(o.attended_hours / total, Hint::rate) : Node::null());
    t.set("final_score", Node::opt_number(o.facts.final_score, Hint::score));
    t.set("grade", o.facts.withdrawn ? Node::null() : Node::code(o.completion.grade));
    t.set("completed", Node::boolean(o.completion.completed));
    t.set("reasons", reasons_node(o.completion.reasons));
  }
  return out;
}

void add_summary(Report& r, Database::Impl& impl, std::int64_t course_id, Roster& roster) {
  detail::Stmt qw(impl, "SELECT COUNT(*) FROM enrolments WHERE course_id = ? AND status = 'waitlisted'");
  qw.bind(course_id);
  qw.step();
  auto& summary = r.data.set("summary", Node::object());
  summary.set("enrolled", Node::integer(roster.enrolled));
  summary.set("completed", Node::integer(roster.completed));
  summary.set("completion_rate", roster.enrolled > 0
                                     ? Node::number(double(roster.completed) / roster.enrolled, Hint::rate)
                                     : Node::null());
  auto& g = summary.set("grades", Node::object());
  for (const char* k : {"excellent", "good", "pass", "fail"}) g.set(k, Node::integer(roster.grades[k]));
  summary.set("withdrawn", Node::integer(roster.withdrawn));
  summary.set("waitlisted", Node::integer(qw.col(0).getInt64()));
}

// Feedback means over every response to every session.
void add_feedback(Report& r, Database::Impl& impl, std::int64_t course_id) {
  detail::Stmt qf(impl,
                  "SELECT COUNT(*), AVG(f.relevance), AVG(f.theory), AVG(f.information), AVG(f.delivery), "
                  "AVG(f.manner) FROM feedback f JOIN sessions s ON s.id = f.session_id WHERE s.course_id = ?");
  qf.bind(course_id);
  qf.step();
  auto& fb = r.data.set("feedback", Node::object());
  std::int64_t responses = qf.col(0).getInt64();
  fb.set("responses", Node::integer(responses));
  double sum = 0;
  for (int i = 0; i < 5; ++i) {
    fb.set(kIndicators[i], responses ? Node::number(qf.col(i + 1).getDouble(), Hint::score) : Node::null());
    sum += responses ? qf.col(i + 1).getDouble() : 0;
  }
  fb.set("total", responses ? Node::number(sum, Hint::score) : Node::null());
}

// Per session: attendance counts and feedback, for the roster's context and the charts.
void add_sessions(Report& r, Database::Impl& impl, std::int64_t course_id) {
  auto& sessions = r.data.set("sessions", Node::array());
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
    auto& s = sessions.push(Node::object());
    s.set("no", Node::integer(qs.col(0).getInt64(), Hint::id));
    s.set("date", Node::date(qs.col(1).getString()));
    s.set("title", Node::string(qs.col(2).getString()));
    s.set("instructor", Node::opt_string(qs.text_or_null(3)));
    s.set("hours", Node::number(qs.col(4).getDouble(), Hint::hours));
    const char* counts[] = {"present", "late", "left_early", "leave", "absent"};
    for (int i = 0; i < 5; ++i) s.set(counts[i], Node::integer(qs.col(5 + i).getInt64()));
    bool any = !qs.col(10).isNull();
    s.set("feedback_responses", Node::integer(any ? qs.col(10).getInt64() : 0));
    double total_fb = 0;
    for (int i = 0; i < 5; ++i) total_fb += any ? qs.col(11 + i).getDouble() : 0;
    for (int i = 0; i < 5; ++i)
      s.set(std::string("feedback_") + kIndicators[i],
            any ? Node::number(qs.col(11 + i).getDouble(), Hint::score) : Node::null());
    s.set("feedback_total", any ? Node::number(total_fb, Hint::score) : Node::null());
  }
}

void add_grade_distribution(Report& r, Roster& roster) {
  auto& dist = r.data.set("grade_distribution", Node::array());
  for (const char* k : {"excellent", "good", "pass", "fail"}) {
    auto& row = dist.push(Node::object());
    row.set("grade", Node::code(k));
    row.set("count", Node::integer(roster.grades[k]));
  }
}

}  // namespace

Report report_course(Database& db, const std::string& code) {
  return detail::read(db, [&](Database::Impl& impl) {
    auto c = detail::load_course(impl, code, detail::field("CODE"));
    Report r;
    r.kind = "course";
    r.title = detail::msg("Course {} {}", c.code, c.title);

    detail::Stmt qt(impl, "SELECT COALESCE(SUM(hours), 0) FROM sessions WHERE course_id = ?");
    qt.bind(c.id);
    qt.step();
    double total = qt.col(0).getDouble();
    add_course(r, c, total);
    Roster trainees = roster(impl, c.id, total);
    add_summary(r, impl, c.id, trainees);
    r.data.set("trainees", std::move(trainees.trainees));
    add_feedback(r, impl, c.id);
    add_sessions(r, impl, c.id);
    add_grade_distribution(r, trainees);
    r.charts.push_back(Chart{"attendance_per_session",
                             "sessions",
                             "no",
                             {"present", "late", "left_early", "leave", "absent"},
                             std::nullopt,
                             "",
                             0});
    r.charts.push_back(Chart{"grade_distribution", "grade_distribution", "grade", {"count"}, std::nullopt, "", 0});
    return r;
  });
}

Report report_person(Database& db, const std::string& staff_no, std::optional<Date> as_of) {
  return detail::read(db, [&](Database::Impl& impl) {
    Date as_of_day = as_of ? *as_of : Date(detail::today(detail::timezone(impl)));
    detail::Stmt q(impl,
                   "SELECT p.id, p.staff_no, p.name, u.code, u.name, p.tier, p.rank, p.title "
                   "FROM people p JOIN units u ON u.id = p.unit_id WHERE p.staff_no = ?");
    q.bind(detail::trim(staff_no));
    if (!q.step()) detail::fail(Errc::not_found, detail::field("STAFF_NO"), "unknown person {}", staff_no);
    std::int64_t pid = q.col(0).getInt64();
    Report r;
    r.kind = "person_record";
    r.title = detail::msg("Training record of {} {}", q.col(1).getString(), q.col(2).getString());
    auto& p = r.data.set("person", Node::object());
    p.set("staff_no", Node::string(q.col(1).getString(), Hint::id));
    p.set("name", Node::string(q.col(2).getString()));
    p.set("unit", Node::string(q.col(3).getString()));
    p.set("unit_name", Node::string(q.col(4).getString()));
    p.set("tier", Node::code(q.col(5).getString()));
    p.set("rank", Node::opt_string(q.text_or_null(6)));
    p.set("title", Node::opt_string(q.text_or_null(7)));

    detail::OutcomeScope scope;
    scope.person_id = pid;
    auto outcomes = detail::collect_outcomes(impl, scope);
    std::unordered_map<std::int64_t, const detail::Outcome*> by_course;
    std::map<int, std::pair<double, double>> years;  // year -> centralised, online
    for (const auto& o : outcomes) {
      by_course[o.course_id] = &o;
      if (o.completion.completed)
        for (auto [y, h] : o.attended_by_year) years[y].first += h;
    }
    detail::Stmt qh(impl, "SELECT year, kind, SUM(hours) FROM training_hours WHERE person_id = ? GROUP BY year, kind");
    qh.bind(pid);
    while (qh.step()) {
      auto& y = years[qh.col(0).getInt()];
      (qh.col(1).getString() == "online" ? y.second : y.first) += qh.col(2).getDouble();
    }

    auto& courses = r.data.set("courses", Node::array());
    detail::Stmt qc(impl,
                    "SELECT c.id, c.code, c.title, u.code, c.start_date, c.end_date, u.name FROM enrolments e "
                    "JOIN courses c ON c.id = e.course_id JOIN units u ON u.id = c.organizer_id "
                    "WHERE e.person_id = ? AND e.status <> 'waitlisted' ORDER BY c.start_date, c.code");
    qc.bind(pid);
    while (qc.step()) {
      auto it = by_course.find(qc.col(0).getInt64());
      if (it == by_course.end()) continue;
      const auto& o = *it->second;
      auto& row = courses.push(Node::object());
      row.set("code", Node::string(qc.col(1).getString(), Hint::id));
      row.set("title", Node::string(qc.col(2).getString()));
      row.set("organizer", Node::string(qc.col(3).getString()));
      row.set("organizer_name", Node::string(qc.col(6).getString()));
      row.set("start", Node::date(qc.col(4).getString()));
      row.set("end", Node::date(qc.col(5).getString()));
      row.set("attended_hours", Node::number(o.attended_hours, Hint::hours));
      row.set("final_score", Node::opt_number(o.facts.final_score, Hint::score));
      row.set("grade", o.facts.withdrawn ? Node::null() : Node::code(o.completion.grade));
      row.set("completed", Node::boolean(o.completion.completed));
      row.set("reasons", reasons_node(o.completion.reasons));
    }
    auto& hours = r.data.set("hours", Node::array());
    for (auto& [y, h] : years) {
      auto& row = hours.push(Node::object());
      row.set("year", Node::integer(y, Hint::id));
      row.set("centralised_hours", Node::number(h.first, Hint::hours));
      row.set("online_hours", Node::number(h.second, Hint::hours));
    }
    r.data.set("secondments", detail::person_secondments(impl, pid, as_of_day));
    return r;
  });
}

Report report_hours(Database& db, int year, const std::optional<std::string>& unit) {
  return detail::read(db, [&](Database::Impl& impl) {
    detail::check_number(year, detail::field("year"), kMinYear, kMaxYear);
    Report r;
    r.kind = "hours";
    r.title = detail::msg("Training hours {}", year);
    r.data.set("year", Node::integer(year, Hint::id));

    // People in scope: the unit and every unit below it, or everyone.
    struct Person {
      std::int64_t id;
      std::string staff_no, name, tier;
      double centralised[5] = {0, 0, 0, 0, 0};  // year - i
      double online = 0;
    };
    std::vector<Person> people;
    std::unordered_map<std::int64_t, size_t> index;
    std::optional<std::int64_t> uid;
    if (unit) uid = detail::unit_id(impl, detail::trim(*unit), detail::field("unit"));
    detail::Stmt qp(impl,
                    "WITH RECURSIVE scope(id) AS (SELECT id FROM units WHERE id = ?1 UNION SELECT u.id FROM units u JOIN scope ON "
                    "u.parent_id = scope.id) SELECT p.id, p.staff_no, p.name, p.tier FROM people p "
                    "WHERE ?1 IS NULL OR p.unit_id IN (SELECT id FROM scope) ORDER BY p.staff_no");
    qp.bind(uid);
    while (qp.step()) {
      index.emplace(qp.col(0).getInt64(), people.size());
      people.push_back(
          Person{qp.col(0).getInt64(), qp.col(1).getString(), qp.col(2).getString(), qp.col(3).getString()});
    }

    detail::OutcomeScope scope;
    scope.from = fmt::format("{:04}-01-01", year - 4);
    scope.to = fmt::format("{:04}-12-31", year);
    for (const auto& o : detail::collect_outcomes(impl, scope)) {
      if (!o.completion.completed) continue;
      auto it = index.find(o.person_id);
      if (it == index.end()) continue;
      for (auto [y, h] : o.attended_by_year)
        if (y <= year && y > year - 5) people[it->second].centralised[year - y] += h;
    }
    detail::Stmt qh(impl,
                    "SELECT person_id, year, kind, SUM(hours) FROM training_hours WHERE year BETWEEN ? AND ? "
                    "GROUP BY person_id, year, kind");
    qh.bind(year - 4, year);
    while (qh.step()) {
      auto it = index.find(qh.col(0).getInt64());
      if (it == index.end()) continue;
      int y = qh.col(1).getInt();
      if (qh.col(2).getString() == "online") {
        if (y == year) people[it->second].online += qh.col(3).getDouble();
      } else {
        people[it->second].centralised[year - y] += qh.col(3).getDouble();
      }
    }

    auto& rows = r.data.set("people", Node::array());
    rows.items().reserve(people.size());
    std::int64_t short_count = 0;
    for (const auto& p : people) {
      auto h = detail::evaluate_hours(p.tier, p.centralised, p.online);
      if (!h.compliant) ++short_count;
      auto& row = rows.push(Node::object());
      row.members().reserve(14);
      row.set("staff_no", Node::string(p.staff_no, Hint::id));
      row.set("name", Node::string(p.name));
      row.set("tier", Node::code(p.tier));
      row.set("centralised_hours", Node::number(p.centralised[0], Hint::hours));
      row.set("online_hours", Node::number(p.online, Hint::hours));
      row.set("required_hours", Node::number(h.required_hours, Hint::hours));
      row.set("window_hours", Node::number(h.window_hours, Hint::hours));
      row.set("online_required", Node::number(detail::HoursRule{}.online_annual, Hint::hours));
      row.set("compliant", Node::boolean(h.compliant));
      row.set("reasons", reasons_node(h.reasons));
      row.set("shortfall_hours", Node::number(std::max(0.0, h.required_hours - h.window_hours), Hint::hours));
      row.set("online_shortfall_hours",
              Node::number(std::max(0.0, detail::HoursRule{}.online_annual - p.online), Hint::hours));
      row.set("message", Node::string(detail::join(h.messages, detail::msg("; "))));
    }
    r.data.set("non_compliant", Node::integer(short_count));
    return r;
  });
}

}  // namespace cadre
