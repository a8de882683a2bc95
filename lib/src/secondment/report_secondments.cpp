// `report secondments`: one row per period of a batch or host. Presence is aggregated from one indexed
// scan of distinct (secondment, local day) pairs; leave, monthly reports and evaluations are read
// once per chunk of secondments; rows and alerts are spooled, so memory holds one chunk, never all
// the secondments or their check-ins.
#include <algorithm>
#include <memory>
#include <unordered_map>

#include "cadre/secondment.hpp"
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

// One scan of the covering index (secondment_id, local_day), only over the selected secondments'
// ids: distinct days, in id order. The loop
// runs once per (secondment, day) pair, millions of times: on SQLite Stmt::col reads the C API
// directly (no virtual call, no SQLiteCpp column object), on the same connection and read transaction.
void add_checkin_days(Database::Impl& impl, const Scope& scope, Day day,
                      const std::unordered_map<std::int64_t, size_t>& index, std::vector<Presence>& presence) {
  static const auto sql = scoped_sql(
      "SELECT secondment_id, local_day FROM checkins WHERE secondment_id IN $S AND local_day <= ?$N "
      "GROUP BY secondment_id, local_day ORDER BY secondment_id, local_day");
  // A chunk of the whole report (no batch, no host) is every secondment from its first id to its
  // last: one range scan of the index, already in GROUP BY order. PostgreSQL otherwise joins the
  // sub-select's ids one index descent at a time and sorts again (about twice the time).
  static const std::string range =
      "SELECT secondment_id, local_day FROM checkins WHERE secondment_id BETWEEN ?1 AND ?2 AND local_day <= ?3 "
      "GROUP BY secondment_id, local_day ORDER BY secondment_id, local_day";
  bool whole = scope.ids && !scope.batch && !scope.host;
  Stmt q(impl, whole ? range : scoped(sql, scope));
  if (whole)
    q.bind(scope.ids->first, scope.ids->second, day_number(day));
  else
    bind_scoped(q, scope, day_number(day));
  std::int64_t current = -1;
  Presence* pr = nullptr;
  while (q.step()) {
    std::int64_t sid = q.col(0).getInt64();
    if (sid != current) {
      current = sid;
      auto it = index.find(sid);
      pr = it == index.end() ? nullptr : &presence[it->second];
    }
    if (pr) pr->add_checkin_day(day_from_number(q.col(1).getInt64()));
  }
}

// Secondments per chunk of `report secondments`: a chunk's facts and presence are in memory at once.
constexpr size_t kChunk = 512;

// One secondment's row of the batch report.
void batch_row(Node& row, const Facts& f, const Presence& pr, const Overall& o, Day day) {
  secondment_fields(row, f, day, false);
  row.set("working_days", Node::integer(pr.working_days()));
  row.set("leave_days", Node::integer(pr.leave_days()));
  row.set("present_days", Node::integer(pr.present_days()));
  row.set("presence_rate", opt_rate(pr.rate()));
  std::int64_t missing = 0;
  for (const auto& m : pr.months()) missing += m.report_missing;
  row.set("reports_missing", Node::integer(missing));
  row.set("overall_score", Node::opt_number(o.score, Hint::score));
  row.set("overall_grade", o.grade ? Node::code(*o.grade) : Node::null());
}

// A row's task counts, and the task and term alerts of its period.
void task_columns(Node& row, const std::vector<TaskRow>& tasks, Day day) {
  std::int64_t open = 0, overdue = 0;
  for (const auto& t : tasks) {
    auto status = task_status(t, day);
    open += status == "open";
    overdue += status == "overdue";
  }
  row.set("tasks_open", Node::integer(open));
  row.set("tasks_overdue", Node::integer(overdue));
}
void workflow_alerts(Node& alerts, const Facts& f, const std::vector<TaskRow>& tasks, Day day) {
  auto flags = task_flags(tasks, day);
  if (auto term = term_flag(f.p)) flags.push_back(std::move(*term));
  if (flags.empty()) return;
  SecondmentPeriod who;
  who.id = f.p.id;
  who.staff_no = f.staff_no;
  who.name = f.name;
  add_alerts(alerts, flags, who, true);
}

// The row's figures of trips, make-ups, village days and spot checks (after batch_row's).
void presence_workflow_row(Node& row, const Presence& pr, std::int64_t absences) {
  row.set("trip_days", Node::integer(pr.trip_days()));
  row.set("makeup_days", Node::integer(pr.makeup_days()));
  row.set("days_in_post", Node::integer(pr.days_in_post()));
  row.set("spot_check_absences", Node::integer(absences));
}

}  // namespace
}  // namespace detail

Report report_secondments(Database& db, const std::optional<std::string>& batch_in,
                          const std::optional<std::string>& host_in, std::optional<Date> as_of) {
  return detail::read(db, [&](Database::Impl& impl) {
    using namespace detail;
    Day day = as_of_day(impl, as_of);
    std::optional<std::string> batch;
    if (batch_in && !trim(*batch_in).empty()) batch = trim(*batch_in);
    std::optional<std::int64_t> host;
    if (host_in && !trim(*host_in).empty()) host = unit_id(impl, trim(*host_in), field("host"));

    // The ids of the report, in order: it is made a chunk of them at a time (their facts, presence
    // and rows), and its rows and alerts are spooled (Node::spooled), so memory holds one chunk
    // whatever the number of secondments.
    std::vector<std::int64_t> ids;
    {
      Stmt q(impl,
             "SELECT id FROM secondments WHERE (batch = ?1 OR ?1 IS NULL) AND (host_unit_id = ?2 OR ?2 IS NULL) "
             "ORDER BY id");
      q.bind(batch, host);
      while (q.step()) ids.push_back(q.col(0).getInt64());
    }
    auto cal = load_calendar(impl);
    double min_presence = setting_number(impl, "min_presence");
    auto rules = presence_rules(impl);
    double quota = setting_number(impl, "excellent_quota");
    auto w = weights(impl);
    std::unordered_map<std::int64_t, std::vector<TaskRow>> tasks;
    for (auto& t : load_tasks(impl, std::nullopt))
      if (std::binary_search(ids.begin(), ids.end(), t.secondment_id)) tasks[t.secondment_id].push_back(std::move(t));

    Report r;
    r.kind = "secondments_report";
    r.title = batch ? msg("Secondments of batch {} as of {}", *batch, format_date(day))
                    : msg("Secondments as of {}", format_date(day));
    r.data.set("as_of", Node::date(format_date(day)));
    r.data.set("batch", Node::opt_string(batch));
    r.data.set("host", host_in && host ? Node::string(trim(*host_in)) : Node::null());
    auto& rows = r.data.set("rows", Node::spooled());
    Node alerts = Node::spooled();
    std::int64_t graded = 0, excellent = 0;
    std::vector<std::string> hosts;
    for (size_t at = 0; at < ids.size(); at += kChunk) {
      Scope scope;
      scope.batch = batch;
      scope.host = host;
      scope.ids = {ids[at], ids[std::min(at + kChunk, ids.size()) - 1]};
      std::vector<Facts> all;
      std::unordered_map<std::int64_t, size_t> index;
      Stmt q(impl, SECONDMENT_ROW_SELECT
             "WHERE (s.batch = ?1 OR ?1 IS NULL) AND (s.host_unit_id = ?2 OR ?2 IS NULL) AND s.id BETWEEN ?3 AND ?4 "
             "ORDER BY s.id");
      bind_scoped(q, scope);
      while (q.step()) {
        all.push_back(facts_row(q));
        index.emplace(all.back().p.id, all.size() - 1);
      }
      load_details(impl, all, index, scope);
      load_presence_details(impl, all, index, scope, day);
      std::vector<Presence> presence;
      presence.reserve(all.size());
      for (const auto& f : all) presence.emplace_back(cal, f.p.start, f.p.end(), day, f.leaves);
      add_checkin_days(impl, scope, day, index, presence);

      for (size_t i = 0; i < all.size(); ++i) {
        const Facts& f = all[i];
        Presence& pr = presence[i];
        feed_presence_details(pr, f);
        feed_reports(pr, f);
        auto o = overall_of(f.evaluations, w);
        std::int64_t absences = spot_check_absences(f, day);
        auto cap = cap_by_spot_checks(o.grade, absences, rules);
        Node row = Node::object();
        batch_row(row, f, pr, o, day);
        task_columns(row, tasks[f.p.id], day);
        presence_workflow_row(row, pr, absences);
        rows.add(std::move(row));
        if (o.grade) {
          ++graded;
          excellent += *o.grade == "excellent";
        }
        add_alerts(alerts, f, pr, min_presence, true);
        auto flags = presence_flags(f, pr, rules, day);
        if (cap) flags.push_back(*cap);
        add_alerts(alerts, f, flags, true);
        workflow_alerts(alerts, f, tasks[f.p.id], day);
        hosts.push_back(f.host_unit);
      }
    }
    std::optional<double> share;
    if (graded > 0) share = double(excellent) / double(graded);
    r.data.set("graded", Node::integer(graded));
    r.data.set("excellent", Node::integer(excellent));
    r.data.set("excellent_share", opt_rate(share));
    r.data.set("excellent_quota", Node::number(quota, Hint::rate));
    if (share && *share > quota + 1e-9) {
      Node a = Node::object();
      a.set("id", Node::null());
      a.set("staff_no", Node::null());
      a.set("code", Node::code("excellent_over_quota"));
      a.set("message", Node::text(detail::message("{} of {} graded secondees are excellent ({}), above the quota {} "
                                                  "(setting excellent_quota)",
                                                  excellent, graded, percent(*share), percent(quota))));
      alerts.add(std::move(a));
    }
    add_host_alerts(impl, alerts, hosts, day);
    r.data.set("alerts", std::move(alerts));
    r.charts.push_back(Chart{"presence_rate", "rows", "name", {"presence_rate"}, min_presence, "min_presence", 1});
    return r;
  });
}

}  // namespace cadre
