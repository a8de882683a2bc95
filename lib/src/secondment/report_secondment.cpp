// `report secondment ID`: one period's presence per month, leave, monthly reports, evaluations and
// flags, computed from its facts (report_facts.hpp) into a SecondmentSummary, then to_model().
#include <algorithm>

#include "cadre/secondment.hpp"
#include "cadre/secondment_report.hpp"
#include "calendar/calendar_internal.hpp"
#include "people/lookup.hpp"
#include "secondment/report_facts.hpp"
#include "secondment/tasks.hpp"
#include "store/settings_internal.hpp"
#include "util/dates.hpp"
#include "util/text.hpp"
#include "util/validate.hpp"

namespace cadre {

namespace detail {
namespace {

// Presence and the monthly work report of each month of the period.
void read_months(SecondmentSummary& out, const Presence& pr) {
  out.months.reserve(pr.months().size());
  for (const auto& m : pr.months()) {
    SecondmentMonth& row = out.months.emplace_back();
    row.month = month_of(m.first);
    row.working_days = m.working;
    row.present_days = m.present;
    row.leave_days = m.leave;
    row.presence_rate = Presence::rate(m);
    row.report_filed = m.report_filed;
    row.report_missing = m.report_missing;
    row.trip_days = m.trip;
    row.makeup_days = m.makeup;
    row.makeups = m.makeups;
    row.days_in_post = m.in_post;
    out.reports_filed += m.report_filed;
    out.reports_missing += m.report_missing;
    out.reports_not_yet_due += !m.report_filed && !m.report_missing;
  }
}

// Every leave of the period with its days (a return ends it the day before).
void read_leaves(SecondmentSummary& out, Database::Impl& impl, Id id) {
  Stmt l(impl,
         "SELECT id, from_date, to_date, kind, status, level, approver, returned_on FROM leaves "
         "WHERE secondment_id = ? ORDER BY from_date, id");
  l.bind(id);
  while (l.step()) {
    SecondmentLeave& row = out.leaves.emplace_back();
    row.id = l.col(0).getInt64();
    row.from = parse_date(l.col(1).getString(), "from");
    row.to = parse_date(l.col(2).getString(), "to");
    row.kind = l.col(3).getString();
    row.status = l.col(4).getString();
    row.level = l.text_or_null(5);
    row.approver = l.text_or_null(6);
    if (auto returned = l.text_or_null(7)) row.returned_on = parse_date(*returned, "returned_on");
    Day last = leave_last_day(l.col(2).getString(), l.text_or_null(7));
    row.days = std::max<std::int64_t>(0, (last - Day(row.from)).count() + 1);
  }
}

// The evaluations, which of them count, the overall score and grade, and the five dimensions.
void read_evaluations(SecondmentSummary& out, const Facts& f, const RaterWeights& w) {
  auto o = overall_of(f.evaluations, w);
  for (const auto& e : f.evaluations) {
    SecondmentEvaluation& row = out.evaluations.emplace_back();
    row.period = e.period;
    row.rater = e.rater;
    row.score = e.score();
    row.grade = e.effective_grade();
    row.dimensions = e.scores;
    row.counted = std::find(o.used.begin(), o.used.end(), &e) != o.used.end();
  }
  out.overall_score = o.score;
  out.overall_grade = o.grade;
  out.overall_dimensions = o.dimensions;
}

// Trips, spot checks, make-ups and the village rules: the figures, the cap on the grade, the flags.
void read_presence_workflows(SecondmentSummary& out, const Facts& f, const Presence& pr, const PresenceRules& rules) {
  out.trip_days = pr.trip_days();
  out.makeup_days = pr.makeup_days();
  out.days_in_post = pr.days_in_post();
  out.spot_check_absences = spot_check_absences(f, out.as_of);
  out.trips = f.trips;
  out.spot_checks = f.spot_checks;
  if (f.type == "village")
    for (const auto& y : village_years(pr, f.p.start, f.p.end(), out.as_of, rules.village_min_days_year))
      out.village_years.push_back({y.year, y.days, y.in_post, y.required, y.complete});
  out.uncapped_grade = out.overall_grade;
  auto flags = presence_flags(f, pr, rules, out.as_of);
  out.flags.insert(out.flags.end(), flags.begin(), flags.end());
  if (auto cap = cap_by_spot_checks(out.overall_grade, out.spot_check_absences, rules)) out.flags.push_back(*cap);
}

void add_presence_workflows(Node& data, const SecondmentSummary& x) {
  add_trips(data, x);
  auto& checks = data.set("spot_checks", Node::array());
  for (const auto& c : x.spot_checks) {
    auto& row = checks.push(Node::object());
    row.set("id", Node::integer(c.id, Hint::id));
    row.set("on", Node::date(format_date(c.on)));
    row.set("result", Node::code(c.result));
    row.set("by", Node::opt_string(c.by));
    row.set("note", Node::opt_string(c.note));
  }
  auto& years = data.set("village_years", Node::array());
  for (const auto& y : x.village_years) {
    auto& row = years.push(Node::object());
    row.set("year", Node::integer(y.year));
    row.set("days", Node::integer(y.days));
    row.set("days_in_post", Node::integer(y.days_in_post));
    row.set("required", Node::integer(y.required));
    row.set("complete", Node::boolean(y.complete));
  }
}

// --- the model ---------------------------------------------------------------------------------

void add_months(Node& data, const SecondmentSummary& x) {
  auto& months = data.set("months", Node::array());
  for (const auto& m : x.months) {
    auto& row = months.push(Node::object());
    row.set("month", Node::string(format_month(Date(m.month / 1))));
    row.set("working_days", Node::integer(m.working_days));
    row.set("present_days", Node::integer(m.present_days));
    row.set("leave_days", Node::integer(m.leave_days));
    row.set("presence_rate", opt_rate(m.presence_rate));
    row.set("report_filed", Node::boolean(m.report_filed));
    row.set("trip_days", Node::integer(m.trip_days));
    row.set("makeup_days", Node::integer(m.makeup_days));
    row.set("makeups", Node::integer(m.makeups));
    row.set("days_in_post", Node::integer(m.days_in_post));
  }
  auto& rep = data.set("reports", Node::object());
  rep.set("months", Node::integer(std::int64_t(x.months.size())));
  rep.set("filed", Node::integer(x.reports_filed));
  rep.set("missing", Node::integer(x.reports_missing));
  rep.set("not_yet_due", Node::integer(x.reports_not_yet_due));
}

Node opt_date(const std::optional<Date>& d) { return d ? Node::date(format_date(*d)) : Node::null(); }

void add_evaluations(Node& data, const SecondmentSummary& x) {
  auto& evs = data.set("evaluations", Node::array());
  for (const auto& e : x.evaluations) {
    auto& row = evs.push(Node::object());
    row.set("period", Node::string(e.period));
    row.set("rater", Node::code(e.rater));
    row.set("score", Node::number(e.score, Hint::score));
    row.set("grade", Node::code(e.grade));
    for (size_t i = 0; i < 5; ++i) row.set(kAppraisalDimensions[i], Node::number(e.dimensions[i], Hint::score));
    row.set("counted", Node::boolean(e.counted));
  }
  auto& overall = data.set("overall", Node::object());
  overall.set("score", Node::opt_number(x.overall_score, Hint::score));
  overall.set("grade", x.overall_grade ? Node::code(*x.overall_grade) : Node::null());
  auto& dims = data.set("dimensions", Node::array());
  if (x.overall_score)
    for (size_t i = 0; i < 5; ++i) {
      auto& row = dims.push(Node::object());
      row.set("dimension", Node::code(kAppraisalDimensions[i]));
      row.set("score", Node::number(x.overall_dimensions[i], Hint::score));
    }
}

// The tasks set by the host with their status as of the report's date (a task table in html/xlsx).
void add_tasks(Node& data, const SecondmentSummary& x) {
  data.set("tasks_open", Node::integer(x.tasks_open));
  data.set("tasks_overdue", Node::integer(x.tasks_overdue));
  auto& tasks = data.set("tasks", Node::array());
  for (const auto& t : x.tasks) {
    auto& row = tasks.push(Node::object());
    row.set("id", Node::integer(t.id, Hint::id));
    row.set("title", Node::string(t.title));
    row.set("due", Node::date(format_date(t.due)));
    row.set("status", Node::code(t.status));
    row.set("done_on", opt_date(t.done_on));
    row.set("done_late", Node::boolean(t.done_late));
  }
}

}  // namespace

void add_trips(Node& data, const SecondmentSummary& x) {
  auto& trips = data.set("trips", Node::array());
  for (const auto& t : x.trips) {
    auto& row = trips.push(Node::object());
    row.set("id", Node::integer(t.id, Hint::id));
    row.set("from", Node::date(format_date(t.from)));
    row.set("to", Node::date(format_date(t.to)));
    row.set("purpose", Node::string(t.purpose));
    row.set("place", Node::opt_string(t.place));
  }
}

void add_leaves(Node& data, const SecondmentSummary& x) {
  auto& leaves = data.set("leaves", Node::array());
  for (const auto& l : x.leaves) {
    auto& row = leaves.push(Node::object());
    row.set("id", Node::integer(l.id, Hint::id));
    row.set("from", Node::date(format_date(l.from)));
    row.set("to", Node::date(format_date(l.to)));
    row.set("kind", Node::code(l.kind));
    row.set("status", Node::code(l.status));
    row.set("level", Node::opt_string(l.level, Hint::code));
    row.set("approver", Node::opt_string(l.approver));
    row.set("returned_on", l.returned_on ? Node::date(format_date(*l.returned_on)) : Node::null());
    row.set("days", Node::integer(l.days));
  }
}

}  // namespace detail

SecondmentSummary secondment_summary(Database& db, Id id, std::optional<Date> as_of) {
  return detail::read(db, [&](Database::Impl& impl) {
    using namespace detail;
    check_id(id, field("ID"));
    Day day = as_of_day(impl, as_of);
    Stmt q(impl, SECONDMENT_ROW_SELECT "WHERE s.id = ?");
    q.bind(id);
    if (!q.step()) fail(Errc::not_found, field("ID"), "{}: unknown secondment {}", field("ID"), id);
    std::vector<Facts> all{facts_row(q)};
    Scope scope;
    scope.id = id;
    load_details(impl, all, {{id, 0}}, scope);
    load_presence_details(impl, all, {{id, 0}}, scope, day);
    const Facts& f = all[0];
    auto cal = load_calendar(impl);
    Presence pr(cal, f.p.start, f.p.end(), day, f.leaves);
    {
      Stmt c(impl, "SELECT DISTINCT local_day FROM checkins WHERE secondment_id = ? AND local_day BETWEEN ? AND ?");
      c.bind(id, day_number(f.p.start), day_number(std::min(day, f.p.end())));
      while (c.step()) pr.add_checkin_day(day_from_number(c.col(0).getInt64()));
    }
    feed_presence_details(pr, f);
    feed_reports(pr, f);

    SecondmentSummary out;
    out.secondment = period_of(f, day);
    out.as_of = day;
    out.working_days = pr.working_days();
    out.leave_days = pr.leave_days();
    out.present_days = pr.present_days();
    out.presence_rate = pr.rate();
    out.min_presence = setting_number(impl, "min_presence");
    read_months(out, pr);
    read_leaves(out, impl, id);
    read_evaluations(out, f, weights(impl));
    out.flags = flags_of(pr, out.min_presence);
    auto tasks = load_tasks(impl, id);
    read_tasks(out, tasks);
    for (auto& flag : task_flags(tasks, day)) out.flags.push_back(std::move(flag));
    if (auto flag = term_flag(f.p)) out.flags.push_back(std::move(*flag));
    read_presence_workflows(out, f, pr, presence_rules(impl));
    return out;
  });
}

Report to_model(const SecondmentSummary& x) {
  using namespace detail;
  Report r;
  r.kind = "secondment_report";
  r.title = msg("Secondment {} {}: summary as of {}", x.secondment.id, x.secondment.name, format_date(x.as_of));
  auto& s = r.data.set("secondment", Node::object());
  secondment_fields(s, x.secondment, x.as_of, true);
  r.data.set("as_of", Node::date(format_date(x.as_of)));
  r.data.set("working_days", Node::integer(x.working_days));
  r.data.set("leave_days", Node::integer(x.leave_days));
  r.data.set("present_days", Node::integer(x.present_days));
  r.data.set("presence_rate", opt_rate(x.presence_rate));
  r.data.set("min_presence", Node::number(x.min_presence, Hint::rate));
  r.data.set("trip_days", Node::integer(x.trip_days));
  r.data.set("makeup_days", Node::integer(x.makeup_days));
  r.data.set("days_in_post", Node::integer(x.days_in_post));
  r.data.set("spot_check_absences", Node::integer(x.spot_check_absences));
  add_months(r.data, x);
  add_leaves(r.data, x);
  add_evaluations(r.data, x);
  add_tasks(r.data, x);
  add_presence_workflows(r.data, x);
  add_alerts(r.data.set("alerts", Node::array()), x.flags, x.secondment, false);
  r.charts.push_back(Chart{"presence_per_month",
                           "months",
                           "month",
                           {"present_days", "trip_days", "makeup_days", "working_days"},
                           std::nullopt,
                           "",
                           0});
  r.charts.push_back(Chart{"evaluation_by_dimension", "dimensions", "dimension", {"score"}, std::nullopt, "", 100});
  return r;
}

Report report_secondment(Database& db, Id id, std::optional<Date> as_of) {
  return to_model(secondment_summary(db, id, as_of));
}

}  // namespace cadre
