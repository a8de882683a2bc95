// Check-ins: one from the CLI or the API, a batch; the imports (CSV and ZKTeco attlog) are
// io/checkins_import.cpp, on the same Resolver and Inserter (secondment/checkin_rows.hpp).
#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <vector>

#include "audit/audit.hpp"
#include "cadre/secondment.hpp"
#include "secondment/checkin_rows.hpp"
#include "secondment/secondment_internal.hpp"
#include "util/row_errors.hpp"
#include "util/text.hpp"
#include "util/enums.hpp"
#include "util/validate.hpp"

namespace cadre::detail {

namespace {
constexpr const char* kCheckinColumns =
    "secondment_id, person_id, at_utc, offset_minutes, minute, local_day, kind, place, lat, lon, source, device_id, "
    "raw_status, raw_verify, raw_workcode";
}  // namespace

StagedCheckins::StagedCheckins(Database::Impl& impl) : impl_(impl) {
  // Dropped at commit; gone with a rollback. A second import in the same transaction empties it.
  impl.conn->exec(
      "CREATE TEMPORARY TABLE IF NOT EXISTS cadre_stage_checkins (seq BIGINT, secondment_id BIGINT, person_id "
      "BIGINT, at_utc BIGINT, offset_minutes BIGINT, minute BIGINT, local_day BIGINT, kind TEXT, place TEXT, lat "
      "DOUBLE PRECISION, lon DOUBLE PRECISION, source TEXT, device_id BIGINT, raw_status BIGINT, raw_verify BIGINT, "
      "raw_workcode BIGINT, makeup_reason TEXT, makeup_approved_by TEXT) ON COMMIT DROP; "
      "TRUNCATE cadre_stage_checkins");
  copy_ = impl.conn->copy_in("cadre_stage_checkins",
                             {"seq", "secondment_id", "person_id", "at_utc", "offset_minutes", "minute", "local_day",
                              "kind", "place", "lat", "lon", "source", "device_id", "raw_status", "raw_verify",
                              "raw_workcode", "makeup_reason", "makeup_approved_by"});
  if (!copy_) throw Error(Errc::storage, msg("storage error: {}", "a staged import needs PostgreSQL"));
}

void StagedCheckins::add(const CheckinRow& r) {
  CopyIn& c = *copy_;
  c.add(++seq_);
  c.add(r.secondment_id);
  c.add(r.person_id);
  c.add(r.at_utc);
  c.add(r.offset_minutes);
  c.add(checkin_minute(r.at_utc));
  c.add(r.local_day);
  c.add(r.kind);
  c.add(r.place);
  c.add(r.lat);
  c.add(r.lon);
  c.add(r.source);
  c.add(r.device);
  c.add(r.status);
  c.add(r.verify);
  c.add(r.workcode);
  c.add(r.makeup_reason);
  c.add(r.makeup_approved_by);
  c.end_row();
}

std::int64_t StagedCheckins::finish() {
  copy_->finish();
  copy_.reset();
  // Fixed text: no input in it.
  // The rows already in the table are left out before the INSERT (the writers' lock keeps them so),
  // so ids are drawn only for rows written, in file order, as on SQLite.
  return impl_.conn->exec_value(
      fmt::format("WITH firsts AS (SELECT DISTINCT ON (person_id, minute) * FROM cadre_stage_checkins "
                  "ORDER BY person_id, minute, seq), "
                  "ins AS (INSERT INTO checkins({0}) SELECT {0} FROM firsts f WHERE NOT EXISTS (SELECT 1 "
                  "FROM checkins c WHERE c.person_id = f.person_id AND c.minute = f.minute) ORDER BY seq "
                  "ON CONFLICT (person_id, minute) DO NOTHING RETURNING id, person_id, minute), "
                  "mk AS (INSERT INTO checkin_makeups(checkin_id, reason, approved_by) "
                  "SELECT ins.id, f.makeup_reason, f.makeup_approved_by FROM ins JOIN firsts f "
                  "ON f.person_id = ins.person_id AND f.minute = ins.minute WHERE f.makeup_reason IS NOT NULL) "
                  "SELECT count(*) FROM ins",
                  kCheckinColumns));
}

// A make-up punch (补卡) needs a reason and an approver; an ordinary check-in takes neither.
void check_makeup(const CheckinInput& in, CheckinRow& row) {
  if (!in.makeup) {
    for (auto [given, id] : {std::pair{&in.reason, "reason"}, std::pair{&in.approved_by, "approved-by"}})
      if (*given) fail(Errc::invalid, field(id), "{} applies to a make-up punch ({}) only", field(id), field("makeup"));
    return;
  }
  row.makeup_reason = require_text(in.reason, field("reason"), TextLayout::paragraph);
  row.makeup_approved_by = require_text(in.approved_by, field("approved-by"));
}

// Validates one check-in as typed by a user or an API caller.
CheckinRow validated(Resolver& res, const CheckinInput& in, const std::string& tz) {
  CheckinRow row{};
  std::string staff_no = require_text(in.staff_no, field("STAFF_NO"));
  Instant at;
  if (in.at) {
    at = resolve(*in.at, tz, field("at"));
  } else {
    auto now = date::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    auto info = Zone::find(tz).get_info(now);
    at = Instant{now, int(std::chrono::duration_cast<std::chrono::minutes>(info.offset).count())};
  }
  row.at_utc = at.utc.time_since_epoch().count();
  row.offset_minutes = at.offset_minutes;
  row.kind = optional_enum(in.kind ? std::optional(trim(*in.kind)) : std::nullopt, field("kind"),
                           enums::checkin_kind)
                 .value_or("on_duty");
  row.place = optional_text(in.place, field("place"));
  if (in.lat.has_value() != in.lon.has_value())
    fail(Errc::invalid, field(in.lat ? "lon" : "lat"), "{} and {} go together", field("lat"), field("lon"));
  if (in.lat) {
    row.lat = check_number(*in.lat, field("lat"), kLatitude.min, kLatitude.max);
    row.lon = check_number(*in.lon, field("lon"), kLongitude.min, kLongitude.max);
  }
  row.source = require_enum(in.source, "source", enums::checkin_source);
  check_makeup(in, row);
  res.resolve(staff_no, row, field("at"));
  return row;
}

}  // namespace cadre::detail

namespace cadre {

CheckinResult checkin(Database& db, const CheckinInput& in) {
  return detail::write(db, [&](Database::Impl& impl) {
    detail::Resolver res(impl, false);
    auto row = detail::validated(res, in, detail::timezone(impl));
    CheckinResult r;
    r.secondment_id = row.secondment_id;
    r.day = detail::day_from_number(row.local_day);
    r.duplicate = !detail::Inserter(impl).insert(row);
    nlohmann::json after = {{"staff_no", detail::trim(in.staff_no)},
                            {"at", detail::format_instant({std::chrono::sys_seconds(std::chrono::seconds(row.at_utc)),
                                                           row.offset_minutes})},
                            {"secondment", row.secondment_id},
                            {"day", detail::format_date(r.day)},
                            {"kind", row.kind},
                            {"source", row.source},
                            {"duplicate", r.duplicate}};
    if (row.makeup_reason) {
      after["makeup"] = true;
      after["reason"] = *row.makeup_reason;
      after["approved_by"] = *row.makeup_approved_by;
    }
    // A duplicate changes nothing, so it is not audited.
    if (!r.duplicate) detail::audit(impl, "add", "checkin", std::to_string(row.secondment_id), nullptr, after);
    return r;
  });
}

CheckinBatchResult checkin_batch(Database& db, const std::vector<CheckinInput>& items) {
  return detail::write(db, [&](Database::Impl& impl) {
    CheckinBatchResult r;
    detail::Resolver res(impl, items.size() > 64);
    detail::RowErrors errors("checkins");
    std::vector<detail::CheckinRow> rows;
    rows.reserve(items.size());
    std::string tz = detail::timezone(impl);
    for (size_t i = 0; i < items.size(); ++i)
      errors.check(long(i + 1), [&] { rows.push_back(detail::validated(res, items[i], tz)); });
    errors.throw_if_any();
    detail::Inserter ins(impl);
    for (const auto& row : rows) {
      ++r.rows;
      if (ins.insert(row)) ++r.written;
      else ++r.duplicates;
    }
    detail::audit(impl, "import", "checkins", "batch", nullptr,
                  {{"rows", r.rows}, {"written", r.written}, {"duplicates", r.duplicates}});
    return r;
  });
}

}  // namespace cadre

namespace cadre::detail {

// `settings set timezone`: every check-in's stored local day follows the new zone, inside the
// setting's transaction, so old and new check-ins count days in one zone. A check-in whose new day
// lies in another secondment of the same person moves to it (as if it were typed now); one whose
// new day lies outside every secondment of its person stays with its own, where presence no longer
// counts it, as a check-in at that moment would have been refused. Nothing merges: duplicates are
// keyed on the UTC minute, which a zone does not change. Returns how many check-ins changed day.
std::int64_t recompute_checkin_days(Database::Impl& impl, const std::string& tz) {
  std::unordered_map<std::int64_t, std::vector<std::tuple<std::int64_t, std::int64_t, std::int64_t>>> periods;
  {
    Stmt p(impl, "SELECT person_id, id, start_date, coalesce(actual_end, planned_end) FROM secondments");
    while (p.step())
      periods[p.col(0).getInt64()].emplace_back(day_number(parse_date(p.col(2).getString(), "start_date")),
                                                day_number(parse_date(p.col(3).getString(), "end")),
                                                p.col(1).getInt64());
  }
  ZoneCache zone(tz);
  Stmt q(impl, "SELECT id, person_id, secondment_id, at_utc, local_day FROM checkins ORDER BY id");
  Stmt u(impl, "UPDATE checkins SET local_day = ?, secondment_id = ? WHERE id = ?");
  std::int64_t changed = 0;
  while (q.step()) {
    std::int64_t at = q.col(3).getInt64();
    std::int64_t day = day_number(zone.local_day(std::chrono::sys_seconds(std::chrono::seconds(at))));
    if (day == q.col(4).getInt64()) continue;
    std::int64_t secondment = q.col(2).getInt64();
    for (const auto& [start, end, id] : periods[q.col(1).getInt64()])
      if (day >= start && day <= end) secondment = id;
    u.bind(day, secondment, q.col(0).getInt64()).exec();
    u->reset();
    ++changed;
  }
  return changed;
}

}  // namespace cadre::detail
