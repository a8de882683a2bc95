// HTML: one self-contained file per report, printable on A4. Inline CSS, inline SVG charts drawn
// from Report::charts, no scripts and nothing fetched: a clerk can mail it, open it offline, print it.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "cadre/i18n.hpp"
#include "report/render_internal.hpp"
#include "util/text.hpp"

namespace cadre::detail {

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : printable(s)) {  // no raw control bytes or broken UTF-8 in the file either
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

namespace {

// Fonts are only named, never loaded: the reader's system picks the first it has.
constexpr const char* kFonts =
    "\"Noto Sans CJK SC\", \"Source Han Sans SC\", \"WenQuanYi Micro Hei\", \"Microsoft YaHei\", "
    "\"PingFang SC\", sans-serif";

constexpr const char* kStyle = R"(@page { size: A4; margin: 16mm 14mm 18mm 14mm; }
html { font-family: FONTS; color: #111; }
body { margin: 0 auto; max-width: 182mm; padding: 8mm 0; font-size: 10.5pt; line-height: 1.45; }
h1 { font-size: 16pt; margin: 0 0 8pt; padding-bottom: 3pt; border-bottom: 2px solid #333; }
h2 { font-size: 12pt; margin: 14pt 0 5pt; break-after: avoid; page-break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: 0 0 10pt; font-size: 9.5pt; }
table.kv { width: auto; min-width: 55%; }
th, td { border: 1px solid #bbb; padding: 2pt 5pt; vertical-align: top; text-align: left; }
thead th { background: #eef1f5; }
table.kv th { background: #f6f7f9; font-weight: normal; white-space: nowrap; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
td.n { white-space: nowrap; }
td { overflow-wrap: break-word; }
table.wide { font-size: 8pt; }
table.wide th, table.wide td { padding: 1pt 3pt; }
p.none { color: #666; font-style: italic; }
figure { margin: 8pt 0 12pt; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-weight: bold; margin-bottom: 3pt; }
svg { display: block; width: 100%; height: auto; }
@media print {
  body { max-width: none; padding: 0; }
  thead th, table.kv th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
)";

constexpr size_t kMaxBars = 300;

constexpr const char* kPalette[] = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1", "#76b7b2"};

std::string esc(std::string_view s) { return html_escape(s); }

std::string num(double v) { return fmt::format("{:.1f}", v); }

const Node* resolve(const Node& data, const std::string& path) {
  const Node* n = &data;
  for (const auto& part : split(path, '.')) {
    n = n->find(part);
    if (!n) return nullptr;
  }
  return n;
}

// Cuts a label to `width` display columns for an axis.
std::string shorten(const std::string& s, int width) {
  if (display_width(s) <= width) return s;
  std::string out;
  int used = 0;
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    std::string ch = s.substr(i, len);
    int w = display_width(ch);
    if (used + w > width - 1) break;
    out += ch;
    used += w;
    i += len;
  }
  return out + "…";
}

// A round axis maximum and tick step covering `max` (1, 2, 2.5 or 5 times a power of ten).
std::pair<double, double> nice_axis(double max, bool integral) {
  if (max <= 0) return {1, integral ? 1 : 0.2};
  double raw = max / 5;
  double p = std::pow(10, std::floor(std::log10(raw)));
  double step = p;
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (m * p >= raw) {
      step = m * p;
      break;
    }
  if (integral && step < 1) step = 1;  // counts and days: whole-number ticks
  return {std::ceil(max / step - 1e-9) * step, step};
}

std::string axis_value(double v, bool rate) {
  if (rate) return fmt::format("{:g}%", std::round(v * 1000) / 10);
  return fmt::format("{:g}", std::round(v * 100) / 100);
}

// The numbers of a chart: one label per row and one optional value per (row, series), the largest
// value, and whether the values are rates (shown as %) or all whole numbers (whole ticks).
struct ChartValues {
  std::vector<std::string> labels;
  std::vector<std::vector<std::optional<double>>> values;
  double max = 0;
  bool rate = false, integral = true;
};
ChartValues chart_values(const Node& rows, const Chart& c, const std::string& lang) {
  const size_t n = rows.size(), ns = c.series.size();
  ChartValues cv;
  cv.max = c.reference.value_or(0);
  cv.values.assign(n, std::vector<std::optional<double>>(ns));
  cv.labels.resize(n);
  size_t i = 0;
  rows.each_item([&](const Node& item) {
    const Node* l = item.find(c.label_field);
    cv.labels[i] = l ? format_cell(*l, lang, c.label_field) : std::to_string(i + 1);
    for (size_t s = 0; s < ns; ++s) {
      const Node* v = item.find(c.series[s]);
      if (!v || !is_numeric(*v)) continue;
      cv.values[i][s] = v->as_double();
      cv.max = std::max(cv.max, v->as_double());
      cv.rate = cv.rate || v->hint() == Hint::rate;
      cv.integral = cv.integral && v->type() == Node::Type::integer;
    }
    ++i;
  });
  return cv;
}

// Where things go: the plot area, one group of bars per row, labels rotated when they would not
// fit under their group (then only every few are written), and the value axis.
struct ChartLayout {
  static constexpr double width = 680, left = 52, right = 14, legend_h = 22, plot_h = 200;
  double group = 0, bottom = 0, top_y = 0, height = 0, top = 0, step = 0;
  bool rotate = false;
  int label_cols = 0;
  size_t every = 1;
  double y(double v) const { return top_y + plot_h - std::clamp(v / top, 0.0, 1.05) * plot_h; }
};
ChartLayout chart_layout(const ChartValues& cv, const Chart& c) {
  ChartLayout g;
  auto [top, step] = nice_axis(c.max > 0 ? c.max : cv.max, cv.integral && !cv.rate);
  g.top = top;
  g.step = step;
  int longest = 0;
  for (const auto& l : cv.labels) longest = std::max(longest, display_width(l));
  g.group = (g.width - g.left - g.right) / double(cv.labels.size());
  g.rotate = longest * 6.5 > g.group * 0.95;
  g.label_cols = g.rotate ? 14 : std::max(2, int(g.group / 6.5));
  g.every = g.rotate ? std::max<size_t>(1, size_t(std::ceil(12.0 / g.group))) : 1;
  g.bottom = g.rotate ? 16 + std::min(longest, g.label_cols) * 4.8 : 22;
  g.top_y = g.legend_h + 10;
  g.height = g.top_y + g.plot_h + g.bottom;
  return g;
}

// Grid lines and the value axis.
void chart_axis(std::string& out, const ChartLayout& g, bool rate) {
  const double left = g.left, width = g.width, right = g.right;
  for (double t = 0; t <= g.top + g.step / 2; t += g.step) {
    out += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"1\"/>", num(left),
                       num(g.y(t)), num(width - right), num(g.y(t)), t == 0 ? "#333" : "#e3e3e3");
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#444\">{}</text>\n", num(left - 4),
                       num(g.y(t) + 4), esc(axis_value(t, rate)));
  }
  out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#333\" stroke-width=\"1\"/>\n",
                     num(left), num(g.top_y), num(g.top_y + g.plot_h));
}

// The bars of each row, with their values when there are few, and the row labels under them.
void chart_bars(std::string& out, const ChartValues& cv, const ChartLayout& g, const Chart& c,
                const std::string& lang) {
  const size_t n = cv.labels.size(), ns = c.series.size();
  const double bar = g.group * 0.8 / double(ns);
  const bool value_labels = n * ns <= 24;
  for (size_t i = 0; i < n; ++i) {
    double x0 = g.left + g.group * double(i) + g.group * 0.1;
    for (size_t s = 0; s < ns; ++s) {
      if (!cv.values[i][s]) continue;
      double v = *cv.values[i][s], x = x0 + bar * double(s), yv = g.y(v);
      out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"><title>{}: {}</title></rect>",
                         num(x), num(yv), num(std::max(bar - 1, 0.5)), num(g.top_y + g.plot_h - yv),
                         kPalette[s % std::size(kPalette)], esc(cv.labels[i] + " · " + label(c.series[s], lang)),
                         esc(axis_value(v, cv.rate)));
      if (value_labels)
        out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"9\" fill=\"#333\">{}</text>",
                           num(x + bar / 2), num(yv - 3), esc(axis_value(v, cv.rate)));
    }
    if (i % g.every == 0) {
      double cx = g.left + g.group * (double(i) + 0.5), ly = g.top_y + g.plot_h + 14;
      std::string text = esc(shorten(cv.labels[i], g.label_cols));
      if (g.rotate)
        out += fmt::format("<text x=\"{0}\" y=\"{1}\" text-anchor=\"end\" transform=\"rotate(-45 {0} {1})\" "
                           "fill=\"#222\">{2}</text>",
                           num(cx), num(ly - 4), text);
      else
        out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#222\">{}</text>", num(cx),
                           num(ly), text);
    }
    out += "\n";
  }
}

// The reference line (e.g. min_presence) with its label.
void chart_reference(std::string& out, const ChartLayout& g, const Chart& c, bool rate, const std::string& lang) {
  if (!c.reference) return;
  double ry = g.y(*c.reference);
  std::string text = (c.reference_label.empty() ? std::string() : label(c.reference_label, lang) + " ") +
                     axis_value(*c.reference, rate);
  out += fmt::format(
      "<line class=\"reference\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#c0392b\" stroke-width=\"1.5\" "
      "stroke-dasharray=\"6 4\"/><text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#c0392b\">{}</text>\n",
      num(g.left), num(ry), num(g.width - g.right), num(ry), num(g.width - g.right - 2), num(ry - 4), esc(text));
}

// Legend: one swatch per series.
void chart_legend(std::string& out, const ChartLayout& g, const Chart& c, const std::string& lang) {
  double x = g.left;
  for (size_t s = 0; s < c.series.size(); ++s) {
    std::string name = label(c.series[s], lang);
    out += fmt::format(
        "<rect x=\"{}\" y=\"4\" width=\"10\" height=\"10\" fill=\"{}\"/>"
        "<text x=\"{}\" y=\"13\" fill=\"#222\">{}</text>",
        num(x), kPalette[s % std::size(kPalette)], num(x + 14), esc(name));
    x += 14 + display_width(name) * 6.5 + 16;
  }
  out += "\n";
}

std::string chart_svg(const Report& r, const Chart& c, const std::string& lang) {
  const Node* rows = resolve(r.data, c.table);
  if (!rows || rows->type() != Node::Type::array || rows->size() == 0 || c.series.empty()) return {};
  const size_t n = rows->size();
  // Past a few hundred bars a chart says nothing and bloats the file; the table holds every row.
  if (n > kMaxBars)
    return "<p class=\"none\">" +
           esc(fmt::format(
               fmt::runtime(std::string(translate("{}: chart left out ({} rows; it shows at most {})", lang))),
               label(c.title, lang), n, kMaxBars)) +
           "</p>\n";

  ChartValues cv = chart_values(*rows, c, lang);
  ChartLayout g = chart_layout(cv, c);
  std::string title = label(c.title, lang);
  std::string out = fmt::format(
      "<figure><figcaption>{}</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" "
      "role=\"img\" aria-label=\"{}\" font-family='{}' font-size=\"11\">\n",
      esc(title), num(g.width), num(g.height), esc(title), esc(kFonts));
  chart_axis(out, g, cv.rate);
  chart_bars(out, cv, g, c, lang);
  chart_reference(out, g, c, cv.rate, lang);
  chart_legend(out, g, c, lang);
  return out + "</svg></figure>\n";
}

void key_values(Out& out, const Report& r, const Block& b, const std::string& lang) {
  out += "<table class=\"kv\"><tbody>\n";
  for (const auto& [k, v] : b.fields) {
    bool right = is_numeric(*v);  // beside a label, an identifier reads better left-aligned
    out += "<tr><th scope=\"row\">" + esc(field_label(b, r, k, lang)) + "</th><td" + (right ? " class=\"n\"" : "") + ">" +
           esc(format_cell(*v, lang, leaf(k))) + "</td></tr>\n";
  }
  out += "</tbody></table>\n";
}

void grid(Out& out, const Block& b, const std::string& lang) {
  auto cols = columns_of(*b.rows);
  if (b.rows->size() == 0 || cols.empty()) {
    out += "<p class=\"none\">(" + esc(label("none", lang)) + ")</p>\n";
    return;
  }
  // A column is right-aligned when it holds numbers, so figures line up down the page.
  std::vector<bool> right = right_aligned(*b.rows, cols);
  // Many columns: a smaller type so the table still fits the A4 text width.
  out += cols.size() > 8 ? "<table class=\"grid wide\"><thead><tr>" : "<table class=\"grid\"><thead><tr>";
  for (size_t i = 0; i < cols.size(); ++i)
    out += std::string("<th scope=\"col\"") + (right[i] ? " class=\"n\"" : "") + ">" + esc(column_label(b, cols[i], lang)) +
           "</th>";
  out += "</tr></thead>\n<tbody>\n";
  b.rows->each_item([&](const Node& row) {
    out += "<tr>";
    for (size_t i = 0; i < cols.size(); ++i) {
      const Node* v = row.find(cols[i]);
      out += std::string("<td") + (right[i] ? " class=\"n\"" : "") + ">" +
             esc(v ? format_cell(*v, lang, cols[i]) : "-") + "</td>";
    }
    out += "</tr>\n";
    out.flush_if_large();
  });
  out += "</tbody></table>\n";
}

}  // namespace

void render_html(Out& out, const Report& r, const RenderOptions& o) {
  std::string style = kStyle;
  style.replace(style.find("FONTS"), 5, kFonts);
  std::string title = r.title.empty() ? label(r.kind, o.lang) : r.title;
  out += "<!DOCTYPE html>\n<html lang=\"" + std::string(o.lang == "zh" ? "zh-CN" : "en") +
         "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width\">\n"
         "<title>" +
         esc(title) + "</title>\n<style>\n" + style + "</style>\n</head>\n<body>\n";
  out += "<h1>" + esc(title) + "</h1>\n";

  // Each chart follows the block holding its table; charts whose table is not a block come last.
  std::vector<bool> drawn(r.charts.size(), false);
  auto charts_for = [&](const std::string& key) {
    for (size_t i = 0; i < r.charts.size(); ++i)
      if (!drawn[i] && r.charts[i].table == key) {
        out += chart_svg(r, r.charts[i], o.lang);
        drawn[i] = true;
      }
  };
  for (const auto& b : layout(r)) {
    if (!b.key.empty()) out += "<section>\n<h2>" + esc(block_label(b, r, o.lang)) + "</h2>\n";
    else out += "<section>\n";
    if (b.table) grid(out, b, o.lang);
    else key_values(out, r, b, o.lang);
    charts_for(b.key);
    out += "</section>\n";
  }
  for (size_t i = 0; i < r.charts.size(); ++i)
    if (!drawn[i]) out += chart_svg(r, r.charts[i], o.lang);
  out += "</body>\n</html>\n";
}

}  // namespace cadre::detail
