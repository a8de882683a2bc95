// Internal: rows of a sheet of an Excel/WPS workbook (.xlsx), for every import kind. Debian has no
// maintained xlsx reader (FreeXL reads .xls only), so this is a small one on libzip and expat: the
// workbook's sheet list, shared strings (rich text too), inline strings, numbers, booleans, dates
// as day serials, cached formula results. The sheet is streamed (expat, a chunk at a time); each
// part is held to a size limit once unpacked (a zip bomb ends there).
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "io/csv.hpp"

namespace cadre::detail {

// How a number in a column reads: as written, or as a day serial (Excel keeps dates and times so).
enum class Serial { none, date, clock, instant };

// A part held in memory (the workbook, its relationships, the shared strings) is at most this
// large unpacked; a sheet, streamed, at most max_file_bytes as a CSV file.
inline constexpr std::uint64_t max_part_bytes = std::uint64_t(256) << 20;

// A day serial as import text: "2026-03-02" (date), "08:30" (clock, the fraction of a day) or
// "2026-03-02T08:30:00" (instant); nullopt when `number` is no serial Excel shows as a date.
// `date1904`: the workbook counts from 1904-01-01 (old Mac Excel) instead of 1899-12-30.
std::optional<std::string> serial_text(std::string_view number, Serial as, bool date1904);

// True when `path` is a workbook: named .xlsx/.xlsm, or a zip file (it starts with "PK\3\4").
bool is_workbook(const std::string& path);

// What a sheet must hold for an import: the kind's columns, and those whose numbers are serials.
struct SheetSpec {
  std::vector<std::string> required, known;
  std::string_view kind;
  std::vector<std::pair<std::string, Serial>> serials;
};

// A sheet read one row at a time; places are "file:sheet!row". Without `sheet`, the first sheet
// whose header holds the required columns, else the first sheet. The header is the first of the
// first 10 non-blank rows that holds the required columns (title rows above it are skipped), else
// the first non-blank row. Not a workbook, a missing sheet or part, XML that is not well-formed,
// merged header cells, an error value, or a formula without a cached result: Error(invalid).
class XlsxRows : public RowSource {
 public:
  XlsxRows(const std::string& path, const std::optional<std::string>& sheet, const SheetSpec& spec);
  // Reads `bytes` as the workbook file `name` (fuzzers, tests).
  XlsxRows(std::string bytes, std::string name, const std::optional<std::string>& sheet, const SheetSpec& spec);
  ~XlsxRows() override;

  bool next(CsvRow& row) override;

  struct Book;

 private:
  explicit XlsxRows(std::unique_ptr<Book> book);
  std::unique_ptr<Book> book_;
  std::vector<Serial> serials_;  // per header column, once the header is final
};

}  // namespace cadre::detail
