// `import checkins`: a CSV of check-ins or a ZKTeco attlog export (io/attlog.hpp) with its device
// map, each row through the Resolver and Inserter of `checkin` (secondment/checkin_rows.hpp).
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "cadre/import.hpp"
#include "io/attlog.hpp"
#include "io/importers.hpp"
#include "secondment/checkin_rows.hpp"
#include "util/text.hpp"
#include "util/validate.hpp"

namespace cadre::detail {

namespace {

std::unordered_map<std::string, std::string> read_device_map(const std::string& path) {
  CsvReader file(path);
  file.expect_columns({"pin", "staff_no"}, {"pin", "staff_no"});
  std::unordered_map<std::string, std::string> map;
  RowErrors errors = file.errors();
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
void read_attlog(const std::string& path, Encoding encoding, Resolver& res, RowErrors& errors, Writer& write,
                 const std::unordered_map<std::string, std::string>& map, std::int64_t& count) {
  TextInput in(path, encoding);
  std::string line;
  long first_nonblank = 0;
  // Pass over the file once, keeping a one-line lookahead so the last non-blank line is known.
  std::optional<std::pair<long, std::string>> pending;
  auto handle = [&](long ln, const std::string& text, bool is_last) {
    std::string_view s(text);
    if ((ln == first_nonblank || is_last) && attlog_tokens(s).size() == 1) return;
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

void read_csv_checkins(RowSource& file, Resolver& res, RowErrors& errors, Writer& write, std::int64_t& count,
                       const std::string& tz) {
  const ImportKind& kind = import_kind("checkins");
  file.expect_columns(kind.required, kind.known, kind.name);
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
  if (o.input_format == "zkteco") {
    if (!o.device_map) fail(Errc::usage, field("device-map"), "{} zkteco needs {} FILE", field("input-format"), field("device-map"));
    if (o.sheet) fail(Errc::usage, field("sheet"), "{} applies to workbooks (.xlsx) only", field("sheet"));
    RowErrors errors(path);
    Writer write(impl, errors, r);
    auto map = read_device_map(*o.device_map);
    read_attlog(path, import_encoding(o), res, errors, write, map, r.rows);
    errors.throw_if_any();
  } else {
    if (o.device_map) fail(Errc::usage, field("device-map"), "{} applies to {} zkteco only", field("device-map"), field("input-format"));
    auto file = open_rows(path, o, import_kind("checkins"));
    RowErrors errors = file->errors();
    Writer write(impl, errors, r);
    read_csv_checkins(*file, res, errors, write, r.rows, timezone(impl));
    errors.throw_if_any();
  }
  return r;
}

}  // namespace cadre::detail
