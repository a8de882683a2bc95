#include <fmt/ranges.h>

#include <algorithm>
#include <unordered_map>

#include "audit/audit.hpp"
#include "io/importers.hpp"
#include "people/lookup.hpp"
#include "people/people_internal.hpp"
#include "util/text.hpp"

namespace cadre {

namespace detail {

// Units in any order: a unit whose parent comes later in the file waits for it, so each unit is
// written once, with its parent (and audited as it is). What still waits at the end has a parent
// that is neither in the database nor in the file, or parents that form a cycle in the file.
ImportResult import_units(Database::Impl& impl, CsvReader& file, const ImportOptions&) {
  file.expect_columns({"code", "name"}, {"code", "name", "kind", "parent"});
  ImportResult r;
  RowErrors errors(file.name());
  struct Row {
    long line;
    UnitInput unit;
  };
  std::unordered_map<std::string, std::vector<Row>> waiting;  // by the parent's code
  // A work list, not recursion: a long chain of forward references must not exhaust the stack.
  auto insert = [&](Row first) {
    std::vector<Row> todo{std::move(first)};
    while (!todo.empty()) {
      Row row = std::move(todo.back());
      todo.pop_back();
      bool ok = false;
      apply_row(impl, errors, row.line, [&] {
        insert_unit(impl, row.unit);
        ok = true;
        ++r.written;
      });
      auto children = waiting.find(row.unit.code);
      if (!ok || children == waiting.end()) continue;
      for (auto& c : children->second) todo.push_back(std::move(c));
      waiting.erase(children);
    }
  };
  each_record(file, errors, [&](const CsvRow& raw) {
    CsvRecord rec(file, raw);
    Row row{raw.line,
            UnitInput{rec.get("code").value_or(""), rec.get("name").value_or(""), rec.get("kind"), rec.get("parent")}};
    ++r.rows;
    const auto& parent = row.unit.parent;
    if (parent && *parent != row.unit.code && !find_unit_id(impl, *parent))
      waiting[*parent].push_back(std::move(row));
    else
      insert(std::move(row));
  });
  std::unordered_map<std::string, const Row*> waits;  // code -> its waiting row
  std::vector<const Row*> left;
  for (const auto& [parent, rows] : waiting)
    for (const auto& row : rows) {
      waits.emplace(row.unit.code, &row);
      left.push_back(&row);
    }
  std::sort(left.begin(), left.end(), [](const Row* a, const Row* b) { return a->line < b->line; });
  for (const Row* row : left) {
    apply_row(impl, errors, row->line, [&] {
      // Up the chain of waiting parents: back to this unit is a cycle, else the parent is unknown.
      std::vector<long> lines{row->line};
      auto up = waits.find(*row->unit.parent);
      for (std::size_t steps = 0; up != waits.end() && steps <= waits.size(); ++steps) {
        if (up->second == row) {
          std::sort(lines.begin(), lines.end());
          fail(Errc::invalid, "parent", "parent: {} is its own ancestor through the parents in this file (lines {})",
               row->unit.code, fmt::join(lines, ", "));
        }
        lines.push_back(up->second->line);
        up = waits.find(*up->second->unit.parent);
      }
      insert_unit(impl, row->unit);  // names the unknown parent
    });
  }
  errors.throw_if_any();
  return r;
}

ImportResult import_people(Database::Impl& impl, CsvReader& file, const ImportOptions&) {
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
  using Fn = ImportResult (*)(Database::Impl&, detail::CsvReader&, const ImportOptions&);
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
    // The header is read before taking the write lock (a folder, an empty file or a bad header is
    // refused without it); the rows are read and written one at a time under it.
    std::optional<detail::CsvReader> file;
    if (fn) file.emplace(path);
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
