// JSON: written straight from the report model (no intermediate JSON tree), a row at a time. Same
// layout as a two-space pretty print.
#include <fmt/format.h>

#include <cmath>

#include "report/render_internal.hpp"
#include "util/utf8.hpp"

namespace cadre::detail {

namespace {

void write_string(Out& out, const std::string& s) {
  out += '"';
  for (size_t i = 0; i < s.size();) {
    char c = s[i];
    switch (c) {
      case '"': out += "\\\""; ++i; continue;
      case '\\': out += "\\\\"; ++i; continue;
      case '\b': out += "\\b"; ++i; continue;
      case '\f': out += "\\f"; ++i; continue;
      case '\n': out += "\\n"; ++i; continue;
      case '\r': out += "\\r"; ++i; continue;
      case '\t': out += "\\t"; ++i; continue;
      default: break;
    }
    if (static_cast<unsigned char>(c) < 0x20) {
      out += fmt::format("\\u{:04x}", int(c));
      ++i;
      continue;
    }
    size_t n = detail::utf8_at(s, i);
    if (n == 0) {  // not UTF-8: U+FFFD, so the document stays valid JSON
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    out.append(s, i, n);
    i += n;
  }
  out += '"';
}

void write_number(Out& out, double v) {
  if (!std::isfinite(v)) {
    out += "null";
    return;
  }
  std::string t = fmt::format("{}", v);  // shortest text that reads back the same
  if (t.find_first_of(".e") == std::string::npos) t += ".0";  // stays a JSON fraction
  out += t;
}

// `lang`: the language of text nodes (Node::text), the one thing JSON shows in --lang.
void write(Out& out, const Node& n, int depth, const std::string& lang) {
  auto newline = [&](int d) {
    out += '\n';
    out.append(size_t(d) * 2, ' ');
  };
  switch (n.type()) {
    case Node::Type::null: out += "null"; return;
    case Node::Type::boolean: out += n.as_bool() ? "true" : "false"; return;
    case Node::Type::integer: out += std::to_string(n.as_int()); return;
    case Node::Type::number: write_number(out, round_for_output(n.as_double(), n.hint())); return;
    case Node::Type::string:
      if (const Message* m = n.message())
        write_string(out, m->render(lang));
      else
        write_string(out, n.as_string());
      return;
    case Node::Type::array: {
      if (n.size() == 0) {
        out += "[]";
        return;
      }
      out += '[';
      bool first = true;
      n.each_item([&](const Node& item) {
        if (!first) out += ',';
        first = false;
        newline(depth + 1);
        write(out, item, depth + 1, lang);
        out.flush_if_large();
      });
      newline(depth);
      out += ']';
      return;
    }
    case Node::Type::object: {
      if (n.members().empty()) {
        out += "{}";
        return;
      }
      out += '{';
      bool first = true;
      for (const auto& [k, v] : n.members()) {
        if (!first) out += ',';
        first = false;
        newline(depth + 1);
        write_string(out, k);
        out += ": ";
        write(out, v, depth + 1, lang);
      }
      newline(depth);
      out += '}';
      return;
    }
  }
}

}  // namespace

// JSON is the machine contract: keys and enum words stay English whatever --lang says (sentences
// such as an alert's message follow it).
void render_json(Out& out, const Report& r, const RenderOptions& options) {
  write(out, r.data, 0, options.lang);
  out += '\n';
}

}  // namespace cadre::detail
