// Secondment periods: add, list, show, extend, early end; derived status.
#include "audit/audit.hpp"
#include "cadre/secondment.hpp"
#include "people/lookup.hpp"
#include "secondment/secondment_internal.hpp"
#include "secondment/store.hpp"
#include "util/text.hpp"
#include "util/enums.hpp"
#include "util/validate.hpp"

namespace cadre {

namespace detail {

Period load_period(Database::Impl& impl, std::int64_t id, std::string_view field) {
  check_id(id, field);
  Stmt q(impl, "SELECT person_id, start_date, planned_end, actual_end FROM secondments WHERE id = ?");
  q.bind(id);
  if (!q.step()) fail(Errc::not_found, field, "{}: unknown secondment {}", field, id);
  Period p;
  p.id = id;
  p.person_id = q.col(0).getInt64();
  p.start = parse_date(q.col(1).getString(), "start_date");
  p.planned_end = parse_date(q.col(2).getString(), "planned_end");
  if (!q.col(3).isNull()) p.actual_end = parse_date(q.col(3).getString(), "actual_end");
  return p;
}

std::string status_as_of(const Period& p, Day as_of) {
  if (as_of < p.start) return "planned";
  if (p.actual_end && as_of > *p.actual_end) return "terminated";
  if (as_of > p.planned_end) return "completed";
  return "active";
}

ZoneCache::ZoneCache(const std::string& tz) : zone_(&Zone::find(tz)) {}

Day ZoneCache::local_day(std::chrono::sys_seconds utc) {
  if (!have_ || utc < info_.begin || utc >= info_.end) {
    info_ = zone_->get_info(utc);
    have_ = true;
  }
  return date::floor<date::days>(utc + info_.offset);
}

Instant ZoneCache::from_local(date::local_seconds local) {
  // Guess with the cached offset; accept it when the resulting moment lies in the cached period.
  if (have_) {
    date::sys_seconds utc{local.time_since_epoch() - info_.offset};
    if (utc >= info_.begin && utc < info_.end)
      return Instant{utc, int(std::chrono::duration_cast<std::chrono::minutes>(info_.offset).count())};
  }
  auto li = zone_->get_info(local);
  // In a gap or an overlap take the earlier reading (Asia/Shanghai has neither).
  auto offset = li.first.offset;
  date::sys_seconds utc{local.time_since_epoch() - offset};
  info_ = zone_->get_info(utc);
  have_ = true;
  return Instant{utc, int(std::chrono::duration_cast<std::chrono::minutes>(offset).count())};
}

bool parse_local_time(std::string_view s, date::local_seconds& out) {
  auto num = [&](size_t pos, size_t n, int& v) {
    if (pos + n > s.size()) return false;
    v = 0;
    for (size_t i = pos; i < pos + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      v = v * 10 + (s[i] - '0');
    }
    return true;
  };
  int y, mo, d, h, mi, sec = 0;
  if ((s.size() != 16 && s.size() != 19) || s[4] != '-' || s[7] != '-' || (s[10] != ' ' && s[10] != 'T') ||
      s[13] != ':' || !num(0, 4, y) || !num(5, 2, mo) || !num(8, 2, d) || !num(11, 2, h) || !num(14, 2, mi))
    return false;
  if (s.size() == 19 && (s[16] != ':' || !num(17, 2, sec))) return false;
  date::year_month_day ymd{date::year{y}, date::month{unsigned(mo)}, date::day{unsigned(d)}};
  if (!ymd.ok() || y < 1900 || y > 2200 || h > 23 || mi > 59 || sec > 59) return false;
  out = date::local_days(ymd) + std::chrono::hours(h) + std::chrono::minutes(mi) + std::chrono::seconds(sec);
  return true;
}

namespace {

// Another secondment of the person overlapping [start, end] (other than `except`).
std::optional<std::int64_t> overlapping(Database::Impl& impl, std::int64_t person, const std::string& start,
                                        const std::string& end, std::int64_t except) {
  Stmt q(impl, "SELECT id FROM secondments WHERE person_id = ? AND id <> ? AND start_date <= ? "
               "AND coalesce(actual_end, planned_end) >= ? LIMIT 1");
  q.bind(person, except, end, start);
  if (q.step()) return q.col(0).getInt64();
  return std::nullopt;
}

nlohmann::json period_json(Database::Impl& impl, std::int64_t id) { return secondment_json(*load_secondment(impl, id)); }

}  // namespace

std::int64_t insert_secondment(Database::Impl& impl, const SecondmentInput& in) {
  SecondmentRow s;
  static_cast<SecondmentInput&>(s) = in;
  check_input(s);
  if (s.end < s.start)
    fail(Errc::invalid, field("end"), "{} ({}) is before {} ({})", field("end"), format_date(s.end), field("start"),
         format_date(s.start));
  s.person_id = person_id(impl, s.staff_no, field("STAFF_NO"));
  s.home_id = unit_id(impl, s.home_unit, field("from"));
  s.host_id = unit_id(impl, s.host_unit, field("to"));
  if (s.home_id == s.host_id)
    fail(Errc::invalid, field("to"), "{}: the host unit must differ from the home unit", field("to"));
  if (auto other = overlapping(impl, s.person_id, format_date(s.start), format_date(s.end), 0))
    fail(Errc::conflict, field("start"), "{} already holds secondment {} overlapping {} to {}", s.staff_no, *other,
         format_date(s.start), format_date(s.end));
  s.original_end = s.end;
  std::int64_t id = insert_row(impl, s);
  audit(impl, "add", "secondment", std::to_string(id), nullptr, period_json(impl, id));
  return id;
}

}  // namespace detail

std::int64_t add_secondment(Database& db, const SecondmentInput& in) {
  return detail::write(db, [&](Database::Impl& impl) { return detail::insert_secondment(impl, in); });
}

Report list_secondments(Database& db, const SecondmentFilter& f) {
  return detail::read(db, [&](Database::Impl& impl) {
    Report r;
    r.kind = "secondment_list";
    r.title = detail::msg("Secondments");
    std::optional<std::string> active_on;
    if (f.active_on) active_on = detail::format_date(*f.active_on);
    std::optional<std::int64_t> host;
    if (f.host) host = detail::unit_id(impl, detail::trim(*f.host), detail::field("host"));
    auto& rows = r.data.set("secondments", Node::array());
    detail::Stmt q(impl, SECONDMENT_ROW_SELECT "WHERE (?1 IS NULL OR (s.start_date <= ?1 AND coalesce(s.actual_end, s.planned_end) >= ?1)) "
                                   "AND (?2 IS NULL OR s.batch = ?2) AND (?3 IS NULL OR s.host_unit_id = ?3) "
                                   "ORDER BY s.start_date, s.id");
    q.bind(active_on, f.batch, host);
    auto today = detail::today(detail::timezone(impl));
    while (q.step())
      detail::put_fields(rows.push(Node::object()), detail::secondment_row(q), detail::Surface::list, today);
    return r;
  });
}

Report show_secondment(Database& db, Id id) {
  return detail::read(db, [&](Database::Impl& impl) {
    detail::check_id(id, detail::field("ID"));
    Report r;
    r.kind = "secondment";
    auto row = detail::load_secondment(impl, id);
    if (!row)
      detail::fail(Errc::not_found, detail::field("ID"), "{}: unknown secondment {}", detail::field("ID"), id);
    auto& s = r.data.set("secondment", Node::object());
    detail::put_fields(s, *row, detail::Surface::show, detail::today(detail::timezone(impl)));
    r.title = detail::msg("Secondment {} {}", id, row->name);
    auto& term = r.data.set("termination", Node::object());
    term.set("on", row->p.actual_end ? Node::date(detail::format_date(*row->p.actual_end)) : Node::null());
    term.set("reason", Node::opt_string(row->end_reason));
    term.set("decided_by", Node::opt_string(row->decided_by));
    auto& ext = r.data.set("extensions", Node::array());
    detail::Stmt e(impl, "SELECT decided_on, previous_end, new_end, reason FROM secondment_extensions "
                         "WHERE secondment_id = ? ORDER BY id");
    e.bind(id);
    while (e.step()) {
      auto& row = ext.push(Node::object());
      row.set("decided_on", Node::date(e.col(0).getString()));
      row.set("previous_end", Node::date(e.col(1).getString()));
      row.set("new_end", Node::date(e.col(2).getString()));
      row.set("reason", Node::string(e.col(3).getString()));
    }
    return r;
  });
}

void extend_secondment(Database& db, Id id, Date until, const std::string& reason) {
  detail::write(db, [&](Database::Impl& impl) {
    using detail::field;
    auto p = detail::load_period(impl, id, field("ID"));
    auto text = detail::require_text(reason, field("reason"), TextLayout::paragraph);
    detail::Day until_day = until;
    if (p.actual_end)
      detail::fail(Errc::conflict, field("ID"), "secondment {} was ended early on {}: it cannot be extended", id,
                   detail::format_date(*p.actual_end));
    if (until_day <= p.planned_end)
      detail::fail(Errc::invalid, field("until"), "{} ({}) must be after the current planned end ({})", field("until"),
                   detail::format_date(until_day), detail::format_date(p.planned_end));
    if (auto other = detail::overlapping(impl, p.person_id, detail::format_date(p.start),
                                         detail::format_date(until_day), id))
      detail::fail(Errc::conflict, field("until"), "the extension would overlap secondment {} of the same person",
                   *other);
    auto before = detail::period_json(impl, id);
    detail::Stmt h(impl, "INSERT INTO secondment_extensions(secondment_id, decided_on, previous_end, new_end, reason) "
                         "VALUES (?,?,?,?,?)");
    h.bind(id, detail::format_date(detail::today(detail::timezone(impl))), detail::format_date(p.planned_end),
           detail::format_date(until_day), text)
        .exec();
    detail::Stmt u(impl, "UPDATE secondments SET planned_end = ? WHERE id = ?");
    u.bind(detail::format_date(until_day), id).exec();
    auto after = detail::period_json(impl, id);
    after["extension_reason"] = text;
    detail::audit(impl, "extend", "secondment", std::to_string(id), before, after);
  });
}

void end_secondment(Database& db, Id id, Date on, const std::string& reason,
                    const std::optional<std::string>& decided_by) {
  detail::write(db, [&](Database::Impl& impl) {
    using detail::field;
    auto p = detail::load_period(impl, id, field("ID"));
    auto text = detail::require_text(reason, field("reason"), TextLayout::paragraph);
    detail::Day day = on;
    if (p.actual_end)
      detail::fail(Errc::conflict, field("ID"), "secondment {} already ended on {}", id,
                   detail::format_date(*p.actual_end));
    if (day < p.start || day > p.planned_end)
      detail::fail(Errc::invalid, field("on"), "{} ({}) is outside the period {} to {}", field("on"),
                   detail::format_date(day), detail::format_date(p.start), detail::format_date(p.planned_end));
    detail::Stmt c(impl, "SELECT count(*) FROM checkins WHERE secondment_id = ? AND local_day > ?");
    c.bind(id, detail::day_number(day));
    c.step();
    if (auto n = c.col(0).getInt64(); n > 0)
      detail::fail(Errc::conflict, field("on"), "secondment {} has {} check-ins after {}", id, n,
                   detail::format_date(day));
    auto by = detail::optional_text(decided_by, field("decided-by"));
    auto before = detail::period_json(impl, id);
    detail::Stmt u(impl, "UPDATE secondments SET actual_end = ?, end_reason = ?, decided_by = ? WHERE id = ?");
    u.bind(detail::format_date(day), text, by, id).exec();
    detail::audit(impl, "end", "secondment", std::to_string(id), before, detail::period_json(impl, id));
  });
}

}  // namespace cadre
