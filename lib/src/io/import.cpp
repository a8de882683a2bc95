#include "audit/audit.hpp"
#include "io/importers.hpp"
#include "people/people_internal.hpp"
#include "util/text.hpp"

namespace cadre {

namespace detail {


ImportResult import_units(Database::Impl& impl, const CsvFile& file, const ImportOptions&) {
  return import_each(impl, file, {"code", "name"}, {"code", "name", "kind", "parent"}, [&](const CsvRecord& rec) {
    insert_unit(impl, UnitInput{rec.get("code").value_or(""), rec.get("name").value_or(""), rec.get("kind"),
                                rec.get("parent")});
  });
}

ImportResult import_people(Database::Impl& impl, const CsvFile& file, const ImportOptions&) {
  return import_each(impl, file, {"staff_no", "name", "unit"},
                     {"staff_no", "name", "unit", "tier", "rank", "title", "gender", "birth", "id_number"},
                     [&](const CsvRecord& rec) {
                       PersonInput p;
                       p.staff_no = rec.get("staff_no").value_or("");
                       p.name = rec.get("name");
                       p.unit = rec.get("unit");
                       p.tier = rec.get("tier");
                       p.rank = rec.get("rank");
                       p.title = rec.get("title");
                       p.gender = rec.get("gender");
                       p.birth = rec.get("birth");
                       p.id_number = rec.get("id_number");
                       insert_person(impl, p);
                     });
}

}  // namespace detail

ImportResult import_file(Database& db, const std::string& what, const std::string& path, const ImportOptions& o) {
  if (o.input_format != "csv" && o.input_format != "zkteco")
    detail::fail(Errc::invalid, "--input-format", "--input-format: unknown value {} (expected csv, zkteco)",
                 o.input_format);
  if (o.input_format == "zkteco" && what != "checkins")
    detail::fail(Errc::invalid, "--input-format", "--input-format zkteco applies to checkins only");
  using Fn = ImportResult (*)(Database::Impl&, const detail::CsvFile&, const ImportOptions&);
  Fn fn = nullptr;
  if (what == "units") fn = detail::import_units;
  else if (what == "people") fn = detail::import_people;
  else if (what == "courses") fn = detail::import_courses;
  else if (what == "sessions") fn = detail::import_sessions;
  else if (what == "enrolments") fn = detail::import_enrolments;
  else if (what == "attendance") fn = detail::import_attendance;
  else if (what != "checkins")
    detail::fail(Errc::usage, "WHAT",
                 "import: unknown kind {} (units, people, courses, sessions, enrolments, attendance, checkins)", what);
  return detail::guard([&] {
    std::optional<detail::CsvFile> file;
    if (fn) file = detail::CsvFile::read(path);  // parse before taking the write lock
    detail::Tx tx(db.impl(), detail::Tx::Mode::write);
    ImportResult r = fn ? fn(db.impl(), *file, o) : detail::import_checkins(db.impl(), path, o);
    r.what = what;
    r.dry_run = o.dry_run;
    if (o.dry_run) return r;  // the transaction rolls back: nothing is written
    detail::audit(db.impl(), "import", what, path, nullptr,
                  {{"rows", r.rows}, {"written", r.written}, {"duplicates", r.duplicates}});
    tx.commit();
    return r;
  });
}

Report import_summary(const ImportResult& result) {
  Report r;
  r.kind = "import";
  r.title = detail::msg("Import of {}", result.what);
  r.data.set("what", Node::code(result.what));
  r.data.set("rows", Node::integer(result.rows));
  r.data.set("written", Node::integer(result.written));
  r.data.set("duplicates", Node::integer(result.duplicates));
  r.data.set("dry_run", Node::boolean(result.dry_run));
  return r;
}

}  // namespace cadre
