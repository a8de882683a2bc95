#include "io/xlsx_reader.hpp"

#include <date/date.h>
#include <expat.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <deque>
#include <functional>

#include "util/text.hpp"

namespace cadre::detail {

namespace {

constexpr int header_search_rows = 10;
constexpr char ns_mark = '\x01';  // expat's separator between a namespace and a local name

// --- the zip -------------------------------------------------------------------------------------

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct FileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};
using ZipPtr = std::unique_ptr<zip_t, ZipCloser>;
using FilePtr = std::unique_ptr<zip_file_t, FileCloser>;

// One part of the package read in chunks, held to `limit` bytes unpacked: the size the zip
// declares is checked first, the bytes actually read as they come (a declared size may lie).
class Part {
 public:
  Part(zip_t* zip, const std::string& file, const std::string& name, std::uint64_t limit)
      : file_(file), name_(name), limit_(limit) {
    zip_int64_t index = zip_name_locate(zip, name.c_str(), 0);
    if (index < 0)
      fail(Errc::invalid, "FILE", "{}: the workbook lacks its part {} (is it an Excel or WPS .xlsx file?)", file, name);
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(zip, zip_uint64_t(index), 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) && st.size > limit)
      too_large();
    f_.reset(zip_fopen_index(zip, zip_uint64_t(index), 0));
    if (!f_) fail(Errc::invalid, "FILE", "{}: cannot unpack part {}: {}", file, name, zip_strerror(zip));
  }
  // Up to chunk_bytes more into `out` (replacing it); false at the end of the part.
  bool read(std::string& out) {
    out.resize(chunk_bytes);
    zip_int64_t n = zip_fread(f_.get(), out.data(), out.size());
    if (n < 0) fail(Errc::invalid, "FILE", "{}: cannot unpack part {}: {}", file_, name_, zip_file_strerror(f_.get()));
    out.resize(std::size_t(n));
    total_ += std::uint64_t(n);
    if (total_ > limit_) too_large();
    return n > 0;
  }

 private:
  [[noreturn]] void too_large() const {
    fail(Errc::invalid, "FILE", "{}: part {} is larger than {} MiB unpacked (a zip bomb?)", file_, name_, limit_ >> 20);
  }
  std::string file_, name_;
  std::uint64_t limit_;
  std::uint64_t total_ = 0;
  FilePtr f_;
};

// --- XML -----------------------------------------------------------------------------------------

using Attrs = const XML_Char**;

std::string_view local_name(const XML_Char* name) {
  std::string_view n(name);
  auto at = n.rfind(ns_mark);
  return at == std::string_view::npos ? n : n.substr(at + 1);
}

const char* attr(Attrs atts, std::string_view local) {
  for (int i = 0; atts[i]; i += 2)
    if (local_name(atts[i]) == local) return atts[i + 1];
  return nullptr;
}

// expat with namespaces, handing elements and text to callbacks. A callback never throws through
// expat's C frames: it records the message (stop) and the caller throws once expat returns.
class Xml {
 public:
  std::function<void(std::string_view, Attrs)> on_start;
  std::function<void(std::string_view)> on_end;
  std::function<void(std::string_view)> on_text;

  Xml(std::string file, std::string part) : file_(std::move(file)), part_(std::move(part)) {
    p_ = XML_ParserCreateNS(nullptr, ns_mark);
    if (!p_) throw std::bad_alloc();
    XML_SetUserData(p_, this);
    XML_SetElementHandler(
        p_, [](void* self, const XML_Char* n, Attrs a) { static_cast<Xml*>(self)->start(n, a); },
        [](void* self, const XML_Char* n) { static_cast<Xml*>(self)->end(n); });
    XML_SetCharacterDataHandler(p_, [](void* self, const XML_Char* s, int len) {
      static_cast<Xml*>(self)->text(std::string_view(s, std::size_t(len)));
    });
    // No workbook part has a DTD; refusing one closes the door to entity tricks altogether.
    XML_SetStartDoctypeDeclHandler(p_, [](void* self, const XML_Char*, const XML_Char*, const XML_Char*, int) {
      auto* x = static_cast<Xml*>(self);
      x->stop(msg("{}: part {} has a document type declaration, which no workbook part has", x->file_, x->part_));
    });
  }
  ~Xml() { XML_ParserFree(p_); }
  Xml(const Xml&) = delete;
  Xml& operator=(const Xml&) = delete;

  void feed(std::string_view bytes, bool last) {
    if (XML_Parse(p_, bytes.data(), int(bytes.size()), last) == XML_STATUS_ERROR) {
      if (!error_.empty()) throw Error(Errc::invalid, error_, "FILE");
      fail(Errc::invalid, "FILE", "{}: part {} is not well-formed XML ({}, line {})", file_, part_,
           XML_ErrorString(XML_GetErrorCode(p_)), std::uint64_t(XML_GetCurrentLineNumber(p_)));
    }
  }
  // Records `message` and stops the parser: feed throws it.
  void stop(std::string message) {
    if (error_.empty()) error_ = std::move(message);
    XML_StopParser(p_, XML_FALSE);
  }
  bool stopped() const { return !error_.empty(); }

 private:
  void start(const XML_Char* n, Attrs a) {
    if (!stopped() && on_start) guarded([&] { on_start(local_name(n), a); });
  }
  void end(const XML_Char* n) {
    if (!stopped() && on_end) guarded([&] { on_end(local_name(n)); });
  }
  void text(std::string_view s) {
    if (!stopped() && on_text) guarded([&] { on_text(s); });
  }
  template <typename F>
  void guarded(F&& f) {
    try {
      f();
    } catch (const std::exception& e) {
      stop(e.what());
    }
  }

  std::string file_, part_;
  XML_Parser p_;
  std::string error_;
};

// Reads a whole (small) part through `xml`.
void parse_part(zip_t* zip, const std::string& file, const std::string& name, Xml& xml) {
  Part part(zip, file, name, max_part_bytes);
  std::string chunk;
  while (part.read(chunk)) xml.feed(chunk, false);
  xml.feed({}, true);
}

// "xl/worksheets/sheet1.xml" from a relationship's target, relative to the folder of `base`.
std::string resolve(const std::string& base, std::string target) {
  if (!target.empty() && target[0] == '/') return target.substr(1);
  std::string dir = base.substr(0, base.rfind('/') + 1);
  while (target.rfind("../", 0) == 0) {
    target.erase(0, 3);
    if (!dir.empty()) dir.erase(dir.rfind('/', dir.size() - 2) + 1);
  }
  return dir + target;
}

// The targets of a relationships part, by Id; and the target of the first of a type ending in `type`.
struct Rels {
  std::vector<std::pair<std::string, std::string>> by_id;
  std::vector<std::pair<std::string, std::string>> by_type;
};

Rels read_rels(zip_t* zip, const std::string& file, const std::string& rels_part, const std::string& source) {
  Rels r;
  if (zip_name_locate(zip, rels_part.c_str(), 0) < 0) return r;
  Xml xml(file, rels_part);
  xml.on_start = [&](std::string_view n, Attrs a) {
    if (n != "Relationship") return;
    const char* id = attr(a, "Id");
    const char* type = attr(a, "Type");
    const char* target = attr(a, "Target");
    if (!target) return;
    const char* mode = attr(a, "TargetMode");
    if (mode && std::string_view(mode) == "External") return;
    if (id) r.by_id.emplace_back(id, resolve(source, target));
    if (type) r.by_type.emplace_back(type, resolve(source, target));
  };
  parse_part(zip, file, rels_part, xml);
  return r;
}

const std::string* find_type(const Rels& r, std::string_view suffix) {
  for (const auto& [type, target] : r.by_type)
    if (type.size() >= suffix.size() && type.compare(type.size() - suffix.size(), suffix.size(), suffix) == 0)
      return &target;
  return nullptr;
}

// "B7" for column 1 (0-based), row 7.
std::string cell_name(int col, long row) {
  std::string letters;
  for (int c = col + 1; c > 0; c = (c - 1) / 26) letters.insert(letters.begin(), char('A' + (c - 1) % 26));
  return letters + std::to_string(row);
}

// Column (0-based) and row of a reference "AB12"; false when it is none (Excel's last cell is XFD1048576).
bool parse_ref(std::string_view ref, int& col, long& row) {
  std::size_t i = 0;
  int c = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z' && i < 3) c = c * 26 + (ref[i++] - 'A' + 1);
  if (i == 0 || c > 16384) return false;
  long r = 0;
  std::size_t digits = i;
  while (i < ref.size() && ref[i] >= '0' && ref[i] <= '9' && i - digits < 8) r = r * 10 + (ref[i++] - '0');
  if (i != ref.size() || i == digits || r < 1 || r > 1048576) return false;
  col = c - 1;
  row = r;
  return true;
}

// A number as the text an import reads: whole numbers as written, others in their shortest form
// (Excel writes 1.1 as 1.1000000000000001).
std::string number_text(const std::string& v) {
  if (v.find_first_not_of("-0123456789") == std::string::npos) return v;
  double d = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
  if (ec != std::errc() || end != v.data() + v.size() || !std::isfinite(d)) return v;
  return fmt::format("{}", d);
}

// The first `n` bytes of the file at `path` (fewer when it is shorter or cannot be read). Only a
// regular file is looked into: reading a pipe would take its bytes from the reader that follows.
std::string file_head(const std::string& path, std::size_t n) {
  std::string head(n, '\0');
  struct stat st {};
  int fd = ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) ? ::open(path.c_str(), O_RDONLY | O_CLOEXEC) : -1;
  ssize_t got = fd < 0 ? 0 : ::read(fd, head.data(), n);
  if (fd >= 0) ::close(fd);
  head.resize(got > 0 ? std::size_t(got) : 0);
  return head;
}

// --- the sheet -----------------------------------------------------------------------------------

struct Cell {
  int col = 0;
  char type = 'n';  // n number, s text, b boolean, d ISO date text, e error value, f formula without result
  std::string text;
};
struct RawRow {
  long row = 0;
  std::vector<Cell> cells;
};

}  // namespace

// The open workbook and the chosen sheet's stream.
struct XlsxRows::Book {
  std::string file;   // as messages name it
  std::string bytes;  // the workbook, when read from memory
  ZipPtr zip;
  bool date1904 = false;
  std::vector<std::pair<std::string, std::string>> sheets;  // name, part
  std::vector<std::string> strings;                         // shared strings
  // The sheet being read.
  std::string sheet;
  std::unique_ptr<Part> part;
  std::unique_ptr<Xml> xml;
  bool at_end = false;
  std::deque<RawRow> ready;
  RawRow row;
  Cell cell;
  bool in_row = false, in_cell = false, in_value = false, in_inline = false, in_t = false, in_phonetic = false;
  bool has_value = false, has_formula = false;
  char type_attr = 'n';
  std::string ref;
  long last_row = 0;
  int last_col = -1;
  std::size_t row_bytes = 0;
  long header_row = 0;
  struct Merge {
    long first, last;
    std::string range;
  };
  std::vector<Merge> merges;  // merged ranges of the sheet (after its rows in the XML)
  std::vector<std::string> header;
  std::vector<std::pair<std::string, Serial>> serials;  // of the import kind

  std::string label() const { return file + ":" + sheet; }
  std::string where(long r) const { return label() + "!" + std::to_string(r); }

  void open_zip(const std::string& path, bool from_memory) {
    zip_error_t err;
    zip_error_init(&err);
    if (from_memory) {
      zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
      if (src) {
        zip.reset(zip_open_from_source(src, ZIP_RDONLY, &err));
        if (!zip) zip_source_free(src);
      }
    } else {
      int code = 0;
      zip.reset(zip_open(path.c_str(), ZIP_RDONLY, &code));
      if (!zip) zip_error_init_with_code(&err, code);
    }
    if (!zip) {
      std::string why = zip_error_strerror(&err);
      int code = zip_error_code_zip(&err);
      zip_error_fini(&err);
      if (code == ZIP_ER_OPEN || code == ZIP_ER_NOENT) fail(Errc::not_found, "FILE", "cannot open {}", path);
      if (starts_ole())
        fail(Errc::invalid, "FILE", "{}: an Excel 97-2003 workbook (.xls): save it as .xlsx or CSV", file);
      fail(Errc::invalid, "FILE", "{}: not an Excel workbook (.xlsx): {}", file, why);
    }
    zip_error_fini(&err);
  }

  bool starts_ole() const {
    static constexpr std::string_view ole("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
    return (bytes.empty() ? file_head(file, ole.size()) : bytes.substr(0, ole.size())) == ole;
  }

  void read_workbook() {
    Rels root = read_rels(zip.get(), file, "_rels/.rels", "");
    const std::string* main = find_type(root, "/officeDocument");
    std::string workbook = main ? *main : "xl/workbook.xml";
    std::string rels_part = resolve(workbook, "_rels/" + workbook.substr(workbook.rfind('/') + 1) + ".rels");
    Rels rels = read_rels(zip.get(), file, rels_part, workbook);
    std::vector<std::pair<std::string, std::string>> ids;  // name, relationship id
    Xml xml(file, workbook);
    xml.on_start = [&](std::string_view n, Attrs a) {
      if (n == "workbookPr") {
        const char* d = attr(a, "date1904");
        date1904 = d && (std::string_view(d) == "1" || std::string_view(d) == "true");
      } else if (n == "sheet") {
        const char* name = attr(a, "name");
        const char* id = attr(a, "id");
        if (name && id) ids.emplace_back(name, id);
      }
    };
    parse_part(zip.get(), file, workbook, xml);
    for (const auto& [name, id] : ids) {
      auto it = std::find_if(rels.by_id.begin(), rels.by_id.end(), [&](const auto& r) { return r.first == id; });
      if (it != rels.by_id.end()) sheets.emplace_back(name, it->second);
    }
    if (sheets.empty()) fail(Errc::invalid, "FILE", "{}: the workbook has no sheets", file);
    if (const std::string* sst = find_type(rels, "/sharedStrings")) read_strings(*sst);
  }

  void read_strings(const std::string& name) {
    if (zip_name_locate(zip.get(), name.c_str(), 0) < 0) return;
    Xml xml(file, name);
    std::string current;
    bool in_si = false, in_t = false, in_phonetic = false;
    xml.on_start = [&](std::string_view n, Attrs) {
      if (n == "si") {
        in_si = true;
        current.clear();
      } else if (n == "rPh") {
        in_phonetic = true;  // the reading of the text (furigana): not part of it
      } else if (n == "t") {
        in_t = true;
      }
    };
    xml.on_end = [&](std::string_view n) {
      if (n == "si") {
        strings.push_back(std::move(current));
        current.clear();
        in_si = false;
      } else if (n == "rPh") {
        in_phonetic = false;
      } else if (n == "t") {
        in_t = false;
      }
    };
    xml.on_text = [&](std::string_view s) {
      if (in_si && in_t && !in_phonetic) current.append(s);
    };
    parse_part(zip.get(), file, name, xml);
  }

  // Starts streaming sheet `index`.
  void open_sheet(std::size_t index) {
    sheet = sheets[index].first;
    xml.reset();
    part = std::make_unique<Part>(zip.get(), file, sheets[index].second, max_file_bytes);
    xml = std::make_unique<Xml>(file, sheets[index].second);
    at_end = false;
    ready.clear();
    in_row = in_cell = false;
    last_row = 0;
    header_row = 0;
    merges.clear();
    xml->on_start = [this](std::string_view n, Attrs a) { start(n, a); };
    xml->on_end = [this](std::string_view n) { end(n); };
    xml->on_text = [this](std::string_view s) { text(s); };
  }

  void start(std::string_view n, Attrs a) {
    if (n == "row") {
      const char* r = attr(a, "r");
      long number = last_row + 1;
      if (r) {
        int c;
        if (!parse_ref(std::string("A") + r, c, number))
          fail(Errc::invalid, "FILE", "{}: row number {} is not a row (1 .. 1048576)", where(last_row + 1), r);
      }
      row = RawRow{number, {}};
      last_row = number;
      last_col = -1;
      row_bytes = 0;
      in_row = true;
    } else if (n == "c" && in_row) {
      const char* r = attr(a, "r");
      int col = last_col + 1;
      if (r) {
        long at_row = 0;
        if (!parse_ref(r, col, at_row))
          fail(Errc::invalid, "FILE", "{}: cell reference {} is not a cell (A1 .. XFD1048576)", where(row.row), r);
      } else if (col > 16383) {
        fail(Errc::invalid, "FILE", "{}: more than 16384 cells in the row", where(row.row));
      }
      last_col = col;
      ref = cell_name(col, row.row);
      const char* t = attr(a, "t");
      std::string_view type = t ? t : "n";
      type_attr = type == "s"           ? 's'
                  : type == "str"       ? 't'
                  : type == "inlineStr" ? 'i'
                  : type == "b"         ? 'b'
                  : type == "e"         ? 'e'
                  : type == "d"         ? 'd'
                                        : 'n';
      cell = Cell{col, 'n', {}};
      in_cell = true;
      has_value = has_formula = false;
    } else if (in_cell && n == "v") {
      in_value = has_value = true;
    } else if (in_cell && n == "f") {
      has_formula = true;
    } else if (in_cell && n == "is") {
      in_inline = has_value = true;
    } else if (in_inline && n == "rPh") {
      in_phonetic = true;
    } else if (in_inline && n == "t") {
      in_t = true;
    } else if (n == "mergeCell") {
      note_merge(attr(a, "ref"));
    }
  }

  void text(std::string_view s) {
    if (!(in_value || (in_t && !in_phonetic))) return;
    cell.text.append(s);
    row_bytes += s.size();
    if (row_bytes > max_line_bytes)
      fail(Errc::invalid, "FILE", "{}: row longer than 1 MiB (is this the right file?)", where(row.row));
  }

  void end(std::string_view n) {
    if (n == "v") {
      in_value = false;
    } else if (n == "is") {
      in_inline = false;
    } else if (n == "rPh") {
      in_phonetic = false;
    } else if (n == "t") {
      in_t = false;
    } else if (n == "c" && in_cell) {
      in_cell = false;
      finish_cell();
    } else if (n == "row" && in_row) {
      in_row = false;
      if (!row.cells.empty()) ready.push_back(std::move(row));
      row = RawRow{};
    }
  }

  void finish_cell() {
    // A formula's result is its cached <v>; a workbook saved by a program that does not compute
    // (openpyxl, a script) has none, and guessing would import a wrong value.
    if (has_formula && (!has_value || (cell.text.empty() && type_attr != 't')))
      fail(Errc::invalid, "FILE",
           "{}: cell {} has a formula without a saved result (open the workbook in Excel or WPS and save it again)",
           where(row.row), ref);
    if (!has_value || (cell.text.empty() && type_attr != 'e')) return;  // an empty cell (a style only)
    switch (type_attr) {
      case 's': {
        std::size_t i = 0;
        auto [end, ec] = std::from_chars(cell.text.data(), cell.text.data() + cell.text.size(), i);
        if (ec != std::errc() || end != cell.text.data() + cell.text.size() || i >= strings.size())
          fail(Errc::invalid, "FILE", "{}: cell {} refers to shared string {}, which the workbook lacks",
               where(row.row), ref, cell.text);
        cell.text = strings[i];
        cell.type = 's';
        break;
      }
      case 't':
      case 'i':
        cell.type = 's';
        break;
      case 'b':
        cell.text = trim(cell.text) == "1" ? "TRUE" : "FALSE";
        cell.type = 's';
        break;
      case 'e':
        fail(Errc::invalid, "FILE", "{}: cell {} holds the error {}", where(row.row), ref, cell.text);
      default:
        cell.type = type_attr;
    }
    if (cell.text.empty()) return;
    row.cells.push_back(std::move(cell));
  }

  void note_merge(const char* range) {
    if (!range || merges.size() >= 100000) return;
    std::string_view r(range);
    auto colon = r.find(':');
    int c1, c2;
    long r1, r2;
    if (colon == std::string_view::npos || !parse_ref(r.substr(0, colon), c1, r1) ||
        !parse_ref(r.substr(colon + 1), c2, r2))
      return;
    merges.push_back(Merge{std::min(r1, r2), std::max(r1, r2), range});
  }

  // The next row with a value; false at the end of the sheet (merged header cells fail there).
  bool next_raw(RawRow& out) {
    std::string chunk;
    while (ready.empty() && !at_end) {
      if (part->read(chunk)) {
        xml->feed(chunk, false);
      } else {
        xml->feed({}, true);
        at_end = true;
      }
    }
    if (ready.empty()) {
      for (const auto& m : merges)
        if (header_row > 0 && m.first <= header_row && header_row <= m.last)
          fail(Errc::invalid, "FILE", "{}: merged header cells {} (unmerge them: each column needs its own heading)",
               where(header_row), m.range);
      return false;
    }
    out = std::move(ready.front());
    ready.pop_front();
    return true;
  }

  // Reads the sheet to its end for the merges of the header row (after a header that failed).
  void check_merges() {
    RawRow skip;
    while (next_raw(skip)) {
    }
  }

  static std::vector<std::string> texts(const RawRow& r) {
    std::vector<std::string> out;
    for (const auto& c : r.cells) {
      if (std::size_t(c.col) >= out.size()) out.resize(std::size_t(c.col) + 1);
      out[std::size_t(c.col)] = c.type == 'n' ? number_text(c.text) : c.text;
    }
    return out;
  }

  static bool holds(const std::vector<std::string>& cells, const SheetSpec& spec) {
    for (const auto& r : spec.required)
      if (std::none_of(cells.begin(), cells.end(), [&](const std::string& c) {
            return RowSource::column_for(trim(c), spec.known, spec.kind) == r;
          }))
        return false;
    return true;
  }

  // Finds the header in the open sheet: a row holding the required columns among the first rows,
  // else (when `fallback`) the first row. False when none is found and not `fallback`.
  bool find_header(const SheetSpec& spec, bool fallback) {
    RawRow r;
    for (int seen = 0; seen < header_search_rows && next_raw(r); ++seen) {
      auto cells = texts(r);
      if (holds(cells, spec)) {
        header = std::move(cells);
        header_row = r.row;
        return true;
      }
    }
    if (!fallback) return false;
    std::size_t index = std::size_t(
        std::find_if(sheets.begin(), sheets.end(), [&](const auto& s) { return s.first == sheet; }) - sheets.begin());
    open_sheet(index);
    if (!next_raw(r)) fail(Errc::invalid, "FILE", "{}: empty sheet (a header row is required)", label());
    header = texts(r);
    header_row = r.row;
    return true;
  }

  void choose_sheet(const std::optional<std::string>& wanted, const SheetSpec& spec) {
    if (wanted) {
      auto it = std::find_if(sheets.begin(), sheets.end(), [&](const auto& s) { return s.first == *wanted; });
      if (it == sheets.end()) {
        std::vector<std::string> names;
        for (const auto& s : sheets) names.push_back(s.first);
        fail(Errc::invalid, field("sheet"), "{}: no sheet {} (the sheets: {})", file, *wanted, join(names, ", "));
      }
      open_sheet(std::size_t(it - sheets.begin()));
      find_header(spec, true);
      return;
    }
    for (std::size_t i = 0; i < sheets.size(); ++i) {
      open_sheet(i);
      if (find_header(spec, false)) return;
    }
    open_sheet(0);
    find_header(spec, true);
  }
};

std::optional<std::string> serial_text(std::string_view number, Serial as, bool date1904) {
  double d = 0;
  auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), d);
  // Excel's dates run from its day 1 (1900-01-01) to 9999-12-31; a time of day alone is below 1.
  if (ec != std::errc() || end != number.data() + number.size() || !std::isfinite(d) || d < 0 || d >= 2958466)
    return std::nullopt;
  auto seconds = std::llround(d * 86400);
  long long days = seconds / 86400, of_day = seconds % 86400;
  if (as != Serial::clock && days < 1 && !date1904) return std::nullopt;
  using namespace date;
  // Excel counts 1900-02-29, a day that never was: serials from 61 on are one day behind.
  sys_days base = date1904    ? sys_days(year{1904} / 1 / 1)
                  : days < 60 ? sys_days(year{1899} / 12 / 31)
                              : sys_days(year{1899} / 12 / 30);
  sys_days day = base + date::days(days);
  int h = int(of_day / 3600), m = int(of_day / 60 % 60), s = int(of_day % 60);
  switch (as) {
    case Serial::date:
      return date::format("%Y-%m-%d", day);
    case Serial::clock:
      return s == 0 ? fmt::format("{:02}:{:02}", h, m) : fmt::format("{:02}:{:02}:{:02}", h, m, s);
    case Serial::instant:
      return fmt::format("{}T{:02}:{:02}:{:02}", date::format("%Y-%m-%d", day), h, m, s);
    default:
      return std::nullopt;
  }
}

bool is_workbook(const std::string& path) {
  auto dot = path.rfind('.');
  if (dot != std::string::npos) {
    std::string ext = path.substr(dot + 1);
    for (auto& c : ext)
      if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    if (ext == "xlsx" || ext == "xlsm") return true;
  }
  return file_head(path, 4) == std::string_view("PK\x03\x04", 4);
}

namespace {
std::unique_ptr<XlsxRows::Book> open_book(const std::string& path, std::string bytes, bool from_memory,
                                          const std::optional<std::string>& sheet, const SheetSpec& spec) {
  auto book = std::make_unique<XlsxRows::Book>();
  book->file = path;
  book->bytes = std::move(bytes);
  book->serials = spec.serials;
  book->open_zip(path, from_memory);
  book->read_workbook();
  book->choose_sheet(sheet, spec);
  return book;
}
}  // namespace

XlsxRows::XlsxRows(const std::string& path, const std::optional<std::string>& sheet, const SheetSpec& spec)
    : XlsxRows(open_book(path, {}, false, sheet, spec)) {}

XlsxRows::XlsxRows(std::string bytes, std::string name, const std::optional<std::string>& sheet, const SheetSpec& spec)
    : XlsxRows(open_book(name, std::move(bytes), true, sheet, spec)) {}

XlsxRows::XlsxRows(std::unique_ptr<Book> book) : RowSource(book->label(), '!'), book_(std::move(book)) {
  try {
    set_header(book_->header, book_->header_row);
  } catch (const Error&) {
    book_->check_merges();  // a merged heading explains an empty one better
    throw;
  }
}

XlsxRows::~XlsxRows() = default;

bool XlsxRows::next(CsvRow& out) {
  const auto& head = header();
  if (serials_.empty()) {
    // Read once the importer has named the columns (expect_columns): which hold day serials.
    serials_.assign(head.size(), Serial::none);
    for (std::size_t i = 0; i < head.size(); ++i)
      for (const auto& [column, as] : book_->serials)
        if (column == head[i]) serials_[i] = as;
  }
  RawRow r;
  while (book_->next_raw(r)) {
    std::vector<std::string> fields(head.size());
    bool any = false;
    for (auto& c : r.cells) {
      if (std::size_t(c.col) >= head.size()) {
        if (trim(c.text).empty()) continue;
        fail(Errc::invalid, "FILE", "{}: {} fields where the header has {}", book_->where(r.row), c.col + 1,
             head.size());
      }
      std::string& f = fields[std::size_t(c.col)];
      Serial as = serials_[std::size_t(c.col)];
      if (c.type == 'n' && as != Serial::none) {
        f = serial_text(c.text, as, book_->date1904).value_or(number_text(c.text));
      } else if (c.type == 'n') {
        f = number_text(c.text);
      } else if (c.type == 'd' && as == Serial::date) {
        f = c.text.substr(0, c.text.find('T'));  // an ISO date cell: "2026-03-02T00:00:00"
      } else {
        f = std::move(c.text);
      }
      any = any || !trim(f).empty();
    }
    if (!any) continue;
    out.line = r.row;
    out.fields = std::move(fields);
    return true;
  }
  return false;
}

}  // namespace cadre::detail
