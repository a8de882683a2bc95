// `report summary ID`: the end-of-term summary and appraisal form (干部挂职锻炼总结鉴定表). The
// figures are the secondment report's typed result (secondment_summary: attendance, trips, leave,
// spot checks, evaluations, the overall grade and the alerts, computed there once); this adds the
// person, the monthly reports compiled into the personal summary, the tasks in full and the three
// opinions, then the model: the JSON fields of DESIGN.md and the paper form (Report::form).
#include <algorithm>

#include "cadre/i18n.hpp"
#include "cadre/summary_report.hpp"
#include "i18n/catalogue.hpp"
#include "secondment/logs.hpp"
#include "secondment/report_facts.hpp"
#include "secondment/tasks.hpp"
#include "util/dates.hpp"
#include "util/text.hpp"
#include "util/validate.hpp"

namespace cadre {
namespace detail {
namespace {

// Labels of the summary's JSON keys (the form's texts are messages in the main catalogue).
// clang-format off
constexpr CatalogueEntry kFragment[] = {
    {"filed_on", "报送日期"},
    {"insights", "心得体会"},
    {"opinions", "鉴定意见"},
    {"opinions.by", "鉴定单位"},
    {"opinions.on", "鉴定日期"},
    {"opinions.text", "鉴定意见"},
    {"plans", "下一步打算"},
    {"signed_by", "签字人"},
    {"spot_checks.absent", "缺岗次数"},
    {"spot_checks.total", "抽查次数"},
    {"summary_report", "干部挂职锻炼总结鉴定表"},
    {"summary_report.attendance", "考勤情况"},
    {"summary_report.person", "基本情况"},
    {"work", "个人总结"},
    {"work.problems", "存在不足"},
    {"work.text", "主要工作"},
};
// clang-format on
[[maybe_unused]] const bool registered = register_catalogue_fragment("summary", kFragment);

SummaryPerson load_person(Database::Impl& impl, const std::string& staff_no) {
  Stmt q(impl,
         "SELECT p.staff_no, p.name, p.gender, p.birth, u.code, u.name, p.rank, p.title "
         "FROM people p JOIN units u ON u.id = p.unit_id WHERE p.staff_no = ?");
  q.bind(staff_no);
  SummaryPerson p;
  if (!q.step()) return p;  // a secondment always names a person (foreign key)
  p.staff_no = q.col(0).getString();
  p.name = q.col(1).getString();
  p.gender = q.text_or_null(2);
  if (auto b = q.text_or_null(3)) p.birth = parse_date(*b, "birth");
  p.unit = q.col(4).getString();
  p.unit_name = q.col(5).getString();
  p.rank = q.text_or_null(6);
  p.title = q.text_or_null(7);
  return p;
}

std::vector<SummaryTask> load_summary_tasks(Database::Impl& impl, Id id, Day as_of) {
  std::vector<SummaryTask> out;
  for (const auto& t : load_tasks(impl, id)) {
    if (t.set_on > as_of) continue;  // not set yet on the summary's day
    SummaryTask& s = out.emplace_back();
    s.id = t.id;
    s.title = t.title;
    s.objective = t.objective;
    s.requirement = t.requirement;
    s.mentor = t.mentor;
    s.due = t.due;
    s.status = task_status(t, as_of);
    if (t.done_on && *t.done_on <= as_of) {
      s.done_on = *t.done_on;
      s.outcome = t.outcome;
    }
  }
  Stmt q(impl,
         "SELECT g.task_id, g.on_date, g.text FROM task_progress g JOIN tasks t ON t.id = g.task_id "
         "WHERE t.secondment_id = ? AND g.on_date <= ? ORDER BY g.on_date, g.id");
  q.bind(id, format_date(as_of));
  while (q.step()) {
    auto it = std::find_if(out.begin(), out.end(), [&](const SummaryTask& t) { return t.id == q.col(0).getInt64(); });
    if (it != out.end()) it->progress.push_back({parse_date(q.col(1).getString(), "on_date"), q.col(2).getString()});
  }
  return out;
}

void compile(EndOfTermSummary& x) {
  for (const auto& w : x.work) {
    x.compiled_work.emplace_back(w.month, w.text);
    if (w.insights) x.compiled_insights.emplace_back(w.month, *w.insights);
    if (w.problems) x.compiled_problems.emplace_back(w.month, *w.problems);
    if (w.plans) x.latest_plans = std::pair{w.month, *w.plans};
  }
}

// --- the model ---------------------------------------------------------------------------------

std::string month_text(Month m) { return format_month(Date(m / 1)); }
Node opt_date(const std::optional<Date>& d) { return d ? Node::date(format_date(*d)) : Node::null(); }

void add_person(Node& data, const EndOfTermSummary& x) {
  auto& p = data.set("person", Node::object());
  p.set("staff_no", Node::string(x.person.staff_no, Hint::id));
  p.set("name", Node::string(x.person.name));
  p.set("gender", Node::opt_string(x.person.gender, Hint::code));
  p.set("birth", opt_date(x.person.birth));
  p.set("unit", Node::string(x.person.unit));
  p.set("unit_name", Node::string(x.person.unit_name));
  p.set("rank", Node::opt_string(x.person.rank));
  p.set("title", Node::opt_string(x.person.title));
}

void add_secondment(Node& data, const EndOfTermSummary& x) {
  const SecondmentPeriod& p = x.report.secondment;
  auto& s = data.set("secondment", Node::object());
  s.set("id", Node::integer(p.id, Hint::id));
  s.set("type", Node::code(p.record.type.value_or("standard")));
  s.set("host", Node::string(p.host));
  s.set("host_name", Node::string(p.host_name));
  s.set("home", Node::string(p.home));
  s.set("home_name", Node::string(p.home_name));
  s.set("post", Node::string(p.post));
  s.set("start", Node::date(format_date(p.start)));
  s.set("end", Node::date(format_date(p.end)));
  s.set("status", Node::code(p.status));
}

void add_attendance(Node& data, const SecondmentSummary& r) {
  auto& a = data.set("attendance", Node::object());
  a.set("working_days", Node::integer(r.working_days));
  a.set("present_days", Node::integer(r.present_days));
  a.set("trip_days", Node::integer(r.trip_days));
  a.set("leave_days", Node::integer(r.leave_days));
  a.set("makeup_days", Node::integer(r.makeup_days));
  a.set("days_in_post", Node::integer(r.days_in_post));
  a.set("presence_rate", opt_rate(r.presence_rate));
}

void add_work(Node& data, const EndOfTermSummary& x) {
  auto& work = data.set("work", Node::array());
  for (const auto& w : x.work) {
    auto& row = work.push(Node::object());
    row.set("month", Node::string(month_text(w.month)));
    row.set("text", Node::string(w.text));
    row.set("insights", Node::opt_string(w.insights));
    row.set("problems", Node::opt_string(w.problems));
    row.set("plans", Node::opt_string(w.plans));
    row.set("filed_on", Node::date(format_date(w.filed_on)));
  }
}

void add_tasks(Node& data, const EndOfTermSummary& x) {
  auto& tasks = data.set("tasks", Node::array());
  for (const auto& t : x.tasks) {
    auto& row = tasks.push(Node::object());
    row.set("id", Node::integer(t.id, Hint::id));
    row.set("title", Node::string(t.title));
    row.set("objective", Node::string(t.objective));
    row.set("requirement", Node::opt_string(t.requirement));
    row.set("mentor", Node::opt_string(t.mentor));
    row.set("due", Node::date(format_date(t.due)));
    row.set("status", Node::code(t.status));
    row.set("done_on", opt_date(t.done_on));
    row.set("outcome", Node::opt_string(t.outcome));
    auto& progress = row.set("progress", Node::array());
    for (const auto& g : t.progress) {
      auto& p = progress.push(Node::object());
      p.set("on", Node::date(format_date(g.on)));
      p.set("text", Node::string(g.text));
    }
  }
}

void add_presence(Node& data, const SecondmentSummary& r) {
  add_trips(data, r);
  add_leaves(data, r);
  std::int64_t total = 0;
  for (const auto& c : r.spot_checks) total += Day(c.on) <= r.as_of;
  auto& checks = data.set("spot_checks", Node::object());
  checks.set("total", Node::integer(total));
  checks.set("absent", Node::integer(r.spot_check_absences));
}

void add_appraisal(Node& data, const EndOfTermSummary& x) {
  auto& evs = data.set("evaluations", Node::array());
  for (const auto& e : x.report.evaluations) {
    auto& row = evs.push(Node::object());
    row.set("period", Node::string(e.period));
    row.set("rater", Node::code(e.rater));
    row.set("score", Node::number(e.score, Hint::score));
    row.set("grade", Node::code(e.grade));
  }
  auto& overall = data.set("overall", Node::object());
  overall.set("score", Node::opt_number(x.report.overall_score, Hint::score));
  overall.set("grade", x.report.overall_grade ? Node::code(*x.report.overall_grade) : Node::null());
  auto& ops = data.set("opinions", Node::array());
  for (const auto& o : x.opinions) {
    auto& row = ops.push(Node::object());
    row.set("by", Node::code(o.by));
    row.set("text", Node::string(o.text));
    row.set("signed_by", Node::string(o.signed_by));
    row.set("on", Node::date(format_date(o.on)));
  }
}

// --- the paper form ----------------------------------------------------------------------------

FormCell label_cell(std::string text, int span = 1) { return {std::move(text), span, FormCell::Kind::label, {}}; }
FormCell value_cell(std::string text, int span = 1) { return {std::move(text), span, FormCell::Kind::value, {}}; }
FormCell block_cell(std::string text, int span) { return {std::move(text), span, FormCell::Kind::block, {}}; }
std::string or_dash(const std::optional<std::string>& s) { return s ? *s : std::string("—"); }
std::string lines_of(const std::vector<std::pair<Month, std::string>>& parts) {
  std::vector<std::string> out;
  for (const auto& [m, text] : parts) out.push_back(msg("{}: {}", month_text(m), text));
  return join(out, "\n");
}
std::string words(const std::string& field, const std::string& value) { return word_text(field, value, language()); }
std::string days(std::int64_t n) { return msg("{} days", n); }

FormSection basic_section(const EndOfTermSummary& x) {
  const auto& p = x.person;
  FormSection s{msg("Basic information"), {}};
  s.rows.push_back({{label_cell(msg("Name")), value_cell(p.name), label_cell(msg("Gender")),
                     value_cell(p.gender ? words("gender", *p.gender) : "—"), label_cell(msg("Date of birth")),
                     value_cell(p.birth ? format_date(*p.birth) : "—")}});
  s.rows.push_back({{label_cell(msg("Unit")), value_cell(p.unit_name, 3), label_cell(msg("Rank")),
                     value_cell(or_dash(p.rank))}});
  s.rows.push_back({{label_cell(msg("Position")), value_cell(or_dash(p.title), 3), label_cell(msg("Staff number")),
                     value_cell(p.staff_no)}});
  return s;
}

FormSection posting_section(const EndOfTermSummary& x) {
  const auto& p = x.report.secondment;
  FormSection s{msg("Secondment"), {}};
  s.rows.push_back({{label_cell(msg("Host unit")), value_cell(p.host_name, 3), label_cell(msg("Post")),
                     value_cell(p.post)}});
  s.rows.push_back({{label_cell(msg("Home unit")), value_cell(p.home_name, 3), label_cell(msg("Type")),
                     value_cell(words("type", p.record.type.value_or("standard")))}});
  s.rows.push_back({{label_cell(msg("Period")),
                     value_cell(msg("{} to {}", format_date(p.start), format_date(p.end)), 3),
                     label_cell(msg("Status")), value_cell(words("status", p.status))}});
  return s;
}

FormSection summary_section(const EndOfTermSummary& x) {
  FormSection s{msg("Personal summary"), {}};
  auto none = msg("(none)");
  auto part = [&](const std::string& title, std::string text) {
    s.rows.push_back({{label_cell(title), block_cell(text.empty() ? none : std::move(text), 5)}});
  };
  part(msg("Main work"), lines_of(x.compiled_work));
  part(msg("Insights"), lines_of(x.compiled_insights));
  part(msg("Shortcomings"), lines_of(x.compiled_problems));
  part(msg("Next steps"), x.latest_plans ? x.latest_plans->second : std::string());
  return s;
}

FormSection tasks_section(const EndOfTermSummary& x) {
  FormSection s{msg("Tasks"), {}};
  s.rows.push_back({{label_cell(msg("Task")), label_cell(msg("Objective"), 2), label_cell(msg("Due")),
                     label_cell(msg("Status")), label_cell(msg("Outcome"))}});
  for (const auto& t : x.tasks) {
    std::string objective = t.objective;
    if (t.requirement) objective += "\n" + msg("Requirement: {}", *t.requirement);
    if (t.mentor) objective += "\n" + msg("Mentor: {}", *t.mentor);
    std::string outcome = or_dash(t.outcome);
    if (t.done_on) outcome = msg("{} (done {})", outcome, format_date(*t.done_on));
    s.rows.push_back({{value_cell(t.title), value_cell(objective, 2), value_cell(format_date(t.due)),
                       value_cell(words("status", t.status)), value_cell(outcome)}});
  }
  if (x.tasks.empty()) s.rows.push_back({{value_cell(msg("(none)"), 6)}});
  return s;
}

FormSection attendance_section(const EndOfTermSummary& x) {
  const auto& r = x.report;
  FormSection s{msg("Attendance"), {}};
  s.rows.push_back({{label_cell(msg("Working days")), value_cell(days(r.working_days)), label_cell(msg("Present")),
                     value_cell(days(r.present_days)), label_cell(msg("On duty trips")),
                     value_cell(days(r.trip_days))}});
  s.rows.push_back({{label_cell(msg("On leave")), value_cell(days(r.leave_days)), label_cell(msg("Make-up punches")),
                     value_cell(days(r.makeup_days)), label_cell(msg("Days in post")),
                     value_cell(days(r.days_in_post))}});
  std::int64_t checks = 0;
  for (const auto& c : r.spot_checks) checks += Day(c.on) <= r.as_of;
  s.rows.push_back({{label_cell(msg("Presence rate")), value_cell(r.presence_rate ? percent(*r.presence_rate) : "—"),
                     label_cell(msg("Spot checks")),
                     value_cell(msg("{} checks, {} absent", checks, r.spot_check_absences), 3)}});
  std::vector<std::string> trips, leaves;
  for (const auto& t : r.trips)
    if (Day(t.from) <= r.as_of)
      trips.push_back(msg("{} to {}: {}", format_date(t.from), format_date(t.to), t.purpose));
  for (const auto& l : r.leaves)
    leaves.push_back(msg("{} to {}: {} ({}, {} days)", format_date(l.from), format_date(l.to), words("kind", l.kind),
                         words("status", l.status), l.days));
  // One paragraph each, the entries run on: a long term's trips must not push the form past two pages.
  auto list = [](const std::vector<std::string>& v) { return v.empty() ? msg("(none)") : join(v, msg("; ")); };
  s.rows.push_back({{label_cell(msg("Duty trips")), value_cell(list(trips), 5)}});
  s.rows.push_back({{label_cell(msg("Leave")), value_cell(list(leaves), 5)}});
  return s;
}

FormSection appraisal_section(const EndOfTermSummary& x) {
  const auto& r = x.report;
  FormSection s{msg("Appraisal"), {}};
  s.rows.push_back({{label_cell(msg("Assessment period"), 2), label_cell(msg("Rater"), 2), label_cell(msg("Score")),
                     label_cell(msg("Grade"))}});
  for (const auto& e : r.evaluations)
    s.rows.push_back({{value_cell(words("period", e.period), 2), value_cell(words("rater", e.rater), 2),
                       value_cell(fmt::format("{:.1f}", e.score)), value_cell(words("grade", e.grade))}});
  if (r.evaluations.empty()) s.rows.push_back({{value_cell(msg("(none)"), 6)}});
  s.rows.push_back({{label_cell(msg("Overall"), 2),
                     value_cell(r.overall_score ? fmt::format("{:.1f}", *r.overall_score) : "—", 2),
                     label_cell(msg("Overall grade")), value_cell(r.overall_grade ? words("grade", *r.overall_grade) : "—")}});
  return s;
}

FormSection opinions_section(const EndOfTermSummary& x) {
  FormSection s{msg("Appraisal opinions"), {}};
  static const std::pair<const char*, const char*> roles[] = {
      {"host", "Opinion of the host unit"}, {"home", "Opinion of the home unit"},
      {"org", "Opinion of the organisation department"}};
  for (const auto& [by, title] : roles) {
    auto it = std::find_if(x.opinions.begin(), x.opinions.end(), [&](const SummaryOpinion& o) { return o.by == by; });
    FormCell cell{{}, 5, FormCell::Kind::signature, {}};
    if (it != x.opinions.end()) {
      cell.text = it->text;
      cell.sign = msg("Signed: {}    Date: {}", it->signed_by, format_date(it->on));
    } else {
      cell.sign = msg("Signed: {}    Date: {}", "　　　　　　", "　　　　　　");
    }
    s.rows.push_back({{label_cell(msg(title)), std::move(cell)}});
  }
  return s;
}

Form form_of(const EndOfTermSummary& x) {
  Form f;
  f.title = msg("End-of-term summary and appraisal of a seconded cadre");
  f.subtitle = msg("{} · secondment {} · as of {}", x.person.name, x.report.secondment.id, format_date(x.report.as_of));
  f.columns = 6;
  f.sections = {basic_section(x),      posting_section(x),   summary_section(x),    tasks_section(x),
                attendance_section(x), appraisal_section(x), opinions_section(x)};
  return f;
}

}  // namespace
}  // namespace detail

EndOfTermSummary end_of_term_summary(Database& db, Id id, std::optional<Date> as_of) {
  EndOfTermSummary x;
  x.report = secondment_summary(db, id, as_of);  // the figures, flags and grade: computed there, once
  detail::read(db, [&](Database::Impl& impl) {
    using namespace detail;
    Day day = x.report.as_of;
    x.person = load_person(impl, x.report.secondment.staff_no);
    for (auto& l : load_logs(impl, id, day))
      x.work.push_back({l.month, std::move(l.text), std::move(l.insights), std::move(l.problems), std::move(l.plans),
                        l.filed_on});
    x.tasks = load_summary_tasks(impl, id, day);
    for (auto& o : load_opinions(impl, id, day))
      x.opinions.push_back({std::move(o.by), std::move(o.text), std::move(o.signed_by), o.on});
    compile(x);
    return 0;
  });
  return x;
}

Report to_model(const EndOfTermSummary& x) {
  using namespace detail;
  Report r;
  r.kind = "summary_report";
  r.title = msg("End-of-term summary of secondment {} {} as of {}", x.report.secondment.id, x.person.name,
                format_date(x.report.as_of));
  add_person(r.data, x);
  add_secondment(r.data, x);
  r.data.set("as_of", Node::date(format_date(x.report.as_of)));
  add_attendance(r.data, x.report);
  add_work(r.data, x);
  add_tasks(r.data, x);
  add_presence(r.data, x.report);
  add_appraisal(r.data, x);
  add_alerts(r.data.set("alerts", Node::array()), x.report.flags, x.report.secondment, false);
  r.form = form_of(x);
  return r;
}

Report report_summary(Database& db, Id id, std::optional<Date> as_of) {
  return to_model(end_of_term_summary(db, id, as_of));
}

std::vector<std::pair<Id, std::string>> batch_secondments(Database& db, const std::string& batch) {
  return detail::read(db, [&](Database::Impl& impl) {
    using namespace detail;
    auto b = require_text(batch, field("batch"));
    Stmt q(impl,
           "SELECT s.id, p.staff_no FROM secondments s JOIN people p ON p.id = s.person_id WHERE s.batch = ? "
           "ORDER BY p.staff_no, s.id");
    q.bind(b);
    std::vector<std::pair<Id, std::string>> out;
    while (q.step()) out.emplace_back(q.col(0).getInt64(), q.col(1).getString());
    if (out.empty()) fail(Errc::not_found, field("batch"), "{}: no secondment in batch {}", field("batch"), b);
    return out;
  });
}

}  // namespace cadre
