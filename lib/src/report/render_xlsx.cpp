// xlsx: a workbook people open in Excel or WPS. One sheet per table plus a "summary" sheet of the
// key/value fields; numbers stay numbers (rates with a percentage format), dates are real dates.
// libxlsxwriter writes to a file, so the workbook goes through a private temporary directory and
// its bytes are returned.
#include <fmt/format.h>
#include <dlfcn.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

#include "cadre/i18n.hpp"
#include "report/render_internal.hpp"
#include "util/text.hpp"

namespace cadre::detail {

namespace {

// libxlsxwriter (and the zip and crypto libraries it pulls in) is opened on the first xlsx report
// instead of at every start: loading them cost each command ~2 ms, a fifth of a `cadre checkin`.
struct XlsxApi {
#define CADRE_XLSX_FUNCTIONS(X)                                                                             \
  X(format_set_align) X(format_set_bold) X(format_set_bottom) X(format_set_num_format) X(format_set_text_wrap) \
  X(lxw_strerror) X(workbook_add_format) X(workbook_add_worksheet) X(workbook_close) X(workbook_new_opt)      \
  X(worksheet_autofilter) X(worksheet_freeze_panes) X(worksheet_set_column) X(worksheet_write_datetime)      \
  X(worksheet_write_number) X(worksheet_write_string)
#define CADRE_XLSX_MEMBER(name) decltype(&::name) name = nullptr;
  CADRE_XLSX_FUNCTIONS(CADRE_XLSX_MEMBER)
#undef CADRE_XLSX_MEMBER
};

const XlsxApi& xlsx() {
  static const XlsxApi api = [] {
    XlsxApi a;
    void* lib = dlopen(CADRE_XLSXWRITER_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!lib)
      fail(Errc::storage, field("format"), "{} xlsx: cannot load {} ({})", field("format"), CADRE_XLSXWRITER_SONAME, dlerror());
    bool complete = true;
#define CADRE_XLSX_LOAD(name)                                                       \
    a.name = reinterpret_cast<decltype(&::name)>(dlsym(lib, #name));                \
    complete = complete && a.name != nullptr;
    CADRE_XLSX_FUNCTIONS(CADRE_XLSX_LOAD)
#undef CADRE_XLSX_LOAD
    if (!complete)
      fail(Errc::storage, field("format"), "{} xlsx: cannot load {} ({})", field("format"), CADRE_XLSXWRITER_SONAME,
           "missing symbols");
    return a;
  }();
  return api;
}

}  // namespace


namespace {

constexpr size_t kMaxSheetName = 31;  // Excel's limit, in characters

// A sheet name Excel accepts: no []:*?/\, at most 31 characters, not empty, unique.
std::string sheet_name(const std::string& wanted_text, std::set<std::string>& used) {
  // Valid UTF-8 first: the naive decoder below trusts it, and a workbook with broken UTF-8 is corrupt.
  std::string wanted = printable(wanted_text);
  std::u32string chars;
  {
    const auto* p = reinterpret_cast<const unsigned char*>(wanted.data());
    size_t i = 0;
    while (i < wanted.size()) {
      unsigned char c = p[i];
      size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
      char32_t cp = len == 1 ? c : c & (0x3F >> (len - 1));
      for (size_t k = 1; k < len && i + k < wanted.size(); ++k) cp = (cp << 6) | (p[i + k] & 0x3F);
      i += len;
      if (std::u32string_view(U"[]:*?/\\").find(cp) != std::u32string_view::npos) cp = U'_';
      chars.push_back(cp);
    }
  }
  auto encode = [](const std::u32string& s) {
    std::string out;
    for (char32_t cp : s) {
      if (cp < 0x80) out += char(cp);
      else if (cp < 0x800) { out += char(0xC0 | (cp >> 6)); out += char(0x80 | (cp & 0x3F)); }
      else if (cp < 0x10000) {
        out += char(0xE0 | (cp >> 12)); out += char(0x80 | ((cp >> 6) & 0x3F)); out += char(0x80 | (cp & 0x3F));
      } else {
        out += char(0xF0 | (cp >> 18)); out += char(0x80 | ((cp >> 12) & 0x3F));
        out += char(0x80 | ((cp >> 6) & 0x3F)); out += char(0x80 | (cp & 0x3F));
      }
    }
    return out;
  };
  // Excel also refuses a name that starts or ends with an apostrophe.
  while (!chars.empty() && chars.front() == U'\'') chars.erase(chars.begin());
  while (!chars.empty() && chars.back() == U'\'') chars.pop_back();
  if (chars.empty()) chars = U"sheet";
  for (int n = 1;; ++n) {
    std::u32string suffix;
    if (n > 1)
      for (char c : fmt::format(" ({})", n)) suffix.push_back(char32_t(c));
    std::u32string base = chars.substr(0, kMaxSheetName - suffix.size());
    std::string name = encode(base + suffix);
    // Sheet names are compared case-insensitively by Excel; ASCII folding covers the names made here.
    std::string folded = name;
    std::transform(folded.begin(), folded.end(), folded.begin(), [](unsigned char c) { return std::tolower(c); });
    if (used.insert(folded).second) return name;
  }
}

struct Formats {
  lxw_format* header;
  lxw_format* date;
  lxw_format* rate;
  lxw_format* one_decimal;
  lxw_format* text;
};

// Column width in Excel character units from the display width (a CJK character counts two).
struct Widths {
  std::vector<double> w;
  void fit(size_t col, const std::string& text, double minimum = 0) {
    if (w.size() <= col) w.resize(col + 1, 0);
    int dw = 0;
    for (const auto& line : split(text, '\n')) dw = std::max(dw, display_width(line));
    w[col] = std::max({w[col], double(dw) + 2, minimum});
  }
  void apply(lxw_worksheet* ws) const {
    for (size_t c = 0; c < w.size(); ++c)
      xlsx().worksheet_set_column(ws, lxw_col_t(c), lxw_col_t(c), std::min(w[c], 80.0), nullptr);
  }
};

bool parse_iso_date(const std::string& s, lxw_datetime& dt) {
  int y, m, d;
  char tail;
  if (s.size() != 10 || std::sscanf(s.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return false;
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900) return false;
  dt = lxw_datetime{y, m, d, 0, 0, 0.0};
  return true;
}

// Excel holds at most 32,767 characters in a cell; longer text is cut (at a UTF-8 boundary) so the
// cell is not silently left empty.
std::string fit_cell(std::string text) {
  constexpr size_t kMax = 32000;
  if (text.size() <= kMax) return text;
  size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "…";
}

// Writes one value; returns the text used to size its column.
std::string write_cell(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const Node& v, const std::string& field,
                       const Formats& f, const std::string& lang) {
  switch (v.type()) {
    case Node::Type::null: return "";
    case Node::Type::integer:
    case Node::Type::number: {
      lxw_format* fmt = v.hint() == Hint::rate                                   ? f.rate
                        : (v.hint() == Hint::hours || v.hint() == Hint::score) ? f.one_decimal
                                                                                 : nullptr;
      double value = v.type() == Node::Type::integer ? v.as_double() : round_for_output(v.as_double(), v.hint());
      xlsx().worksheet_write_number(ws, row, col, value, fmt);
      return format_cell(v, lang, field);
    }
    case Node::Type::string: {
      lxw_datetime dt;
      if (v.hint() == Hint::date && parse_iso_date(v.as_string(), dt)) {
        xlsx().worksheet_write_datetime(ws, row, col, &dt, f.date);
        return "0000-00-00";
      }
      std::string text = fit_cell(format_cell(v, lang, field));
      // Identifiers such as staff numbers stay text even when they look like numbers.
      xlsx().worksheet_write_string(ws, row, col, text.c_str(), f.text);
      return text;
    }
    default: {
      std::string text = fit_cell(format_cell(v, lang, field));
      xlsx().worksheet_write_string(ws, row, col, text.c_str(), f.text);
      return text;
    }
  }
}

class TempDir {
 public:
  TempDir() {
    std::string base = (std::filesystem::temp_directory_path() / "cadre-xlsx-XXXXXX").string();
    std::vector<char> buf(base.begin(), base.end());
    buf.push_back('\0');
    if (!mkdtemp(buf.data())) fail(Errc::storage, field("format"), "cannot create a temporary directory for xlsx");
    path_ = buf.data();
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

Formats add_formats(lxw_workbook* wb) {
  Formats f{};
  f.header = xlsx().workbook_add_format(wb);
  xlsx().format_set_bold(f.header);
  xlsx().format_set_bottom(f.header, LXW_BORDER_THIN);
  xlsx().format_set_text_wrap(f.header);
  xlsx().format_set_align(f.header, LXW_ALIGN_VERTICAL_TOP);
  f.date = xlsx().workbook_add_format(wb);
  xlsx().format_set_num_format(f.date, "yyyy-mm-dd");
  xlsx().format_set_align(f.date, LXW_ALIGN_LEFT);
  f.rate = xlsx().workbook_add_format(wb);
  xlsx().format_set_num_format(f.rate, "0.0%");
  f.one_decimal = xlsx().workbook_add_format(wb);
  xlsx().format_set_num_format(f.one_decimal, "0.0");
  f.text = xlsx().workbook_add_format(wb);
  xlsx().format_set_num_format(f.text, "@");
  return f;
}

// The summary sheet: the report title and every key/value field of every block.
void summary_sheet(lxw_workbook* wb, const Report& r, const std::vector<Block>& blocks, const Formats& f,
                   const RenderOptions& o, std::set<std::string>& used) {
  bool has_fields = false;
  for (const auto& b : blocks) has_fields = has_fields || !b.table;
  if (!has_fields && r.title.empty()) return;
  std::string name = sheet_name(std::string(translate("summary", o.lang)), used);
  lxw_worksheet* ws = xlsx().workbook_add_worksheet(wb, name.c_str());
  Widths widths;
  lxw_row_t row = 0;
  if (!r.title.empty()) {
    xlsx().worksheet_write_string(ws, row, 0, printable(r.title).c_str(), f.header);
    ++row;
  }
  xlsx().worksheet_write_string(ws, row, 0, label("field", o.lang).c_str(), f.header);
  xlsx().worksheet_write_string(ws, row, 1, label("value", o.lang).c_str(), f.header);
  widths.fit(0, label("field", o.lang), 12);
  widths.fit(1, label("value", o.lang), 12);
  xlsx().worksheet_freeze_panes(ws, row + 1, 0);
  ++row;
  for (const auto& b : blocks) {
    if (b.table) continue;
    for (const auto& [k, v] : b.fields) {
      std::string lbl = b.key.empty()
                            ? field_label(b, r, k, o.lang)
                            : block_label(b, r, o.lang) + (o.lang == "zh" ? "·" : " / ") + field_label(b, r, k, o.lang);
      lbl = printable(lbl);
      xlsx().worksheet_write_string(ws, row, 0, lbl.c_str(), nullptr);
      widths.fit(0, lbl);
      widths.fit(1, write_cell(ws, row, 1, *v, leaf(k), f, o.lang));
      ++row;
    }
  }
  widths.apply(ws);
}

// One sheet per table block, with a frozen header row and an autofilter.
void table_sheet(lxw_workbook* wb, const Report& r, const Block& b, const Formats& f, const RenderOptions& o,
                 std::set<std::string>& used) {
  // A sheet is named after its own table ("Sessions"), not the whole path: tabs are short.
  auto dot = b.key.rfind('.');
  std::string parent = dot == std::string::npos ? r.kind : leaf(b.key.substr(0, dot));
  std::string name = sheet_name(field_label(parent, leaf(b.key), o.lang), used);
  lxw_worksheet* ws = xlsx().workbook_add_worksheet(wb, name.c_str());
  auto cols = columns_of(*b.rows);
  Widths widths;
  for (size_t c = 0; c < cols.size(); ++c) {
    std::string h = printable(column_label(b, cols[c], o.lang));
    xlsx().worksheet_write_string(ws, 0, lxw_col_t(c), h.c_str(), f.header);
    widths.fit(c, h, 6);
  }
  xlsx().worksheet_freeze_panes(ws, 1, 0);
  lxw_row_t row = 1;
  b.rows->each_item([&](const Node& item) {
    for (size_t c = 0; c < cols.size(); ++c) {
      const Node* v = item.find(cols[c]);
      if (v) widths.fit(c, write_cell(ws, row, lxw_col_t(c), *v, cols[c], f, o.lang));
    }
    ++row;
  });
  if (!cols.empty() && row > 1) xlsx().worksheet_autofilter(ws, 0, 0, row - 1, lxw_col_t(cols.size() - 1));
  widths.apply(ws);
}

}  // namespace

void render_xlsx(Out& out, const Report& r, const RenderOptions& o) {
  TempDir dir;
  std::string file = dir.path() + "/report.xlsx";
  auto blocks = layout(r);
  lxw_workbook_options options{};
  options.tmpdir = const_cast<char*>(dir.path().c_str());
  // A spooled table (thousands of rows) goes to the sheet a row at a time: libxlsxwriter's
  // constant_memory mode writes each row out when the next begins (strings inline, not shared).
  for (const auto& b : blocks)
    if (b.table && b.rows->is_spooled()) options.constant_memory = LXW_TRUE;
  lxw_workbook* wb = xlsx().workbook_new_opt(file.c_str(), &options);
  if (!wb) fail(Errc::storage, field("format"), "cannot write the xlsx workbook");

  Formats f = add_formats(wb);

  std::set<std::string> used;
  summary_sheet(wb, r, blocks, f, o, used);
  for (const auto& b : blocks)
    if (b.table) table_sheet(wb, r, b, f, o, used);
  if (used.empty()) xlsx().workbook_add_worksheet(wb, nullptr);  // a workbook needs at least one sheet

  lxw_error err = xlsx().workbook_close(wb);
  if (err != LXW_NO_ERROR)
    fail(Errc::storage, field("format"), "cannot write the xlsx workbook: {}", xlsx().lxw_strerror(err));
  std::ifstream in(file, std::ios::binary);
  std::string chunk(1 << 16, '\0');
  while (in.read(chunk.data(), std::streamsize(chunk.size())) || in.gcount() > 0) {
    out.append(std::string_view(chunk.data(), size_t(in.gcount())));
    out.flush_if_large();
  }
  if (in.bad()) fail(Errc::storage, field("format"), "cannot write the xlsx workbook");
}

}  // namespace cadre::detail
