// Leave (请销假) and evaluations (monthly work reports: secondment/logs.cpp).
#include "audit/audit.hpp"
#include "cadre/secondment.hpp"
#include "secondment/secondment_internal.hpp"
#include "secondment/appraisal.hpp"
#include "util/text.hpp"
#include "util/enums.hpp"
#include "util/validate.hpp"

namespace cadre {

namespace detail {

std::string required_level(std::int64_t calendar_days) {
  if (calendar_days <= 3) return "host";
  if (calendar_days <= 7) return "district";
  return "city";
}

int level_rank(const std::string& level) { return level == "host" ? 0 : level == "district" ? 1 : 2; }

namespace {

struct LeaveRow {
  std::int64_t id, secondment_id;
  Day from, to;
  std::string kind, status;
  std::optional<std::string> level, approver;
  std::optional<Day> returned_on;
  Day effective_to() const { return returned_on ? *returned_on - date::days(1) : to; }
};

LeaveRow load_leave(Database::Impl& impl, std::int64_t id) {
  check_id(id, field("LEAVE_ID"));
  Stmt q(impl, "SELECT secondment_id, from_date, to_date, kind, status, level, approver, returned_on "
               "FROM leaves WHERE id = ?");
  q.bind(id);
  if (!q.step()) fail(Errc::not_found, field("LEAVE_ID"), "{}: unknown leave {}", field("LEAVE_ID"), id);
  LeaveRow l{id, q.col(0).getInt64(), parse_date(q.col(1).getString(), "from_date"),
             parse_date(q.col(2).getString(), "to_date"), q.col(3).getString(), q.col(4).getString(),
             std::nullopt, std::nullopt, std::nullopt};
  if (!q.col(5).isNull()) l.level = q.col(5).getString();
  if (!q.col(6).isNull()) l.approver = q.col(6).getString();
  if (!q.col(7).isNull()) l.returned_on = parse_date(q.col(7).getString(), "returned_on");
  return l;
}

nlohmann::json leave_json(const LeaveRow& l) {
  return {{"id", l.id},
          {"secondment", l.secondment_id},
          {"from", format_date(l.from)},
          {"to", format_date(l.to)},
          {"kind", l.kind},
          {"status", l.status},
          {"level", l.level ? nlohmann::json(*l.level) : nlohmann::json(nullptr)},
          {"approver", l.approver ? nlohmann::json(*l.approver) : nlohmann::json(nullptr)},
          {"returned_on", l.returned_on ? nlohmann::json(format_date(*l.returned_on)) : nlohmann::json(nullptr)}};
}

void set_status(Database::Impl& impl, const LeaveRow& before, const std::string& status,
                const std::optional<std::string>& by, const std::optional<std::string>& level,
                const std::optional<std::string>& note, const char* op) {
  Stmt u(impl, "UPDATE leaves SET status = ?, approver = coalesce(?, approver), level = coalesce(?, level), "
               "decision_note = coalesce(?, decision_note) WHERE id = ?");
  u.bind(status, by, level, note, before.id).exec();
  auto after = load_leave(impl, before.id);
  audit(impl, op, "leave", std::to_string(before.id), leave_json(before), leave_json(after));
}

}  // namespace
}  // namespace detail

namespace detail {

std::int64_t insert_leave(Database::Impl& impl, const LeaveInput& in) {
  using detail::field;
  std::int64_t sid = in.secondment_id;
  auto p = detail::load_period(impl, sid, field("SECONDMENT_ID"));
  detail::Day from = in.from, to = in.to;
  if (to < from)
    detail::fail(Errc::invalid, field("to"), "{} ({}) is before {} ({})", field("to"), detail::format_date(to),
                 field("from"), detail::format_date(from));
  auto kind = detail::require_enum(detail::trim(in.kind), field("kind"), detail::enums::leave_kind);
  if (from < p.start || to > p.end())
    detail::fail(Errc::conflict, field("from"), "the leave {} to {} lies outside the secondment {} to {}",
                 detail::format_date(from), detail::format_date(to), detail::format_date(p.start),
                 detail::format_date(p.end()));
  // Overlap with a requested or approved leave, over its days after any return (销假).
  detail::Stmt o(impl,
                 "SELECT id FROM leaves WHERE secondment_id = ? AND status IN ('requested','approved') "
                 "AND from_date <= ? AND (returned_on > ?3 OR (returned_on IS NULL AND to_date >= ?3)) LIMIT 1");
  // Its last day (the day before a return) >= from, written without SQLite's date().
  o.bind(sid, detail::format_date(to), detail::format_date(from));
  if (o.step())
    detail::fail(Errc::conflict, field("from"), "the leave overlaps leave {} of the same secondment",
                 o.col(0).getInt64());
  auto reason = detail::optional_text(in.reason, field("reason"), TextLayout::paragraph);
  detail::Stmt q(impl,
                 "INSERT INTO leaves(secondment_id, from_date, to_date, kind, reason) VALUES (?,?,?,?,?) "
                 "RETURNING id");
  q.bind(sid, detail::format_date(from), detail::format_date(to), kind, reason).step();
  std::int64_t id = q.col(0).getInt64();
  detail::audit(impl, "add", "leave", std::to_string(id), nullptr, detail::leave_json(detail::load_leave(impl, id)));
  return id;
}

}  // namespace detail

std::int64_t request_leave(Database& db, const LeaveInput& in) {
  return detail::write(db, [&](Database::Impl& impl) { return detail::insert_leave(impl, in); });
}

namespace detail {

void approve_leave_row(Database::Impl& impl, Id leave_id, const std::string& by, const std::string& level) {
  using detail::field;
  auto l = detail::load_leave(impl, leave_id);
  auto who = detail::require_text(by, field("by"));
  auto lvl = detail::require_enum(detail::trim(level), field("level"), detail::enums::approval_level);
  if (l.status != "requested")
    detail::fail(Errc::conflict, field("LEAVE_ID"), "leave {} is {}, not requested", l.id,
                 detail::word("status", l.status));
  std::int64_t days = (l.to - l.from).count() + 1;
  auto need = detail::required_level(days);
  if (detail::level_rank(lvl) < detail::level_rank(need))
    detail::fail(Errc::conflict, field("level"), "a leave of {} days needs approval at {} level or above, not {}", days,
                 detail::word("level", need), detail::word("level", lvl));
  detail::set_status(impl, l, "approved", who, lvl, std::nullopt, "approve");
}

}  // namespace detail

void approve_leave(Database& db, Id leave_id, const std::string& by, const std::string& level) {
  detail::write(db, [&](Database::Impl& impl) { detail::approve_leave_row(impl, leave_id, by, level); });
}

void reject_leave(Database& db, Id leave_id, const std::string& by, const std::optional<std::string>& reason) {
  detail::write(db, [&](Database::Impl& impl) {
    using detail::field;
    auto l = detail::load_leave(impl, leave_id);
    auto who = detail::require_text(by, field("by"));
    if (l.status != "requested")
      detail::fail(Errc::conflict, field("LEAVE_ID"), "leave {} is {}, not requested", l.id,
                   detail::word("status", l.status));
    auto note = detail::optional_text(reason, field("reason"), TextLayout::paragraph);
    detail::set_status(impl, l, "rejected", who, std::nullopt, note, "reject");
  });
}

void cancel_leave(Database& db, Id leave_id) {
  detail::write(db, [&](Database::Impl& impl) {
    using detail::field;
    auto l = detail::load_leave(impl, leave_id);
    if (l.status != "requested" && l.status != "approved")
      detail::fail(Errc::conflict, field("LEAVE_ID"),
                   "leave {} is {}: only a requested or approved leave can be cancelled", l.id,
                   detail::word("status", l.status));
    if (l.returned_on)
      detail::fail(Errc::conflict, field("LEAVE_ID"), "leave {} was already closed by a return on {}", l.id,
                   detail::format_date(*l.returned_on));
    detail::set_status(impl, l, "cancelled", std::nullopt, std::nullopt, std::nullopt, "cancel");
  });
}

void return_from_leave(Database& db, Id leave_id, Date on) {
  detail::write(db, [&](Database::Impl& impl) {
    using detail::field;
    auto l = detail::load_leave(impl, leave_id);
    detail::Day day = on;
    if (l.status != "approved")
      detail::fail(Errc::conflict, field("LEAVE_ID"), "leave {} is {}: only an approved leave is returned from", l.id,
                   detail::word("status", l.status));
    if (l.returned_on)
      detail::fail(Errc::conflict, field("LEAVE_ID"), "leave {} was already returned from on {}", l.id,
                   detail::format_date(*l.returned_on));
    if (day < l.from || day > l.to)
      detail::fail(Errc::invalid, field("on"), "{} ({}) is outside the leave {} to {}", field("on"),
                   detail::format_date(day), detail::format_date(l.from), detail::format_date(l.to));
    detail::Stmt u(impl, "UPDATE leaves SET returned_on = ? WHERE id = ?");
    u.bind(detail::format_date(day), l.id).exec();
    auto after = l;
    after.returned_on = day;
    detail::audit(impl, "return", "leave", std::to_string(l.id), detail::leave_json(l), detail::leave_json(after));
  });
}

namespace detail {

void insert_evaluation(Database::Impl& impl, const EvaluationInput& in) {
  using detail::field;
  std::int64_t sid = in.secondment_id;
  detail::load_period(impl, sid, field("SECONDMENT_ID"));
  auto period = detail::require_text(in.period, field("period"));
  auto rater = detail::require_enum(detail::trim(in.rater), field("rater"), detail::enums::rater);
  auto score = [](double v, const char* id) { return detail::check_number(v, field(id), kScore.min, kScore.max); };
  double s[5] = {score(in.conduct, "conduct"), score(in.competence, "competence"), score(in.diligence, "diligence"),
                 score(in.performance, "performance"), score(in.integrity, "integrity")};
  std::optional<std::string> grade;
  if (in.grade && !detail::trim(*in.grade).empty())
    grade = detail::require_enum(detail::trim(*in.grade), field("grade"), detail::enums::evaluation_grade);
  auto comment = detail::optional_text(in.comment, field("comment"), TextLayout::paragraph);
  detail::Stmt d(impl, "SELECT 1 FROM evaluations WHERE secondment_id = ? AND period = ? AND rater = ?");
  d.bind(sid, period, rater);
  if (d.step())
    detail::fail(Errc::conflict, field("period"), "secondment {} already has a {} evaluation by {}", sid,
                 detail::word("period", period), detail::word("rater", rater));
  detail::Stmt q(impl,
                 "INSERT INTO evaluations(secondment_id, period, rater, conduct, competence, diligence, "
                 "performance, integrity, grade, comment) VALUES (?,?,?,?,?,?,?,?,?,?)");
  q.bind(sid, period, rater, s[0], s[1], s[2], s[3], s[4], grade, comment).exec();
  detail::audit(impl, "add", "evaluation", std::to_string(sid) + "/" + period + "/" + rater, nullptr,
                {{"secondment", sid},
                 {"period", period},
                 {"rater", rater},
                 {"conduct", s[0]},
                 {"competence", s[1]},
                 {"diligence", s[2]},
                 {"performance", s[3]},
                 {"integrity", s[4]},
                 {"grade", grade ? nlohmann::json(*grade) : nlohmann::json(nullptr)},
                 {"comment", comment ? nlohmann::json(*comment) : nlohmann::json(nullptr)}});
}

}  // namespace detail

void evaluate(Database& db, const EvaluationInput& in) {
  detail::write(db, [&](Database::Impl& impl) { detail::insert_evaluation(impl, in); });
}

}  // namespace cadre
