// Issue 9, the output side: CSV cells that a spreadsheet would run, Markdown that carries HTML, and
// stored control characters or broken UTF-8 reaching a terminal.
#include <doctest/doctest.h>

#include <string>

#include "cadre/render.hpp"

using namespace cadre;

namespace {

std::string render_as(const Report& r, const std::string& format) {
  RenderOptions o;
  o.format = format;
  return render(r, o);
}

Report one_row(Node value) {
  Report r;
  r.kind = "sample";
  auto& rows = r.data.set("rows", Node::array());
  auto& row = rows.push(Node::object());
  row.set("value", std::move(value));
  return r;
}

// The one data cell of a one-row, one-column CSV.
std::string csv_cell(Node value) {
  std::string out = render_as(one_row(std::move(value)), "csv");
  auto start = out.find("\r\n") + 2;
  return out.substr(start, out.find("\r\n", start) - start);
}

}  // namespace

TEST_CASE("csv: text that starts like a formula gets a leading apostrophe; numbers stay numbers") {
  CHECK(csv_cell(Node::string("-2+3")) == "'-2+3");
  CHECK(csv_cell(Node::string("+1+1")) == "'+1+1");
  CHECK(csv_cell(Node::string("@SUM(A1)")) == "'@SUM(A1)");
  CHECK(csv_cell(Node::string("=cmd|' /C calc'!A0")) == "'=cmd|' /C calc'!A0");
  CHECK(csv_cell(Node::string("=HYPERLINK(\"http://x\",\"y\")")) == "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
  CHECK(csv_cell(Node::string("\tx")) == "'\tx");
  CHECK(csv_cell(Node::string("a-b")) == "a-b");
  CHECK(csv_cell(Node::integer(-5)) == "-5");
  CHECK(csv_cell(Node::number(-2.5)) == "-2.5");
  CHECK(csv_cell(Node::number(-0.25, Hint::rate)) == "-0.25");
  CHECK(csv_cell(Node::date("2026-03-09")) == "2026-03-09");
  CHECK(csv_cell(Node::string("-")) == "'-");
}

TEST_CASE("markdown: cells are text, never HTML or table syntax") {
  std::string md = render_as(one_row(Node::string("<script>alert(1)</script> & a|b [x](y) `c` d\\")), "md");
  CHECK(md.find("<script>") == std::string::npos);
  CHECK(md.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; a\\|b \\[x\\](y) \\`c\\` d\\\\ |") != std::string::npos);
}

TEST_CASE("printable: control characters are shown, broken UTF-8 becomes U+FFFD") {
  CHECK(printable("plain text") == "plain text");
  CHECK(printable("张三\tx\ny") == "张三\tx\ny");
  CHECK(printable("a\x1b[31mb") == "a\\x1b[31mb");
  CHECK(printable("\x1b]0;t\x07") == "\\x1b]0;t\\x07");
  CHECK(printable("a\rb\x7f") == "a\\x0db\\x7f");
  CHECK(printable("x\xc2\x85y") == "x\\u0085y");                               // C1 NEL
  CHECK(printable("x\xe2\x80\xaey") == "x\\u202ey");                           // RIGHT-TO-LEFT OVERRIDE
  CHECK(printable("x\xe2\x81\xa6y") == "x\\u2066y");                           // LEFT-TO-RIGHT ISOLATE
  CHECK(printable("\xd5\xc5") == "\xEF\xBF\xBD\xEF\xBF\xBD");                  // GBK 张
  CHECK(printable("\xed\xa0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
  CHECK(printable(std::string("a\0b", 3)) == "a\\x00b");
}

TEST_CASE("every text renderer shows stored control characters instead of sending them") {
  Report r = one_row(Node::string("A\x1b[2J\xe2\x80\xae\xff"));
  r.title = "T\x1b]0;x\x07";
  for (const char* format : {"table", "csv", "md", "html", "json"}) {
    CAPTURE(format);
    std::string out = render_as(r, format);
    CHECK(out.find('\x1b') == std::string::npos);
    CHECK(out.find('\x07') == std::string::npos);
    CHECK(out.find('\xff') == std::string::npos);
    // JSON is for programs: it keeps the text exact (escaping only what JSON must).
    if (std::string(format) != "json") CHECK(out.find("\xe2\x80\xae") == std::string::npos);
  }
}
