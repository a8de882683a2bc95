// Internal: reading CSV files (RFC 4180, UTF-8, optional BOM) through libcsv, with line numbers.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cadre::detail {

struct CsvRow {
  long line = 0;  // 1-based line where the record starts
  std::vector<std::string> fields;
};

class CsvFile {
 public:
  // Reads the whole file; throws Error(invalid) naming the line on malformed quoting or bad UTF-8,
  // Error(not_found) when the file cannot be opened.
  static CsvFile read(const std::string& path);
  static CsvFile parse(const std::string& text, const std::string& name);

  const std::vector<std::string>& header() const { return header_; }
  const std::vector<CsvRow>& rows() const { return rows_; }
  // Column index of `name`, or -1.
  int column(const std::string& name) const;
  // Refuses unknown columns and requires `required`; `known` lists every accepted column.
  void expect_columns(const std::vector<std::string>& required, const std::vector<std::string>& known) const;
  const std::string& name() const { return name_; }

 private:
  std::string name_;
  std::vector<std::string> header_;
  std::vector<CsvRow> rows_;
};

// A row's fields by column name; empty cells are absent.
class CsvRecord {
 public:
  CsvRecord(const CsvFile& file, const CsvRow& row) : file_(file), row_(row) {}
  std::optional<std::string> get(const std::string& column) const;
  std::string require(const std::string& column) const;  // Error(invalid) when empty
  long line() const { return row_.line; }

 private:
  const CsvFile& file_;
  const CsvRow& row_;
};

// Collects row errors of an import; throws one Error(invalid) listing them all (with line numbers).
class RowErrors {
 public:
  explicit RowErrors(std::string file) : file_(std::move(file)) {}
  // Runs `f` for one row; an Error it throws is recorded against the line, not propagated.
  template <typename F>
  void check(long line, F&& f);
  void add(long line, const std::string& message);
  void throw_if_any() const;
  bool empty() const { return messages_.empty(); }

 private:
  std::string file_;
  std::vector<std::string> messages_;
  int code_ = 3;
};

}  // namespace cadre::detail

#include "cadre/error.hpp"

template <typename F>
void cadre::detail::RowErrors::check(long line, F&& f) {
  try {
    f();
  } catch (const cadre::Error& e) {
    if (messages_.empty() || e.code() == cadre::Errc::not_found || e.code() == cadre::Errc::conflict) {
      // The first error's kind decides the exit code, unless a later one is more specific.
      if (messages_.empty() || code_ == 3) code_ = int(e.code());
    }
    add(line, e.what());
  }
}
