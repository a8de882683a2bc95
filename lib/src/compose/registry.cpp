// The registry of report kinds and C API lists: the one place each kind is listed, with what its
// key names, the options it reads and its builder. The CLI's `report` (usage, positional, options),
// cadre_report and build_report (below) read it; adding a kind is its builder plus one line here.
#include "compose/registry.hpp"

#include <algorithm>
#include <array>

#include "cadre/audit.hpp"
#include "cadre/calendar.hpp"
#include "cadre/callup.hpp"
#include "cadre/certificate.hpp"
#include "cadre/parse.hpp"
#include "cadre/people.hpp"
#include "cadre/report.hpp"
#include "cadre/secondment.hpp"
#include "cadre/settings.hpp"
#include "cadre/summary_report.hpp"
#include "cadre/training.hpp"
#include "util/enums.hpp"
#include "util/text.hpp"

namespace cadre {
namespace {

using Key = ReportKey;

// A required key is there by the time a builder runs: each surface checks it first, in its own words.
const std::string& key(const ReportArgs& a) { return *a.key; }

// The batch of `report secondments`: the option, else a non-blank key (the C API's key, the
// public build_report's key).
std::optional<std::string> batch(const ReportArgs& a) {
  if (a.batch) return a.batch;
  if (a.key && !a.key->empty()) return a.key;
  return std::nullopt;
}

// Reports (the CLI's `report` and cadre_report), then the lists of cadre_report. Never rename one.
constexpr std::array kinds = {
    // name, key, key use, the CLI option that carries the key, other options, list, builder
    ReportKind{"course", "CODE", Key::required, "", report_as_of, false,
               [](Database& db, const ReportArgs& a) {
                 return report_course(db, key(a), parse_optional_date(a.as_of, "as-of"));
               }},
    ReportKind{"person", "STAFF_NO", Key::required, "", report_as_of, false,
               [](Database& db, const ReportArgs& a) {
                 // A given --as-of must be a date, even blank (the training record always read it so).
                 std::optional<Date> as_of;
                 if (a.as_of) as_of = parse_date(*a.as_of, "as-of");
                 return report_person(db, key(a), as_of);
               }},
    ReportKind{"secondment", "ID", Key::required, "", report_as_of, false,
               [](Database& db, const ReportArgs& a) {
                 // Text from the CLI and the C API; the secondment reports take typed values.
                 Id id = parse_id(key(a), "ID");
                 return report_secondment(db, id, parse_optional_date(a.as_of, "as-of"));
               }},
    ReportKind{"secondments", "BATCH", Key::optional, "batch", report_host | report_as_of, false,
               [](Database& db, const ReportArgs& a) {
                 return report_secondments(db, batch(a), a.host, parse_optional_date(a.as_of, "as-of"));
               }},
    ReportKind{"hours", "YEAR", Key::required, "year", report_unit, false,
               [](Database& db, const ReportArgs& a) {
                 int year = int(parse_integer(key(a), "year", kMinYear, kMaxYear));
                 return report_hours(db, year, a.unit);
               }},
    ReportKind{"summary", "ID", Key::required, "", report_as_of, false,
               [](Database& db, const ReportArgs& a) {
                 return report_summary(db, parse_id(key(a), "ID"), parse_optional_date(a.as_of, "as-of"));
               }},
    ReportKind{"callup", "COURSE", Key::required, "", report_as_of, false,
               [](Database& db, const ReportArgs& a) {
                 return report_callup(db, key(a), parse_optional_date(a.as_of, "as-of"));
               }},
    ReportKind{"courses", "", Key::none, "", 0, true, [](Database& db, const ReportArgs&) { return list_courses(db); }},
    ReportKind{"course_detail", "CODE", Key::required, "", 0, true,
               [](Database& db, const ReportArgs& a) { return show_course(db, key(a)); }},
    ReportKind{"units", "", Key::none, "", 0, true, [](Database& db, const ReportArgs&) { return list_units(db); }},
    ReportKind{"people", "UNIT", Key::optional, "", 0, true,
               [](Database& db, const ReportArgs& a) { return list_people(db, a.key); }},
    ReportKind{"secondment_list", "BATCH", Key::optional, "", report_host | report_as_of, true,
               [](Database& db, const ReportArgs& a) {
                 return list_secondments(db, SecondmentFilter{parse_optional_date(a.as_of, "as-of"), a.key, a.host});
               }},
    ReportKind{"secondment_show", "ID", Key::required, "", 0, true,
               [](Database& db, const ReportArgs& a) { return show_secondment(db, parse_id(key(a), "ID")); }},
    ReportKind{"settings", "KEY", Key::optional, "", 0, true,
               [](Database& db, const ReportArgs& a) { return get_settings(db, a.key.value_or("")); }},
    ReportKind{"audit", "SINCE", Key::optional, "", 0, true,
               [](Database& db, const ReportArgs& a) {
                 return audit_log(db, a.key ? std::optional(parse_date(*a.key, "SINCE")) : std::nullopt);
               }},
    ReportKind{"certificate", "NUMBER", Key::required, "", 0, true,
               [](Database& db, const ReportArgs& a) { return report_certificate(db, key(a)); }},
    ReportKind{"certificate_show", "NUMBER", Key::required, "", 0, true,
               [](Database& db, const ReportArgs& a) { return certificate_page(db, key(a)); }},
    ReportKind{"calendar", "YYYY-MM", Key::required, "", 0, true,
               [](Database& db, const ReportArgs& a) { return calendar_month(db, parse_month(key(a), "YYYY-MM")); }},
};

}  // namespace

std::span<const ReportKind> report_kinds() { return kinds; }

const ReportKind* find_report_kind(std::string_view name) {
  auto it = std::find_if(kinds.begin(), kinds.end(), [&](const ReportKind& k) { return k.name == name; });
  return it == kinds.end() ? nullptr : &*it;
}

namespace detail {
const ReportKind& report_kind(std::string_view name, bool lists) {
  const ReportKind* kind = find_report_kind(name);
  if (kind && (lists || !kind->list)) return *kind;
  std::vector<std::string> names;
  for (const auto& k : kinds)
    if (!k.list) names.emplace_back(k.name);
  fail(Errc::usage, "KIND", "report: unknown kind {} ({})", name, word_list(names));
}
}  // namespace detail

Report build_report(Database& db, const ReportRequest& q) {
  return detail::report_kind(q.kind, false).build(db, ReportArgs{q.key, q.as_of, q.batch, q.host, q.unit});
}

}  // namespace cadre
