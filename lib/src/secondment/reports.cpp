// `report secondment`, `report secondments` and the secondments of `report person`.
// Presence is aggregated from one indexed scan of distinct (secondment, local day) pairs; leave,
// monthly reports and evaluations are read once per report, so memory grows with the number of
// secondments, never with the number of check-ins.
#include <sqlite3.h>

#include <algorithm>
#include <map>
#include <memory>
#include <unordered_map>

#include "cadre/secondment.hpp"
#include "calendar/calendar_internal.hpp"
#include "people/lookup.hpp"
#include "secondment/appraisal.hpp"
#include "secondment/person_secondments.hpp"
#include "secondment/presence.hpp"
#include "secondment/secondment_internal.hpp"
#include "store/settings_internal.hpp"
#include "util/text.hpp"
#include "util/validate.hpp"

namespace cadre {

namespace detail {
namespace {

struct Facts {
  Period p;
  std::string staff_no, name, home, host, post, direction;
  std::string home_name, host_name;
  std::optional<std::string> batch;
  std::vector<LeaveSpan> leaves;
  std::vector<std::pair<Day, Day>> reports;  // (month, filed_on)
  std::vector<Evaluation> evaluations;
};

// Joined with each WHERE clause at compile time (adjacent literals): one constant SQL text per query.
#define FACTS_SELECT \
    "SELECT s.id, s.person_id, s.start_date, s.planned_end, s.actual_end, p.staff_no, p.name, h.code, u.code, " \
    "s.post, s.direction, s.batch, h.name, u.name FROM secondments s JOIN people p ON p.id = s.person_id " \
    "JOIN units h ON h.id = s.home_unit_id JOIN units u ON u.id = s.host_unit_id "

Facts facts_row(Stmt& q) {
  Facts f;
  f.p.id = q.col(0).getInt64();
  f.p.person_id = q.col(1).getInt64();
  f.p.start = parse_date(q.col(2).getString(), "start_date");
  f.p.planned_end = parse_date(q.col(3).getString(), "planned_end");
  if (!q.col(4).isNull()) f.p.actual_end = parse_date(q.col(4).getString(), "actual_end");
  f.staff_no = q.col(5).getString();
  f.name = q.col(6).getString();
  f.home = q.col(7).getString();
  f.host = q.col(8).getString();
  f.post = q.col(9).getString();
  f.direction = q.col(10).getString();
  if (!q.col(11).isNull()) f.batch = q.col(11).getString();
  f.home_name = q.col(12).getString();
  f.host_name = q.col(13).getString();
  return f;
}

// Loads leave, reports and evaluations of the secondments in `index` (id → position), one query each.
void load_details(Database::Impl& impl, std::vector<Facts>& all, const std::unordered_map<std::int64_t, size_t>& index,
                  std::optional<std::int64_t> only) {
  auto find = [&](std::int64_t id) -> Facts* {
    auto it = index.find(id);
    return it == index.end() ? nullptr : &all[it->second];
  };
  {
    Stmt q(impl, "SELECT secondment_id, from_date, coalesce(date(returned_on, '-1 day'), to_date) FROM leaves "
                 "WHERE status = 'approved' AND (?1 IS NULL OR secondment_id = ?1)");
    q.bind(only);
    while (q.step())
      if (auto* f = find(q.col(0).getInt64()))
        f->leaves.push_back({parse_date(q.col(1).getString(), "from_date"), parse_date(q.col(2).getString(), "to_date")});
  }
  {
    Stmt q(impl, "SELECT secondment_id, month, filed_on FROM monthly_reports WHERE ?1 IS NULL OR secondment_id = ?1");
    q.bind(only);
    while (q.step())
      if (auto* f = find(q.col(0).getInt64()))
        f->reports.emplace_back(parse_month(q.col(1).getString(), "month"), parse_date(q.col(2).getString(), "filed_on"));
  }
  {
    Stmt q(impl, "SELECT secondment_id, id, period, rater, conduct, competence, diligence, performance, integrity, "
                 "grade FROM evaluations WHERE ?1 IS NULL OR secondment_id = ?1 ORDER BY id");
    q.bind(only);
    while (q.step())
      if (auto* f = find(q.col(0).getInt64())) {
        Evaluation e;
        e.id = q.col(1).getInt64();
        e.period = q.col(2).getString();
        e.rater = q.col(3).getString();
        for (int i = 0; i < 5; ++i) e.scores[size_t(i)] = q.col(4 + i).getDouble();
        if (!q.col(9).isNull()) e.grade = q.col(9).getString();
        f->evaluations.push_back(std::move(e));
      }
  }
}

RaterWeights weights(Database::Impl& impl) {
  return {setting_number(impl, "weight_host"), setting_number(impl, "weight_home"), setting_number(impl, "weight_org")};
}

Day as_of_day(Database::Impl& impl, std::optional<Date> as_of) { return as_of ? Day(*as_of) : today(timezone(impl)); }

Node opt_rate(std::optional<double> v) { return Node::opt_number(v, Hint::rate); }

std::string percent(double v) { return fmt::format("{:.1f}%", v * 100); }

// Fills presence counters with the days of check-ins and the monthly reports.
void feed_reports(Presence& pr, const Facts& f) {
  for (auto& [month, filed] : f.reports) pr.add_report(month, filed);
}

// The period's fields; the end-of-term summary also names the units (a clerk reads names, not codes).
void secondment_fields(Node& s, const Facts& f, Day as_of, bool unit_names) {
  s.set("id", Node::integer(f.p.id, Hint::id));
  s.set("staff_no", Node::string(f.staff_no, Hint::id));
  s.set("name", Node::string(f.name));
  s.set("host", Node::string(f.host));
  if (unit_names) s.set("host_name", Node::string(f.host_name));
  s.set("home", Node::string(f.home));
  if (unit_names) s.set("home_name", Node::string(f.home_name));
  s.set("post", Node::string(f.post));
  s.set("start", Node::date(format_date(f.p.start)));
  s.set("end", Node::date(format_date(f.p.end())));
  s.set("status", Node::code(status_as_of(f.p, as_of)));
}

void add_alerts(Node& alerts, const Facts& f, const Presence& pr, double min_presence, bool with_id) {
  auto push = [&](const char* code, std::string message) {
    auto& a = alerts.push(Node::object());
    if (with_id) {
      a.set("id", Node::integer(f.p.id, Hint::id));
      a.set("staff_no", Node::string(f.staff_no, Hint::id));
    }
    a.set("code", Node::code(code));
    a.set("message", Node::string(std::move(message)));
  };
  if (auto r = pr.rate(); r && *r < min_presence)
    push("presence_below_minimum",
         msg("{}: presence {} is below the minimum {} (setting min_presence, local policy)", f.name, percent(*r),
             percent(min_presence)));
  for (const auto& m : pr.months())
    if (m.report_missing)
      push("monthly_report_missing", msg("{}: no monthly work report for {} (due by {})", f.name,
                                         format_month(m.first), format_date(report_due(m.first))));
}

}  // namespace

Node person_secondments(Database::Impl& impl, std::int64_t person_id, const std::string& as_of) {
  // `report person`'s --as-of, still text until the people area takes typed input.
  Day day = as_of_day(impl, cadre::parse_optional_date(as_of, "as-of"));
  std::vector<Facts> all;
  std::unordered_map<std::int64_t, size_t> index;
  Stmt q(impl, FACTS_SELECT "WHERE s.person_id = ? ORDER BY s.start_date");
  q.bind(person_id);
  while (q.step()) {
    all.push_back(facts_row(q));
    index[all.back().p.id] = all.size() - 1;
  }
  Node out = Node::array();
  if (all.empty()) return out;
  load_details(impl, all, index, all.size() == 1 ? std::optional(all[0].p.id) : std::nullopt);
  auto w = weights(impl);
  for (const auto& f : all) {
    auto& row = out.push(Node::object());
    row.set("id", Node::integer(f.p.id, Hint::id));
    row.set("host", Node::string(f.host));
    row.set("post", Node::string(f.post));
    row.set("start", Node::date(format_date(f.p.start)));
    row.set("end", Node::date(format_date(f.p.end())));
    row.set("status", Node::code(status_as_of(f.p, day)));
    auto o = overall_of(f.evaluations, w);
    row.set("overall_grade", o.grade ? Node::code(*o.grade) : Node::null());
  }
  return out;
}

}  // namespace detail

Report report_secondment(Database& db, Id id, std::optional<Date> as_of) {
  return detail::read(db, [&](Database::Impl& impl) {
    using namespace detail;
    check_id(id, field("ID"));
    Day day = as_of_day(impl, as_of);
    Stmt q(impl, FACTS_SELECT "WHERE s.id = ?");
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
    auto& months = r.data.set("months", Node::array());
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
    auto& rep = r.data.set("reports", Node::object());
    rep.set("months", Node::integer(std::int64_t(pr.months().size())));
    rep.set("filed", Node::integer(filed));
    rep.set("missing", Node::integer(missing));
    rep.set("not_yet_due", Node::integer(pending));

    auto& leaves = r.data.set("leaves", Node::array());
    {
      Stmt l(impl, "SELECT id, from_date, to_date, kind, status, level, approver, returned_on, "
                   "coalesce(date(returned_on, '-1 day'), to_date) FROM leaves WHERE secondment_id = ? ORDER BY from_date, id");
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
        Day a = detail::parse_date(l.col(1).getString(), "from"), b = detail::parse_date(l.col(8).getString(), "to");
        row.set("days", Node::integer(std::max<std::int64_t>(0, (b - a).count() + 1)));
      }
    }

    auto w = weights(impl);
    auto o = overall_of(f.evaluations, w);
    auto& evs = r.data.set("evaluations", Node::array());
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
    auto& overall = r.data.set("overall", Node::object());
    overall.set("score", Node::opt_number(o.score, Hint::score));
    overall.set("grade", o.grade ? Node::code(*o.grade) : Node::null());
    auto& dims = r.data.set("dimensions", Node::array());
    if (o.score)
      for (size_t i = 0; i < 5; ++i) {
        auto& row = dims.push(Node::object());
        row.set("dimension", Node::code(kDimensions[i]));
        row.set("score", Node::number(o.dimensions[i], Hint::score));
      }
    auto& alerts = r.data.set("alerts", Node::array());
    add_alerts(alerts, f, pr, min_presence, false);

    r.charts.push_back(Chart{"presence_per_month", "months", "month", {"present_days", "working_days"},
                             std::nullopt, "", 0});
    r.charts.push_back(Chart{"evaluation_by_dimension", "dimensions", "dimension", {"score"}, std::nullopt, "", 100});
    return r;
  });
}

Report report_secondments(Database& db, const std::optional<std::string>& batch_in,
                          const std::optional<std::string>& host_in, std::optional<Date> as_of) {
  return detail::read(db, [&](Database::Impl& impl) {
    using namespace detail;
    Day day = as_of_day(impl, as_of);
    std::optional<std::string> batch;
    if (batch_in && !trim(*batch_in).empty()) batch = trim(*batch_in);
    std::optional<std::int64_t> host;
    if (host_in && !trim(*host_in).empty()) host = unit_id(impl, trim(*host_in), field("host"));

    std::vector<Facts> all;
    std::unordered_map<std::int64_t, size_t> index;
    Stmt q(impl, FACTS_SELECT "WHERE (?1 IS NULL OR s.batch = ?1) AND (?2 IS NULL OR s.host_unit_id = ?2) "
                                   "ORDER BY s.id");
    q.bind(batch, host);
    while (q.step()) {
      all.push_back(facts_row(q));
      index.emplace(all.back().p.id, all.size() - 1);
    }
    load_details(impl, all, index, std::nullopt);
    auto cal = load_calendar(impl);
    std::vector<Presence> presence;
    presence.reserve(all.size());
    for (const auto& f : all) presence.emplace_back(cal, f.p.start, f.p.end(), day, f.leaves);

    // One scan of the covering index (secondment_id, local_day): distinct days, in id order. The
    // loop runs once per (secondment, day) pair, millions of times: it reads columns through the
    // C API directly, on the same connection and inside the same read transaction.
    {
      sqlite3_stmt* raw = nullptr;
      if (sqlite3_prepare_v2(impl.db.getHandle(),
                             "SELECT secondment_id, local_day FROM checkins WHERE local_day <= ? "
                             "GROUP BY secondment_id, local_day",
                             -1, &raw, nullptr) != SQLITE_OK)
        fail(Errc::storage, "", "storage error: {}", sqlite3_errmsg(impl.db.getHandle()));
      std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> owner(raw, sqlite3_finalize);
      sqlite3_bind_int64(raw, 1, day_number(day));
      std::int64_t current = -1;
      Presence* pr = nullptr;
      int rc;
      while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
        std::int64_t sid = sqlite3_column_int64(raw, 0);
        if (sid != current) {
          current = sid;
          auto it = index.find(sid);
          pr = it == index.end() ? nullptr : &presence[it->second];
        }
        if (pr) pr->add_checkin_day(day_from_number(sqlite3_column_int64(raw, 1)));
      }
      if (rc != SQLITE_DONE) fail(Errc::storage, "", "storage error: {}", sqlite3_errmsg(impl.db.getHandle()));
    }
    double min_presence = setting_number(impl, "min_presence");
    double quota = setting_number(impl, "excellent_quota");
    auto w = weights(impl);

    Report r;
    r.kind = "secondments_report";
    r.title = batch ? msg("Secondments of batch {} as of {}", *batch, format_date(day))
                    : msg("Secondments as of {}", format_date(day));
    r.data.set("as_of", Node::date(format_date(day)));
    r.data.set("batch", Node::opt_string(batch));
    r.data.set("host", host_in && host ? Node::string(trim(*host_in)) : Node::null());
    auto& rows = r.data.set("rows", Node::array());
    Node alerts = Node::array();
    std::int64_t graded = 0, excellent = 0;
    for (size_t i = 0; i < all.size(); ++i) {
      const Facts& f = all[i];
      Presence& pr = presence[i];
      feed_reports(pr, f);
      auto& row = rows.push(Node::object());
      secondment_fields(row, f, day, false);
      row.set("batch", Node::opt_string(f.batch));
      row.set("working_days", Node::integer(pr.working_days()));
      row.set("leave_days", Node::integer(pr.leave_days()));
      row.set("present_days", Node::integer(pr.present_days()));
      row.set("presence_rate", opt_rate(pr.rate()));
      std::int64_t missing = 0;
      for (const auto& m : pr.months()) missing += m.report_missing;
      row.set("reports_missing", Node::integer(missing));
      auto o = overall_of(f.evaluations, w);
      row.set("overall_score", Node::opt_number(o.score, Hint::score));
      row.set("overall_grade", o.grade ? Node::code(*o.grade) : Node::null());
      if (o.grade) {
        ++graded;
        excellent += *o.grade == "excellent";
      }
      add_alerts(alerts, f, pr, min_presence, true);
    }
    std::optional<double> share;
    if (graded > 0) share = double(excellent) / double(graded);
    r.data.set("graded", Node::integer(graded));
    r.data.set("excellent", Node::integer(excellent));
    r.data.set("excellent_share", opt_rate(share));
    r.data.set("excellent_quota", Node::number(quota, Hint::rate));
    if (share && *share > quota + 1e-9) {
      auto& a = alerts.push(Node::object());
      a.set("id", Node::null());
      a.set("staff_no", Node::null());
      a.set("code", Node::code("excellent_over_quota"));
      a.set("message", Node::string(msg("{} of {} graded secondees are excellent ({}), above the quota {} "
                                        "(setting excellent_quota)",
                                        excellent, graded, percent(*share), percent(quota))));
    }
    r.data.set("alerts", std::move(alerts));
    r.charts.push_back(Chart{"presence_rate", "rows", "name", {"presence_rate"}, min_presence, "min_presence", 1});
    return r;
  });
}

}  // namespace cadre
