// The facts of the secondment reports and the model pieces they share; the secondments of `report
// person` (a short list from the same facts).
#include "secondment/report_facts.hpp"

#include "calendar/calendar_internal.hpp"
#include "secondment/person_secondments.hpp"
#include "secondment/tasks.hpp"
#include "store/settings_internal.hpp"
#include "util/dates.hpp"
#include "util/text.hpp"

namespace cadre::detail {

Day leave_last_day(const std::string& to_date, const std::optional<std::string>& returned_on) {
  return returned_on ? parse_date(*returned_on, "returned_on") - date::days{1} : parse_date(to_date, "to_date");
}

Facts facts_row(Stmt& q) {
  Facts f;
  static_cast<SecondmentRow&>(f) = secondment_row(q);
  return f;
}

void load_details(Database::Impl& impl, std::vector<Facts>& all, const std::unordered_map<std::int64_t, size_t>& index,
                  std::optional<std::int64_t> only) {
  auto find = [&](std::int64_t id) -> Facts* {
    auto it = index.find(id);
    return it == index.end() ? nullptr : &all[it->second];
  };
  {
    Stmt q(impl,
           "SELECT secondment_id, from_date, to_date, returned_on FROM leaves "
           "WHERE status = 'approved' AND (secondment_id = ?1 OR ?1 IS NULL)");
    q.bind(only);
    while (q.step())
      if (auto* f = find(q.col(0).getInt64()))
        f->leaves.push_back(
            {parse_date(q.col(1).getString(), "from_date"), leave_last_day(q.col(2).getString(), q.text_or_null(3))});
  }
  {
    Stmt q(impl, "SELECT secondment_id, month, filed_on FROM monthly_reports WHERE secondment_id = ?1 OR ?1 IS NULL");
    q.bind(only);
    while (q.step())
      if (auto* f = find(q.col(0).getInt64()))
        f->reports.emplace_back(parse_month(q.col(1).getString(), "month"),
                                parse_date(q.col(2).getString(), "filed_on"));
  }
  {
    Stmt q(impl,
           "SELECT secondment_id, id, period, rater, conduct, competence, diligence, performance, integrity, "
           "grade FROM evaluations WHERE secondment_id = ?1 OR ?1 IS NULL ORDER BY id");
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

void feed_reports(Presence& pr, const Facts& f) {
  for (auto& [month, filed] : f.reports) pr.add_report(month, filed);
}

SecondmentPeriod period_of(const SecondmentRow& f, Day as_of) {
  SecondmentPeriod p;
  p.id = f.p.id;
  p.staff_no = f.staff_no;
  p.name = f.name;
  p.host = f.host_unit;
  p.host_name = f.host_name;
  p.home = f.home_unit;
  p.home_name = f.home_name;
  p.post = f.post;
  p.start = f.p.start;
  p.end = f.p.end();
  p.status = status_as_of(f.p, as_of);
  p.direction = f.direction.value_or("down");
  p.batch = f.batch;
  p.record = f;
  p.actual_end = f.actual_end;
  return p;
}

void secondment_fields(Node& s, const SecondmentPeriod& p, Day as_of, bool unit_names) {
  // The table's keys read a stored row: the typed result gives one back (its record holds every
  // stored field, so a field added to the table reaches this report with no code here).
  SecondmentRow row;
  static_cast<SecondmentInput&>(row) = p.record;
  row.id = p.id;
  row.name = p.name;
  row.home_name = p.home_name;
  row.host_name = p.host_name;
  row.actual_end = p.actual_end;
  row.p = Period{p.id, 0, p.start, p.record.end, p.actual_end};
  put_fields(s, row, unit_names ? Surface::report : Surface::reports, as_of);
}

void secondment_fields(Node& s, const Facts& f, Day as_of, bool unit_names) {
  put_fields(s, f, unit_names ? Surface::report : Surface::reports, as_of);
}

std::vector<SecondmentFlag> flags_of(const Presence& pr, double min_presence) {
  std::vector<SecondmentFlag> flags;
  if (auto r = pr.rate(); r && *r < min_presence) {
    SecondmentFlag& f = flags.emplace_back();
    f.code = "presence_below_minimum";
    f.rule = "setting min_presence";
    f.presence_rate = *r;
    f.min_presence = min_presence;
  }
  for (const auto& m : pr.months())
    if (m.report_missing) {
      SecondmentFlag& f = flags.emplace_back();
      f.code = "monthly_report_missing";
      f.rule = "monthly report due the 5th of the next month";
      date::year_month_day ymd(m.first);
      f.month = Month(std::chrono::year(int(ymd.year())), std::chrono::month(unsigned(ymd.month())));
      f.due = report_due(m.first);
    }
  return flags;
}

void add_alerts(Node& alerts, const std::vector<SecondmentFlag>& flags, const SecondmentPeriod& who, bool with_id) {
  for (const auto& flag : flags) {
    auto& a = alerts.push(Node::object());
    if (with_id) {
      a.set("id", Node::integer(who.id, Hint::id));
      a.set("staff_no", Node::string(who.staff_no, Hint::id));
    }
    a.set("code", Node::code(flag.code));
    if (flag.code == "presence_below_minimum")
      a.set("message",
            Node::text(detail::message("{}: presence {} is below the minimum {} (setting min_presence, local policy)",
                                       who.name, percent(*flag.presence_rate), percent(*flag.min_presence))));
    else if (auto m = workflow_message(flag, who.name))
      a.set("message", Node::string(std::move(*m)));
    else
      a.set("message", Node::text(detail::message("{}: no monthly work report for {} (due by {})", who.name,
                                                  format_month(Date(*flag.month / 1)), format_date(*flag.due))));
  }
}

void add_alerts(Node& alerts, const Facts& f, const Presence& pr, double min_presence, bool with_id) {
  auto flags = flags_of(pr, min_presence);
  if (flags.empty()) return;  // most periods of a list: no copy of the period's fields
  SecondmentPeriod who;
  who.id = f.p.id;
  who.staff_no = f.staff_no;
  who.name = f.name;
  add_alerts(alerts, flags, who, with_id);
}

Node person_secondments(Database::Impl& impl, std::int64_t person_id, Date as_of) {
  Day day = as_of;
  std::vector<Facts> all;
  std::unordered_map<std::int64_t, size_t> index;
  Stmt q(impl, SECONDMENT_ROW_SELECT "WHERE s.person_id = ? ORDER BY s.start_date");
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
    row.set("host", Node::string(f.host_unit));
    row.set("post", Node::string(f.post));
    row.set("start", Node::date(format_date(f.p.start)));
    row.set("end", Node::date(format_date(f.p.end())));
    row.set("status", Node::code(status_as_of(f.p, day)));
    auto o = overall_of(f.evaluations, w);
    row.set("overall_grade", o.grade ? Node::code(*o.grade) : Node::null());
  }
  return out;
}

}  // namespace cadre::detail
