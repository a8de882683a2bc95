// HTML: one self-contained, printable file (inline CSS and SVG, no scripts).
#include "cadre/error.hpp"
#include "cadre/i18n.hpp"
#include "report/render_internal.hpp"

namespace cadre::detail {

namespace {
std::string esc(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}
}  // namespace

std::string render_html(const Report& r, const RenderOptions& o) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"" + std::string(o.lang == "zh" ? "zh-CN" : "en") +
                    "\"><head><meta charset=\"utf-8\"><title>" + esc(r.title) + "</title>"
                    "<style>body{font-family:sans-serif}table{border-collapse:collapse}"
                    "td,th{border:1px solid #999;padding:2px 6px}td.n{text-align:right}</style></head><body>\n";
  out += "<h1>" + esc(r.title) + "</h1>\n";
  for (const auto& b : layout(r)) {
    if (!b.key.empty()) out += "<h2>" + esc(path_label(b.key, o.lang)) + "</h2>\n";
    out += "<table>\n";
    if (!b.table) {
      for (const auto& [k, v] : b.fields)
        out += "<tr><th>" + esc(path_label(k, o.lang)) + "</th><td" + (is_numeric(*v) ? " class=\"n\"" : "") + ">" +
               esc(format_cell(*v, o.lang)) + "</td></tr>\n";
    } else {
      auto cols = columns_of(*b.rows);
      out += "<tr>";
      for (const auto& c : cols) out += "<th>" + esc(label(c, o.lang)) + "</th>";
      out += "</tr>\n";
      for (const auto& row : b.rows->items()) {
        out += "<tr>";
        for (const auto& c : cols) {
          const Node* v = row.find(c);
          out += std::string("<td") + (v && is_numeric(*v) ? " class=\"n\"" : "") + ">" +
                 esc(v ? format_cell(*v, o.lang) : "-") + "</td>";
        }
        out += "</tr>\n";
      }
    }
    out += "</table>\n";
  }
  return out + "</body></html>\n";
}

std::string render_xlsx(const Report&, const RenderOptions&) {
  throw Error(Errc::invalid, "--format xlsx is not available yet", "--format");
}

}  // namespace cadre::detail
