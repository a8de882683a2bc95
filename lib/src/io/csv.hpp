// Internal: reading import files in bounded memory. A file is read in chunks and handed on a line
// (TextInput) or a CSV record (CsvReader, RFC 4180 through libcsv) at a time, with line numbers,
// so what an import holds does not grow with the file. Text in GB18030/GBK or UTF-16 is converted
// to UTF-8 as it is read (io/encoding.hpp); a workbook's sheet is the other RowSource (io/xlsx_reader.hpp).
#pragma once
#include <csv.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "io/encoding.hpp"
#include "util/row_errors.hpp"

namespace cadre::detail {

// Limits every import file shares. A line (a CSV record, quoted line breaks included) longer than
// 1 MiB is not a line a clerk wrote, and 2 GiB is far beyond any roster or device export: both
// stop /dev/zero, /dev/urandom or an endless pipe with an error, in bounded memory and time.
inline constexpr std::size_t max_line_bytes = std::size_t(1) << 20;
inline constexpr std::uint64_t max_file_bytes = std::uint64_t(2) << 30;
// Files are read this much at a time; the first chunk of a text file decides its encoding.
inline constexpr std::size_t chunk_bytes = 64 * 1024;

// A text file read one line at a time. Every line is UTF-8 without NUL bytes (a BOM at the start
// is dropped); a line ends at "\n", "\r\n" or a lone "\r" (old Mac exports). A file in another
// encoding is converted chunk by chunk; which one it is follows detect_encoding (io/encoding.hpp).
class TextInput {
 public:
  // Opens `path`: Error(not_found) when it cannot be opened, Error(invalid) for a folder.
  explicit TextInput(const std::string& path, Encoding encoding = Encoding::detect);
  // Reads `text` instead of a file, under the same rules; `name` stands for the path in messages.
  // Text in memory is UTF-8 unless `encoding` says otherwise.
  TextInput(std::string text, std::string name, Encoding encoding = Encoding::utf8);
  ~TextInput();
  TextInput(const TextInput&) = delete;
  TextInput& operator=(const TextInput&) = delete;

  // The next line, with its line end, in `line`; false at the end of the file. Throws
  // Error(invalid) naming the line when it is too long, holds a NUL byte or is not UTF-8, and when
  // the file is larger than max_file_bytes.
  bool next(std::string& line);
  long line() const { return line_; }  // 1-based number of the line `next` returned last
  // How much of the file has been read, 0 to 1; -1 when its size is unknown (a pipe).
  double fraction() const { return size_ > 0 ? std::min(1.0, double(total_) / double(size_)) : -1; }
  const std::string& name() const { return name_; }
  Encoding encoding() const { return encoding_; }

 private:
  // Reads the next chunk into buf_ (as UTF-8); false at the end of the file. `line_done`: the
  // line being read has ended, so a bad byte in this chunk is on a later one.
  bool fill(bool line_done = false);
  std::size_t read_raw(std::size_t want);  // appends up to `want` bytes of the file to raw_
  void decode(bool line_done);             // converts raw_ into buf_
  void start(bool whole);                  // detects the encoding from raw_, drops a BOM

  std::string name_;
  int fd_ = -1;
  Encoding forced_ = Encoding::detect;
  Encoding encoding_ = Encoding::utf8;
  bool started_ = false;
  bool taken_as_utf8_ = false;  // detected, not told: a bad line later suggests --encoding
  std::unique_ptr<Transcoder> transcoder_;
  std::string raw_;
  std::string buf_;
  std::size_t pos_ = 0;
  std::uint64_t total_ = 0;
  std::uint64_t size_ = 0;  // of the file, when it is a regular one
  long line_ = 0;
};

struct CsvRow {
  long line = 0;  // 1-based line (or sheet row) where the record starts
  std::vector<std::string> fields;
};

// A table with a header, read one row at a time: a CSV file (CsvReader) or a sheet of a workbook
// (XlsxRows). The importers read either through it, so their rules, all-or-nothing and dry runs
// are the same for both. A place in it is `file:line` (CSV) or `file:sheet!row` (a workbook).
class RowSource {
 public:
  virtual ~RowSource() = default;
  RowSource(const RowSource&) = delete;
  RowSource& operator=(const RowSource&) = delete;

  const std::vector<std::string>& header() const { return header_; }
  // Column index of `name`, or -1.
  int column(const std::string& name) const;
  // Refuses unknown columns and requires `required`; `known` lists every accepted column. A
  // column may be headed by a label instead of its name (column_for): the header is then renamed
  // to the names, and the Chinese words of an enum column of `kind` (男, 领导干部) read as its values.
  // `table`: the table of the enum columns when it is not `kind`.
  void expect_columns(const std::vector<std::string>& required, const std::vector<std::string>& known,
                      std::string_view kind = {}, std::string_view table = {});
  // The next data record in `row` (as many fields as the header); false at the end.
  virtual bool next(CsvRow& row) = 0;
  // The file (CSV) or "file:sheet" (workbook): the start of every place named in a message.
  const std::string& name() const { return name_; }
  char separator() const { return separator_; }
  std::string where(long line) const;
  // `progress(fraction, rows)` every 4096 rows an import reads (each_record; fraction as
  // TextInput::fraction, -1 for a workbook); ImportOptions::progress.
  void on_progress(std::function<void(double, std::int64_t)> progress) { progress_ = std::move(progress); }
  void tick() {
    if (progress_ && (++ticks_ & 4095) == 0) progress_(fraction(), ticks_);
  }
  virtual double fraction() const { return -1; }
  // A RowErrors naming places as this source does.
  RowErrors errors() const { return RowErrors(name_, separator_); }
  // The value an import reads from `text` in column `index`: an enum word's label becomes the word.
  std::string value(std::size_t index, std::string text) const;

  // The column of `known` that `heading` names: the column itself, its label in the report lists
  // (Chinese and English: the list of `kind` where it has its own), or one of DESIGN.md's aliases
  // (工号, 姓名, 层级 ...). Empty when none, or when it could be two.
  static std::string column_for(const std::string& heading, const std::vector<std::string>& known,
                                std::string_view kind);

 protected:
  RowSource(std::string name, char separator) : name_(std::move(name)), separator_(separator) {}
  // Takes `header` (read at `line`), refusing a column without a name or named twice.
  void set_header(std::vector<std::string> header, long line);
  long header_line() const { return header_line_; }

 private:
  std::string name_;
  char separator_;
  std::vector<std::string> header_;
  long header_line_ = 1;
  std::vector<std::unordered_map<std::string, std::string>> words_;  // per column: label -> enum word
  std::function<void(double, std::int64_t)> progress_;
  std::int64_t ticks_ = 0;
};

// A CSV file read one record at a time: the header on opening, then each non-blank data record.
// Malformed quoting, a record wider or narrower than the header, and a header with an empty,
// repeated or (expect_columns) unknown column are Error(invalid) naming the file and line. A
// header line with tabs and no comma makes the file tab-separated (Excel's "Unicode text").
class CsvReader : public RowSource {
 public:
  explicit CsvReader(const std::string& path, Encoding encoding = Encoding::detect);
  CsvReader(std::string text, std::string name, Encoding encoding = Encoding::utf8);  // in memory (tests, fuzzers)
  // A file with title rows above its header (DingTalk's exports): the header is the first of the
  // first 10 records holding every heading of `header_holds`; the records above it are skipped.
  CsvReader(const std::string& path, Encoding encoding, std::vector<std::string> header_holds);

  bool next(CsvRow& row) override;
  double fraction() const override { return in_.fraction(); }

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
  std::vector<std::string> header_holds_;
  Parser parser_;
  std::vector<std::string> fields_;  // of the record being parsed
  std::vector<CsvRow> done_;         // records the last line completed (at most one)
  long record_line_ = 0;
  std::size_t record_bytes_ = 0;
  bool finished_ = false;
  bool delimiter_chosen_ = false;
};

// A row's fields by column name; empty cells are absent.
class CsvRecord {
 public:
  CsvRecord(const RowSource& file, const CsvRow& row) : file_(file), row_(row) {}
  std::optional<std::string> get(const std::string& column) const;
  std::string require(const std::string& column) const;  // Error(invalid) when empty
  long line() const { return row_.line; }

 private:
  const RowSource& file_;
  const CsvRow& row_;
};

}  // namespace cadre::detail
