#include "io/csv.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "util/text.hpp"

namespace cadre::detail {

namespace {

constexpr std::size_t chunk_bytes = 64 * 1024;

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    utf8proc_int32_t cp = 0;
    auto n =
        utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i), utf8proc_ssize_t(s.size() - i), &cp);
    if (n <= 0) return false;
    i += std::size_t(n);
  }
  return true;
}

}  // namespace

TextInput::TextInput(const std::string& path) : name_(path) {
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) fail(Errc::not_found, "FILE", "cannot open {}", path);
  struct stat st {};
  if (::fstat(fd_, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd_);
    fd_ = -1;
    fail(Errc::invalid, "FILE", "{} is a folder, not a file", path);
  }
}

TextInput::TextInput(std::string text, std::string name) : name_(std::move(name)), buf_(std::move(text)) {
  total_ = buf_.size();
  if (total_ > max_file_bytes)
    fail(Errc::invalid, "FILE", "{}:{}: larger than 2 GiB (import it in smaller files)", name_, 1);
}

TextInput::~TextInput() {
  if (fd_ >= 0) ::close(fd_);
}

bool TextInput::fill() {
  if (fd_ < 0) return false;
  buf_.resize(chunk_bytes);
  pos_ = 0;
  ssize_t n;
  do n = ::read(fd_, buf_.data(), buf_.size());
  while (n < 0 && errno == EINTR);
  if (n < 0) fail(Errc::storage, "FILE", "cannot read {}: {}", name_, std::strerror(errno));
  buf_.resize(std::size_t(n));
  if (n == 0) return false;
  total_ += std::uint64_t(n);
  if (total_ > max_file_bytes)
    fail(Errc::invalid, "FILE", "{}:{}: larger than 2 GiB (import it in smaller files)", name_, line_ + 1);
  return true;
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
      if (pos_ == buf_.size()) fill();
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
  if (!valid_utf8(line))
    fail(Errc::invalid, "FILE", "{}:{}: not UTF-8 text (save the file as UTF-8 CSV)", name_, line_);
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

CsvReader::CsvReader(const std::string& path) : in_(path) { read_header(); }

CsvReader::CsvReader(std::string text, std::string name) : in_(std::move(text), std::move(name)) { read_header(); }

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
  header_line_ = h.line;
  for (const auto& f : h.fields) header_.push_back(trim(f));
  for (std::size_t i = 0; i < header_.size(); ++i) {
    if (header_[i].empty()) {
      if (i + 1 == header_.size())
        fail(Errc::invalid, "FILE", "{}:{}: column {} has no name (a trailing comma?)", name(), header_line_, i + 1);
      fail(Errc::invalid, "FILE", "{}:{}: column {} has no name", name(), header_line_, i + 1);
    }
    for (std::size_t j = 0; j < i; ++j)
      if (header_[j] == header_[i])
        fail(Errc::invalid, header_[i], "{}:{}: column {} appears twice (columns {} and {})", name(), header_line_,
             header_[i], j + 1, i + 1);
  }
}

bool CsvReader::next(CsvRow& row) {
  if (!next_record(row)) return false;
  if (row.fields.size() != header_.size())
    fail(Errc::invalid, "FILE", "{}:{}: {} fields where the header has {}", name(), row.line, row.fields.size(),
         header_.size());
  return true;
}

int CsvReader::column(const std::string& name) const {
  for (std::size_t i = 0; i < header_.size(); ++i)
    if (header_[i] == name) return int(i);
  return -1;
}

void CsvReader::expect_columns(const std::vector<std::string>& required, const std::vector<std::string>& known) const {
  for (const auto& h : header_)
    if (std::find(known.begin(), known.end(), h) == known.end())
      fail(Errc::invalid, h, "{}:{}: unknown column {} (expected {})", name(), header_line_, h, join(known, ","));
  for (const auto& r : required)
    if (column(r) < 0) fail(Errc::invalid, r, "{}:{}: missing column {}", name(), header_line_, r);
}

std::optional<std::string> CsvRecord::get(const std::string& column) const {
  int i = file_.column(column);
  if (i < 0) return std::nullopt;
  std::string v = trim(row_.fields[std::size_t(i)]);
  if (v.empty()) return std::nullopt;
  return v;
}

std::string CsvRecord::require(const std::string& column) const {
  auto v = get(column);
  if (!v) fail(Errc::invalid, column, "{}: required", column);
  return *v;
}

}  // namespace cadre::detail
