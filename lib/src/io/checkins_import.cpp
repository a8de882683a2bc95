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
// On PostgreSQL the rows are staged through COPY and written at finish() (secondment/checkin_rows.hpp).
class Writer {
 public:
  Writer(Database::Impl& impl, const RowErrors& errors, ImportResult& r) : ins_(impl), errors_(errors), r_(r) {
    if (impl.backend() == Backend::postgres) staged_.emplace(impl);
  }
  void operator()(const CheckinRow& row) {
    if (!errors_.empty()) return;
    if (staged_) {
      staged_->add(row);
      ++staged_rows_;
    } else if (ins_.insert(row)) {
      ++r_.written;
    } else {
      ++r_.duplicates;
    }
  }
  // After the last row, when no row was bad.
  void finish() {
    if (!staged_ || !errors_.empty()) return;
    r_.written = staged_->finish();
    r_.duplicates = staged_rows_ - r_.written;
  }

 private:
  Inserter ins_;
  std::optional<StagedCheckins> staged_;
  std::int64_t staged_rows_ = 0;
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

// DingTalk's 原始记录 (raw punch records), as DESIGN.md gives its columns and value shapes. The
// export has more columns than these (考勤组, 部门, 职位, 打卡设备 ...); they are read past.
namespace dingtalk {
constexpr const char* date = "考勤日期";  // YYYY-MM-DD, possibly followed by the weekday
constexpr const char* time = "打卡时间";  // HH:MM[:SS] or YYYY-MM-DD HH:MM[:SS]; empty: 未打卡
constexpr const char* staff_no = "工号";
constexpr const char* user_id = "UserId";
constexpr const char* name = "姓名";
constexpr const char* result = "打卡结果";   // 正常, 迟到, 补卡 ...
constexpr const char* address = "打卡地址";  // the place
constexpr const char* note = "打卡备注";
constexpr const char* reason = "异常打卡原因";
constexpr const char* changed = "管理员修改备注";  // not empty: a manager changed the row (a make-up)
}  // namespace dingtalk

// `--person-map FILE`: CSV with staff_no and userid and/or name; DingTalk's UserId or 姓名 to a
// staff number.
struct PersonMap {
  std::unordered_map<std::string, std::string> by_user_id, by_name;
};

PersonMap read_person_map(const std::string& path) {
  CsvReader file(path);
  file.expect_columns({"staff_no"}, {"userid", "name", "staff_no"});
  if (file.column("userid") < 0 && file.column("name") < 0)
    fail(Errc::invalid, "userid", "{}: missing column userid or name", file.name());
  PersonMap map;
  RowErrors errors = file.errors();
  each_record(file, errors, [&](const CsvRow& row) {
    CsvRecord rec(file, row);
    errors.check(row.line, [&] {
      auto staff = rec.require("staff_no");
      auto user = rec.get("userid"), name = rec.get("name");
      if (!user && !name) fail(Errc::invalid, "userid", "userid or name: required");
      if (user && !map.by_user_id.emplace(*user, staff).second)
        fail(Errc::invalid, "userid", "userid {} appears twice in the person map", *user);
      if (name && !map.by_name.emplace(*name, staff).second)
        fail(Errc::invalid, "name", "name {} appears twice in the person map (map by userid)", *name);
    });
  });
  errors.throw_if_any();
  return map;
}

// The rows of a DingTalk export: the title rows above its header skipped, whatever other columns
// it has read past.
std::unique_ptr<RowSource> open_dingtalk(const std::string& path, const ImportOptions& o) {
  std::vector<std::string> needs = {dingtalk::date, dingtalk::time};
  if (is_workbook(path)) {
    if (o.encoding)
      fail(Errc::usage, field("encoding"), "{} applies to text files, not to a workbook", field("encoding"));
    return std::make_unique<XlsxRows>(
        path, o.sheet, SheetSpec{needs, needs, {}, {{dingtalk::date, Serial::date}, {dingtalk::time, Serial::clock}}});
  }
  if (o.sheet) fail(Errc::usage, field("sheet"), "{} applies to workbooks (.xlsx) only", field("sheet"));
  return std::make_unique<CsvReader>(path, import_encoding(o), needs);
}

// HH:MM or HH:MM:SS, each part two digits.
bool is_clock(std::string_view t) {
  auto digits = [&](std::size_t at) { return t[at] >= '0' && t[at] <= '9' && t[at + 1] >= '0' && t[at + 1] <= '9'; };
  if (t.size() != 5 && t.size() != 8) return false;
  if (!digits(0) || t[2] != ':' || !digits(3)) return false;
  return t.size() == 5 || (t[5] == ':' && digits(6));
}

void read_dingtalk(RowSource& file, Resolver& res, RowErrors& errors, Writer& write, std::int64_t& count,
                   const std::string& tz, const std::optional<PersonMap>& map) {
  auto col = [&](const char* heading) -> std::optional<std::string> {
    if (file.column(heading) < 0) return std::nullopt;
    return std::string(heading);
  };
  // Who a row is: 工号, or through the person map UserId (when the map has userids) or 姓名.
  std::string who;
  if (!map) {
    if (!col(dingtalk::staff_no))
      fail(Errc::invalid, dingtalk::staff_no, "{}: missing column {} (or give --person-map FILE for {} or {})",
           file.name(), dingtalk::staff_no, dingtalk::user_id, dingtalk::name);
    who = dingtalk::staff_no;
  } else {
    who = !map->by_user_id.empty() && col(dingtalk::user_id) ? dingtalk::user_id : dingtalk::name;
    if (!col(who.c_str())) fail(Errc::invalid, who, "{}: missing column {} (the person map maps it)", file.name(), who);
  }
  const auto& mapped = who == dingtalk::user_id ? map->by_user_id
                       : who == dingtalk::name  ? map->by_name
                                                : map->by_user_id;
  each_record(file, errors, [&](const CsvRow& raw) {
    ++count;
    CsvRecord rec(file, raw);
    errors.check(raw.line, [&] {
      auto time = rec.get(dingtalk::time);
      if (!time) return;  // 未打卡: no punch
      std::string day_text = rec.require(dingtalk::date);
      std::string day = day_text.substr(0, day_text.find_first_of(" \t"));  // "2026-03-02 星期一"
      parse_date(day, dingtalk::date);                                      // names the column
      std::string at = *time;
      if (!is_clock(at)) {  // a full date and time
        auto space = at.find(' ');
        if (space == std::string::npos || !is_clock(at.substr(space + 1)))
          fail(Errc::invalid, dingtalk::time, "{}: not a time (HH:MM[:SS] or YYYY-MM-DD HH:MM[:SS]): {}",
               dingtalk::time, at);
        parse_date(at.substr(0, space), dingtalk::time);
      } else {
        at = day + " " + at;
      }
      if (at.size() == 16) at += ":00";
      at[10] = 'T';
      CheckinInput in;
      auto given = rec.get(who);
      if (!given && !map)
        fail(Errc::invalid, who, "{}: required (or give --person-map FILE for {} or {})", who, dingtalk::user_id,
             dingtalk::name);
      std::string key = given ? *given : rec.require(who);
      if (map) {
        auto it = mapped.find(key);
        if (it == mapped.end()) fail(Errc::invalid, who, "{}: {} is not in the person map", who, key);
        in.staff_no = it->second;
      } else {
        in.staff_no = key;
      }
      in.at = parse_when(at, dingtalk::time);
      in.place = rec.get(dingtalk::address);
      in.source = "import";
      // A manager's change or a 补卡 is a make-up punch: why from the punch's note (else the
      // exception's reason, else the result), approved by the manager's remark (else the result
      // the export records, e.g. 补卡审批通过).
      auto changed = rec.get(dingtalk::changed);
      auto result = rec.get(dingtalk::result);
      if (changed || (result && result->find("补卡") != std::string::npos)) {
        in.makeup = true;
        in.reason = rec.get(dingtalk::note);
        if (!in.reason) in.reason = rec.get(dingtalk::reason);
        if (!in.reason) in.reason = result ? result : changed;
        in.approved_by = changed ? changed : result;
      }
      write(validated(res, in, tz));
    });
  });
}

}  // namespace

ImportResult import_checkins(Database::Impl& impl, const std::string& path, const ImportOptions& o) {
  ImportResult r;
  Resolver res(impl, true);
  if (o.person_map && o.input_format != "dingtalk")
    fail(Errc::usage, field("person-map"), "{} applies to {} dingtalk only", field("person-map"),
         field("input-format"));
  if (o.input_format == "dingtalk") {
    if (o.device_map)
      fail(Errc::usage, field("device-map"), "{} applies to {} zkteco only", field("device-map"),
           field("input-format"));
    std::optional<PersonMap> map;
    if (o.person_map) map = read_person_map(*o.person_map);
    auto file = open_dingtalk(path, o);
    RowErrors errors = file->errors();
    Writer write(impl, errors, r);
    read_dingtalk(*file, res, errors, write, r.rows, timezone(impl), map);
    errors.throw_if_any();
    write.finish();
  } else if (o.input_format == "zkteco") {
    if (!o.device_map) fail(Errc::usage, field("device-map"), "{} zkteco needs {} FILE", field("input-format"), field("device-map"));
    if (o.sheet) fail(Errc::usage, field("sheet"), "{} applies to workbooks (.xlsx) only", field("sheet"));
    RowErrors errors(path);
    Writer write(impl, errors, r);
    auto map = read_device_map(*o.device_map);
    read_attlog(path, import_encoding(o), res, errors, write, map, r.rows);
    errors.throw_if_any();
    write.finish();
  } else {
    if (o.device_map) fail(Errc::usage, field("device-map"), "{} applies to {} zkteco only", field("device-map"), field("input-format"));
    auto file = open_rows(path, o, import_kind("checkins"));
    RowErrors errors = file->errors();
    Writer write(impl, errors, r);
    read_csv_checkins(*file, res, errors, write, r.rows, timezone(impl));
    errors.throw_if_any();
    write.finish();
  }
  return r;
}

}  // namespace cadre::detail
