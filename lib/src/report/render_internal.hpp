// Internal: the renderers behind cadre::render and what they share.
#pragma once
#include <string>

#include "cadre/model.hpp"
#include "cadre/render.hpp"

namespace cadre::detail {

// A scalar as text for people: rates as percentages, hours and scores with one decimal, enum
// words translated, null as "-". Arrays of scalars are joined with ", ".
std::string format_cell(const Node& n, const std::string& lang);
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
std::string path_label(const std::string& path, const std::string& lang);

}  // namespace cadre::detail
