// Check-ins: one from the CLI or the API, a batch, and imports (CSV and ZKTeco attlog).
// Built for millions of rows: people's periods are loaded once into memory, every row is
// validated before anything is written, then one prepared INSERT is reused in one transaction;
// duplicates (same person, same minute) are skipped by the unique index, never by scanning.
#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <vector>

#include "audit/audit.hpp"
#include "cadre/import.hpp"
#include "cadre/secondment.hpp"
#include "io/importers.hpp"
#include "secondment/secondment_internal.hpp"
#include "util/text.hpp"
#include "util/enums.hpp"
#include "util/validate.hpp"

namespace cadre::detail {

namespace {

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
  res.resolve(staff_no, row, field("at"));
  return row;
}

// The one INSERT of check-ins. Returns false for a duplicate (same person, same minute).
class Inserter {
 public:
  explicit Inserter(Database::Impl& impl)
      : q_(impl, "INSERT INTO checkins(secondment_id, person_id, at_utc, offset_minutes, minute, local_day, kind, "
                 "place, lat, lon, source, device_id, raw_status, raw_verify, raw_workcode) "
                 "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(person_id, minute) DO NOTHING") {}
  bool insert(const CheckinRow& r) {
    q_.bind(r.secondment_id, r.person_id, r.at_utc, r.offset_minutes, floor_div(r.at_utc, 60), r.local_day, r.kind,
            r.place, r.lat, r.lon, r.source, r.device, r.status, r.verify, r.workcode);
    int changed = q_.exec();
    q_->reset();
    return changed > 0;
  }

 private:
  static std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
  Stmt q_;
};

}  // namespace

// --- ZKTeco attlog --------------------------------------------------------------------------
namespace {

std::vector<std::string_view> tokens(std::string_view line) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
    size_t b = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') ++i;
    if (i > b) out.push_back(line.substr(b, i - b));
  }
  return out;
}

bool small_int(std::string_view s, std::int64_t& v) {
  if (s.empty() || s.size() > 9) return false;
  v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  return true;
}

}  // namespace

bool parse_attlog_line(std::string_view line, AttlogPunch& out) {
  auto t = tokens(line);
  if (t.size() < 6) return false;
  std::string when = std::string(t[1]) + " " + std::string(t[2]);
  std::int64_t workcode = 0, extra = 0;
  bool ok = parse_local_time(when, out.local) && small_int(t[3], out.device) && small_int(t[4], out.status) &&
            small_int(t[5], out.verify) && (t.size() < 7 || small_int(t[6], workcode));
  for (size_t i = 7; ok && i < t.size(); ++i) ok = small_int(t[i], extra);
  if (!ok) return false;
  out.pin = std::string(t[0]);
  out.workcode = t.size() >= 7 ? std::optional<std::int64_t>(workcode) : std::nullopt;
  return true;
}

namespace {

std::unordered_map<std::string, std::string> read_device_map(const std::string& path) {
  CsvReader file(path);
  file.expect_columns({"pin", "staff_no"}, {"pin", "staff_no"});
  std::unordered_map<std::string, std::string> map;
  RowErrors errors(path);
  each_record(file, errors, [&](const CsvRow& row) {
    CsvRecord rec(file, row);
    errors.check(row.line, [&] {
      auto pin = rec.require("pin");
      auto staff = rec.require("staff_no");
      if (!map.emplace(pin, staff).second) fail(Errc::invalid, "pin", "pin {} appears twice in the device map", pin);
    });
  });
  errors.throw_if_any();
  return map;
}

// Writes each validated check-in as it comes (the caller's transaction is rolled back if any row
// is bad, so once one is, the rest are only validated), counting written rows and duplicates.
class Writer {
 public:
  Writer(Database::Impl& impl, const RowErrors& errors, ImportResult& r) : ins_(impl), errors_(errors), r_(r) {}
  void operator()(const CheckinRow& row) {
    if (!errors_.empty()) return;
    if (ins_.insert(row))
      ++r_.written;
    else
      ++r_.duplicates;
  }

 private:
  Inserter ins_;
  const RowErrors& errors_;
  ImportResult& r_;
};

// Lines of an attlog file: "PIN<TAB>YYYY-MM-DD HH:MM:SS<TAB>DeviceID<TAB>Status<TAB>Verify<TAB>WorkCode".
// Tabs and spaces are both taken as separators (exports pad the PIN with spaces and vary the rest);
// more integer fields after WorkCode (newer firmware) are ignored. The first and the last
// non-blank line are skipped by their shape only: one token, as the serial-number header and the
// checksum trailer some exports add. Any other line that does not parse, a cut-off punch above
// all, is an error; so is a file without a single punch.
void read_attlog(const std::string& path, Resolver& res, RowErrors& errors, Writer& write,
                 const std::unordered_map<std::string, std::string>& map, std::int64_t& count) {
  TextInput in(path);
  std::string line;
  long first_nonblank = 0;
  // Pass over the file once, keeping a one-line lookahead so the last non-blank line is known.
  std::optional<std::pair<long, std::string>> pending;
  auto handle = [&](long ln, const std::string& text, bool is_last) {
    std::string_view s(text);
    if ((ln == first_nonblank || is_last) && tokens(s).size() == 1) return;
    ++count;
    errors.check(ln, [&] {
      AttlogPunch p;
      if (!parse_attlog_line(s, p))
        fail(Errc::invalid, "line",
             "not an attlog punch (PIN, YYYY-MM-DD HH:MM:SS, device, status, verify, workcode): {}", trim(s));
      const std::string& pin = p.pin;
      auto it = map.find(pin);
      if (it == map.end()) fail(Errc::invalid, "pin", "PIN {} is not in the device map", pin);
      CheckinRow row{};
      Instant at = res.zone().from_local(p.local);
      row.at_utc = at.utc.time_since_epoch().count();
      row.offset_minutes = at.offset_minutes;
      row.kind = "on_duty";
      row.source = "device:" + std::to_string(p.device);
      row.device = p.device;
      row.status = p.status;
      row.verify = p.verify;
      if (p.workcode) row.workcode = *p.workcode;
      res.resolve(it->second, row, field("time"));
      write(row);
    });
  };
  while (in.next(line)) {
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    if (trim(line).empty()) continue;
    if (first_nonblank == 0) first_nonblank = in.line();
    if (pending) {
      handle(pending->first, pending->second, false);
      if (errors.full()) {
        errors.stopped_at(pending->first);
        return;
      }
    }
    pending.emplace(in.line(), line);
  }
  if (pending) handle(pending->first, pending->second, pending->first != first_nonblank);
  if (count == 0 && errors.empty()) fail(Errc::invalid, "FILE", "{}: no punches in the file (is it an attlog?)", path);
}

void read_csv_checkins(const std::string& path, Resolver& res, RowErrors& errors, Writer& write, std::int64_t& count,
                       const std::string& tz) {
  CsvReader file(path);
  file.expect_columns({"staff_no", "at"}, {"staff_no", "at", "kind", "place", "lat", "lon"});
  each_record(file, errors, [&](const CsvRow& raw) {
    ++count;
    CsvRecord rec(file, raw);
    errors.check(raw.line, [&] {
      CheckinInput in;  // each column parsed by the text layer, named as the column
      in.staff_no = rec.require("staff_no");
      in.at = parse_when(rec.require("at"), "at");
      in.kind = rec.get("kind");
      in.place = rec.get("place");
      in.lat = parse_optional_number(rec.get("lat"), "lat", kLatitude.min, kLatitude.max);
      in.lon = parse_optional_number(rec.get("lon"), "lon", kLongitude.min, kLongitude.max);
      in.source = "import";
      write(validated(res, in, tz));
    });
  });
}

}  // namespace

ImportResult import_checkins(Database::Impl& impl, const std::string& path, const ImportOptions& o) {
  ImportResult r;
  Resolver res(impl, true);
  RowErrors errors(path);
  Writer write(impl, errors, r);
  if (o.input_format == "zkteco") {
    if (!o.device_map) fail(Errc::usage, "--device-map", "--input-format zkteco needs --device-map FILE");
    auto map = read_device_map(*o.device_map);
    read_attlog(path, res, errors, write, map, r.rows);
  } else {
    if (o.device_map) fail(Errc::usage, "--device-map", "--device-map applies to --input-format zkteco only");
    read_csv_checkins(path, res, errors, write, r.rows, timezone(impl));
  }
  errors.throw_if_any();
  return r;
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
