// The plain-text renderers: aligned table, Markdown and CSV.
#include <csv.h>

#include <algorithm>

#include "cadre/i18n.hpp"
#include "report/render_internal.hpp"
#include "util/text.hpp"

namespace cadre::detail {

namespace {

// Cuts UTF-8 text to at most `width` display columns, marking the cut with "…".
std::string truncate_to(const std::string& s, int width) {
  if (display_width(s) <= width) return s;
  std::string out;
  int used = 0;
  size_t i = 0;
  while (i < s.size()) {
    size_t len = 1;
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0xF0) len = 4; else if (c >= 0xE0) len = 3; else if (c >= 0xC0) len = 2;
    std::string ch = s.substr(i, len);
    int w = display_width(ch);
    if (used + w > width - 1) break;
    out += ch;
    used += w;
    i += len;
  }
  return out + "…";
}

std::string pad(const std::string& s, int width, bool right) {
  int w = display_width(s);
  std::string spaces(size_t(std::max(0, width - w)), ' ');
  return right ? spaces + s : s + spaces;
}

struct Grid {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> cells;
  std::vector<bool> right;
};

Grid make_grid(const Node& rows, const std::string& lang) {
  Grid g;
  auto cols = columns_of(rows);
  for (const auto& c : cols) g.header.push_back(label(c, lang));
  g.right.assign(cols.size(), false);
  for (const auto& row : rows.items()) {
    std::vector<std::string> line;
    for (size_t i = 0; i < cols.size(); ++i) {
      const Node* v = row.find(cols[i]);
      line.push_back(v ? format_cell(*v, lang) : "-");
      if (v && (is_numeric(*v) || v->hint() == Hint::id)) g.right[i] = true;
    }
    g.cells.push_back(std::move(line));
  }
  return g;
}

}  // namespace

std::string render_table(const Report& r, const RenderOptions& o) {
  std::string out;
  if (!r.title.empty()) out += r.title + "\n\n";
  bool first = true;
  auto blocks = layout(r);
  for (const auto& b : blocks) {
    if (!first) out += "\n";
    first = false;
    // A list (one table and nothing else) needs no heading below its title.
    if (!b.key.empty() && !(blocks.size() == 1 && !r.title.empty())) out += path_label(b.key, o.lang) + "\n";
    if (!b.table) {
      int lw = 0;
      std::vector<std::string> labels;
      for (const auto& [k, v] : b.fields) {
        labels.push_back(path_label(k, o.lang));
        lw = std::max(lw, display_width(labels.back()));
      }
      for (size_t i = 0; i < b.fields.size(); ++i)
        out += "  " + pad(labels[i], lw, false) + "  " + format_cell(*b.fields[i].second, o.lang) + "\n";
      continue;
    }
    Grid g = make_grid(*b.rows, o.lang);
    if (g.cells.empty()) {
      out += "  (" + label("none", o.lang) + ")\n";
      continue;
    }
    std::vector<int> widths(g.header.size(), 0);
    for (size_t i = 0; i < g.header.size(); ++i) widths[i] = display_width(g.header[i]);
    for (const auto& line : g.cells)
      for (size_t i = 0; i < line.size(); ++i) widths[i] = std::max(widths[i], display_width(line[i]));
    // Fit a terminal: shrink the widest text column first, never below 6 columns.
    if (o.width > 0) {
      auto total = [&] {
        int t = 0;
        for (int w : widths) t += w + 2;
        return t;
      };
      while (total() > o.width) {
        size_t widest = widths.size();
        for (size_t i = 0; i < widths.size(); ++i)
          if (!g.right[i] && widths[i] > 6 && (widest == widths.size() || widths[i] > widths[widest])) widest = i;
        if (widest == widths.size()) break;
        --widths[widest];
      }
    }
    auto emit = [&](const std::vector<std::string>& line) {
      std::string s;
      for (size_t i = 0; i < line.size(); ++i) {
        if (i) s += "  ";
        s += pad(truncate_to(line[i], widths[i]), widths[i], g.right[i]);
      }
      while (!s.empty() && s.back() == ' ') s.pop_back();
      out += s + "\n";
    };
    emit(g.header);
    std::vector<std::string> rule;
    for (int w : widths) rule.push_back(std::string(size_t(w), '-'));
    emit(rule);
    for (const auto& line : g.cells) emit(line);
  }
  return out;
}

std::string render_md(const Report& r, const RenderOptions& o) {
  auto esc = [](std::string s) {
    std::string out;
    for (char c : s) {
      if (c == '|') out += "\\|";
      else if (c == '\n') out += "<br>";
      else out += c;
    }
    return out;
  };
  std::string out;
  if (!r.title.empty()) out += "# " + esc(r.title) + "\n";
  for (const auto& b : layout(r)) {
    out += "\n";
    if (!b.key.empty()) out += "## " + esc(path_label(b.key, o.lang)) + "\n\n";
    if (!b.table) {
      for (const auto& [k, v] : b.fields)
        out += "- **" + esc(path_label(k, o.lang)) + "**: " + esc(format_cell(*v, o.lang)) + "\n";
      continue;
    }
    Grid g = make_grid(*b.rows, o.lang);
    if (g.header.empty()) {
      out += "_" + label("none", o.lang) + "_\n";
      continue;
    }
    out += "|";
    for (const auto& h : g.header) out += " " + esc(h) + " |";
    out += "\n|";
    for (bool right : g.right) out += right ? " ---: |" : " --- |";
    out += "\n";
    for (const auto& line : g.cells) {
      out += "|";
      for (const auto& c : line) out += " " + esc(c) + " |";
      out += "\n";
    }
  }
  return out;
}

namespace {

std::string csv_field(const std::string& s) {
  std::string out(s.size() * 2 + 2, '\0');
  out.resize(csv_write(out.data(), out.size(), s.data(), s.size()));
  // libcsv always quotes; keep plain fields plain so the output reads like Excel's.
  if (s.find_first_of(",\"\r\n") == std::string::npos && !s.empty()) return s;
  return out;
}

std::string csv_value(const Node& n, const std::string& lang) {
  // Machine-readable: rates stay fractions, numbers unformatted; enum words translated only for zh.
  switch (n.type()) {
    case Node::Type::null: return "";
    case Node::Type::boolean: return n.as_bool() ? "true" : "false";
    case Node::Type::integer: return std::to_string(n.as_int());
    case Node::Type::number: {
      std::string s = fmt::format("{}", round_for_output(n.as_double(), n.hint()));
      return s;
    }
    case Node::Type::string: return n.hint() == Hint::code && lang == "zh" ? label(n.as_string(), lang) : n.as_string();
    default: {
      std::vector<std::string> parts;
      if (n.type() == Node::Type::array)
        for (const auto& i : n.items()) parts.push_back(csv_value(i, lang));
      return join(parts, ";");
    }
  }
}

}  // namespace

std::string render_csv(const Report& r, const RenderOptions& o) {
  std::string out;
  bool first = true;
  auto head = [&](const std::string& key) { return o.lang == "zh" ? path_label(key, o.lang) : key; };
  for (const auto& b : layout(r)) {
    if (!first) out += "\n";
    first = false;
    if (!b.table) {
      out += csv_field(o.lang == "zh" ? label("field", o.lang) : "field") + "," +
             csv_field(o.lang == "zh" ? label("value", o.lang) : "value") + "\r\n";
      for (const auto& [k, v] : b.fields) {
        std::string key = b.key.empty() ? k : b.key + "." + k;
        out += csv_field(head(key)) + "," + csv_field(csv_value(*v, o.lang)) + "\r\n";
      }
      continue;
    }
    auto cols = columns_of(*b.rows);
    for (size_t i = 0; i < cols.size(); ++i) out += (i ? "," : "") + csv_field(head(cols[i]));
    out += "\r\n";
    for (const auto& row : b.rows->items()) {
      for (size_t i = 0; i < cols.size(); ++i) {
        const Node* v = row.find(cols[i]);
        out += (i ? "," : "") + csv_field(v ? csv_value(*v, o.lang) : "");
      }
      out += "\r\n";
    }
  }
  return out;
}

}  // namespace cadre::detail
