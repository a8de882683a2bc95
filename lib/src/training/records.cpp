// Enrolment, withdrawal, attendance, assessment, feedback and recorded hours.
#include <nlohmann/json.hpp>
#include <unordered_set>

#include "audit/audit.hpp"
#include "people/lookup.hpp"
#include "training/training_internal.hpp"
#include "util/dates.hpp"
#include "util/text.hpp"
#include "util/validate.hpp"

namespace cadre {
namespace detail {

namespace {

// The staff numbers of one attendance command, each once, in the order first given: a number
// repeated on the command line (or 20,000 times by a script) is one person, recorded and audited
// once. (Enrolment refuses a repeat instead: the second is "already enrolled", a conflict.)
std::vector<std::string> distinct_staff_nos(const std::vector<std::string>& raw) {
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  for (const auto& r : raw) {
    std::string staff_no = require_text(r, field("STAFF_NO"));
    if (seen.insert(staff_no).second) out.push_back(std::move(staff_no));
  }
  return out;
}

std::int64_t count_enrolled(Database::Impl& impl, std::int64_t course_id) {
  Stmt q(impl, "SELECT COUNT(*) FROM enrolments WHERE course_id = ? AND status = 'enrolled'");
  q.bind(course_id);
  q.step();
  return q.col(0).getInt64();
}
}  // namespace

std::optional<std::string> enrolment_status(Database::Impl& impl, std::int64_t course_id, std::int64_t person_id) {
  Stmt q(impl, "SELECT status FROM enrolments WHERE course_id = ? AND person_id = ?");
  q.bind(course_id, person_id);
  if (!q.step()) return std::nullopt;
  return q.col(0).getString();
}

std::vector<EnrolOutcome> insert_enrolments(Database::Impl& impl, const std::string& course,
                                            const std::vector<std::string>& staff_nos) {
  CourseRow c = load_course(impl, course, field("COURSE"));
  if (staff_nos.empty()) fail(Errc::invalid, field("STAFF_NO"), "{}: required", field("STAFF_NO"));
  std::vector<EnrolOutcome> out;
  std::int64_t enrolled = count_enrolled(impl, c.id);
  for (const auto& raw : staff_nos) {
    std::string staff_no = require_text(raw, field("STAFF_NO"));
    std::int64_t pid = person_id(impl, staff_no, field("STAFF_NO"));
    auto before = enrolment_status(impl, c.id, pid);
    if (before && *before != "withdrawn")
      fail(Errc::conflict, field("STAFF_NO"), "{} is already {} in course {}", staff_no,
           detail::word("status", *before), c.code);
    std::string status = (!c.capacity || enrolled < *c.capacity) ? "enrolled" : "waitlisted";
    if (status == "enrolled") ++enrolled;
    if (before) {
      // Re-enrolment after a withdrawal joins the end of the queue: a new row keeps the order.
      Stmt d(impl, "DELETE FROM enrolments WHERE course_id = ? AND person_id = ?");
      d.bind(c.id, pid).exec();
    }
    Stmt q(impl, "INSERT INTO enrolments(course_id, person_id, status) VALUES (?,?,?)");
    q.bind(c.id, pid, status).exec();
    audit(impl, "enrol", "enrolment", c.code + "/" + staff_no, before ? nlohmann::json{{"status", *before}} : nullptr,
          {{"course", c.code}, {"staff_no", staff_no}, {"status", status}});
    out.push_back({staff_no, status});
  }
  return out;
}

void record_attendance(Database::Impl& impl, const AttendanceInput& in) {
  CourseRow c = load_course(impl, in.course, field("COURSE"));
  std::int64_t sid = session_id(impl, c, in.session_no, field("SESSION_NO"));
  std::string status =
      require_enum(require_text(in.status, field("status")), field("status"), enums::attendance_status);
  auto note = optional_text(in.note, field("note"), TextLayout::paragraph);
  if (in.staff_nos.empty()) fail(Errc::invalid, field("STAFF_NO"), "{}: required", field("STAFF_NO"));
  for (const auto& staff_no : distinct_staff_nos(in.staff_nos)) {
    std::int64_t pid = person_id(impl, staff_no, field("STAFF_NO"));
    auto enrolment = enrolment_status(impl, c.id, pid);
    if (enrolment != "enrolled")
      fail(Errc::invalid, field("STAFF_NO"), "{} is not enrolled in course {}", staff_no, c.code);
    Stmt b(impl, "SELECT status, note FROM attendance WHERE session_id = ? AND person_id = ?");
    b.bind(sid, pid);
    nlohmann::json before = nullptr;
    if (b.step())
      before = {{"status", b.col(0).getString()},
                {"note", b.col(1).isNull() ? nlohmann::json(nullptr) : nlohmann::json(b.col(1).getString())}};
    Stmt q(impl,
           "INSERT INTO attendance(session_id, person_id, course_id, status, note) VALUES (?,?,?,?,?) "
           "ON CONFLICT(session_id, person_id) DO UPDATE SET status = excluded.status, note = excluded.note");
    q.bind(sid, pid, c.id, status, note).exec();
    audit(impl, before.is_null() ? "add" : "update", "attendance",
          fmt::format("{}#{}/{}", c.code, in.session_no, staff_no), before,
          {{"status", status}, {"note", opt_json(note)}});
  }
}

}  // namespace detail

std::vector<EnrolOutcome> enrol(Database& db, const std::string& course, const std::vector<std::string>& staff_nos) {
  return detail::write(db, [&](Database::Impl& impl) { return detail::insert_enrolments(impl, course, staff_nos); });
}

std::optional<std::string> withdraw(Database& db, const std::string& course, const std::string& staff_no,
                                    const std::optional<std::string>& reason) {
  return detail::write(db, [&](Database::Impl& impl) -> std::optional<std::string> {
    auto c = detail::load_course(impl, course, detail::field("COURSE"));
    std::int64_t pid =
        detail::person_id(impl, detail::require_text(staff_no, detail::field("STAFF_NO")), detail::field("STAFF_NO"));
    auto before = detail::enrolment_status(impl, c.id, pid);
    if (!before || *before == "withdrawn")
      detail::fail(Errc::not_found, detail::field("STAFF_NO"), "{} is not enrolled in course {}", staff_no, c.code);
    auto why = detail::optional_text(reason, detail::field("reason"), TextLayout::paragraph);
    detail::Stmt q(impl,
                   "UPDATE enrolments SET status = 'withdrawn', reason = ? WHERE course_id = ? AND person_id = ?");
    q.bind(why, c.id, pid).exec();
    detail::audit(impl, "withdraw", "enrolment", c.code + "/" + staff_no, {{"status", *before}},
                  {{"status", "withdrawn"}, {"reason", detail::opt_json(why)}});
    if (*before != "enrolled") return std::nullopt;
    // The place that became free goes to the first person on the waitlist.
    if (c.capacity && detail::count_enrolled(impl, c.id) >= *c.capacity) return std::nullopt;
    detail::Stmt w(impl,
                   "SELECT e.id, p.staff_no FROM enrolments e JOIN people p ON p.id = e.person_id "
                   "WHERE e.course_id = ? AND e.status = 'waitlisted' ORDER BY e.id LIMIT 1");
    w.bind(c.id);
    if (!w.step()) return std::nullopt;
    std::int64_t eid = w.col(0).getInt64();
    std::string promoted = w.col(1).getString();
    detail::Stmt u(impl, "UPDATE enrolments SET status = 'enrolled' WHERE id = ?");
    u.bind(eid).exec();
    detail::audit(impl, "promote", "enrolment", c.code + "/" + promoted, {{"status", "waitlisted"}},
                  {{"status", "enrolled"}});
    return promoted;
  });
}

void attend(Database& db, const AttendanceInput& in) {
  detail::write(db, [&](Database::Impl& impl) { detail::record_attendance(impl, in); });
}

namespace detail {

void insert_assessment(Database::Impl& impl, const AssessmentInput& in) {
  const std::string component_field = detail::field("component");
  auto c = detail::load_course(impl, in.course, detail::field("COURSE"));
  std::string staff_no = detail::require_text(in.staff_no, detail::field("STAFF_NO"));
  std::int64_t pid = detail::person_id(impl, staff_no, detail::field("STAFF_NO"));
  std::string component = detail::require_text(in.component, component_field);
  double score = detail::check_number(in.score, detail::field("score"), 0, kMaxScore);
  detail::Stmt k(impl, "SELECT 1 FROM course_components WHERE course_id = ? AND name = ?");
  k.bind(c.id, component);
  if (!k.step()) {
    std::vector<std::string> names;
    detail::Stmt all(impl, "SELECT name FROM course_components WHERE course_id = ? ORDER BY name");
    all.bind(c.id);
    while (all.step()) names.push_back(all.col(0).getString());
    detail::fail(Errc::invalid, component_field, "{}: course {} has no component {} (it has: {})", component_field,
                 c.code, component, names.empty() ? std::string("none") : detail::join(names, ", "));
  }
  auto status = detail::enrolment_status(impl, c.id, pid);
  if (status != "enrolled")
    detail::fail(Errc::invalid, detail::field("STAFF_NO"), "{} is not enrolled in course {}", staff_no, c.code);
  detail::Stmt b(impl, "SELECT score FROM assessments WHERE course_id = ? AND person_id = ? AND component = ?");
  b.bind(c.id, pid, component);
  nlohmann::json before = nullptr;
  if (b.step()) before = {{"score", b.col(0).getDouble()}};
  detail::Stmt q(impl,
                 "INSERT INTO assessments(course_id, person_id, component, score) VALUES (?,?,?,?) "
                 "ON CONFLICT(course_id, person_id, component) DO UPDATE SET score = excluded.score");
  q.bind(c.id, pid, component, score).exec();
  detail::audit(impl, before.is_null() ? "add" : "update", "assessment", c.code + "/" + staff_no + "/" + component,
                before, {{"score", score}});
}

}  // namespace detail

void assess(Database& db, const AssessmentInput& in) {
  detail::write(db, [&](Database::Impl& impl) { detail::insert_assessment(impl, in); });
}

namespace detail {

void insert_feedback(Database::Impl& impl, const FeedbackInput& in) {
  const std::string by_field = detail::field("by");
  auto c = detail::load_course(impl, in.course, detail::field("COURSE"));
  std::int64_t sid = detail::session_id(impl, c, in.session_no, detail::field("SESSION_NO"));
  std::string by = detail::require_text(in.by, by_field);
  std::int64_t pid = detail::person_id(impl, by, by_field);
  const std::pair<const char*, int> fields[] = {{"relevance", in.relevance},
                                                {"theory", in.theory},
                                                {"information", in.information},
                                                {"delivery", in.delivery},
                                                {"manner", in.manner}};
  long long v[5];
  for (int i = 0; i < 5; ++i)
    v[i] = (long long)detail::check_number(fields[i].second, detail::field(fields[i].first), 0, kMaxFeedbackScore);
  detail::Stmt a(impl, "SELECT status FROM attendance WHERE session_id = ? AND person_id = ?");
  a.bind(sid, pid);
  std::string status = a.step() ? a.col(0).getString() : std::string();
  if (status != "present" && status != "late" && status != "left_early")
    detail::fail(Errc::invalid, by_field, "{}: {} did not attend session {} of course {} (recorded: {})", by_field, by,
                 in.session_no, c.code, detail::word("status", status.empty() ? "nothing" : status));
  detail::Stmt d(impl, "SELECT 1 FROM feedback WHERE session_id = ? AND person_id = ?");
  d.bind(sid, pid);
  if (d.step())
    detail::fail(Errc::conflict, by_field, "{} already gave feedback on session {} of course {}", by, in.session_no,
                 c.code);
  detail::Stmt q(impl,
                 "INSERT INTO feedback(session_id, person_id, relevance, theory, information, delivery, manner) "
                 "VALUES (?,?,?,?,?,?,?)");
  q.bind(sid, pid, v[0], v[1], v[2], v[3], v[4]).exec();
  detail::audit(impl, "add", "feedback", fmt::format("{}#{}/{}", c.code, in.session_no, by), nullptr,
                {{"relevance", v[0]}, {"theory", v[1]}, {"information", v[2]}, {"delivery", v[3]}, {"manner", v[4]}});
}

}  // namespace detail

void feedback(Database& db, const FeedbackInput& in) {
  detail::write(db, [&](Database::Impl& impl) { detail::insert_feedback(impl, in); });
}

namespace detail {

void insert_hours(Database::Impl& impl, const HoursInput& in) {
  std::string staff_no = detail::require_text(in.staff_no, detail::field("STAFF_NO"));
  detail::Day day = in.date;
  double hours = detail::check_hours(in.hours, detail::field("hours"), kMaxRecordHours);
  const std::string kind_field = detail::field("kind");
  std::string kind =
      detail::require_enum(detail::require_text(in.kind, kind_field), kind_field, detail::enums::hours_kind);
  auto title = detail::optional_text(in.title, detail::field("title"));
  std::int64_t pid = detail::person_id(impl, staff_no, detail::field("STAFF_NO"));
  int year = int(date::year_month_day(day).year());
  detail::Stmt q(impl, "INSERT INTO training_hours(person_id, date, year, kind, hours, title) VALUES (?,?,?,?,?,?)");
  q.bind(pid, detail::format_date(day), year, kind, hours, title).exec();
  detail::audit(
      impl, "add", "training_hours", staff_no, nullptr,
      {{"date", detail::format_date(day)}, {"kind", kind}, {"hours", hours}, {"title", detail::opt_json(title)}});
}

}  // namespace detail

void add_hours(Database& db, const HoursInput& in) {
  detail::write(db, [&](Database::Impl& impl) { detail::insert_hours(impl, in); });
}

}  // namespace cadre
