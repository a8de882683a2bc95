// The plain-text renderers: aligned table, Markdown and CSV.
#include <csv.h>

#include <algorithm>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "cadre/i18n.hpp"
#include "report/render_internal.hpp"
#include "util/text.hpp"

namespace cadre::detail {

namespace {

// The UTF-8 characters of a string (one string per code point).
std::vector<std::string> characters(const std::string& s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    out.push_back(s.substr(i, len));
    i += len;
  }
  return out;
}

// Cuts UTF-8 text to at most `width` display columns, marking the cut with "…".
std::string truncate_to(const std::string& s, int width) {
  if (display_width(s) <= width) return s;
  std::string out;
  int used = 0;
  for (const auto& ch : characters(s)) {
    int w = display_width(ch);
    if (used + w > width - 1) break;
    out += ch;
    used += w;
  }
  return out + "…";
}

// Breaks text into lines of at most `width` columns: at spaces where there are any, anywhere
// between CJK characters, and inside a word only when the word alone is too long.
std::vector<std::string> wrap(const std::string& s, int width) {
  std::vector<std::string> lines;
  if (width <= 0 || display_width(s) <= width) return {s};
  std::string line, word;
  int line_w = 0, word_w = 0;
  auto flush_word = [&] {
    if (word.empty()) return;
    bool space = word == " ";
    if (line_w + word_w > width && !line.empty()) {
      while (!line.empty() && line.back() == ' ') { line.pop_back(); --line_w; }
      lines.push_back(line);
      line.clear();
      line_w = 0;
      if (space) { word.clear(); word_w = 0; return; }
    }
    if (word_w > width) {  // a word longer than the line: cut it
      for (const auto& ch : characters(word)) {
        int w = display_width(ch);
        if (line_w + w > width && !line.empty()) { lines.push_back(line); line.clear(); line_w = 0; }
        line += ch;
        line_w += w;
      }
    } else {
      line += word;
      line_w += word_w;
    }
    word.clear();
    word_w = 0;
  };
  for (const auto& ch : characters(s)) {
    int w = display_width(ch);
    if (ch == " ") { flush_word(); word = " "; word_w = 1; flush_word(); continue; }
    if (w == 2) { flush_word(); word = ch; word_w = 2; flush_word(); continue; }  // CJK breaks anywhere
    word += ch;
    word_w += w;
  }
  flush_word();
  while (!line.empty() && line.back() == ' ') line.pop_back();
  if (!line.empty()) lines.push_back(line);
  return lines;
}

std::string pad(const std::string& s, int width, bool right) {
  int w = display_width(s);
  std::string spaces(size_t(std::max(0, width - w)), ' ');
  return right ? spaces + s : s + spaces;
}

// A table block as text cells. Its rows are read twice (a spooled table a row at a time): once
// here for the column widths and alignment, once more by each_line() to write them, so the output
// is the same as if every cell were held, for any number of rows.
struct Grid {
  std::vector<std::string> cols;
  std::vector<std::string> header;
  std::vector<bool> right;  // numbers and identifiers: right-aligned
  std::vector<bool> fixed;  // numbers, identifiers and dates: never cut
  std::vector<int> data;    // the widest cell of each column
  std::size_t count = 0;    // rows
  const Node* rows = nullptr;
  std::string lang;

  void each_line(const std::function<void(const std::vector<std::string>&)>& f) const {
    std::vector<std::string> line(cols.size());
    rows->each_item([&](const Node& row) {
      for (size_t i = 0; i < cols.size(); ++i) {
        const Node* v = row.find(cols[i]);
        line[i] = v ? format_cell(*v, lang, cols[i]) : "-";
      }
      f(line);
    });
  }
};

Grid make_grid(const Block& b, const std::string& lang) {
  Grid g;
  g.rows = b.rows;
  g.lang = lang;
  g.cols = columns_of(*b.rows);
  for (const auto& c : g.cols) g.header.push_back(column_label(b, c, lang));
  g.right.assign(g.cols.size(), false);
  g.fixed.assign(g.cols.size(), false);
  g.data.assign(g.cols.size(), 0);
  b.rows->each_item([&](const Node& row) {
    ++g.count;
    for (size_t i = 0; i < g.cols.size(); ++i) {
      const Node* v = row.find(g.cols[i]);
      g.data[i] = std::max(g.data[i], display_width(v ? format_cell(*v, lang, g.cols[i]) : "-"));
      if (v && (is_numeric(*v) || v->hint() == Hint::id)) g.right[i] = g.fixed[i] = true;
      if (v && v->hint() == Hint::date) g.fixed[i] = true;
    }
  });
  return g;
}

constexpr int kGap = 2;        // spaces between columns
constexpr int kMinText = 6;    // a text column is never cut narrower than this

// The longest word of a header: the narrowest its column can be when the header wraps.
int longest_word(const std::string& s) {
  int best = 0;
  for (const auto& w : split(s, ' ')) best = std::max(best, display_width(w));
  return std::min(best, display_width(s));
}

// Column widths that fit `width` (0 = unlimited), or an empty vector when even the narrowest
// layout is too wide. First headers wrap onto more lines (the column with the most to gain
// first), then the widest text columns shrink and their cells are cut with "…"; numbers,
// identifiers and dates are never cut.
std::vector<int> fit_columns(const Grid& g, int width) {
  size_t n = g.header.size();
  const std::vector<int>& data = g.data;
  std::vector<int> widths(n, 0);
  for (size_t i = 0; i < n; ++i) widths[i] = std::max(data[i], display_width(g.header[i]));
  auto total = [&] {
    int t = 0;
    for (int w : widths) t += w;
    return t + kGap * int(n ? n - 1 : 0);
  };
  if (width <= 0 || total() <= width) return widths;
  while (total() > width) {
    size_t best = n;
    int gain = 0;
    for (size_t i = 0; i < n; ++i) {
      int narrow = std::max(data[i], longest_word(g.header[i]));
      if (widths[i] - narrow > gain) gain = widths[i] - narrow, best = i;
    }
    if (best == n) break;
    widths[best] = std::max(data[best], longest_word(g.header[best]));
  }
  while (total() > width) {
    size_t widest = n;
    for (size_t i = 0; i < n; ++i)
      if (!g.fixed[i] && widths[i] > kMinText && (widest == n || widths[i] > widths[widest])) widest = i;
    if (widest == n) return {};
    --widths[widest];
  }
  return widths;
}

void emit_grid(Out& out, const Grid& g, const std::vector<int>& widths) {
  auto emit = [&](const std::vector<std::string>& line) {
    std::string s;
    for (size_t i = 0; i < line.size(); ++i) {
      if (i) s += std::string(kGap, ' ');
      s += pad(truncate_to(line[i], widths[i]), widths[i], g.right[i]);
    }
    while (!s.empty() && s.back() == ' ') s.pop_back();
    out += s + "\n";
    out.flush_if_large();  // at the end of a line: the printable filter sees whole characters
  };
  // The header may take several lines; numeric headers sit at the bottom, right-aligned.
  std::vector<std::vector<std::string>> head;
  size_t height = 1;
  for (size_t i = 0; i < g.header.size(); ++i) {
    head.push_back(wrap(g.header[i], widths[i]));
    height = std::max(height, head.back().size());
  }
  for (size_t l = 0; l < height; ++l) {
    std::vector<std::string> line;
    for (const auto& h : head) {
      size_t skip = height - h.size();
      line.push_back(l >= skip ? h[l - skip] : "");
    }
    emit(line);
  }
  std::vector<std::string> rule;
  for (int w : widths) rule.push_back(std::string(size_t(w), '-'));
  emit(rule);
  g.each_line(emit);
}

// Too many columns for the terminal: one record per row, "label  value", values wrapped.
void emit_records(Out& out, const Grid& g, int width) {
  int lw = 0;
  for (const auto& h : g.header) lw = std::max(lw, display_width(h));
  lw = std::min(lw, std::max(8, width / 3));
  int vw = std::max(10, width - lw - 4);
  bool first = true;
  g.each_line([&](const std::vector<std::string>& cells) {
    if (!first) out += "\n";
    first = false;
    for (size_t i = 0; i < g.header.size(); ++i) {
      auto lines = wrap(cells[i], vw);
      for (size_t l = 0; l < lines.size(); ++l)
        out += "  " + pad(l == 0 ? truncate_to(g.header[i], lw) : "", lw, false) + "  " + lines[l] + "\n";
    }
    out.flush_if_large();
  });
}

}  // namespace

void render_table(Out& out, const Report& r, const RenderOptions& o) {
  if (!r.title.empty()) out += printable(r.title) + "\n\n";
  bool first = true;
  auto blocks = layout(r);
  for (const auto& b : blocks) {
    if (!first) out += "\n";
    first = false;
    // A list (one table and nothing else) needs no heading below its title.
    if (!b.key.empty() && !(blocks.size() == 1 && !r.title.empty())) out += block_label(b, r, o.lang) + "\n";
    if (!b.table) {
      int lw = 0;
      std::vector<std::string> labels;
      for (const auto& [k, v] : b.fields) {
        labels.push_back(field_label(b, r, k, o.lang));
        lw = std::max(lw, display_width(labels.back()));
      }
      if (o.width > 0) lw = std::min(lw, std::max(8, o.width / 3));
      int vw = o.width > 0 ? std::max(10, o.width - lw - 4) : 0;
      for (size_t i = 0; i < b.fields.size(); ++i) {
        auto lines = wrap(format_cell(*b.fields[i].second, o.lang, leaf(b.fields[i].first)), vw);
        for (size_t l = 0; l < lines.size(); ++l)
          out += "  " + pad(l == 0 ? truncate_to(labels[i], lw) : "", lw, false) + "  " + lines[l] + "\n";
      }
      continue;
    }
    Grid g = make_grid(b, o.lang);
    if (g.count == 0) {
      out += "  (" + label("none", o.lang) + ")\n";
      continue;
    }
    auto widths = fit_columns(g, o.width);
    if (widths.empty()) emit_records(out, g, o.width);
    else emit_grid(out, g, widths);
  }
  // render_to's filter makes the labels printable too, a line at a time.
}

void render_md(Out& out, const Report& r, const RenderOptions& o) {
  // Cells are text, never markup: HTML is escaped (a Markdown viewer would run <script>), and so
  // are the characters that end a cell (|), escape the next one (\) or start a link or code span.
  auto esc = [](const std::string& s) {
    std::string out;
    for (char c : printable(s)) {
      switch (c) {
        case '&':
          out += "&amp;";
          break;
        case '<':
          out += "&lt;";
          break;
        case '>':
          out += "&gt;";
          break;
        case '\n':
          out += "<br>";
          break;
        case '|':
        case '\\':
        case '[':
        case ']':
        case '`':
          out += '\\';
          out += c;
          break;
        default:
          out += c;
      }
    }
    return out;
  };
  if (!r.title.empty()) out += "# " + esc(r.title) + "\n";
  for (const auto& b : layout(r)) {
    out += "\n";
    if (!b.key.empty()) out += "## " + esc(block_label(b, r, o.lang)) + "\n\n";
    if (!b.table) {
      for (const auto& [k, v] : b.fields)
        out += "- **" + esc(field_label(b, r, k, o.lang)) + "**: " + esc(format_cell(*v, o.lang, leaf(k))) + "\n";
      continue;
    }
    Grid g;
    g.rows = b.rows;
    g.lang = o.lang;
    g.cols = columns_of(*b.rows);
    for (const auto& c : g.cols) g.header.push_back(column_label(b, c, o.lang));
    g.right = right_aligned(*b.rows, g.cols);
    if (g.header.empty()) {
      out += "_" + label("none", o.lang) + "_\n";
      continue;
    }
    out += "|";
    for (const auto& h : g.header) out.append(" ").append(esc(h)).append(" |");
    out += "\n|";
    for (bool right : g.right) out += right ? " ---: |" : " --- |";
    out += "\n";
    g.each_line([&](const std::vector<std::string>& line) {
      out += "|";
      for (const auto& c : line) out.append(" ").append(esc(c)).append(" |");
      out += "\n";
      out.flush_if_large();
    });
  }
}

namespace {

// A text cell a spreadsheet would run as a formula (=, +, -, @, TAB or CR first) gets a leading
// apostrophe, the OWASP rule: Excel and WPS then show the text instead of calling HYPERLINK or DDE.
std::string defused(std::string s) {
  if (!s.empty() && std::string_view("=+-@\t\r").find(s.front()) != std::string_view::npos) s.insert(0, 1, '\'');
  return s;
}

// One CSV field; `text` fields are made printable and defused, numbers are written as they are.
std::string csv_field(std::string s, bool text = true) {
  if (text) s = defused(printable(s));
  std::string out(s.size() * 2 + 2, '\0');
  out.resize(csv_write(out.data(), out.size(), s.data(), s.size()));
  // libcsv always quotes; keep plain fields plain so the output reads like Excel's.
  if (s.find_first_of(",\"\r\n") == std::string::npos && !s.empty()) return s;
  return out;
}

std::string csv_value(const Node& n, const std::string& lang, const std::string& field) {
  // Machine-readable: rates stay fractions, numbers unformatted; enum words translated only for zh.
  switch (n.type()) {
    case Node::Type::null: return "";
    case Node::Type::boolean: return n.as_bool() ? "true" : "false";
    case Node::Type::integer: return std::to_string(n.as_int());
    case Node::Type::number: {
      std::string s = fmt::format("{}", round_for_output(n.as_double(), n.hint()));
      return s;
    }
    case Node::Type::string:
      if (const Message* m = n.message()) return m->render(lang);
      return n.hint() == Hint::code && lang == "zh" ? value_label(n.as_string(), field, lang) : n.as_string();
    default: {
      std::vector<std::string> parts;
      if (n.type() == Node::Type::array)
        for (const auto& i : n.items()) parts.push_back(csv_value(i, lang, field));
      return join(parts, ";");
    }
  }
}

}  // namespace

void render_csv(Out& out, const Report& r, const RenderOptions& o) {
  bool first = true;
  for (const auto& b : layout(r)) {
    if (!first) out += "\n";
    first = false;
    if (!b.table) {
      out += csv_field(o.lang == "zh" ? label("field", o.lang) : "field") + "," +
             csv_field(o.lang == "zh" ? label("value", o.lang) : "value") + "\r\n";
      for (const auto& [k, v] : b.fields) {
        std::string key = o.lang != "zh"  ? (b.key.empty() ? k : b.key + "." + k)
                          : b.key.empty() ? field_label(b, r, k, o.lang)
                                          : block_label(b, r, o.lang) + "·" + field_label(b, r, k, o.lang);
        out += csv_field(key) + "," + csv_field(csv_value(*v, o.lang, leaf(k)), !is_numeric(*v)) + "\r\n";
      }
      continue;
    }
    auto cols = columns_of(*b.rows);
    for (size_t i = 0; i < cols.size(); ++i)
      out.append(i ? "," : "").append(csv_field(o.lang == "zh" ? column_label(b, cols[i], o.lang) : cols[i]));
    out += "\r\n";
    b.rows->each_item([&](const Node& row) {
      for (size_t i = 0; i < cols.size(); ++i) {
        const Node* v = row.find(cols[i]);
        out.append(i ? "," : "").append(csv_field(v ? csv_value(*v, o.lang, cols[i]) : "", !v || !is_numeric(*v)));
      }
      out += "\r\n";
      out.flush_if_large();
    });
  }
}

}  // namespace cadre::detail
