// Courses and their sessions.
#include <cmath>
#include <nlohmann/json.hpp>

#include "audit/audit.hpp"
#include "people/lookup.hpp"
#include "training/rules.hpp"
#include "training/training_internal.hpp"
#include "util/dates.hpp"
#include "util/text.hpp"
#include "util/validate.hpp"

namespace cadre {
namespace detail {

CourseRow load_course(Database::Impl& impl, const std::string& code, std::string_view field) {
  Stmt q(impl,
         "SELECT c.id, c.code, c.title, u.code, u.name, c.start_date, c.end_date, c.category, c.capacity, "
         "c.pass_mark, c.leave_num, c.leave_den, c.max_absence_hours, c.type "
         "FROM courses c JOIN units u ON u.id = c.organizer_id WHERE c.code = ?");
  q.bind(trim(code));
  if (!q.step()) fail(Errc::not_found, field, "{}: unknown course {}", field, code);
  CourseRow c;
  c.id = q.col(0).getInt64();
  c.code = q.col(1).getString();
  c.title = q.col(2).getString();
  c.organizer = q.col(3).getString();
  c.organizer_name = q.col(4).getString();
  c.start = q.col(5).getString();
  c.end = q.col(6).getString();
  if (!q.col(7).isNull()) c.category = q.col(7).getString();
  if (!q.col(8).isNull()) c.capacity = q.col(8).getInt64();
  c.pass_mark = q.col(9).getDouble();
  c.leave_num = q.col(10).getDouble();
  c.leave_den = q.col(11).getDouble();
  c.max_absence_hours = q.col(12).getDouble();
  c.type = q.col(13).getString();
  return c;
}

std::int64_t session_id(Database::Impl& impl, const CourseRow& c, int session_no, std::string_view field) {
  check_number(session_no, field, 1, kMaxSessionNo);
  Stmt q(impl, "SELECT id FROM sessions WHERE course_id = ? AND no = ?");
  q.bind(c.id, session_no);
  if (!q.step()) fail(Errc::not_found, field, "{}: course {} has no session {}", field, c.code, session_no);
  return q.col(0).getInt64();
}

namespace {

// None, or each component named once with a positive weight, the weights summing to 1.
void check_components(const std::vector<Component>& components) {
  if (components.empty()) return;  // no assessment: completion alone gives a pass
  const std::string f = field("components");
  double sum = 0;
  for (size_t i = 0; i < components.size(); ++i) {
    const auto& [name, w] = components[i];
    std::string n = require_text(name, f);
    check_number(w, f, 0, 1);
    if (w <= 0) fail(Errc::invalid, f, "{}: the weight of {} must be positive", f, n);
    for (size_t j = 0; j < i; ++j)
      if (trim(components[j].name) == n) fail(Errc::invalid, f, "{}: {} is listed twice", f, n);
    sum += w;
  }
  if (std::fabs(sum - 1.0) > kEpsilon) fail(Errc::invalid, f, "{}: the weights sum to {:g}, not 1", f, sum);
}

void check_leave_ratio(const LeaveRatio& r) {
  const std::string f = field("max-leave-ratio");
  check_number(r.num, f, 0, 1e6);
  check_number(r.den, f, 0, 1e6);
  if (r.den <= 0) fail(Errc::invalid, f, "{}: the denominator must be positive", f);
  if (r.num > r.den) fail(Errc::invalid, f, "{}: {} is more than 1", f, fmt::format("{:g}/{:g}", r.num, r.den));
}

std::string clock(std::chrono::minutes m) { return fmt::format("{:02}:{:02}", m.count() / 60, m.count() % 60); }

void check_clock(std::chrono::minutes m, std::string_view f) {
  if (m.count() < 0 || m.count() >= 24 * 60) fail(Errc::invalid, f, "{}: not a time (HH:MM): {}", f, m.count());
}

}  // namespace

void insert_course(Database::Impl& impl, const CourseInput& in) {
  std::string code = require_text(in.code, field("CODE"));
  std::string title = require_text(in.title, field("title"));
  std::string organizer = require_text(in.organizer, field("organizer"));
  if (in.end < in.start)
    fail(Errc::invalid, field("end"), "{}: {} is before {} {}", field("end"), format_date(in.end), field("start"),
         format_date(in.start));
  std::optional<long long> capacity;
  if (in.capacity) capacity = (long long)check_number(*in.capacity, field("capacity"), 1, kMaxCapacity);
  double pass_mark = check_number(in.pass_mark, field("pass-mark"), 0, kMaxPassMark);
  check_leave_ratio(in.max_leave_ratio);
  LeaveRatio leave = in.max_leave_ratio;
  double max_absence = check_number(in.max_absence_hours, field("max-absence-hours"), 0, kMaxAbsenceHours);
  check_components(in.components);
  std::int64_t organizer_id = unit_id(impl, organizer, field("organizer"));
  Stmt exists(impl, "SELECT 1 FROM courses WHERE code = ?");
  exists.bind(code);
  if (exists.step()) fail(Errc::conflict, field("CODE"), "course {} already exists", code);

  auto category = optional_text(in.category, field("category"));
  std::string type =
      optional_enum(optional_text(in.type, field("type")), field("type"), enums::course_type).value_or("other");
  Stmt q(impl,
         "INSERT INTO courses(code, title, organizer_id, category, start_date, end_date, capacity, pass_mark, "
         "leave_num, leave_den, max_absence_hours, type) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id");
  q.bind(code, title, organizer_id, category, format_date(in.start), format_date(in.end), capacity, pass_mark,
         leave.num, leave.den, max_absence, type)
      .step();
  std::int64_t id = q.col(0).getInt64();
  nlohmann::json comp = nlohmann::json::object();
  for (const auto& [name, w] : in.components) {
    std::string n = trim(name);
    Stmt c(impl, "INSERT INTO course_components(course_id, name, weight) VALUES (?,?,?)");
    c.bind(id, n, w).exec();
    comp[n] = w;
  }
  audit(impl, "add", "course", code, nullptr,
        {{"code", code},
         {"title", title},
         {"organizer", organizer},
         {"start", format_date(in.start)},
         {"end", format_date(in.end)},
         {"capacity", capacity ? nlohmann::json(*capacity) : nlohmann::json(nullptr)},
         {"category", category ? nlohmann::json(*category) : nlohmann::json(nullptr)},
         {"type", type},
         {"pass_mark", pass_mark},
         {"max_leave_ratio", {leave.num, leave.den}},
         {"max_absence_hours", max_absence},
         {"components", comp}});
}

int insert_session(Database::Impl& impl, const SessionInput& in) {
  CourseRow c = load_course(impl, in.course, field("COURSE"));
  std::string date = format_date(in.date);
  if (date < c.start || date > c.end)
    fail(Errc::invalid, field("date"), "{}: {} is outside the course dates {} to {}", field("date"), date, c.start,
         c.end);
  check_clock(in.start, field("start"));
  check_clock(in.end, field("end"));
  if (in.end <= in.start) fail(Errc::invalid, field("end"), "{}: the session must end after it starts", field("end"));
  std::string title = require_text(in.title, field("title"));
  double hours = default_session_hours(int(in.start.count()), int(in.end.count()));
  if (in.hours) hours = check_hours(*in.hours, field("hours"), kMaxSessionHours);
  auto instructor = optional_text(in.instructor, field("instructor"));
  Stmt n(impl, "SELECT COALESCE(MAX(no), 0) + 1 FROM sessions WHERE course_id = ?");
  n.bind(c.id);
  n.step();
  int no = n.col(0).getInt();
  Stmt q(impl,
         "INSERT INTO sessions(course_id, no, date, start_time, end_time, title, instructor, hours) "
         "VALUES (?,?,?,?,?,?,?,?)");
  q.bind(c.id, no, date, clock(in.start), clock(in.end), title, instructor, hours).exec();
  audit(impl, "add", "session", fmt::format("{}#{}", c.code, no), nullptr,
        {{"course", c.code},
         {"no", no},
         {"date", date},
         {"start", clock(in.start)},
         {"end", clock(in.end)},
         {"title", title},
         {"instructor", instructor ? nlohmann::json(*instructor) : nlohmann::json(nullptr)},
         {"hours", hours}});
  return no;
}

}  // namespace detail

void add_course(Database& db, const CourseInput& course) {
  detail::write(db, [&](Database::Impl& impl) { detail::insert_course(impl, course); });
}

int add_session(Database& db, const SessionInput& session) {
  return detail::write(db, [&](Database::Impl& impl) { return detail::insert_session(impl, session); });
}

Report list_courses(Database& db, const std::optional<std::string>& type) {
  return detail::read(db, [&](Database::Impl& impl) {
    auto only = detail::optional_enum(detail::optional_text(type, detail::field("type")), detail::field("type"),
                                      detail::enums::course_type);
    Report r;
    r.kind = "course_list";
    r.title = detail::msg("Courses");
    auto& rows = r.data.set("courses", Node::array());
    detail::Stmt q(impl,
                   "SELECT c.code, c.title, u.code, c.start_date, c.end_date, c.category, c.capacity, "
                   "(SELECT COUNT(*) FROM sessions s WHERE s.course_id = c.id), "
                   "(SELECT COALESCE(SUM(hours), 0) FROM sessions s WHERE s.course_id = c.id), "
                   "(SELECT COUNT(*) FROM enrolments e WHERE e.course_id = c.id AND e.status = 'enrolled'), c.type "
                   "FROM courses c JOIN units u ON u.id = c.organizer_id WHERE (c.type = ?1 OR ?1 IS NULL) "
                   "ORDER BY c.start_date, c.code");
    q.bind(only);
    while (q.step()) {
      auto& row = rows.push(Node::object());
      row.set("code", Node::string(q.col(0).getString(), Hint::id));
      row.set("title", Node::string(q.col(1).getString()));
      row.set("organizer", Node::string(q.col(2).getString()));
      row.set("start", Node::date(q.col(3).getString()));
      row.set("end", Node::date(q.col(4).getString()));
      row.set("type", Node::code(q.col(10).getString()));
      row.set("category", Node::opt_string(q.text_or_null(5)));
      row.set("capacity", q.col(6).isNull() ? Node::null() : Node::integer(q.col(6).getInt64()));
      row.set("sessions", Node::integer(q.col(7).getInt64()));
      row.set("total_hours", Node::number(q.col(8).getDouble(), Hint::hours));
      row.set("enrolled", Node::integer(q.col(9).getInt64()));
    }
    return r;
  });
}

Report show_course(Database& db, const std::string& code) {
  return detail::read(db, [&](Database::Impl& impl) {
    auto c = detail::load_course(impl, code, detail::field("CODE"));
    Report r;
    r.kind = "course_detail";
    r.title = detail::msg("Course {} {}", c.code, c.title);
    auto& o = r.data.set("course", Node::object());
    o.set("code", Node::string(c.code, Hint::id));
    o.set("title", Node::string(c.title));
    o.set("organizer", Node::string(c.organizer));
    o.set("organizer_name", Node::string(c.organizer_name));
    o.set("start", Node::date(c.start));
    o.set("end", Node::date(c.end));
    o.set("type", Node::code(c.type));
    o.set("category", Node::opt_string(c.category));
    o.set("capacity", c.capacity ? Node::integer(*c.capacity) : Node::null());
    o.set("pass_mark", Node::number(c.pass_mark, Hint::score));
    o.set("max_leave_ratio", Node::number(c.leave_num / c.leave_den, Hint::rate));
    o.set("max_absence_hours", Node::number(c.max_absence_hours, Hint::hours));
    auto& comps = r.data.set("components", Node::array());
    detail::Stmt qc(impl, "SELECT name, weight FROM course_components WHERE course_id = ? ORDER BY name");
    qc.bind(c.id);
    while (qc.step()) {
      auto& row = comps.push(Node::object());
      row.set("name", Node::string(qc.col(0).getString()));
      row.set("weight", Node::number(qc.col(1).getDouble(), Hint::rate));
    }
    auto& sessions = r.data.set("sessions", Node::array());
    detail::Stmt qs(impl,
                    "SELECT no, date, start_time, end_time, title, instructor, hours FROM sessions "
                    "WHERE course_id = ? ORDER BY no");
    qs.bind(c.id);
    while (qs.step()) {
      auto& row = sessions.push(Node::object());
      row.set("no", Node::integer(qs.col(0).getInt64(), Hint::id));
      row.set("date", Node::date(qs.col(1).getString()));
      row.set("start", Node::string(qs.col(2).getString()));
      row.set("end", Node::string(qs.col(3).getString()));
      row.set("title", Node::string(qs.col(4).getString()));
      row.set("instructor", Node::opt_string(qs.text_or_null(5)));
      row.set("hours", Node::number(qs.col(6).getDouble(), Hint::hours));
    }
    auto& people = r.data.set("enrolments", Node::array());
    detail::Stmt qe(impl,
                    "SELECT p.staff_no, p.name, e.status, e.reason FROM enrolments e "
                    "JOIN people p ON p.id = e.person_id WHERE e.course_id = ? ORDER BY e.id");
    qe.bind(c.id);
    while (qe.step()) {
      auto& row = people.push(Node::object());
      row.set("staff_no", Node::string(qe.col(0).getString(), Hint::id));
      row.set("name", Node::string(qe.col(1).getString()));
      row.set("status", Node::code(qe.col(2).getString()));
      row.set("reason", Node::opt_string(qe.text_or_null(3)));
    }
    return r;
  });
}

}  // namespace cadre
