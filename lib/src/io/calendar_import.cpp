// `calendar import`: the holiday calendar from a CSV file (date, kind, name, name_zh).
#include <string>
#include <unordered_set>

#include "audit/audit.hpp"
#include "cadre/calendar.hpp"
#include "cadre/import.hpp"
#include "cadre/parse.hpp"
#include "io/importers.hpp"
#include "store/store.hpp"
#include "util/dates.hpp"
#include "util/text.hpp"
#include "util/validate.hpp"

namespace cadre {

// Each row is written as it is read (the transaction is rolled back if any row is bad, and on a dry
// run nothing is written): only the dates seen are kept, at most the days between 1900 and 2200.
ImportResult import_calendar(Database& db, const std::string& path, bool dry_run,
                             const std::optional<std::string>& encoding) {
  detail::CsvReader file(path, encoding ? detail::parse_encoding(*encoding) : detail::Encoding::detect);
  file.expect_columns({"date", "kind"}, {"date", "kind", "name", "name_zh"});
  return detail::write(db, [&](Database::Impl& impl) {
    ImportResult r;
    r.what = "calendar";
    r.dry_run = dry_run;
    detail::RowErrors errors(path);
    std::unordered_set<std::string> seen;
    detail::Stmt ins(impl,
                     "INSERT INTO calendar_days(day, kind, name, name_zh) VALUES (?,?,?,?) "
                     "ON CONFLICT(day) DO UPDATE SET kind = excluded.kind, name = excluded.name, "
                     "name_zh = excluded.name_zh");
    detail::each_record(file, errors, [&](const detail::CsvRow& raw) {
      detail::CsvRecord rec(file, raw);
      errors.check(raw.line, [&] {
        using detail::field;
        std::string day = format_date(parse_date(rec.require("date"), "date"));
        std::string kind = detail::require_enum(rec.require("kind"), field("kind"), detail::enums::calendar_day_kind);
        std::string name = detail::optional_text(rec.get("name"), field("name")).value_or("");
        std::string name_zh = detail::optional_text(rec.get("name_zh"), field("name_zh")).value_or("");
        if (!seen.insert(day).second)
          detail::fail(Errc::conflict, field("date"), "{}: {} appears twice in the file", field("date"), day);
        ++r.rows;
        if (dry_run || !errors.empty()) return;
        ins.bind(day, kind, name, name_zh).exec();
        ins->reset();
        ++r.written;
      });
    });
    errors.throw_if_any();
    if (dry_run) return r;
    detail::audit(impl, "import", "calendar", path, nullptr, {{"days", r.written}});
    return r;
  });
}

}  // namespace cadre
