// The call-up (调训): places per unit, nominations and their review, arrival, and report callup.
#include "cadre/callup.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_set>

#include "audit/audit.hpp"
#include "people/lookup.hpp"
#include "store/settings_internal.hpp"
#include "training/callup_internal.hpp"
#include "training/training_internal.hpp"
#include "util/dates.hpp"
#include "util/enums.hpp"
#include "util/text.hpp"
#include "util/validate.hpp"

namespace cadre {
namespace detail {

namespace {

// Early arrivals: a trainee may arrive (报到) up to this many days before the course starts.
constexpr int kEarliestArrivalDays = 7;
// Unit chains are short; this bounds the walk up a chain that the data made circular.
constexpr int kMaxUnitDepth = 1000;

struct Quota {
  std::int64_t unit_id = 0;
  std::string unit;
  std::int64_t places = 0;
};

// The nearest unit up `person`'s unit chain with places in the course, if any.
std::optional<Quota> quota_for(Database::Impl& impl, std::int64_t course_id, std::int64_t person) {
  Stmt u(impl, "SELECT unit_id FROM people WHERE id = ?");
  u.bind(person);
  u.step();
  std::int64_t unit = u.col(0).getInt64();
  Stmt q(impl,
         "SELECT u.code, u.parent_id, q.places FROM units u "
         "LEFT JOIN course_quotas q ON q.unit_id = u.id AND q.course_id = ? WHERE u.id = ?");
  for (int depth = 0; depth < kMaxUnitDepth; ++depth) {
    q.bind(course_id, unit);
    if (!q.step()) break;
    if (!q.col(2).isNull()) return Quota{unit, q.col(0).getString(), q.col(2).getInt64()};
    if (q.col(1).isNull()) break;
    unit = q.col(1).getInt64();
    q->reset();
  }
  return std::nullopt;
}

// Nominations still holding one of the unit's places: nominated or approved.
std::int64_t standing_nominations(Database::Impl& impl, std::int64_t course_id, std::int64_t unit_id) {
  Stmt q(impl,
         "SELECT COUNT(*) FROM nominations WHERE course_id = ? AND unit_id = ? AND status IN ('nominated','approved')");
  q.bind(course_id, unit_id);
  q.step();
  return q.col(0).getInt64();
}

struct NominationRow {
  std::int64_t id = 0, person_id = 0;
  std::string status;
};

NominationRow load_nomination(Database::Impl& impl, const CourseRow& c, const std::string& staff_no) {
  std::int64_t pid = person_id(impl, staff_no, field("STAFF_NO"));
  Stmt q(impl, "SELECT id, status FROM nominations WHERE course_id = ? AND person_id = ?");
  q.bind(c.id, pid);
  if (!q.step()) fail(Errc::not_found, field("STAFF_NO"), "{} has no nomination for course {}", staff_no, c.code);
  return {q.col(0).getInt64(), pid, q.col(1).getString()};
}

Day decision_day(Database::Impl& impl, const std::optional<Date>& on) { return on ? Day(*on) : today(timezone(impl)); }

// A decision on a nomination still `nominated`: the row, with who decided checked.
NominationRow pending_nomination(Database::Impl& impl, const CourseRow& c, const NominationDecision& d) {
  std::string staff_no = require_text(d.staff_no, field("STAFF_NO"));
  NominationRow n = load_nomination(impl, c, staff_no);
  if (n.status != "nominated")
    fail(Errc::conflict, field("STAFF_NO"), "the nomination of {} for course {} is {} already", staff_no, c.code,
         word("nomination_status", n.status));
  return n;
}

}  // namespace

int arrival_grace_days(Database::Impl& impl) { return int(setting_number(impl, "arrival_grace_days")); }

Day arrival_deadline(const Day& start, int grace_days) { return start + date::days(grace_days); }

void upsert_quota(Database::Impl& impl, const QuotaInput& in) {
  CourseRow c = load_course(impl, in.course, field("COURSE"));
  std::string unit = require_text(in.unit, field("UNIT"));
  std::int64_t uid = unit_id(impl, unit, field("UNIT"));
  auto places = std::int64_t(check_number(in.places, field("places"), 0, kMaxPlaces));
  std::int64_t standing = standing_nominations(impl, c.id, uid);
  if (places < standing)
    fail(Errc::conflict, field("places"), "{}: {} has {} standing nominations for course {}, more than {}",
         field("places"), unit, standing, c.code, places);
  Stmt old(impl, "SELECT places FROM course_quotas WHERE course_id = ? AND unit_id = ?");
  old.bind(c.id, uid);
  nlohmann::json before = nullptr;
  if (old.step()) before = {{"places", old.col(0).getInt64()}};
  Stmt q(impl,
         "INSERT INTO course_quotas(course_id, unit_id, places) VALUES (?,?,?) "
         "ON CONFLICT(course_id, unit_id) DO UPDATE SET places = excluded.places");
  q.bind(c.id, uid, places).exec();
  audit(impl, before.is_null() ? "add" : "update", "quota", c.code + "/" + unit, before,
        {{"course", c.code}, {"unit", unit}, {"places", places}});
}

std::vector<Nominated> insert_nominations(Database::Impl& impl, const NominationInput& in) {
  CourseRow c = load_course(impl, in.course, field("COURSE"));
  if (in.staff_nos.empty()) fail(Errc::invalid, field("STAFF_NO"), "{}: required", field("STAFF_NO"));
  auto by = optional_text(in.by, field("by"));
  Day on = decision_day(impl, in.on);
  std::vector<Nominated> out;
  for (const auto& raw : in.staff_nos) {
    std::string staff_no = require_text(raw, field("STAFF_NO"));
    std::int64_t pid = person_id(impl, staff_no, field("STAFF_NO"));
    Stmt prior(impl, "SELECT status FROM nominations WHERE course_id = ? AND person_id = ?");
    prior.bind(c.id, pid);
    std::optional<std::string> before;
    if (prior.step()) before = prior.col(0).getString();
    if (before && *before != "rejected")
      fail(Errc::conflict, field("STAFF_NO"), "{} is {} already for course {}", staff_no,
           word("nomination_status", *before), c.code);
    auto enrolment = enrolment_status(impl, c.id, pid);
    if (enrolment && *enrolment != "withdrawn")
      fail(Errc::conflict, field("STAFF_NO"), "{} is already {} in course {}", staff_no, word("status", *enrolment),
           c.code);
    auto quota = quota_for(impl, c.id, pid);
    if (!quota)
      fail(Errc::conflict, field("STAFF_NO"), "{}: neither {}'s unit nor a unit above it has places in course {}",
           field("STAFF_NO"), staff_no, c.code);
    std::int64_t standing = standing_nominations(impl, c.id, quota->unit_id);
    if (standing >= quota->places)
      fail(Errc::conflict, field("STAFF_NO"), "{}: {} has {} places in course {}, all taken ({} cannot be nominated)",
           field("STAFF_NO"), quota->unit, quota->places, c.code, staff_no);
    if (before) {
      // A nomination sent back and made again: the new row replaces it (the audit log keeps both).
      Stmt d(impl, "DELETE FROM nominations WHERE course_id = ? AND person_id = ?");
      d.bind(c.id, pid).exec();
    }
    Stmt q(impl,
           "INSERT INTO nominations(course_id, person_id, unit_id, status, nominated_by, nominated_on) "
           "VALUES (?,?,?,'nominated',?,?)");
    q.bind(c.id, pid, quota->unit_id, by, format_date(on)).exec();
    audit(impl, "nominate", "nomination", c.code + "/" + staff_no,
          before ? nlohmann::json{{"status", *before}} : nlohmann::json(nullptr),
          {{"course", c.code},
           {"staff_no", staff_no},
           {"unit", quota->unit},
           {"status", "nominated"},
           {"by", opt_json(by)},
           {"on", format_date(on)}});
    out.push_back({staff_no, quota->unit});
  }
  return out;
}

EnrolOutcome decide_approve(Database::Impl& impl, const NominationDecision& d) {
  CourseRow c = load_course(impl, d.course, field("COURSE"));
  NominationRow n = pending_nomination(impl, c, d);
  std::string by = require_text(d.by, field("by"));
  Day on = decision_day(impl, d.on);
  std::string staff_no = trim(d.staff_no);
  Stmt u(impl, "UPDATE nominations SET status = 'approved', decided_by = ?, decided_on = ? WHERE id = ?");
  u.bind(by, format_date(on), n.id).exec();
  audit(impl, "approve", "nomination", c.code + "/" + staff_no, {{"status", "nominated"}},
        {{"status", "approved"}, {"by", by}, {"on", format_date(on)}});
  auto enrolled = insert_enrolments(impl, c.code, {staff_no});
  return enrolled.front();
}

void decide_reject(Database::Impl& impl, const NominationDecision& d) {
  CourseRow c = load_course(impl, d.course, field("COURSE"));
  NominationRow n = pending_nomination(impl, c, d);
  std::string by = require_text(d.by, field("by"));
  std::string reason = require_text(d.reason, field("reason"), TextLayout::paragraph);
  Day on = decision_day(impl, d.on);
  Stmt u(impl, "UPDATE nominations SET status = 'rejected', decided_by = ?, decided_on = ?, reason = ? WHERE id = ?");
  u.bind(by, format_date(on), reason, n.id).exec();
  audit(impl, "reject", "nomination", c.code + "/" + trim(d.staff_no), {{"status", "nominated"}},
        {{"status", "rejected"}, {"by", by}, {"on", format_date(on)}, {"reason", reason}});
}

void insert_arrival(Database::Impl& impl, const ArrivalInput& in) {
  CourseRow c = load_course(impl, in.course, field("COURSE"));
  std::string staff_no = require_text(in.staff_no, field("STAFF_NO"));
  std::int64_t pid = person_id(impl, staff_no, field("STAFF_NO"));
  if (enrolment_status(impl, c.id, pid) != "enrolled")
    fail(Errc::invalid, field("STAFF_NO"), "{} is not enrolled in course {}", staff_no, c.code);
  Day on = decision_day(impl, in.on);
  Day start = parse_date(c.start, "start"), end = parse_date(c.end, "end");
  if (on < start - date::days(kEarliestArrivalDays) || on > end)
    fail(Errc::invalid, field("on"), "{}: {} is outside the course dates {} to {} (arrival from {} days before)",
         field("on"), format_date(on), c.start, c.end, kEarliestArrivalDays);
  int grace = arrival_grace_days(impl);
  Day deadline = arrival_deadline(start, grace);
  if (on > deadline)
    fail(Errc::conflict, field("on"),
         "{}: {} is after the arrival deadline {} (start + {} days, setting arrival_grace_days): {} is a no-show",
         field("on"), format_date(on), format_date(deadline), grace, staff_no);
  Stmt prior(impl, "SELECT on_date FROM arrivals WHERE course_id = ? AND person_id = ?");
  prior.bind(c.id, pid);
  if (prior.step())
    fail(Errc::conflict, field("STAFF_NO"), "{} arrived at course {} on {} already", staff_no, c.code,
         prior.col(0).getString());
  Stmt q(impl, "INSERT INTO arrivals(course_id, person_id, on_date) VALUES (?,?,?)");
  q.bind(c.id, pid, format_date(on)).exec();
  audit(impl, "arrive", "arrival", c.code + "/" + staff_no, nullptr,
        {{"course", c.code}, {"staff_no", staff_no}, {"on", format_date(on)}});
}

namespace {

// A person's call-up status from the nomination, the enrolment and the arrival.
std::string callup_status(const std::string& nomination, const std::optional<std::string>& enrolment, bool arrived,
                          bool past_deadline) {
  if (nomination != "approved") return nomination;  // nominated | rejected
  if (enrolment == "withdrawn") return "withdrawn";
  if (arrived) return "arrived";
  if (enrolment == "enrolled" && past_deadline) return "no_show";
  return "approved";
}

CallupUnit& unit_row(std::map<std::string, CallupUnit>& units, const std::string& code, const std::string& name) {
  auto& u = units[code];
  u.unit = code;
  u.unit_name = name;
  return u;
}

}  // namespace

CallupReport build_callup(Database::Impl& impl, const std::string& course, std::optional<Date> as_of) {
  CourseRow c = load_course(impl, course, field("CODE"));
  CallupReport r;
  r.code = c.code;
  r.title = c.title;
  r.start = parse_date(c.start, "start");
  r.end = parse_date(c.end, "end");
  r.as_of = as_of ? Day(*as_of) : today(timezone(impl));
  r.arrival_grace_days = arrival_grace_days(impl);
  r.arrival_deadline = arrival_deadline(r.start, r.arrival_grace_days);
  bool past_deadline = r.as_of > r.arrival_deadline;

  std::map<std::string, CallupUnit> units;
  std::map<std::string, std::int64_t> used;  // approved and not withdrawn, per unit
  Stmt qq(impl,
          "SELECT u.code, u.name, q.places FROM course_quotas q JOIN units u ON u.id = q.unit_id "
          "WHERE q.course_id = ?");
  qq.bind(c.id);
  while (qq.step()) unit_row(units, qq.col(0).getString(), qq.col(1).getString()).places = qq.col(2).getInt64();

  Stmt qn(impl,
          "SELECT p.staff_no, p.name, u.code, u.name, n.status, e.status, a.on_date, n.reason "
          "FROM nominations n JOIN people p ON p.id = n.person_id JOIN units u ON u.id = n.unit_id "
          "LEFT JOIN enrolments e ON e.course_id = n.course_id AND e.person_id = n.person_id "
          "LEFT JOIN arrivals a ON a.course_id = n.course_id AND a.person_id = n.person_id "
          "WHERE n.course_id = ? ORDER BY u.code, p.staff_no");
  qn.bind(c.id);
  while (qn.step()) {
    CallupPerson& p = r.people.emplace_back();
    p.staff_no = qn.col(0).getString();
    p.name = qn.col(1).getString();
    p.unit = qn.col(2).getString();
    std::string nomination = qn.col(4).getString();
    if (!qn.col(6).isNull()) p.arrived_on = parse_date(qn.col(6).getString(), "on_date");
    p.status = callup_status(nomination, qn.text_or_null(5), p.arrived_on.has_value(), past_deadline);
    p.reason = qn.text_or_null(7);
    CallupUnit& u = unit_row(units, p.unit, qn.col(3).getString());
    ++u.nominated;
    if (nomination == "approved") ++u.approved;
    if (p.status == "rejected") ++u.rejected;
    if (p.status == "arrived") ++u.arrived;
    if (p.status == "no_show") ++u.no_show;
    if (nomination == "approved" && p.status != "withdrawn") ++used[p.unit];  // the places a unit used
  }

  for (auto& [code, u] : units) {
    if (r.as_of >= r.start && u.places > used[code])
      r.flags.push_back({"places_unused", "call-up: every place given to a unit is taken up by the course's start",
                         u.unit, u.unit_name, u.places - used[code]});
    if (u.no_show > 0)
      r.flags.push_back(
          {"no_show", "party-school rule: not arrived by start + arrival_grace_days (逾期三天不报到者，取消入学资格)",
           u.unit, u.unit_name, u.no_show});
    r.units.push_back(std::move(u));
  }
  return r;
}

}  // namespace detail

void set_quota(Database& db, const QuotaInput& quota) {
  detail::write(db, [&](Database::Impl& impl) { detail::upsert_quota(impl, quota); });
}

std::vector<Nominated> nominate(Database& db, const NominationInput& nomination) {
  return detail::write(db, [&](Database::Impl& impl) { return detail::insert_nominations(impl, nomination); });
}

EnrolOutcome approve_nomination(Database& db, const NominationDecision& decision) {
  return detail::write(db, [&](Database::Impl& impl) { return detail::decide_approve(impl, decision); });
}

void reject_nomination(Database& db, const NominationDecision& decision) {
  detail::write(db, [&](Database::Impl& impl) { detail::decide_reject(impl, decision); });
}

void arrive(Database& db, const ArrivalInput& arrival) {
  detail::write(db, [&](Database::Impl& impl) { detail::insert_arrival(impl, arrival); });
}

CallupReport callup_report(Database& db, const std::string& course, std::optional<Date> as_of) {
  return detail::read(db, [&](Database::Impl& impl) { return detail::build_callup(impl, course, as_of); });
}

Report to_model(const CallupReport& x) {
  using detail::format_date;
  Report r;
  r.kind = "callup";
  r.title = detail::msg("Call-up of {} {}", x.code, x.title);
  auto& course = r.data.set("course", Node::object());
  course.set("code", Node::string(x.code, Hint::id));
  course.set("title", Node::string(x.title));
  course.set("start", Node::date(format_date(x.start)));
  course.set("end", Node::date(format_date(x.end)));
  r.data.set("as_of", Node::date(format_date(x.as_of)));
  r.data.set("arrival_deadline", Node::date(format_date(x.arrival_deadline)));
  auto& units = r.data.set("units", Node::array());
  for (const auto& u : x.units) {
    auto& row = units.push(Node::object());
    row.set("unit", Node::string(u.unit, Hint::id));
    row.set("unit_name", Node::string(u.unit_name));
    row.set("places", Node::integer(u.places));
    row.set("nominated", Node::integer(u.nominated));
    row.set("approved", Node::integer(u.approved));
    row.set("rejected", Node::integer(u.rejected));
    row.set("arrived", Node::integer(u.arrived));
    row.set("no_show", Node::integer(u.no_show));
  }
  auto& people = r.data.set("people", Node::array());
  for (const auto& p : x.people) {
    auto& row = people.push(Node::object());
    row.set("staff_no", Node::string(p.staff_no, Hint::id));
    row.set("name", Node::string(p.name));
    row.set("unit", Node::string(p.unit, Hint::id));
    row.set("status", Node::code(p.status));
    row.set("arrived_on", p.arrived_on ? Node::date(format_date(*p.arrived_on)) : Node::null());
    row.set("reason", Node::opt_string(p.reason));
  }
  auto& alerts = r.data.set("alerts", Node::array());
  for (const auto& f : x.flags) {
    auto& a = alerts.push(Node::object());
    a.set("code", Node::code(std::string(f.code)));
    a.set("unit", Node::string(f.unit, Hint::id));
    if (f.code == "places_unused")
      a.set("message", Node::text(detail::message("{}: {} places unused by the course's start", f.unit_name, f.count)));
    else
      a.set("message", Node::text(detail::message("{}: {} trainees did not arrive by {} (no-show)", f.unit_name,
                                                  f.count, format_date(x.arrival_deadline))));
  }
  return r;
}

Report report_callup(Database& db, const std::string& course, std::optional<Date> as_of) {
  return to_model(callup_report(db, course, as_of));
}

}  // namespace cadre
