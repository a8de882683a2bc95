// Internal: reading import files in bounded memory. A file is read in chunks and handed on a line
// (TextInput) or a CSV record (CsvReader, RFC 4180 through libcsv) at a time, with line numbers,
// so what an import holds does not grow with the file.
#pragma once
#include <csv.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/row_errors.hpp"

namespace cadre::detail {

// Limits every import file shares. A line (a CSV record, quoted line breaks included) longer than
// 1 MiB is not a line a clerk wrote, and 2 GiB is far beyond any roster or device export: both
// stop /dev/zero, /dev/urandom or an endless pipe with an error, in bounded memory and time.
inline constexpr std::size_t max_line_bytes = std::size_t(1) << 20;
inline constexpr std::uint64_t max_file_bytes = std::uint64_t(2) << 30;

// A text file read one line at a time. Every line is UTF-8 without NUL bytes (a BOM at the start
// is dropped); a line ends at "\n", "\r\n" or a lone "\r" (old Mac exports).
class TextInput {
 public:
  // Opens `path`: Error(not_found) when it cannot be opened, Error(invalid) for a folder.
  explicit TextInput(const std::string& path);
  // Reads `text` instead of a file, under the same rules; `name` stands for the path in messages.
  TextInput(std::string text, std::string name);
  ~TextInput();
  TextInput(const TextInput&) = delete;
  TextInput& operator=(const TextInput&) = delete;

  // The next line, with its line end, in `line`; false at the end of the file. Throws
  // Error(invalid) naming the line when it is too long, holds a NUL byte or is not UTF-8, and when
  // the file is larger than max_file_bytes.
  bool next(std::string& line);
  long line() const { return line_; }  // 1-based number of the line `next` returned last
  const std::string& name() const { return name_; }

 private:
  bool fill();  // reads the next chunk into buf_; false at the end of the file

  std::string name_;
  int fd_ = -1;
  std::string buf_;
  std::size_t pos_ = 0;
  std::uint64_t total_ = 0;
  long line_ = 0;
};

struct CsvRow {
  long line = 0;  // 1-based line where the record starts
  std::vector<std::string> fields;
};

// A CSV file read one record at a time: the header on opening, then each non-blank data record.
// Malformed quoting, a record wider or narrower than the header, and a header with an empty,
// repeated or (expect_columns) unknown column are Error(invalid) naming the file and line.
class CsvReader {
 public:
  explicit CsvReader(const std::string& path);
  CsvReader(std::string text, std::string name);  // in memory (tests and fuzzers)
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  const std::vector<std::string>& header() const { return header_; }
  // Column index of `name`, or -1.
  int column(const std::string& name) const;
  // Refuses unknown columns and requires `required`; `known` lists every accepted column.
  void expect_columns(const std::vector<std::string>& required, const std::vector<std::string>& known) const;
  // The next data record in `row` (as many fields as the header); false at the end of the file.
  bool next(CsvRow& row);
  const std::string& name() const { return in_.name(); }

 private:
  void read_header();
  bool next_record(CsvRow& row);  // the next non-blank record of any width

  // Owns libcsv's buffer: freed even when the constructor throws (a bad header), which a
  // destructor of CsvReader would not be (found by fuzz_csv as a leak).
  struct Parser {
    Parser();
    ~Parser();
    Parser(const Parser&) = delete;
    Parser& operator=(const Parser&) = delete;
    csv_parser p{};
  };

  TextInput in_;
  Parser parser_;
  std::vector<std::string> fields_;  // of the record being parsed
  std::vector<CsvRow> done_;         // records the last line completed (at most one)
  long record_line_ = 0;
  std::size_t record_bytes_ = 0;
  bool finished_ = false;
  std::vector<std::string> header_;
  long header_line_ = 1;
};

// A row's fields by column name; empty cells are absent.
class CsvRecord {
 public:
  CsvRecord(const CsvReader& file, const CsvRow& row) : file_(file), row_(row) {}
  std::optional<std::string> get(const std::string& column) const;
  std::string require(const std::string& column) const;  // Error(invalid) when empty
  long line() const { return row_.line; }

 private:
  const CsvReader& file_;
  const CsvRow& row_;
};

}  // namespace cadre::detail
