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

std::array<std::string, 3> scoped_sql(std::string_view sql) {
  auto make = [&](std::string_view ids, std::string_view next) {
    std::string out(sql);
    for (auto [marker, with] : {std::pair{std::string_view("$S"), ids}, std::pair{std::string_view("$N"), next}})
      for (auto at = out.find(marker); at != std::string::npos; at = out.find(marker, at + with.size()))
        out.replace(at, marker.size(), with);
    return out;
  };
  return {make("(?1)", "2"),
          make("(SELECT id FROM secondments WHERE (batch = ?1 OR ?1 IS NULL) AND "
               "(host_unit_id = ?2 OR ?2 IS NULL))",
               "3"),
          make("(SELECT id FROM secondments WHERE (batch = ?1 OR ?1 IS NULL) AND "
               "(host_unit_id = ?2 OR ?2 IS NULL) AND id BETWEEN ?3 AND ?4)",
               "5")};
}

Facts facts_row(Stmt& q) {
  Facts f;
  static_cast<SecondmentRow&>(f) = secondment_row(q);
  return f;
}

void load_details(Database::Impl& impl, std::vector<Facts>& all, const std::unordered_map<std::int64_t, size_t>& index,
                  const Scope& scope) {
  auto find = [&](std::int64_t id) -> Facts* {
    auto it = index.find(id);
    return it == index.end() ? nullptr : &all[it->second];
  };
  {
    static const auto sql = scoped_sql(
        "SELECT secondment_id, from_date, to_date, returned_on FROM leaves "
        "WHERE status = 'approved' AND secondment_id IN $S");
    Stmt q(impl, scoped(sql, scope));
    bind_scoped(q, scope);
    while (q.step())
      if (auto* f = find(q.col(0).getInt64()))
        f->leaves.push_back(
            {parse_date(q.col(1).getString(), "from_date"), leave_last_day(q.col(2).getString(), q.text_or_null(3))});
  }
  {
    static const auto sql =
        scoped_sql("SELECT secondment_id, month, filed_on FROM monthly_reports WHERE secondment_id IN $S");
    Stmt q(impl, scoped(sql, scope));
    bind_scoped(q, scope);
    while (q.step())
      if (auto* f = find(q.col(0).getInt64()))
        f->reports.emplace_back(parse_month(q.col(1).getString(), "month"),
                                parse_date(q.col(2).getString(), "filed_on"));
  }
  {
    static const auto sql = scoped_sql(
        "SELECT secondment_id, id, period, rater, conduct, competence, diligence, performance, integrity, "
        "grade FROM evaluations WHERE secondment_id IN $S ORDER BY id");
    Stmt q(impl, scoped(sql, scope));
    bind_scoped(q, scope);
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

PresenceRules presence_rules(Database::Impl& impl) {
  PresenceRules r;
  r.max_makeup_per_month = std::int64_t(setting_number(impl, "max_makeup_per_month"));
  r.village_min_days_month = std::int64_t(setting_number(impl, "village_min_days_month"));
  r.village_min_days_year = std::int64_t(setting_number(impl, "village_min_days_year"));
  r.caps = parse_spotcheck_caps(setting(impl, "spotcheck_caps"), "spotcheck_caps");
  return r;
}

void load_presence_details(Database::Impl& impl, std::vector<Facts>& all,
                           const std::unordered_map<std::int64_t, size_t>& index, const Scope& scope, Day as_of) {
  auto find = [&](std::int64_t id) -> Facts* {
    auto it = index.find(id);
    return it == index.end() ? nullptr : &all[it->second];
  };
  {
    static const auto sql = scoped_sql(
        "SELECT secondment_id, id, from_date, to_date, purpose, place FROM trips "
        "WHERE secondment_id IN $S ORDER BY from_date, id");
    Stmt q(impl, scoped(sql, scope));
    bind_scoped(q, scope);
    while (q.step())
      if (auto* f = find(q.col(0).getInt64())) {
        SecondmentTrip& t = f->trips.emplace_back();
        t.id = q.col(1).getInt64();
        t.from = parse_date(q.col(2).getString(), "from_date");
        t.to = parse_date(q.col(3).getString(), "to_date");
        t.purpose = q.col(4).getString();
        t.place = q.text_or_null(5);
      }
  }
  {
    static const auto sql = scoped_sql(
        "SELECT secondment_id, id, on_date, result, checker, note FROM spot_checks "
        "WHERE secondment_id IN $S ORDER BY on_date, id");
    Stmt q(impl, scoped(sql, scope));
    bind_scoped(q, scope);
    while (q.step())
      if (auto* f = find(q.col(0).getInt64())) {
        SecondmentSpotCheck& c = f->spot_checks.emplace_back();
        c.id = q.col(1).getInt64();
        c.on = parse_date(q.col(2).getString(), "on_date");
        c.result = q.col(3).getString();
        c.by = q.text_or_null(4);
        c.note = q.text_or_null(5);
      }
  }
  {
    // Make-ups are few: each day with one, and how many check-ins that day has in all. The unary
    // + keeps the make-ups the outer loop (each check-in found by its id): without it SQLite
    // scanned every check-in and looked each up among the make-ups, a third more time on the
    // report secondments benchmark.
    static const auto sql = scoped_sql(
        "SELECT c.secondment_id, c.local_day, count(*), (SELECT count(*) FROM checkins a "
        "WHERE a.secondment_id = c.secondment_id AND a.local_day = c.local_day) "
        "FROM checkin_makeups m JOIN checkins c ON c.id = +m.checkin_id "
        "WHERE c.secondment_id IN $S AND c.local_day <= ?$N GROUP BY c.secondment_id, c.local_day");
    Stmt q(impl, scoped(sql, scope));
    bind_scoped(q, scope, day_number(as_of));
    while (q.step())
      if (auto* f = find(q.col(0).getInt64()))
        f->makeups.push_back(
            {day_from_number(q.col(1).getInt64()), q.col(2).getInt64(), q.col(2).getInt64() == q.col(3).getInt64()});
  }
}

void feed_presence_details(Presence& pr, const Facts& f) {
  for (const auto& m : f.makeups) pr.add_makeup_day(m.day, m.punches, m.only);
  for (const auto& t : f.trips) pr.add_trip(t.from, t.to);
}

std::int64_t spot_check_absences(const Facts& f, Day as_of) {
  std::int64_t n = 0;
  for (const auto& c : f.spot_checks) n += c.result == "absent" && Day(c.on) <= as_of;
  return n;
}

std::optional<SecondmentFlag> cap_by_spot_checks(std::optional<std::string>& grade, std::int64_t absences,
                                                 const PresenceRules& rules) {
  auto capped = capped_grade(grade, absences, rules.caps);
  if (!capped) return std::nullopt;
  SecondmentFlag f;
  f.code = "grade_capped_by_spot_checks";
  f.rule = "setting spotcheck_caps";
  f.count = absences;
  f.grade = grade;
  f.capped_grade = capped;
  grade = capped;
  return f;
}

Month month_of(Day first) {
  date::year_month_day ymd(first);
  return Month(std::chrono::year(int(ymd.year())), std::chrono::month(unsigned(ymd.month())));
}

std::vector<SecondmentFlag> presence_flags(const Facts& f, const Presence& pr, const PresenceRules& rules, Day as_of) {
  std::vector<SecondmentFlag> flags;
  for (const auto& m : pr.months())
    if (m.makeups > rules.max_makeup_per_month) {
      SecondmentFlag& x = flags.emplace_back();
      x.code = "makeup_over_limit";
      x.rule = "setting max_makeup_per_month";
      x.month = month_of(m.first);
      x.count = m.makeups;
      x.limit = rules.max_makeup_per_month;
    }
  if (f.type != "village") return flags;
  for (const auto& m : pr.months())
    if (m.complete && m.in_post < rules.village_min_days_month) {
      SecondmentFlag& x = flags.emplace_back();
      x.code = "village_month_below_minimum";
      x.rule = "setting village_min_days_month";
      x.month = month_of(m.first);
      x.count = m.in_post;
      x.limit = rules.village_min_days_month;
    }
  for (const auto& y : village_years(pr, f.p.start, f.p.end(), as_of, rules.village_min_days_year))
    if (y.complete && y.in_post < y.required) {
      SecondmentFlag& x = flags.emplace_back();
      x.code = "village_year_below_minimum";
      x.rule = "setting village_min_days_year";
      x.year = y.year;
      x.count = y.in_post;
      x.limit = y.required;
    }
  return flags;
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
      f.month = month_of(m.first);
      f.due = report_due(m.first);
    }
  return flags;
}

namespace {
// The message of a presence-side workflow flag; nothing for another code.
std::optional<std::string> presence_flag_message(const SecondmentFlag& flag, const std::string& name) {
  auto month = [&] { return format_month(Date(*flag.month / 1)); };
  if (flag.code == "makeup_over_limit")
    return msg("{}: {} make-up punches in {}, more than {} (setting max_makeup_per_month, local policy)", name,
               *flag.count, month(), *flag.limit);
  if (flag.code == "grade_capped_by_spot_checks")
    return msg(
        "{}: {} absences found by spot checks cap the overall grade at {} instead of {} (setting "
        "spotcheck_caps, local policy)",
        name, *flag.count, word("grade", *flag.capped_grade), word("grade", *flag.grade));
  if (flag.code == "village_month_below_minimum")
    return msg("{}: {} days in post in {}, fewer than {} (setting village_min_days_month, local policy)", name,
               *flag.count, month(), *flag.limit);
  if (flag.code == "village_year_below_minimum")
    return msg("{}: {} days in post in {}, fewer than {} (setting village_min_days_year pro rata, local policy)", name,
               *flag.count, *flag.year, *flag.limit);
  return std::nullopt;
}
}  // namespace

void add_alerts(Node& alerts, const std::vector<SecondmentFlag>& flags, const SecondmentPeriod& who, bool with_id) {
  for (const auto& flag : flags) {
    Node a = Node::object();
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
    else if (auto text = presence_flag_message(flag, who.name))
      a.set("message", Node::string(std::move(*text)));
    else
      a.set("message", Node::text(detail::message("{}: no monthly work report for {} (due by {})", who.name,
                                                  format_month(Date(*flag.month / 1)), format_date(*flag.due))));
    alerts.add(std::move(a));  // alerts may be spooled (report secondments)
  }
}

void add_alerts(Node& alerts, const Facts& f, const Presence& pr, double min_presence, bool with_id) {
  add_alerts(alerts, f, flags_of(pr, min_presence), with_id);
}

void add_alerts(Node& alerts, const Facts& f, const std::vector<SecondmentFlag>& flags, bool with_id) {
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
  Scope scope;
  if (all.size() == 1) scope.id = all[0].p.id;
  load_details(impl, all, index, scope);
  load_presence_details(impl, all, index, scope, day);
  auto w = weights(impl);
  auto rules = presence_rules(impl);
  for (const auto& f : all) {
    auto& row = out.push(Node::object());
    row.set("id", Node::integer(f.p.id, Hint::id));
    row.set("host", Node::string(f.host_unit));
    row.set("post", Node::string(f.post));
    row.set("start", Node::date(format_date(f.p.start)));
    row.set("end", Node::date(format_date(f.p.end())));
    row.set("status", Node::code(status_as_of(f.p, day)));
    auto o = overall_of(f.evaluations, w);
    cap_by_spot_checks(o.grade, spot_check_absences(f, day), rules);  // as the secondment reports show it
    row.set("overall_grade", o.grade ? Node::code(*o.grade) : Node::null());
  }
  return out;
}

}  // namespace cadre::detail
