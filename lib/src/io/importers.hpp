// Internal: the importers behind cadre::import_file, one per kind of file. Each validates every
// row first (RowErrors), then writes inside the caller's transaction unless dry_run.
#pragma once
#include "cadre/import.hpp"
#include "io/csv.hpp"
#include "store/store.hpp"

namespace cadre::detail {
ImportResult import_units(Database::Impl& impl, const CsvFile& file, const ImportOptions& o);
ImportResult import_people(Database::Impl& impl, const CsvFile& file, const ImportOptions& o);
// training/import.cpp
ImportResult import_courses(Database::Impl& impl, const CsvFile& file, const ImportOptions& o);
ImportResult import_sessions(Database::Impl& impl, const CsvFile& file, const ImportOptions& o);
ImportResult import_enrolments(Database::Impl& impl, const CsvFile& file, const ImportOptions& o);
ImportResult import_attendance(Database::Impl& impl, const CsvFile& file, const ImportOptions& o);
// secondment/import_checkins.cpp: CSV or ZKTeco attlog (reads the file itself: attlog is not CSV).
ImportResult import_checkins(Database::Impl& impl, const std::string& path, const ImportOptions& o);

// Rows are applied in a savepoint each: a row that fails is recorded and rolled back alone, so
// every bad row is reported in one pass; the caller's transaction is rolled back if any failed.
template <typename F>
void apply_row(Database::Impl& impl, RowErrors& errors, long line, F&& f) {
  impl.db.exec("SAVEPOINT import_row");
  bool ok = true;
  errors.check(line, [&] {
    try {
      f();
    } catch (...) {
      ok = false;
      throw;
    }
  });
  if (!ok) impl.db.exec("ROLLBACK TO import_row");
  impl.db.exec("RELEASE import_row");
}


// The loop every row-by-row CSV import shares: checks the columns, then runs `add(record)` for each
// data row in its own savepoint, collecting every bad row; throws them all (nothing written) at
// the end, else returns how many rows were read and written.
template <typename F>
ImportResult import_each(Database::Impl& impl, const CsvFile& file, const std::vector<std::string>& required,
                         const std::vector<std::string>& known, F&& add) {
  file.expect_columns(required, known);
  ImportResult r;
  RowErrors errors(file.name());
  for (const auto& row : file.rows()) {
    CsvRecord rec(file, row);
    apply_row(impl, errors, row.line, [&] {
      add(rec);
      ++r.written;
    });
    ++r.rows;
  }
  errors.throw_if_any();
  return r;
}

}  // namespace cadre::detail
