// Internal: the errors of many rows (an import file, a batch of check-ins), collected with their
// line numbers and thrown as one Error.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace cadre::detail {

// Collects row errors of an import; throws one Error listing them (with line numbers). Only the
// first `shown` messages are kept, and an import stops reading once `full()`: an endless file of
// bad rows ends quickly and in bounded memory.
class RowErrors {
 public:
  static constexpr std::size_t shown = 50;
  static constexpr std::size_t max_bad_rows = 1000;

  // `separator` stands between the file and the line: ':' ("f.csv:7"), '!' for a sheet's row ("f.xlsx:Sheet1!7").
  explicit RowErrors(std::string file, char separator = ':') : file_(std::move(file)), separator_(separator) {}
  // The file's columns: a message about a CLI option or argument ("--at", "STAFF_NO") then names
  // the column ("at", "staff_no") instead, as the clerk sees it in the file.
  void columns(const std::vector<std::string>& header) { columns_ = header; }
  // Runs `f` for one row; an Error it throws is recorded against the line, not propagated.
  template <typename F>
  void check(long line, F&& f);
  void add(long line, const std::string& message);
  // Reading stopped at `line` because full(); said in the final message.
  void stopped_at(long line) { stopped_at_ = line; }
  void throw_if_any() const;
  bool empty() const { return count_ == 0; }
  bool full() const { return count_ >= max_bad_rows; }

 private:
  std::string in_file_terms(std::string message) const;

  std::string file_;
  char separator_ = ':';
  std::vector<std::string> columns_;
  std::vector<std::string> messages_;
  std::size_t count_ = 0;
  long stopped_at_ = 0;
  int code_ = 3;
};

}  // namespace cadre::detail

#include "cadre/error.hpp"

template <typename F>
void cadre::detail::RowErrors::check(long line, F&& f) {
  try {
    f();
  } catch (const cadre::Error& e) {
    if (count_ == 0 || e.code() == cadre::Errc::not_found || e.code() == cadre::Errc::conflict) {
      // The first error's kind decides the exit code, unless a later one is more specific.
      if (count_ == 0 || code_ == 3) code_ = int(e.code());
    }
    add(line, e.what());
  }
}
