#include "io/csv.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "report/render_internal.hpp"
#include "util/enums.hpp"
#include "util/text.hpp"

namespace cadre::detail {

namespace {

// Line ends in `s`, as TextInput counts them ("\r\n" is one).
long line_ends(std::string_view s) {
  long n = 0;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == s.size() || s[i + 1] != '\n'))) ++n;
  return n;
}

}  // namespace

TextInput::TextInput(const std::string& path, Encoding encoding) : name_(path), forced_(encoding) {
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) fail(Errc::not_found, "FILE", "cannot open {}", path);
  struct stat st {};
  if (::fstat(fd_, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd_);
    fd_ = -1;
    fail(Errc::invalid, "FILE", "{} is a folder, not a file", path);
  }
  if (S_ISREG(st.st_mode)) size_ = std::uint64_t(st.st_size);
}

TextInput::TextInput(std::string text, std::string name, Encoding encoding)
    : name_(std::move(name)), forced_(encoding) {
  total_ = text.size();
  if (total_ > max_file_bytes)
    fail(Errc::invalid, "FILE", "{}:{}: larger than 2 GiB (import it in smaller files)", name_, 1);
  raw_ = std::move(text);
  start(true);
  decode(false);
  if (transcoder_ && !transcoder_->complete())
    fail(Errc::invalid, "FILE", "{}:{}: the file ends inside a character (is it {} text?)", name_, 1 + line_ends(buf_),
         encoding_name(encoding_));
}

TextInput::~TextInput() {
  if (fd_ >= 0) ::close(fd_);
}

std::size_t TextInput::read_raw(std::size_t want) {
  std::size_t at = raw_.size();
  raw_.resize(at + want);
  ssize_t n;
  do n = ::read(fd_, raw_.data() + at, want);
  while (n < 0 && errno == EINTR);
  if (n < 0) fail(Errc::storage, "FILE", "cannot read {}: {}", name_, std::strerror(errno));
  raw_.resize(at + std::size_t(n));
  total_ += std::uint64_t(n);
  if (total_ > max_file_bytes)
    fail(Errc::invalid, "FILE", "{}:{}: larger than 2 GiB (import it in smaller files)", name_, line_ + 1);
  return std::size_t(n);
}

void TextInput::start(bool whole) {
  started_ = true;
  std::size_t bom = 0;
  encoding_ = detect_encoding(raw_, forced_, whole, bom);
  taken_as_utf8_ = encoding_ == Encoding::utf8 && forced_ == Encoding::detect && bom == 0;
  if (encoding_ != Encoding::utf8) {
    raw_.erase(0, bom);  // a UTF-8 BOM stays: `next` drops it, as it always has
    transcoder_ = std::make_unique<Transcoder>(encoding_);
  }
}

void TextInput::decode(bool line_done) {
  if (!transcoder_) {
    buf_.swap(raw_);
    raw_.clear();
    return;
  }
  bool ok = transcoder_->feed(raw_, buf_);
  raw_.clear();
  if (!ok)
    fail(Errc::invalid, "FILE",
         "{}:{}: not {} text: a byte here is no character of it (save the file as UTF-8 CSV, or choose the file's "
         "--encoding)",
         name_, line_ + 1 + (line_done ? 1 : 0) + line_ends(buf_), encoding_name(encoding_));
}

bool TextInput::fill(bool line_done) {
  if (fd_ < 0) return false;
  buf_.clear();
  pos_ = 0;
  for (;;) {
    if (!started_) {
      // The first 64 KiB decide the encoding: read that much, however the reads come (a pipe).
      bool eof = false;
      while (raw_.size() < chunk_bytes && !eof) eof = read_raw(chunk_bytes - raw_.size()) == 0;
      start(eof);
    } else if (read_raw(chunk_bytes) == 0) {
      if (transcoder_ && !transcoder_->complete())
        fail(Errc::invalid, "FILE", "{}:{}: the file ends inside a character (is it {} text?)", name_,
             line_ + 1 + (line_done ? 1 : 0), encoding_name(encoding_));
      return false;
    }
    if (raw_.empty()) return false;
    decode(line_done);
    if (!buf_.empty()) return true;  // else a character still cut off: read on
  }
}

bool TextInput::next(std::string& line) {
  line.clear();
  for (;;) {
    if (pos_ == buf_.size() && !fill()) break;
    std::size_t end = buf_.find_first_of("\r\n", pos_);
    bool complete = end != std::string::npos;
    end = complete ? end + 1 : buf_.size();
    line.append(buf_, pos_, end - pos_);
    pos_ = end;
    // Checked per chunk: a file without line breaks (/dev/zero) stops here, in bounded memory.
    if (line.size() > max_line_bytes)
      fail(Errc::invalid, "FILE", "{}:{}: line longer than 1 MiB (is this the right file?)", name_, line_ + 1);
    if (!complete) continue;
    if (line.back() == '\r') {  // "\r\n" is one line end, even across two chunks
      if (pos_ == buf_.size()) fill(true);
      if (pos_ < buf_.size() && buf_[pos_] == '\n') {
        line += '\n';
        ++pos_;
      }
    }
    break;
  }
  if (line.empty()) return false;
  ++line_;
  if (line_ == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // the BOM Excel writes
  if (line.find('\0') != std::string::npos)
    fail(Errc::invalid, "FILE", "{}:{}: holds a NUL byte, which no text file has (save the file as UTF-8)", name_,
         line_);
  // Converted text is UTF-8 by construction; text taken as UTF-8 is checked line by line.
  if (!transcoder_ && !valid_utf8(line)) {
    if (taken_as_utf8_)
      fail(Errc::invalid, "FILE",
           "{}:{}: not UTF-8 text, though the lines before it are (a GBK file? import it with --encoding gb18030, or "
           "save it as UTF-8)",
           name_, line_);
    fail(Errc::invalid, "FILE", "{}:{}: not UTF-8 text (save the file as UTF-8 CSV)", name_, line_);
  }
  return true;
}

// --- CSV -------------------------------------------------------------------------------------

namespace {

struct Sink {
  std::vector<std::string>& fields;
  std::vector<CsvRow>& done;
  long line;
};

// libcsv's callbacks are C: they only collect, they never throw.
void on_field(void* s, size_t len, void* data) {
  auto* sink = static_cast<Sink*>(data);
  sink->fields.emplace_back(s ? static_cast<const char*>(s) : "", s ? len : 0);
}
void on_row(int, void* data) {
  auto* sink = static_cast<Sink*>(data);
  sink->done.push_back({sink->line, std::move(sink->fields)});
  sink->fields.clear();
}

bool blank(const CsvRow& r) {
  return std::all_of(r.fields.begin(), r.fields.end(), [](const std::string& f) { return trim(f).empty(); });
}

}  // namespace

CsvReader::Parser::Parser() { csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL); }
CsvReader::Parser::~Parser() { csv_free(&p); }

CsvReader::CsvReader(const std::string& path, Encoding encoding) : RowSource(path, ':'), in_(path, encoding) {
  read_header();
}

CsvReader::CsvReader(std::string text, std::string name, Encoding encoding)
    : RowSource(name, ':'), in_(std::move(text), std::move(name), encoding) {
  read_header();
}

CsvReader::CsvReader(const std::string& path, Encoding encoding, std::vector<std::string> header_holds)
    : RowSource(path, ':'), in_(path, encoding), header_holds_(std::move(header_holds)) {
  read_header();
}

bool CsvReader::next_record(CsvRow& row) {
  std::string line;
  while (done_.empty() && !finished_) {
    bool mid_record = !fields_.empty() || parser_.p.pstate != 0;
    if (!in_.next(line)) {
      finished_ = true;
      Sink sink{fields_, done_, record_line_};
      if (csv_fini(&parser_.p, on_field, on_row, &sink) != 0)
        fail(Errc::invalid, "FILE", "{}:{}: malformed CSV (unterminated quoted field)", name(), record_line_);
      if (!done_.empty() && blank(done_.front())) done_.clear();
      break;
    }
    if (!mid_record) {
      record_line_ = in_.line();
      record_bytes_ = 0;
    }
    // Excel's "Unicode text" (and many a clerk's export) separates by tabs: the header line says so.
    if (!delimiter_chosen_ && !trim(line).empty()) {
      delimiter_chosen_ = true;
      if (line.find('\t') != std::string::npos && line.find(',') == std::string::npos) csv_set_delim(&parser_.p, '\t');
    }
    // A quoted field may run over many lines: the record as a whole is held to the line limit.
    record_bytes_ += line.size();
    if (record_bytes_ > max_line_bytes)
      fail(Errc::invalid, "FILE", "{}:{}: line longer than 1 MiB (is this the right file?)", name(), record_line_);
    Sink sink{fields_, done_, record_line_};
    if (csv_parse(&parser_.p, line.data(), line.size(), on_field, on_row, &sink) != line.size())
      fail(Errc::invalid, "FILE", "{}:{}: malformed CSV ({})", name(), in_.line(), csv_strerror(csv_error(&parser_.p)));
    // A blank line holds no record; "  " is a record of one empty field: both are skipped.
    if (!done_.empty() && blank(done_.front())) done_.clear();
  }
  if (done_.empty()) return false;
  row = std::move(done_.front());
  done_.erase(done_.begin());
  return true;
}

void CsvReader::read_header() {
  CsvRow h;
  if (!next_record(h)) fail(Errc::invalid, "FILE", "{}: empty file (a header row is required)", name());
  for (int seen = 1; !header_holds_.empty(); ++seen) {
    auto holds = [&](const std::string& want) {
      return std::any_of(h.fields.begin(), h.fields.end(), [&](const std::string& f) { return trim(f) == want; });
    };
    if (std::all_of(header_holds_.begin(), header_holds_.end(), holds)) break;
    if (seen == 10 || !next_record(h))
      fail(Errc::invalid, "FILE", "{}: no header row with the columns {} in the first 10 rows", name(),
           join(header_holds_, ", "));
  }
  set_header(std::move(h.fields), h.line);
}

bool CsvReader::next(CsvRow& row) {
  if (!next_record(row)) return false;
  if (row.fields.size() != header().size())
    fail(Errc::invalid, "FILE", "{}: {} fields where the header has {}", where(row.line), row.fields.size(),
         header().size());
  return true;
}

// --- any table ---------------------------------------------------------------------------------

namespace {

constexpr char kReadPast = '\x1e';

// DESIGN.md's names for the columns of a clerk's own roster, beside the report lists' labels.
constexpr std::pair<std::string_view, std::string_view> roster_aliases[] = {
    {"工号", "staff_no"}, {"姓名", "name"},   {"单位", "unit"},      {"层级", "tier"},          {"职级", "rank"},
    {"职务", "title"},    {"性别", "gender"}, {"出生日期", "birth"}, {"身份证号", "id_number"},
};

// A list's keys as the columns of the import of its kind, so a list exported with --format xlsx
// imports back: `secondment list` shows the units of `secondment add --from/--to` as home and host;
// an empty column is a key an import never sets (the id, the name, the status), read past.
struct ListKey {
  std::string_view kind, key, column;
};
constexpr ListKey list_keys[] = {{"secondments", "home", "from"},
                                 {"secondments", "host", "to"},
                                 {"secondments", "id", ""},
                                 {"secondments", "name", ""},
                                 {"secondments", "status", ""}};

// Header cells are compared without case and with spaces, "-" and "_" alike ("Staff no", "staff-no").
std::string folded(std::string_view s) {
  std::string out = trim(s);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    if (c == ' ' || c == '-') c = '_';
  }
  return out;
}

// `h` (folded) is the key, or its label in the list of `kind`.
bool names_key(const std::string& h, std::string_view key, std::string_view kind) {
  if (h == folded(key)) return true;
  for (const char* lang : {"zh", "en"})
    if (h == folded(field_label(kind, key, lang)) || h == folded(label(key, lang))) return true;
  return false;
}

bool names_column(const std::string& heading, const std::string& column, std::string_view kind) {
  std::string h = folded(heading);
  if (names_key(h, column, kind)) return true;
  for (const auto& [alias, name] : roster_aliases)
    if (name == column && h == alias) return true;
  for (const auto& k : list_keys)
    if (k.kind == kind && k.column == column && !column.empty() && names_key(h, k.key, kind)) return true;
  return false;
}

// A heading of a list key an import reads past.
bool read_past(const std::string& heading, std::string_view kind) {
  std::string h = folded(heading);
  for (const auto& k : list_keys)
    if (k.kind == kind && k.column.empty() && names_key(h, k.key, kind)) return true;
  return false;
}

}  // namespace

std::string RowSource::column_for(const std::string& heading, const std::vector<std::string>& known,
                                  std::string_view kind) {
  if (std::find(known.begin(), known.end(), heading) != known.end()) return heading;
  std::string found;
  for (const auto& c : known)
    if (names_column(heading, c, kind)) {
      if (!found.empty()) return {};  // a label two columns share names neither
      found = c;
    }
  return found;
}

std::string RowSource::where(long line) const { return fmt::format("{}{}{}", name_, separator_, line); }

void RowSource::set_header(std::vector<std::string> header, long line) {
  header_line_ = line;
  header_.clear();
  for (const auto& f : header) header_.push_back(trim(f));
  for (std::size_t i = 0; i < header_.size(); ++i) {
    if (header_[i].empty()) {
      if (i + 1 == header_.size())
        fail(Errc::invalid, "FILE", "{}: column {} has no name (a trailing comma?)", where(line), i + 1);
      fail(Errc::invalid, "FILE", "{}: column {} has no name", where(line), i + 1);
    }
    for (std::size_t j = 0; j < i; ++j)
      if (header_[j] == header_[i])
        fail(Errc::invalid, header_[i], "{}: column {} appears twice (columns {} and {})", where(line), header_[i],
             j + 1, i + 1);
  }
}

int RowSource::column(const std::string& name) const {
  for (std::size_t i = 0; i < header_.size(); ++i)
    if (header_[i] == name) return int(i);
  return -1;
}

void RowSource::expect_columns(const std::vector<std::string>& required, const std::vector<std::string>& known,
                               std::string_view kind, std::string_view table) {
  if (table.empty()) table = kind;
  std::vector<std::string> named = header_;
  for (std::size_t i = 0; i < named.size(); ++i) {
    named[i] = column_for(header_[i], known, kind);
    if (named[i].empty() && read_past(header_[i], kind)) {
      named[i] = kReadPast + header_[i];  // no column of the kind: never read
      continue;
    }
    if (named[i].empty())
      fail(Errc::invalid, header_[i], "{}: unknown column {} (expected {})", where(header_line_), header_[i],
           join(known, ","));
    for (std::size_t j = 0; j < i; ++j)
      if (named[j] == named[i])
        fail(Errc::invalid, named[i], "{}: columns {} and {} are both {}", where(header_line_), header_[j], header_[i],
             named[i]);
  }
  header_ = std::move(named);
  for (const auto& r : required)
    if (column(r) < 0) fail(Errc::invalid, r, "{}: missing column {}", where(header_line_), r);
  // An enum column of the kind's table also takes its words as the lists show them (男, 领导干部).
  words_.assign(header_.size(), {});
  for (std::size_t i = 0; i < header_.size(); ++i)
    for (const auto& spec : enums::all)
      if (!table.empty() && spec.table == table && spec.column == header_[i])
        for (auto w : spec.values)
          for (const char* lang : {"zh", "en"}) {
            std::string shown = value_label(std::string(w), spec.column, lang);
            if (shown != w) words_[i].emplace(shown, std::string(w));
          }
}

std::string RowSource::value(std::size_t index, std::string text) const {
  if (index < words_.size() && !words_[index].empty()) {
    auto it = words_[index].find(text);
    if (it != words_[index].end()) return it->second;
  }
  return text;
}

std::optional<std::string> CsvRecord::get(const std::string& column) const {
  int i = file_.column(column);
  if (i < 0) return std::nullopt;
  std::string v = trim(row_.fields[std::size_t(i)]);
  if (v.empty()) return std::nullopt;
  return file_.value(std::size_t(i), std::move(v));
}

std::string CsvRecord::require(const std::string& column) const {
  auto v = get(column);
  if (!v) fail(Errc::invalid, column, "{}: required", column);
  return *v;
}

}  // namespace cadre::detail
