// Internal: the importers behind cadre::import_file, one per kind of file. Each reads its file a
// record at a time and writes every row as it comes inside the caller's transaction; every bad row
// is recorded (RowErrors) and the caller's transaction is rolled back if any failed, so nothing is
// written unless all rows are good (and nothing at all on a dry run).
#pragma once
#include <memory>
#include <string_view>
#include <type_traits>
#include <vector>

#include "cadre/import.hpp"
#include "io/csv.hpp"
#include "io/xlsx_reader.hpp"
#include "store/store.hpp"

namespace cadre::detail {

// One kind of file `cadre import` takes, as the registry (io/import.cpp) lists it: the CLI usage,
// cadre_import, import_file and each importer's header check read it.
struct ImportKind {
  std::string_view name;
  std::vector<std::string> required;  // columns every file of the kind must have
  std::vector<std::string> known;     // every column it may have
  // Reads the rows of a CSV file or a workbook's sheet (open_rows).
  ImportResult (*csv)(Database::Impl& impl, RowSource& file, const ImportOptions& o);
  // Reads the file itself (a ZKTeco attlog is not CSV); then `csv` is null.
  ImportResult (*file)(Database::Impl& impl, const std::string& path, const ImportOptions& o);
  // Columns of dates and times: a workbook keeps them as day serials (io/xlsx_reader.hpp).
  std::vector<std::pair<std::string, Serial>> serials;
  // The table whose enum columns take their words as the lists show them (休假 类别 病假), when it
  // is not called as the kind ("leaves" for leave).
  std::string_view table = {};
};
const std::vector<ImportKind>& import_kinds();
// The rows of `path` for an import of `kind`: a workbook's sheet (o.sheet, else the first sheet
// whose header holds the kind's columns) when it is one (a zip, or named .xlsx), else a CSV file
// in o.encoding (else detected). The header is read.
std::unique_ptr<RowSource> open_rows(const std::string& path, const ImportOptions& o, const ImportKind& kind);
// o.encoding as an Encoding (Encoding::detect when not given).
Encoding import_encoding(const ImportOptions& o);
// The kind called `name`; Error(usage) listing the kinds otherwise.
const ImportKind& import_kind(std::string_view name);

ImportResult import_units(Database::Impl& impl, RowSource& file, const ImportOptions& o);
ImportResult import_people(Database::Impl& impl, RowSource& file, const ImportOptions& o);
// io/training_import.cpp
ImportResult import_courses(Database::Impl& impl, RowSource& file, const ImportOptions& o);
ImportResult import_sessions(Database::Impl& impl, RowSource& file, const ImportOptions& o);
ImportResult import_enrolments(Database::Impl& impl, RowSource& file, const ImportOptions& o);
ImportResult import_attendance(Database::Impl& impl, RowSource& file, const ImportOptions& o);
// io/checkins_import.cpp: CSV or ZKTeco attlog (reads the file itself: attlog is not CSV).
ImportResult import_checkins(Database::Impl& impl, const std::string& path, const ImportOptions& o);
// io/tasks_import.cpp
ImportResult import_tasks(Database::Impl& impl, RowSource& file, const ImportOptions& o);

// io/trips_import.cpp: duty trips (报备), each as `trip add` takes it.
ImportResult import_trips(Database::Impl& impl, RowSource& file, const ImportOptions& o);
// io/logs_import.cpp: monthly work reports, each as `log add` takes it.
ImportResult import_logs(Database::Impl& impl, RowSource& file, const ImportOptions& o);
// callup_import.cpp: the call-up (quota set, nominate, arrive).
ImportResult import_quotas(Database::Impl& impl, RowSource& file, const ImportOptions& o);
ImportResult import_nominations(Database::Impl& impl, RowSource& file, const ImportOptions& o);
ImportResult import_arrivals(Database::Impl& impl, RowSource& file, const ImportOptions& o);

// io/records_import.cpp: the rows of `secondment add`, `leave request`, `evaluate`, `assess`,
// `feedback` and `hours add`.
ImportResult import_secondments(Database::Impl& impl, RowSource& file, const ImportOptions& o);
ImportResult import_leave(Database::Impl& impl, RowSource& file, const ImportOptions& o);
ImportResult import_evaluations(Database::Impl& impl, RowSource& file, const ImportOptions& o);
ImportResult import_assessments(Database::Impl& impl, RowSource& file, const ImportOptions& o);
ImportResult import_feedback(Database::Impl& impl, RowSource& file, const ImportOptions& o);
ImportResult import_hours(Database::Impl& impl, RowSource& file, const ImportOptions& o);
// The column of a secondment input field (secondment_input_fields): "STAFF_NO" is staff_no.
std::string secondment_column(std::string_view field_id);

// Rows are applied in a savepoint each: a row that fails is recorded and rolled back alone, so
// every bad row is reported in one pass; the caller's transaction is rolled back if any failed.
template <typename F>
void apply_row(Database::Impl& impl, RowErrors& errors, long line, F&& f) {
  Savepoint row(impl);
  bool ok = true;
  errors.check(line, [&] {
    try {
      f();
    } catch (...) {
      ok = false;
      throw;
    }
  });
  if (ok)
    row.release();
  else
    row.rollback();
}

// Reads every data record of `file`, handing each to `f(row)`; stops early once `errors` is full.
template <typename F>
void each_record(RowSource& file, RowErrors& errors, F&& f) {
  errors.columns(file.header());
  CsvRow row;
  while (file.next(row)) {
    f(row);
    file.tick();
    if (errors.full()) {
      errors.stopped_at(row.line);
      break;
    }
  }
}

// The loop every row-by-row CSV import shares: checks the columns of `kind`, then runs `add(record)` for each
// data row in its own savepoint, collecting every bad row; throws them all (nothing written) at
// the end, else returns how many rows were read and written. An `add` that returns false skipped
// its row as a duplicate.
template <typename F>
ImportResult import_each(Database::Impl& impl, RowSource& file, std::string_view kind, F&& add) {
  const ImportKind& columns = import_kind(kind);
  file.expect_columns(columns.required, columns.known, kind, columns.table);
  ImportResult r;
  RowErrors errors = file.errors();
  each_record(file, errors, [&](const CsvRow& row) {
    CsvRecord rec(file, row);
    apply_row(impl, errors, row.line, [&] {
      if constexpr (std::is_same_v<decltype(add(rec)), bool>) {
        if (!add(rec)) {
          ++r.duplicates;
          return;
        }
      } else {
        add(rec);
      }
      ++r.written;
    });
    ++r.rows;
  });
  errors.throw_if_any();
  return r;
}

}  // namespace cadre::detail
