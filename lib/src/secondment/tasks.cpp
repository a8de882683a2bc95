// Tasks set by the host (task add / progress / done / list), their status and flags, and the term
// and host rules of the secondment reports (regulations.md, "Second wave": "不得少于1年，最长不超过3年";
// at most `max_secondees_per_host` secondees at one host, local policy).
#include "secondment/tasks.hpp"

#include <algorithm>
#include <map>

#include "audit/audit.hpp"
#include "i18n/catalogue.hpp"
#include "store/settings_internal.hpp"
#include "util/dates.hpp"
#include "util/enums.hpp"
#include "util/text.hpp"
#include "util/validate.hpp"

namespace cadre {

namespace detail {

namespace {

// The computed status of a task: no column holds it, so no CHECK constraint lists it.
constexpr std::string_view kStatusValues[] = {"open", "done", "overdue"};

// The labels and words of tasks and of the rules here (messages live in the main catalogue).
// clang-format off
constexpr CatalogueEntry kFragment[] = {
    {"done_late", "逾期完成"},
    {"done_on", "完成日期"},
    {"due", "完成期限"},
    {"host_over_limit", "接收单位挂职人数超过上限"},
    {"mentor", "导师"},
    {"objective", "任务目标"},
    {"outcome", "完成情况"},
    {"progress", "进展记录"},
    {"requirement", "工作要求"},
    {"set_on", "下达日期"},
    {"status.done", "已完成"},
    {"status.open", "进行中"},
    {"status.overdue", "逾期未完成"},
    {"task_overdue", "任务逾期"},
    {"tasks", "工作任务"},
    {"tasks.title", "任务名称"},
    {"tasks_open", "进行中任务"},
    {"tasks_overdue", "逾期任务"},
    {"term_outside_rule", "挂职期限不合规定"},
};
// clang-format on

[[maybe_unused]] const bool registered = register_enum(EnumSpec{"task_status", kStatusValues, "", "status"}) &&
                                         register_catalogue_fragment("tasks", kFragment);

// One literal with each statement's clause after it: the text is fixed at compile time, every value bound.
#define TASK_SELECT                                                                                         \
  "SELECT t.id, t.secondment_id, t.title, t.objective, t.requirement, t.mentor, t.set_on, t.due, t.done_on, " \
  "t.outcome, p.staff_no, p.name, (SELECT count(*) FROM task_progress g WHERE g.task_id = t.id) "          \
  "FROM tasks t JOIN secondments s ON s.id = t.secondment_id JOIN people p ON p.id = s.person_id "

struct ListedTask : TaskRow {
  std::string staff_no, name;
  std::int64_t progress = 0;
};

ListedTask task_row(Stmt& q) {
  ListedTask t;
  t.id = q.col(0).getInt64();
  t.secondment_id = q.col(1).getInt64();
  t.title = q.col(2).getString();
  t.objective = q.col(3).getString();
  t.requirement = q.text_or_null(4);
  t.mentor = q.text_or_null(5);
  t.set_on = parse_date(q.col(6).getString(), "set_on");
  t.due = parse_date(q.col(7).getString(), "due");
  if (auto d = q.text_or_null(8)) t.done_on = parse_date(*d, "done_on");
  t.outcome = q.text_or_null(9);
  t.staff_no = q.col(10).getString();
  t.name = q.col(11).getString();
  t.progress = q.col(12).getInt64();
  return t;
}

std::vector<ListedTask> query_tasks(Database::Impl& impl, std::optional<Id> secondment) {
  Stmt q(impl, TASK_SELECT
               "WHERE (t.secondment_id = ?1 OR ?1 IS NULL) ORDER BY t.secondment_id, t.due, t.id");
  q.bind(secondment);
  std::vector<ListedTask> out;
  while (q.step()) out.push_back(task_row(q));
  return out;
}

ListedTask load_task(Database::Impl& impl, Id id) {
  check_id(id, field("TASK_ID"));
  Stmt q(impl, TASK_SELECT "WHERE t.id = ?");
  q.bind(id);
  if (!q.step()) fail(Errc::not_found, field("TASK_ID"), "{}: unknown task {}", field("TASK_ID"), id);
  return task_row(q);
}

nlohmann::json task_json(const TaskRow& t) {
  return {{"id", t.id},
          {"secondment", t.secondment_id},
          {"title", t.title},
          {"objective", t.objective},
          {"requirement", opt_json(t.requirement)},
          {"mentor", opt_json(t.mentor)},
          {"set_on", format_date(t.set_on)},
          {"due", format_date(t.due)},
          {"done_on", t.done_on ? nlohmann::json(format_date(*t.done_on)) : nlohmann::json(nullptr)},
          {"outcome", opt_json(t.outcome)}};
}

// A day of the period, not before the task was set (progress notes, completion).
void check_task_day(const Period& p, const TaskRow& t, Day on) {
  if (on < p.start || on > p.end())
    fail(Errc::invalid, field("on"), "{} {} is outside the secondment {} to {}", field("on"), format_date(on),
         format_date(p.start), format_date(p.end()));
  if (on < t.set_on)
    fail(Errc::invalid, field("on"), "{} ({}) is before task {} was set ({})", field("on"), format_date(on), t.id,
         format_date(t.set_on));
}

// The day a secondment of `years` years from `start` ends: the day before the anniversary (a
// 29 February start has its anniversary on 1 March).
Day term_end(Day start, int years) {
  date::year_month_day ymd(start);
  return Day(ymd + date::years(years)) - date::days(1);
}

Node opt_date(const std::optional<Day>& d) { return d ? Node::date(format_date(*d)) : Node::null(); }

}  // namespace

std::string task_status(const TaskRow& t, Day as_of) {
  if (t.done_on && *t.done_on <= as_of) return "done";
  return as_of > t.due ? "overdue" : "open";
}

bool done_late(const TaskRow& t) { return t.done_on && *t.done_on > t.due; }

std::vector<TaskRow> load_tasks(Database::Impl& impl, std::optional<Id> secondment) {
  auto listed = query_tasks(impl, secondment);
  return std::vector<TaskRow>(listed.begin(), listed.end());
}

Id insert_task(Database::Impl& impl, const TaskInput& in) {
  Period p = load_period(impl, in.secondment_id, field("SECONDMENT_ID"));
  TaskRow t;
  t.secondment_id = in.secondment_id;
  t.title = require_text(in.title, field("title"));
  t.objective = require_text(in.objective, field("objective"), TextLayout::paragraph);
  t.requirement = optional_text(in.requirement, field("requirement"), TextLayout::paragraph);
  t.mentor = optional_text(in.mentor, field("mentor"));
  t.set_on = in.set_on ? Day(*in.set_on) : today(timezone(impl));
  t.due = in.due;
  // A task is set and due within the period: one due after the end could never be done in post.
  for (auto [day, name] : {std::pair{t.set_on, "on"}, std::pair{t.due, "due"}})
    if (day < p.start || day > p.end())
      fail(Errc::invalid, field(name), "{} {} is outside the secondment {} to {}", field(name), format_date(day),
           format_date(p.start), format_date(p.end()));
  if (t.due < t.set_on && !in.set_on)
    fail(Errc::invalid, field("due"), "{} ({}) is before today ({}); give {} for the day the host set the task",
         field("due"), format_date(t.due), format_date(t.set_on), field("on"));
  if (t.due < t.set_on)
    fail(Errc::invalid, field("due"), "{} ({}) is before {} ({})", field("due"), format_date(t.due), field("on"),
         format_date(t.set_on));
  Stmt q(impl,
         "INSERT INTO tasks(secondment_id, title, objective, requirement, mentor, set_on, due) "
         "VALUES (?,?,?,?,?,?,?) RETURNING id");
  q.bind(t.secondment_id, t.title, t.objective, t.requirement, t.mentor, format_date(t.set_on), format_date(t.due));
  if (!q.step()) throw std::logic_error("INSERT INTO tasks returned no id");
  t.id = q.col(0).getInt64();
  audit(impl, "add", "task", std::to_string(t.id), nullptr, task_json(t));
  return t.id;
}

void read_tasks(SecondmentSummary& out, const std::vector<TaskRow>& tasks) {
  for (const auto& t : tasks) {
    SecondmentTask& row = out.tasks.emplace_back();
    row.id = t.id;
    row.title = t.title;
    row.due = t.due;
    row.status = task_status(t, out.as_of);
    // As of the date: a completion recorded for a later day is not shown yet.
    if (row.status == "done") {
      row.done_on = Date(*t.done_on);
      row.done_late = done_late(t);
    }
    out.tasks_open += row.status == "open";
    out.tasks_overdue += row.status == "overdue";
  }
}

std::vector<SecondmentFlag> task_flags(const std::vector<TaskRow>& tasks, Day as_of) {
  std::vector<SecondmentFlag> flags;
  for (const auto& t : tasks)
    if (task_status(t, as_of) == "overdue") {
      SecondmentFlag& f = flags.emplace_back();
      f.code = "task_overdue";
      f.rule = "a task not done by its due date is overdue";
      f.task_id = t.id;
      f.task_title = t.title;
      f.due = Date(t.due);
    }
  return flags;
}

std::optional<SecondmentFlag> term_flag(const Period& p) {
  // The planned term with its extensions; an early end is a decision of its own, shown as such.
  // "Exactly 1 year" from 2026-03-01 ends on 2027-02-28: the day before the anniversary.
  if (p.planned_end >= term_end(p.start, 1) && p.planned_end <= term_end(p.start, 3)) return std::nullopt;
  SecondmentFlag f;
  f.code = "term_outside_rule";
  f.rule = "a secondment lasts at least 1 and at most 3 years";
  f.term_start = Date(p.start);
  f.term_end = Date(p.planned_end);
  return f;
}

std::optional<std::string> workflow_message(const SecondmentFlag& flag, const std::string& name) {
  if (flag.code == "task_overdue")
    return msg("{}: task {} ({}) was due on {} and is not done", name, *flag.task_id, *flag.task_title,
               format_date(*flag.due));
  if (flag.code == "term_outside_rule") {
    Day start = *flag.term_start, end = *flag.term_end;
    if (end < term_end(start, 1))
      return msg("{}: the term {} to {} is shorter than 1 year (a secondment lasts 1 to 3 years)", name,
                 format_date(start), format_date(end));
    return msg("{}: the term {} to {} is longer than 3 years (a secondment lasts 1 to 3 years)", name,
               format_date(start), format_date(end));
  }
  return std::nullopt;
}

void add_host_alerts(Database::Impl& impl, Node& alerts, const std::vector<std::string>& hosts, Day as_of) {
  std::int64_t limit = std::int64_t(setting_number(impl, "max_secondees_per_host"));
  // Active on the day: started, and not past the planned or early end.
  std::string day = format_date(as_of);
  Stmt q(impl,
         "SELECT u.code, count(*) FROM secondments s JOIN units u ON u.id = s.host_unit_id "
         "WHERE s.start_date <= ?1 AND coalesce(s.actual_end, s.planned_end) >= ?1 GROUP BY u.code");
  q.bind(day);
  std::map<std::string, std::int64_t> active;
  while (q.step()) active[q.col(0).getString()] = q.col(1).getInt64();
  std::vector<std::string> seen;
  for (const auto& host : hosts) {
    if (std::find(seen.begin(), seen.end(), host) != seen.end()) continue;
    seen.push_back(host);
    auto n = active.find(host);
    if (n == active.end() || n->second <= limit) continue;
    Node a = Node::object();
    a.set("id", Node::null());
    a.set("staff_no", Node::null());
    a.set("code", Node::code("host_over_limit"));
    a.set("message", Node::string(msg("host {} has {} secondees active on {}, more than {} (setting "
                                      "max_secondees_per_host, local policy)",
                                      host, n->second, day, limit)));
    alerts.add(std::move(a));
  }
}

}  // namespace detail

Id add_task(Database& db, const TaskInput& in) {
  return detail::write(db, [&](Database::Impl& impl) { return detail::insert_task(impl, in); });
}

void add_task_progress(Database& db, Id task_id, Date on, const std::string& text) {
  detail::write(db, [&](Database::Impl& impl) {
    using namespace detail;
    auto t = load_task(impl, task_id);
    if (t.done_on)
      fail(Errc::conflict, field("TASK_ID"), "task {} was done on {}: it takes no more progress notes", t.id,
           format_date(*t.done_on));
    Day day = on;
    check_task_day(load_period(impl, t.secondment_id, field("TASK_ID")), t, day);
    auto note = require_text(text, field("text"), TextLayout::paragraph);
    Stmt q(impl, "INSERT INTO task_progress(task_id, on_date, text) VALUES (?,?,?) RETURNING id");
    q.bind(t.id, format_date(day), note);
    if (!q.step()) throw std::logic_error("INSERT INTO task_progress returned no id");
    audit(impl, "add", "task_progress", std::to_string(q.col(0).getInt64()), nullptr,
          {{"task", t.id}, {"on", format_date(day)}, {"text", note}});
  });
}

void complete_task(Database& db, Id task_id, Date on, const std::optional<std::string>& outcome) {
  detail::write(db, [&](Database::Impl& impl) {
    using namespace detail;
    auto t = load_task(impl, task_id);
    if (t.done_on)
      fail(Errc::conflict, field("TASK_ID"), "task {} was already done on {}", t.id, format_date(*t.done_on));
    Day day = on;
    check_task_day(load_period(impl, t.secondment_id, field("TASK_ID")), t, day);
    TaskRow after = t;
    after.done_on = day;
    after.outcome = optional_text(outcome, field("outcome"), TextLayout::paragraph);
    Stmt q(impl, "UPDATE tasks SET done_on = ?, outcome = ? WHERE id = ?");
    q.bind(format_date(day), after.outcome, t.id).exec();
    audit(impl, "done", "task", std::to_string(t.id), task_json(t), task_json(after));
  });
}

Report list_tasks(Database& db, const TaskFilter& filter) {
  return detail::read(db, [&](Database::Impl& impl) {
    using namespace detail;
    if (filter.secondment) load_period(impl, *filter.secondment, field("secondment"));
    Day as_of = filter.overdue_on ? Day(*filter.overdue_on) : today(timezone(impl));
    Report r;
    r.kind = "task_list";
    r.title =
        filter.overdue_on ? msg("Tasks overdue on {}", format_date(as_of)) : msg("Tasks as of {}", format_date(as_of));
    r.data.set("as_of", Node::date(format_date(as_of)));
    auto& rows = r.data.set("tasks", Node::array());
    for (const auto& t : query_tasks(impl, filter.secondment)) {
      std::string status = task_status(t, as_of);
      if (filter.overdue_on && status != "overdue") continue;
      auto& row = rows.push(Node::object());
      row.set("id", Node::integer(t.id, Hint::id));
      row.set("secondment", Node::integer(t.secondment_id, Hint::id));
      row.set("staff_no", Node::string(t.staff_no, Hint::id));
      row.set("name", Node::string(t.name));
      row.set("title", Node::string(t.title));
      row.set("objective", Node::string(t.objective));
      row.set("requirement", Node::opt_string(t.requirement));
      row.set("mentor", Node::opt_string(t.mentor));
      row.set("set_on", Node::date(format_date(t.set_on)));
      row.set("due", Node::date(format_date(t.due)));
      row.set("status", Node::code(status));
      bool done = status == "done";  // as of the day: a completion recorded for a later day is not shown
      row.set("done_on", done ? opt_date(t.done_on) : Node::null());
      row.set("done_late", Node::boolean(done && done_late(t)));
      row.set("outcome", done ? Node::opt_string(t.outcome) : Node::null());
      row.set("progress", Node::integer(t.progress));
    }
    return r;
  });
}

}  // namespace cadre
