#include <fmt/format.h>
#include <utf8proc.h>

#include <algorithm>
#include <cmath>

#include "cadre/error.hpp"
#include "cadre/i18n.hpp"
#include "report/render_internal.hpp"
#include "util/text.hpp"

namespace cadre {

int display_width(std::string_view s) {
  int width = 0;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
  utf8proc_ssize_t left = utf8proc_ssize_t(s.size());
  while (left > 0) {
    utf8proc_int32_t cp;
    auto n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) {  // invalid byte: count it as one column and go on
      ++width;
      ++p;
      --left;
      continue;
    }
    width += std::max(0, utf8proc_charwidth(cp));
    p += n;
    left -= n;
  }
  return width;
}

std::string printable(std::string_view s) {
  // Most text is plain printable ASCII: hand it back without decoding.
  bool plain = std::all_of(s.begin(), s.end(), [](char ch) {
    auto c = static_cast<unsigned char>(ch);
    return (c >= 0x20 && c < 0x7F) || c == '\t' || c == '\n';
  });
  if (plain) return std::string(s);
  std::string out;
  out.reserve(s.size() + 8);
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
  utf8proc_ssize_t left = utf8proc_ssize_t(s.size());
  while (left > 0) {
    utf8proc_int32_t cp;
    auto n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) {  // not UTF-8 (also overlong forms and surrogates): one U+FFFD per byte
      out += "\xEF\xBF\xBD";
      ++p;
      --left;
      continue;
    }
    if (detail::acts_instead_of_showing(char32_t(cp)))
      out += cp < 0x80 ? fmt::format("\\x{:02x}", cp) : fmt::format("\\u{:04x}", cp);
    else
      out.append(reinterpret_cast<const char*>(p), size_t(n));
    p += n;
    left -= n;
  }
  return out;
}

void render_to(const Report& report, const RenderOptions& o, const std::function<void(std::string_view)>& write) {
  if (o.lang != "en" && o.lang != "zh")
    detail::fail(Errc::invalid, detail::field("lang"), "{}: unknown language (en or zh): {}", detail::field("lang"), o.lang);
  // Cells and the title are made printable before they are measured; the table's filter covers the
  // labels (a component name is a user's word) and costs one scan of clean text.
  auto printable_text = [](std::string_view s) { return printable(s); };
  detail::Out out(write, o.format == "table" ? +printable_text : nullptr);
  if (o.format == "table")
    detail::render_table(out, report, o);
  else if (o.format == "json")
    detail::render_json(out, report, o);
  else if (o.format == "csv")
    detail::render_csv(out, report, o);
  else if (o.format == "md")
    detail::render_md(out, report, o);
  else if (o.format == "html") {
    if (report.certificate)
      out += detail::render_certificate_html(report, o);
    else if (report.form)
      out += detail::render_form_html(report, o);
    else
      detail::render_html(out, report, o);
  } else if (o.format == "docx")
    out += detail::render_docx(report, o);
  else if (o.format == "xlsx")
    detail::render_xlsx(out, report, o);
  else
    detail::fail(Errc::invalid, detail::field("format"), "{}: unknown format (table, json, csv, md, html, xlsx): {}",
                 detail::field("format"), o.format);
  out.flush();
}

std::string render(const Report& report, const RenderOptions& o) {
  std::string bytes;
  render_to(report, o, [&](std::string_view b) { bytes += b; });
  return bytes;
}

namespace detail {

double round_for_output(double v, Hint h) {
  double f = h == Hint::rate ? 1e4 : 1e2;
  return std::round(v * f) / f;
}

bool is_numeric(const Node& n) {
  return n.type() == Node::Type::integer || n.type() == Node::Type::number;
}

namespace {
// Fields whose plain string values are enum words even when a builder forgot Hint::code.
bool enum_field(std::string_view field) {
  static const std::string_view fields[] = {"direction", "grade", "kind", "overall_grade", "rater", "reasons",
                                            "status", "tier", "gender", "dimension", "period", "level"};
  for (auto f : fields)
    if (f == field) return true;
  return false;
}
}  // namespace

std::string field_label(std::string_view parent, std::string_view key, const std::string& lang) {
  if (lang == "zh" && !parent.empty()) {
    std::string id = std::string(parent) + "." + std::string(key);
    auto t = translate(id, lang);
    if (t != id) return std::string(t);
  }
  return label(key, lang);
}

std::string value_label(const std::string& word, std::string_view field, const std::string& lang) {
  if (lang == "zh" && !field.empty()) {
    std::string id = std::string(field) + "." + word;
    auto t = translate(id, lang);
    if (t != id) return std::string(t);
  }
  return label(word, lang);
}

std::string bool_label(bool v, std::string_view field, const std::string& lang) {
  // "completed" reads 结业/未结业, not 是/否: a field may name its own yes/no words.
  if (lang == "zh" && !field.empty()) {
    std::string id = std::string(field) + (v ? ".yes" : ".no");
    auto t = translate(id, lang);
    if (t != id) return std::string(t);
  }
  return label(v ? "yes" : "no", lang);
}

std::string enum_label(const std::string& word, const std::string& lang) {
  if (lang == "zh") {
    // Only a word the catalogue knows is translated: free text ("U001") stays as it is.
    auto t = translate(word, lang);
    return std::string(t);
  }
  return word;
}

std::string format_cell(const Node& n, const std::string& lang, std::string_view field) {
  switch (n.type()) {
    case Node::Type::null: return "-";
    case Node::Type::boolean: return bool_label(n.as_bool(), field, lang);
    case Node::Type::integer:
      if (n.hint() == Hint::rate) return fmt::format("{:.1f}%", double(n.as_int()) * 100);
      return std::to_string(n.as_int());
    case Node::Type::number: {
      double v = n.as_double();
      switch (n.hint()) {
        case Hint::rate: return fmt::format("{:.1f}%", v * 100);
        case Hint::hours:
        case Hint::score: return fmt::format("{:.1f}", v);
        default: {
          std::string s = fmt::format("{:.2f}", v);
          while (s.back() == '0') s.pop_back();
          if (s.back() == '.') s.pop_back();
          return s;
        }
      }
    }
    case Node::Type::string:
      // Stored text is shown, never obeyed: see printable().
      if (const Message* m = n.message()) return printable(m->render(lang));  // made here, in --lang
      if (n.hint() == Hint::code) return printable(value_label(n.as_string(), field, lang));
      if (enum_field(field)) return printable(enum_label(n.as_string(), lang));
      return printable(n.as_string());
    case Node::Type::array: {
      std::vector<std::string> parts;
      for (const auto& item : n.items()) parts.push_back(format_cell(item, lang, field));
      return join(parts, lang == "zh" ? "、" : ", ");
    }
    case Node::Type::object: {
      std::vector<std::string> parts;
      for (const auto& [k, v] : n.members())
        parts.push_back(printable(label(k, lang)) + ": " + format_cell(v, lang, k));
      return join(parts, "; ");
    }
  }
  return {};
}

std::vector<std::string> columns_of(const Node& array) {
  if (const auto* spooled = array.spooled_columns()) return *spooled;
  std::vector<std::string> cols;
  for (const auto& row : array.items()) {
    if (row.type() != Node::Type::object) continue;
    for (const auto& [k, v] : row.members())
      if (std::find(cols.begin(), cols.end(), k) == cols.end()) cols.push_back(k);
  }
  return cols;
}

bool is_table(const Node& n) {
  if (n.type() != Node::Type::array) return false;
  if (n.is_spooled()) return n.spooled_objects();
  for (const auto& item : n.items())
    if (item.type() != Node::Type::object) return false;
  return true;
}

std::vector<bool> right_aligned(const Node& rows, const std::vector<std::string>& cols) {
  std::vector<bool> right(cols.size(), false);
  rows.each_item([&](const Node& row) {
    for (size_t i = 0; i < cols.size(); ++i)
      if (const Node* v = row.find(cols[i]); v && (is_numeric(*v) || v->hint() == Hint::id)) right[i] = true;
  });
  return right;
}

}  // namespace detail
}  // namespace cadre
