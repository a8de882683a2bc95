// Internal: the renderers behind cadre::render and what they share.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "cadre/model.hpp"
#include "cadre/render.hpp"

namespace cadre::detail {

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

std::string render_table(const Report& r, const RenderOptions& o);
std::string render_json(const Report& r, const RenderOptions& o);
std::string render_csv(const Report& r, const RenderOptions& o);
std::string render_md(const Report& r, const RenderOptions& o);
std::string render_html(const Report& r, const RenderOptions& o);
std::string render_xlsx(const Report& r, const RenderOptions& o);
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
