// `report secondment ID`: one period's presence per month, leave, monthly reports, evaluations and
// alerts, from its facts (report_facts.hpp).
#include <algorithm>

#include "cadre/secondment.hpp"
#include "calendar/calendar_internal.hpp"
#include "people/lookup.hpp"
#include "secondment/report_facts.hpp"
#include "store/settings_internal.hpp"
#include "util/dates.hpp"
#include "util/text.hpp"
#include "util/validate.hpp"

namespace cadre {

namespace detail {
namespace {

// Presence and the monthly work report of each month of the period.
void add_months(Node& data, const Presence& pr) {
  auto& months = data.set("months", Node::array());
  std::int64_t filed = 0, missing = 0, pending = 0;
  for (const auto& m : pr.months()) {
    auto& row = months.push(Node::object());
    row.set("month", Node::string(format_month(m.first)));
    row.set("working_days", Node::integer(m.working));
    row.set("present_days", Node::integer(m.present));
    row.set("leave_days", Node::integer(m.leave));
    row.set("presence_rate", opt_rate(Presence::rate(m.working, m.leave, m.present)));
    row.set("report_filed", Node::boolean(m.report_filed));
    filed += m.report_filed;
    missing += m.report_missing;
    pending += !m.report_filed && !m.report_missing;
  }
  auto& rep = data.set("reports", Node::object());
  rep.set("months", Node::integer(std::int64_t(pr.months().size())));
  rep.set("filed", Node::integer(filed));
  rep.set("missing", Node::integer(missing));
  rep.set("not_yet_due", Node::integer(pending));
}

// Every leave of the period with its days (a return ends it the day before).
void add_leaves(Node& data, Database::Impl& impl, Id id) {
  auto& leaves = data.set("leaves", Node::array());
  {
    Stmt l(impl,
           "SELECT id, from_date, to_date, kind, status, level, approver, returned_on FROM leaves "
           "WHERE secondment_id = ? ORDER BY from_date, id");
    l.bind(id);
    while (l.step()) {
      auto& row = leaves.push(Node::object());
      row.set("id", Node::integer(l.col(0).getInt64(), Hint::id));
      row.set("from", Node::date(l.col(1).getString()));
      row.set("to", Node::date(l.col(2).getString()));
      row.set("kind", Node::code(l.col(3).getString()));
      row.set("status", Node::code(l.col(4).getString()));
      row.set("level", Node::opt_string(l.text_or_null(5), Hint::code));
      row.set("approver", Node::opt_string(l.text_or_null(6)));
      row.set("returned_on", Node::opt_string(l.text_or_null(7), Hint::date));
      Day a = detail::parse_date(l.col(1).getString(), "from"), b = leave_last_day(l.col(2).getString(), l.text_or_null(7));
      row.set("days", Node::integer(std::max<std::int64_t>(0, (b - a).count() + 1)));
    }
  }
}

// The evaluations, which of them count, the overall score and grade, and the five dimensions.
void add_evaluations(Node& data, const Facts& f, const RaterWeights& w) {
  auto o = overall_of(f.evaluations, w);
  auto& evs = data.set("evaluations", Node::array());
  for (const auto& e : f.evaluations) {
    auto& row = evs.push(Node::object());
    row.set("period", Node::string(e.period));
    row.set("rater", Node::code(e.rater));
    row.set("score", Node::number(e.score(), Hint::score));
    row.set("grade", Node::code(e.effective_grade()));
    for (size_t i = 0; i < 5; ++i) row.set(kDimensions[i], Node::number(e.scores[i], Hint::score));
    bool used = std::find(o.used.begin(), o.used.end(), &e) != o.used.end();
    row.set("counted", Node::boolean(used));
  }
  auto& overall = data.set("overall", Node::object());
  overall.set("score", Node::opt_number(o.score, Hint::score));
  overall.set("grade", o.grade ? Node::code(*o.grade) : Node::null());
  auto& dims = data.set("dimensions", Node::array());
  if (o.score)
    for (size_t i = 0; i < 5; ++i) {
      auto& row = dims.push(Node::object());
      row.set("dimension", Node::code(kDimensions[i]));
      row.set("score", Node::number(o.dimensions[i], Hint::score));
    }
}

}  // namespace
}  // namespace detail

Report report_secondment(Database& db, Id id, std::optional<Date> as_of) {
  return detail::read(db, [&](Database::Impl& impl) {
    using namespace detail;
    check_id(id, field("ID"));
    Day day = as_of_day(impl, as_of);
    Stmt q(impl, SECONDMENT_ROW_SELECT "WHERE s.id = ?");
    q.bind(id);
    if (!q.step()) fail(Errc::not_found, field("ID"), "{}: unknown secondment {}", field("ID"), id);
    std::vector<Facts> all{facts_row(q)};
    load_details(impl, all, {{id, 0}}, id);
    const Facts& f = all[0];
    auto cal = load_calendar(impl);
    Presence pr(cal, f.p.start, f.p.end(), day, f.leaves);
    {
      Stmt c(impl, "SELECT DISTINCT local_day FROM checkins WHERE secondment_id = ? AND local_day BETWEEN ? AND ?");
      c.bind(id, day_number(f.p.start), day_number(std::min(day, f.p.end())));
      while (c.step()) pr.add_checkin_day(day_from_number(c.col(0).getInt64()));
    }
    feed_reports(pr, f);
    double min_presence = setting_number(impl, "min_presence");

    Report r;
    r.kind = "secondment_report";
    r.title = msg("Secondment {} {}: summary as of {}", id, f.name, format_date(day));
    secondment_fields(r.data.set("secondment", Node::object()), f, day, true);
    auto& s = *r.data.find("secondment");
    s.set("direction", Node::code(f.direction));
    s.set("batch", Node::opt_string(f.batch));
    r.data.set("as_of", Node::date(format_date(day)));
    r.data.set("working_days", Node::integer(pr.working_days()));
    r.data.set("leave_days", Node::integer(pr.leave_days()));
    r.data.set("present_days", Node::integer(pr.present_days()));
    r.data.set("presence_rate", opt_rate(pr.rate()));
    r.data.set("min_presence", Node::number(min_presence, Hint::rate));
    add_months(r.data, pr);
    add_leaves(r.data, impl, id);
    add_evaluations(r.data, f, weights(impl));
    auto& alerts = r.data.set("alerts", Node::array());
    add_alerts(alerts, f, pr, min_presence, false);

    r.charts.push_back(
        Chart{"presence_per_month", "months", "month", {"present_days", "working_days"}, std::nullopt, "", 0});
    r.charts.push_back(Chart{"evaluation_by_dimension", "dimensions", "dimension", {"score"}, std::nullopt, "", 100});
    return r;
  });
}

}  // namespace cadre
