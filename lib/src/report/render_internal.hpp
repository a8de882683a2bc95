// Internal: the renderers behind cadre::render and what they share.
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "cadre/model.hpp"
#include "cadre/render.hpp"

namespace cadre::detail {

// Where a renderer writes: bytes are buffered and handed to the sink a buffer at a time at the
// points the renderer marks (flush_if_large: between rows, at the end of a line), so a report of
// thousands of rows is written as it is made instead of held whole. `filter`, when set, is applied
// to each buffer handed over (the table renderer's printable(): safe to apply line by line, since a
// line ends at a whole character).
class Out {
 public:
  using Sink = std::function<void(std::string_view)>;
  explicit Out(Sink sink, std::string (*filter)(std::string_view) = nullptr)
      : sink_(std::move(sink)), filter_(filter) {}
  ~Out() = default;
  Out(const Out&) = delete;
  Out& operator=(const Out&) = delete;
  Out& operator+=(std::string_view s) {
    buf_ += s;
    return *this;
  }
  Out& operator+=(char c) {
    buf_ += c;
    return *this;
  }
  Out& append(std::string_view s) {
    buf_ += s;
    return *this;
  }
  Out& append(std::size_t n, char c) {
    buf_.append(n, c);
    return *this;
  }
  Out& append(const std::string& s, std::size_t pos, std::size_t n) {
    buf_.append(s, pos, n);
    return *this;
  }
  void flush_if_large() {
    if (buf_.size() >= (1 << 16)) flush();
  }
  void flush() {
    if (buf_.empty()) return;
    if (filter_)
      sink_(filter_(buf_));
    else
      sink_(buf_);
    buf_.clear();
  }

 private:
  Sink sink_;
  std::string (*filter_)(std::string_view);
  std::string buf_;
};

// A scalar as text for people: rates as percentages, hours and scores with one decimal, enum
// words translated, null as "-". Arrays of scalars are joined with ", ".
// `field` is the key the value sits under: it picks field-specific words (completed: 结业/未结业)
// and marks enum fields whose plain strings are translated too.
std::string format_cell(const Node& n, const std::string& lang, std::string_view field = {});
// The label of `key` inside `parent` (a block key's last part, or the report kind): a catalogue
// entry "parent.key" wins over "key", so one word can read differently in different tables
// ("units.name" 单位名称, "name" 姓名).
std::string field_label(std::string_view parent, std::string_view key, const std::string& lang);
// An enum word under `field`: "status.completed" (期满) wins over "completed" (结业).
std::string value_label(const std::string& word, std::string_view field, const std::string& lang);
// yes/no of a boolean field in the language.
std::string bool_label(bool v, std::string_view field, const std::string& lang);
// An enum word as people read it: translated for zh, itself for en.
std::string enum_label(const std::string& word, const std::string& lang);
// True for values that are right-aligned (numbers of every kind).
bool is_numeric(const Node& n);
// A rounded copy of a double for JSON and spreadsheets (rates 4 decimals, others 2).
double round_for_output(double v, Hint h);

// The column keys of an array of objects (the union of member keys, in first-seen order).
std::vector<std::string> columns_of(const Node& array);
bool is_table(const Node& n);  // a non-empty array whose items are objects, or an empty array

// The columns of a table block's rows and whether it holds numbers or identifiers (right-aligned):
// one pass over the rows.
std::vector<bool> right_aligned(const Node& rows, const std::vector<std::string>& cols);

void render_table(Out& out, const Report& r, const RenderOptions& o);
void render_json(Out& out, const Report& r, const RenderOptions& o);
void render_csv(Out& out, const Report& r, const RenderOptions& o);
void render_md(Out& out, const Report& r, const RenderOptions& o);
void render_html(Out& out, const Report& r, const RenderOptions& o);
void render_xlsx(Out& out, const Report& r, const RenderOptions& o);
// render_form.cpp: a report with a form (Report::form) as the paper form on A4, and as a Word
// document (docx, bytes; Error(invalid) for a report without a form).
// Text safe inside HTML or XML (printable(), then & < > " ' as entities).
std::string html_escape(std::string_view s);
std::string render_form_html(const Report& r, const RenderOptions& o);
std::string render_docx(const Report& r, const RenderOptions& o);
// render_certificate.cpp: a report with a certificate page (Report::certificate) as one A4 page,
// with qr_svg(): a QR code of `text` (libqrencode) as inline SVG; Error(invalid) when it cannot hold it.
std::string render_certificate_html(const Report& r, const RenderOptions& o);
std::string qr_svg(std::string_view text);

}  // namespace cadre::detail

namespace cadre::detail {

// The reading order every text renderer shares: key/value blocks and tables.
struct Block {
  std::string key;  // the member the block came from ("" for the report's own scalars)
  bool table = false;
  std::vector<std::pair<std::string, const Node*>> fields;  // key/value block: (key path, value)
  const Node* rows = nullptr;                               // table: the array of objects
};
std::vector<Block> layout(const Report& r);
// Label of a key path such as "grades.excellent" in the language.
// `parent` qualifies the first part (the report kind for top-level keys).
std::string path_label(const std::string& path, const std::string& lang, std::string_view parent = {});
// Labels of a block's heading, of one of its key/value fields, and of one of its columns.
std::string block_label(const Block& b, const Report& r, const std::string& lang);
std::string field_label(const Block& b, const Report& r, const std::string& key, const std::string& lang);
std::string column_label(const Block& b, const std::string& column, const std::string& lang);
// The last part of a key path ("course.grades" -> "grades").
std::string leaf(const std::string& path);

}  // namespace cadre::detail
