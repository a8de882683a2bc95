// Internal: a check-in on its way to the table, shared by `checkin` (secondment/checkins.cpp) and
// the check-in imports (io/checkins_import.cpp). Built for millions of rows: people's periods are
// loaded once into memory, every row is validated before anything is written, then one prepared
// INSERT is reused in one transaction; duplicates (same person, same minute) are skipped by the
// unique index, never by scanning.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "cadre/secondment.hpp"
#include "secondment/secondment_internal.hpp"
#include "util/text.hpp"

namespace cadre::detail {

struct PersonPeriods {
  std::int64_t person_id = 0;
  // (start, end, secondment id), sorted by start; never overlapping.
  std::vector<std::tuple<std::int64_t, std::int64_t, std::int64_t>> periods;
};

// One check-in ready to insert.
struct CheckinRow {
  std::int64_t secondment_id, person_id, at_utc, local_day;
  int offset_minutes;
  std::string kind;
  std::optional<std::string> place;
  std::optional<double> lat, lon;
  std::string source;
  std::optional<std::int64_t> device, status, verify, workcode;
  // A make-up punch (补卡): why and who approved it (both, or neither for an ordinary check-in).
  std::optional<std::string> makeup_reason, makeup_approved_by;
};

// Resolves staff numbers and instants to (person, secondment, local day). `preload` reads every
// person's periods in one query (imports); otherwise each person is looked up by index once.
class Resolver {
 public:
  Resolver(Database::Impl& impl, bool preload) : impl_(impl), zone_(timezone(impl)), preload_(preload) {
    if (!preload) return;
    Stmt q(impl, "SELECT p.staff_no, p.id, s.id, s.start_date, coalesce(s.actual_end, s.planned_end) "
                 "FROM secondments s JOIN people p ON p.id = s.person_id ORDER BY p.id, s.start_date");
    while (q.step()) add(q.col(0).getString(), q.col(1).getInt64(), q.col(2).getInt64(), q.col(3).getString(),
                         q.col(4).getString());
  }

  ZoneCache& zone() { return zone_; }

  // Fills person, secondment and local day of `row` (row.at_utc set); Error when no period covers it.
  void resolve(const std::string& staff_no, CheckinRow& row, std::string_view field) {
    const PersonPeriods& pp = person(staff_no);
    auto day = zone_.local_day(std::chrono::sys_seconds(std::chrono::seconds(row.at_utc)));
    std::int64_t n = day_number(day);
    row.person_id = pp.person_id;
    row.local_day = n;
    for (const auto& [start, end, id] : pp.periods) {
      if (n >= start && n <= end) {
        row.secondment_id = id;
        return;
      }
    }
    if (pp.periods.empty()) fail(Errc::invalid, detail::field("STAFF_NO"), "{} has no secondment", staff_no);
    fail(Errc::invalid, field, "{}: {} is outside every secondment of {}", field, format_date(day), staff_no);
  }

 private:
  void add(const std::string& staff_no, std::int64_t person, std::int64_t id, const std::string& start,
           const std::string& end) {
    auto& pp = people_[staff_no];
    pp.person_id = person;
    pp.periods.emplace_back(day_number(parse_date(start, "start_date")), day_number(parse_date(end, "end")), id);
  }
  const PersonPeriods& person(const std::string& staff_no) {
    auto it = people_.find(staff_no);
    if (it != people_.end()) return it->second;
    if (!preload_) {
      Stmt q(impl_, "SELECT p.id, s.id, s.start_date, coalesce(s.actual_end, s.planned_end) FROM people p "
                    "LEFT JOIN secondments s ON s.person_id = p.id WHERE p.staff_no = ? ORDER BY s.start_date");
      q.bind(staff_no);
      bool found = false;
      while (q.step()) {
        found = true;
        auto& pp = people_[staff_no];
        pp.person_id = q.col(0).getInt64();
        if (!q.col(1).isNull()) add(staff_no, pp.person_id, q.col(1).getInt64(), q.col(2).getString(), q.col(3).getString());
      }
      if (found) return people_[staff_no];
    } else {
      Stmt q(impl_, "SELECT id FROM people WHERE staff_no = ?");
      q.bind(staff_no);
      if (q.step()) {
        auto& pp = people_[staff_no];
        pp.person_id = q.col(0).getInt64();
        return pp;
      }
    }
    fail(Errc::not_found, field("STAFF_NO"), "unknown person {}", staff_no);
  }

  Database::Impl& impl_;
  ZoneCache zone_;
  bool preload_;
  std::unordered_map<std::string, PersonPeriods> people_;
};

// Validates one check-in as typed by a user or an API caller.
CheckinRow validated(Resolver& res, const CheckinInput& in, const std::string& tz);

// The duplicate key's minute of an instant: at_utc / 60, rounded down.
inline std::int64_t checkin_minute(std::int64_t at_utc) { return at_utc / 60 - (at_utc % 60 != 0 && at_utc < 0); }

// The one INSERT of check-ins. Returns false for a duplicate (same person, same minute).
class Inserter {
 public:
  explicit Inserter(Database::Impl& impl)
      : impl_(impl),
        q_(impl,
           "INSERT INTO checkins(secondment_id, person_id, at_utc, offset_minutes, minute, local_day, kind, "
           "place, lat, lon, source, device_id, raw_status, raw_verify, raw_workcode) "
           "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(person_id, minute) DO NOTHING") {}
  bool insert(const CheckinRow& r) {
    q_.bind(r.secondment_id, r.person_id, r.at_utc, r.offset_minutes, checkin_minute(r.at_utc), r.local_day, r.kind,
            r.place, r.lat, r.lon, r.source, r.device, r.status, r.verify, r.workcode);
    int changed = q_.exec();
    q_->reset();
    if (changed > 0 && r.makeup_reason) insert_makeup(r);
    return changed > 0;
  }

 private:
  // The make-up's row beside its check-in, found by the duplicate key (portable, no rowid).
  void insert_makeup(const CheckinRow& r) {
    Stmt m(impl_,
           "INSERT INTO checkin_makeups(checkin_id, reason, approved_by) "
           "SELECT id, ?, ? FROM checkins WHERE person_id = ? AND minute = ?");
    m.bind(*r.makeup_reason, r.makeup_approved_by, r.person_id, checkin_minute(r.at_utc)).exec();
  }
  Database::Impl& impl_;
  Stmt q_;
};

// The check-ins of an import on PostgreSQL, where a row-at-a-time INSERT is a round trip per row:
// every validated row goes into a temporary staging table through COPY (streamed), then one
// statement writes them as Inserter would one by one — the first row of each person and minute in
// file order, none already in the table (ON CONFLICT DO NOTHING), ids in file order — and the
// make-ups of the rows written. All inside the command's transaction: a bad row anywhere, or a
// failure of the final statement, and the rollback leaves the database as it was.
class StagedCheckins {
 public:
  explicit StagedCheckins(Database::Impl& impl);
  void add(const CheckinRow& r);
  // Writes what was staged; the number of check-ins written (the rest were duplicates).
  std::int64_t finish();

 private:
  Database::Impl& impl_;
  std::unique_ptr<CopyIn> copy_;
  std::int64_t seq_ = 0;
};

}  // namespace cadre::detail
