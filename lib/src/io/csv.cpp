#include "io/csv.hpp"

#include <csv.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "util/text.hpp"

namespace cadre::detail {

namespace {

struct ParseState {
  std::vector<std::string> fields;
  std::vector<CsvRow>* rows;
  long line = 1;        // current physical line
  long record_line = 1; // line where the current record began
  bool record_started = false;
};

void on_field(void* s, size_t len, void* data) {
  auto* st = static_cast<ParseState*>(data);
  st->fields.emplace_back(s ? static_cast<const char*>(s) : "", s ? len : 0);
}
void on_row(int, void* data) {
  auto* st = static_cast<ParseState*>(data);
  st->rows->push_back({st->record_line, std::move(st->fields)});
  st->fields.clear();
}

bool valid_utf8(const std::string& s, size_t& bad_at) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) { bad_at = i; return false; }
    for (size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) { bad_at = i; return false; }
    i += n;
  }
  return true;
}

}  // namespace

CsvFile CsvFile::read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(Errc::not_found, "FILE", "cannot open {}", path);
  std::stringstream ss;
  ss << in.rdbuf();
  return parse(ss.str(), path);
}

CsvFile CsvFile::parse(const std::string& input, const std::string& name) {
  CsvFile f;
  f.name_ = name;
  std::string text = input;
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);  // the BOM Excel writes
  size_t bad = 0;
  if (!valid_utf8(text, bad)) {
    long line = 1 + long(std::count(text.begin(), text.begin() + long(bad), '\n'));
    fail(Errc::invalid, "FILE", "{}:{}: not UTF-8 text (save the file as UTF-8 CSV)", name, line);
  }
  std::vector<CsvRow> rows;
  ParseState st;
  st.rows = &rows;
  csv_parser p;
  csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
  // Feed line by line so every record knows the line it started on.
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string::npos ? text.size() : nl + 1;
    size_t rows_before = rows.size();
    bool mid_record = !st.fields.empty() || p.pstate != 0;
    if (!mid_record) st.record_line = st.line;
    if (csv_parse(&p, text.data() + pos, end - pos, on_field, on_row, &st) != end - pos) {
      std::string err = csv_strerror(csv_error(&p));
      csv_free(&p);
      fail(Errc::invalid, "FILE", "{}:{}: malformed CSV ({})", name, st.line, err);
    }
    (void)rows_before;
    pos = end;
    ++st.line;
  }
  if (csv_fini(&p, on_field, on_row, &st) != 0) {
    csv_free(&p);
    fail(Errc::invalid, "FILE", "{}:{}: malformed CSV (unterminated quoted field)", name, st.record_line);
  }
  csv_free(&p);
  // Drop blank records (a trailing blank line parses as nothing, but "  " becomes one empty field).
  std::vector<CsvRow> kept;
  for (auto& r : rows) {
    bool blank = true;
    for (auto& fld : r.fields)
      if (!trim(fld).empty()) blank = false;
    if (!blank) kept.push_back(std::move(r));
  }
  if (kept.empty()) fail(Errc::invalid, "FILE", "{}: empty file (a header row is required)", name);
  for (auto& h : kept.front().fields) f.header_.push_back(trim(h));
  for (size_t i = 1; i < kept.size(); ++i) {
    if (kept[i].fields.size() != f.header_.size())
      fail(Errc::invalid, "FILE", "{}:{}: {} fields where the header has {}", name, kept[i].line,
           kept[i].fields.size(), f.header_.size());
    f.rows_.push_back(std::move(kept[i]));
  }
  return f;
}

int CsvFile::column(const std::string& name) const {
  for (size_t i = 0; i < header_.size(); ++i)
    if (header_[i] == name) return int(i);
  return -1;
}

void CsvFile::expect_columns(const std::vector<std::string>& required, const std::vector<std::string>& known) const {
  for (const auto& h : header_)
    if (std::find(known.begin(), known.end(), h) == known.end())
      fail(Errc::invalid, h, "{}:1: unknown column {} (expected {})", name_, h, join(known, ","));
  for (const auto& r : required)
    if (column(r) < 0) fail(Errc::invalid, r, "{}:1: missing column {}", name_, r);
}

std::optional<std::string> CsvRecord::get(const std::string& column) const {
  int i = file_.column(column);
  if (i < 0) return std::nullopt;
  std::string v = trim(row_.fields[size_t(i)]);
  if (v.empty()) return std::nullopt;
  return v;
}

std::string CsvRecord::require(const std::string& column) const {
  auto v = get(column);
  if (!v) fail(Errc::invalid, column, "{}: required", column);
  return *v;
}

void RowErrors::add(long line, const std::string& message) {
  messages_.push_back(fmt::format("{}:{}: {}", file_, line, message));
}

void RowErrors::throw_if_any() const {
  if (messages_.empty()) return;
  std::string all;
  const size_t shown = 50;
  for (size_t i = 0; i < messages_.size() && i < shown; ++i) all += (i ? "\n" : "") + messages_[i];
  if (messages_.size() > shown) all += "\n" + msg("... and {} more", messages_.size() - shown);
  all += "\n" + msg("nothing was imported ({} bad rows)", messages_.size());
  throw Error(Errc(code_), all);
}

}  // namespace cadre::detail
