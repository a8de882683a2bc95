// All-or-nothing imports: every bad row is reported with its line number, nothing is written
// unless every row is good.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "cadre/database.hpp"
#include "cadre/model.hpp"

namespace cadre {

struct ImportOptions {
  bool dry_run = false;
  std::string input_format = "csv";        // csv | zkteco | dingtalk (checkins only)
  std::optional<std::string> device_map;   // zkteco: CSV pin,staff_no
  std::optional<std::string> person_map;   // dingtalk: CSV userid or name, and staff_no
  // utf-8 | gb18030 | gbk | utf-16 for a text file; without it a BOM decides, else the first
  // 64 KiB: UTF-8 when they are, GB18030 otherwise.
  std::optional<std::string> encoding;
  std::optional<std::string> sheet;  // a workbook's sheet (default: the first with the kind's columns)
  // Called every 4096 rows read: how much of the file is read (0 to 1; -1 when unknown, as for a
  // workbook) and how many rows. The CLI draws a bar from it on a terminal.
  std::function<void(double fraction, std::int64_t rows)> progress;
};

struct ImportResult {
  std::string what;
  std::int64_t rows = 0;        // data rows read
  std::int64_t written = 0;     // rows added or changed
  std::int64_t duplicates = 0;  // rows already present, skipped
  bool dry_run = false;
};

// what: one of import_kind_names(): units, people, courses, sessions, enrolments, attendance, checkins,
// secondments, leave, evaluations, assessments, feedback, hours, trips, tasks.
CADRE_API ImportResult import_file(Database& db, const std::string& what, const std::string& path,
                                   const ImportOptions& options = {});
// The kinds import_file takes, in the order usage lists them (io/import.cpp).
CADRE_API std::vector<std::string> import_kind_names();
CADRE_API Report import_summary(const ImportResult& result);

}  // namespace cadre
