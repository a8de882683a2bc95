#include <fmt/ranges.h>

#include <algorithm>
#include <unordered_map>

#include "audit/audit.hpp"
#include "cadre/secondment.hpp"
#include "io/importers.hpp"
#include "people/lookup.hpp"
#include "people/people_internal.hpp"
#include "util/enums.hpp"
#include "util/text.hpp"

namespace cadre {

namespace detail {

// Units in any order: a unit whose parent comes later in the file waits for it, so each unit is
// written once, with its parent (and audited as it is). What still waits at the end has a parent
// that is neither in the database nor in the file, or parents that form a cycle in the file.
ImportResult import_units(Database::Impl& impl, RowSource& file, const ImportOptions&) {
  const ImportKind& kind = import_kind("units");
  file.expect_columns(kind.required, kind.known, kind.name);
  ImportResult r;
  RowErrors errors = file.errors();
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

ImportResult import_people(Database::Impl& impl, RowSource& file, const ImportOptions&) {
  return import_each(impl, file, "people", [&](const CsvRecord& rec) {
    PersonInput p;
    p.staff_no = rec.get("staff_no").value_or("");
    p.name = rec.get("name");
    p.unit = rec.get("unit");
    p.tier = rec.get("tier");
    p.rank = rec.get("rank");
    p.title = rec.get("title");
    p.gender = rec.get("gender");
    if (auto birth = rec.get("birth")) p.birth = cadre::parse_date(*birth, "birth");
    p.id_number = rec.get("id_number");
    insert_person(impl, p);
  });
}

namespace {
// The columns of `import secondments`: the input fields of `secondment add`, all or the required.
std::vector<std::string> secondment_columns(bool required_only) {
  std::vector<std::string> out;
  for (const auto& f : secondment_input_fields())
    if (f.required || !required_only) out.push_back(secondment_column(f.id));
  return out;
}
}  // namespace

// The kinds of `cadre import`, in the order the usage lists them. Never rename one.
const std::vector<ImportKind>& import_kinds() {
  static const std::vector<ImportKind> kinds = {
      // name, required columns, known columns, importer (CSV, or one that reads the file itself)
      {"units", {"code", "name"}, {"code", "name", "kind", "parent"}, import_units, nullptr, {}},
      {"people",
       {"staff_no", "name", "unit"},
       {"staff_no", "name", "unit", "tier", "rank", "title", "gender", "birth", "id_number"},
       import_people,
       nullptr,
       {{"birth", Serial::date}}},
      {"courses",
       {"code", "title", "organizer", "start", "end"},
       {"code", "title", "organizer", "start", "end", "capacity", "category", "pass_mark", "max_leave_ratio",
        "max_absence_hours", "components", "type"},
       import_courses,
       nullptr,
       {{"start", Serial::date}, {"end", Serial::date}}},
      {"sessions",
       {"course", "date", "start", "end", "title"},
       {"course", "date", "start", "end", "title", "instructor", "hours"},
       import_sessions,
       nullptr,
       {{"date", Serial::date}, {"start", Serial::clock}, {"end", Serial::clock}}},
      {"enrolments", {"course", "staff_no"}, {"course", "staff_no"}, import_enrolments, nullptr, {}},
      {"attendance",
       {"course", "session_no", "staff_no", "status"},
       {"course", "session_no", "staff_no", "status", "note"},
       import_attendance,
       nullptr,
       {}},
      {"checkins",
       {"staff_no", "at"},
       {"staff_no", "at", "kind", "place", "lat", "lon"},
       nullptr,
       import_checkins,
       {{"at", Serial::instant}}},
      {"secondments",
       secondment_columns(true),
       secondment_columns(false),
       import_secondments,
       nullptr,
       {{"start", Serial::date}, {"end", Serial::date}}},
      {"leave",
       {"secondment_id", "from", "to", "kind"},
       {"secondment_id", "from", "to", "kind", "reason", "approved_by", "level"},
       import_leave,
       nullptr,
       {{"from", Serial::date}, {"to", Serial::date}},
       "leaves"},
      {"evaluations",
       {"secondment_id", "period", "rater", "conduct", "competence", "diligence", "performance", "integrity"},
       {"secondment_id", "period", "rater", "conduct", "competence", "diligence", "performance", "integrity", "grade",
        "comment"},
       import_evaluations,
       nullptr,
       {}},
      {"assessments",
       {"course", "staff_no", "component", "score"},
       {"course", "staff_no", "component", "score"},
       import_assessments,
       nullptr,
       {}},
      {"feedback",
       {"course", "session_no", "by", "relevance", "theory", "information", "delivery", "manner"},
       {"course", "session_no", "by", "relevance", "theory", "information", "delivery", "manner"},
       import_feedback,
       nullptr,
       {}},
      {"hours",
       {"staff_no", "date", "hours", "kind"},
       {"staff_no", "date", "hours", "kind", "title"},
       import_hours,
       nullptr,
       {{"date", Serial::date}},
       "training_hours"},
      {"trips",
       {"secondment_id", "from", "to", "purpose"},
       {"secondment_id", "from", "to", "purpose", "place"},
       import_trips,
       nullptr,
       {{"from", Serial::date}, {"to", Serial::date}}},
      {"tasks",
       {"secondment", "title", "objective", "due"},
       {"secondment", "title", "objective", "due", "requirement", "mentor", "on"},
       import_tasks,
       nullptr,
       {{"due", Serial::date}, {"on", Serial::date}}},
      {"logs",
       {"secondment_id", "month", "text"},
       {"secondment_id", "month", "text", "insights", "problems", "plans", "on"},
       import_logs,
       nullptr,
       {{"on", Serial::date}}},
      {"quotas", {"course", "unit", "places"}, {"course", "unit", "places"}, import_quotas, nullptr, {}, "course_quotas"},
      {"nominations",
       {"course", "staff_no"},
       {"course", "staff_no", "by", "on"},
       import_nominations,
       nullptr,
       {{"on", Serial::date}}},
      {"arrivals", {"course", "staff_no"}, {"course", "staff_no", "on"}, import_arrivals, nullptr, {{"on", Serial::date}}},
  };
  return kinds;
}

Encoding import_encoding(const ImportOptions& o) { return o.encoding ? parse_encoding(*o.encoding) : Encoding::detect; }

std::unique_ptr<RowSource> open_rows(const std::string& path, const ImportOptions& o, const ImportKind& kind) {
  std::unique_ptr<RowSource> rows;
  if (is_workbook(path)) {
    if (o.encoding)
      fail(Errc::usage, field("encoding"), "{} applies to text files, not to a workbook", field("encoding"));
    rows = std::make_unique<XlsxRows>(path, o.sheet, SheetSpec{kind.required, kind.known, kind.name, kind.serials});
  } else {
    if (o.sheet) fail(Errc::usage, field("sheet"), "{} applies to workbooks (.xlsx) only", field("sheet"));
    rows = std::make_unique<CsvReader>(path, import_encoding(o));
  }
  if (o.progress) rows->on_progress(o.progress);
  return rows;
}

const ImportKind& import_kind(std::string_view name) {
  for (const auto& k : import_kinds())
    if (k.name == name) return k;
  std::vector<std::string> names;
  for (const auto& k : import_kinds()) names.emplace_back(k.name);
  fail(Errc::usage, "WHAT", "import: unknown kind {} ({})", name, word_list(names));
}

}  // namespace detail

std::vector<std::string> import_kind_names() {
  std::vector<std::string> names;
  for (const auto& k : detail::import_kinds()) names.emplace_back(k.name);
  return names;
}

ImportResult import_file(Database& db, const std::string& what, const std::string& path, const ImportOptions& o) {
  if (o.input_format != "csv" && o.input_format != "zkteco" && o.input_format != "dingtalk")
    detail::fail(Errc::invalid, detail::field("input-format"), "{}: unknown value {} (expected csv, zkteco, dingtalk)",
                 detail::field("input-format"), o.input_format);
  if (o.input_format != "csv" && what != "checkins")
    detail::fail(Errc::invalid, detail::field("input-format"), "{} {} applies to checkins only",
                 detail::field("input-format"), o.input_format);
  const detail::ImportKind& kind = detail::import_kind(what);
  return detail::guard([&] {
    // The header is read before taking the write lock (a folder, an empty file or a bad header is
    // refused without it); the rows are read and written one at a time under it.
    std::unique_ptr<detail::RowSource> file;
    if (kind.csv) file = detail::open_rows(path, o, kind);
    detail::Tx tx(db.impl(), detail::Tx::Mode::write);
    ImportResult r = kind.csv ? kind.csv(db.impl(), *file, o) : kind.file(db.impl(), path, o);
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
