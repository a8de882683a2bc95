// A paper form (Report::form, the end-of-term summary) as HTML on A4 and as a Word document (docx).
// Both lay out the same grid: each section a bordered table of Form::columns equal columns, its
// heading a row across them; labels shaded, paragraphs and opinions in tall boxes, a blank opinion a
// box left to sign. All text is escaped (HTML, XML) after printable(): nothing typed becomes markup.
//
// The docx is written here on libzip (already linked for reading xlsx): the few WordprocessingML
// parts a form needs — content types, relations, styles with a CJK font, one document of tables —
// are short, and Debian packages no C or C++ docx writer (libreoffice would be a conversion, not a
// library).
#include <fmt/format.h>
#include <zip.h>

#include <algorithm>
#include <memory>

#include "cadre/error.hpp"
#include "report/render_internal.hpp"
#include "util/text.hpp"

namespace cadre::detail {

namespace {

std::string escape_markup(std::string_view s) { return html_escape(s); }

// --- HTML --------------------------------------------------------------------------------------

// Songti-style body, Heiti-style headings: the machine's Noto CJK first (fc-list :lang=zh), then
// what Windows and macOS readers have. Named only, never loaded.
constexpr const char* kSerif =
    "\"Noto Serif CJK SC\", \"Source Han Serif SC\", \"SimSun\", \"宋体\", \"Songti SC\", \"STSong\", serif";
constexpr const char* kSans =
    "\"Noto Sans CJK SC\", \"Source Han Sans SC\", \"SimHei\", \"黑体\", \"Heiti SC\", \"Microsoft YaHei\", "
    "sans-serif";

constexpr const char* kFormStyle = R"(@page { size: A4; margin: 14mm 15mm 14mm 15mm; }
html { font-family: SERIF; color: #000; }
body { margin: 0 auto; max-width: 180mm; font-size: 9.5pt; line-height: 1.3; }
h1 { font-family: SANS; font-size: 17pt; text-align: center; letter-spacing: 0.12em; margin: 0 0 3pt; }
p.sub { text-align: center; font-size: 9pt; margin: 0 0 6pt; }
table.form { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 0 0 -1px;
  break-inside: avoid; page-break-inside: avoid; }
table.form th, table.form td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: middle;
  overflow-wrap: break-word; }
th.section { font-family: SANS; font-size: 11pt; text-align: left; background: #e8e8e8; letter-spacing: 0.05em; }
td.label { font-family: SANS; text-align: center; background: #f4f4f4; }
td.block { vertical-align: top; }
td.block div.box { min-height: 11mm; }
td.signature { vertical-align: top; }
td.signature div.box { min-height: 14mm; }
td.signature div.sign { text-align: right; margin-top: 4pt; }
@media print { th.section, td.label { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
)";

std::string html_lines(const std::string& text) {
  std::string out;
  auto parts = split(text, '\n');
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? "<br>" : "") + escape_markup(parts[i]);
  return out;
}

std::string style_with_fonts() {
  std::string css = kFormStyle;
  for (auto [marker, with] : {std::pair{std::string_view("SERIF"), kSerif}, std::pair{std::string_view("SANS"), kSans}})
    for (auto at = css.find(marker); at != std::string::npos; at = css.find(marker, at + std::string_view(with).size()))
      css.replace(at, marker.size(), with);
  return css;
}

// --- docx --------------------------------------------------------------------------------------

constexpr const char* kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
</Types>)";

constexpr const char* kRootRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>)";

constexpr const char* kDocumentRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>)";

// 宋体 for text, 黑体 for headings (what WPS and Word on a Chinese system have), 10.5 pt (五号).
constexpr const char* kStyles =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体"/><w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:before="0" w:after="0" w:line="300" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/><w:spacing w:after="60"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/><w:b/><w:sz w:val="36"/></w:rPr></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
</w:styles>)";

constexpr int kTextWidth = 9638;  // twips: A4 (11906) less 2 × 1134 (2 cm) margins

std::string run(const std::string& text, bool bold = false, bool heiti = false) {
  std::string rpr;
  if (heiti) rpr += R"(<w:rFonts w:eastAsia="黑体"/>)";
  if (bold) rpr += "<w:b/>";
  return fmt::format(R"(<w:r>{}<w:t xml:space="preserve">{}</w:t></w:r>)", rpr.empty() ? "" : "<w:rPr>" + rpr + "</w:rPr>",
                     escape_markup(text));
}

std::string paragraph(const std::string& text, const char* align = nullptr, bool bold = false, bool heiti = false) {
  std::string ppr = align ? fmt::format(R"(<w:pPr><w:jc w:val="{}"/></w:pPr>)", align) : "";
  return "<w:p>" + ppr + (text.empty() ? "" : run(text, bold, heiti)) + "</w:p>";
}

std::string paragraphs(const std::string& text, const char* align = nullptr, bool bold = false, bool heiti = false) {
  std::string out;
  for (const auto& line : split(text, '\n')) out += paragraph(line, align, bold, heiti);
  return out;
}

std::string docx_cell(const FormCell& c, int column_width) {
  std::string pr = fmt::format(R"(<w:tcW w:w="{}" w:type="dxa"/>)", column_width * c.span);
  if (c.span > 1) pr += fmt::format(R"(<w:gridSpan w:val="{}"/>)", c.span);
  if (c.kind == FormCell::Kind::label) pr += R"(<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/><w:vAlign w:val="center"/>)";
  std::string body;
  switch (c.kind) {
    case FormCell::Kind::label: body = paragraphs(c.text, "center", false, true); break;
    case FormCell::Kind::value:
    case FormCell::Kind::block: body = paragraphs(c.text); break;
    case FormCell::Kind::signature:
      body = paragraphs(c.text);
      if (c.text.empty()) body += paragraph("") + paragraph("");
      body += paragraph("") + paragraph(c.sign, "right");
      break;
  }
  return "<w:tc><w:tcPr>" + pr + "</w:tcPr>" + body + "</w:tc>";
}

std::string docx_document(const Form& f) {
  int cols = std::max(1, f.columns), width = kTextWidth / cols;
  std::string body = paragraph(f.title, "center", true, true) + paragraph(f.subtitle, "center");
  for (const auto& s : f.sections) {
    body += R"(<w:tbl><w:tblPr><w:tblW w:w=")" + std::to_string(width * cols) +
            R"(" w:type="dxa"/><w:tblLayout w:type="fixed"/><w:tblBorders>)";
    for (const char* side : {"top", "left", "bottom", "right", "insideH", "insideV"})
      body += fmt::format(R"(<w:{} w:val="single" w:sz="6" w:space="0" w:color="000000"/>)", side);
    body += "</w:tblBorders></w:tblPr><w:tblGrid>";
    for (int i = 0; i < cols; ++i) body += fmt::format(R"(<w:gridCol w:w="{}"/>)", width);
    body += "</w:tblGrid>";
    // The heading: a row across the columns, kept with the next (a section is not split from it).
    body += fmt::format(
        R"(<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="{}" w:type="dxa"/><w:gridSpan w:val="{}"/><w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/></w:tcPr><w:p><w:pPr><w:keepNext/></w:pPr>{}</w:p></w:tc></w:tr>)",
        width * cols, cols, run(s.heading, true, true));
    for (const auto& r : s.rows) {
      bool tall = std::any_of(r.cells.begin(), r.cells.end(), [](const FormCell& c) {
        return c.kind == FormCell::Kind::block || c.kind == FormCell::Kind::signature;
      });
      body += "<w:tr><w:trPr><w:cantSplit/>";
      if (tall) body += R"(<w:trHeight w:val="1000" w:hRule="atLeast"/>)";
      body += "</w:trPr>";
      for (const auto& c : r.cells) body += docx_cell(c, width);
      body += "</w:tr>";
    }
    body += "</w:tbl>" + paragraph("");
  }
  body += R"(<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>)";
  return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
         "\n"
         R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>)" +
         body + "</w:body></w:document>";
}

[[noreturn]] void zip_failed(const char* what, zip_error_t* e) {
  std::string why = zip_error_strerror(e);
  zip_error_fini(e);
  fail(Errc::storage, "docx", "docx: {}: {}", what, why);
}

// The package in memory: each part stored deflated, in the order Word expects them listed.
std::string zip_parts(const std::vector<std::pair<const char*, std::string>>& parts) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* mem = zip_source_buffer_create(nullptr, 0, 0, &err);
  if (!mem) zip_failed("buffer", &err);
  zip_t* za = zip_open_from_source(mem, ZIP_TRUNCATE, &err);
  if (!za) {
    zip_source_free(mem);
    zip_failed("open", &err);
  }
  zip_source_keep(mem);  // the archive is written into it on close
  for (const auto& [name, data] : parts) {
    zip_source_t* s = zip_source_buffer(za, data.data(), data.size(), 0);
    if (!s || zip_file_add(za, name, s, ZIP_FL_ENC_UTF_8) < 0) {
      if (s) zip_source_free(s);
      zip_discard(za);
      zip_source_free(mem);
      fail(Errc::storage, "docx", "docx: adding {} failed", name);
    }
  }
  if (zip_close(za) < 0) {
    zip_discard(za);
    zip_source_free(mem);
    fail(Errc::storage, "docx", "docx: writing the package failed");
  }
  std::string out;
  if (zip_source_open(mem) < 0) {
    zip_source_free(mem);
    fail(Errc::storage, "docx", "docx: reading the package failed");
  }
  char buf[65536];
  zip_int64_t n;
  while ((n = zip_source_read(mem, buf, sizeof buf)) > 0) out.append(buf, size_t(n));
  zip_source_close(mem);
  zip_source_free(mem);
  if (n < 0) fail(Errc::storage, "docx", "docx: reading the package failed");
  return out;
}

}  // namespace

std::string render_form_html(const Report& r, const RenderOptions& o) {
  const Form& f = *r.form;
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n{}</style>\n"
      "</head>\n<body>\n<h1>{}</h1>\n<p class=\"sub\">{}</p>\n",
      o.lang == "zh" ? "zh-CN" : "en", escape_markup(r.title), style_with_fonts(), escape_markup(f.title),
      escape_markup(f.subtitle));
  int cols = std::max(1, f.columns);
  for (const auto& s : f.sections) {
    out += "<table class=\"form\">\n<colgroup>";
    for (int i = 0; i < cols; ++i) out += fmt::format("<col style=\"width:{:.3f}%\">", 100.0 / cols);
    out += fmt::format("</colgroup>\n<tr><th class=\"section\" colspan=\"{}\">{}</th></tr>\n", cols,
                       escape_markup(s.heading));
    for (const auto& row : s.rows) {
      out += "<tr>";
      for (const auto& c : row.cells) {
        std::string span = c.span > 1 ? fmt::format(" colspan=\"{}\"", c.span) : "";
        switch (c.kind) {
          case FormCell::Kind::label: out += "<td class=\"label\"" + span + ">" + html_lines(c.text) + "</td>"; break;
          case FormCell::Kind::value: out += "<td" + span + ">" + html_lines(c.text) + "</td>"; break;
          case FormCell::Kind::block:
            out += "<td class=\"block\"" + span + "><div class=\"box\">" + html_lines(c.text) + "</div></td>";
            break;
          case FormCell::Kind::signature:
            out += "<td class=\"signature\"" + span + "><div class=\"box\">" + html_lines(c.text) +
                   "</div><div class=\"sign\">" + html_lines(c.sign) + "</div></td>";
            break;
        }
      }
      out += "</tr>\n";
    }
    out += "</table>\n";
  }
  return out + "</body>\n</html>\n";
}

std::string render_docx(const Report& r, const RenderOptions&) {
  if (!r.form)
    fail(Errc::invalid, field("format"), "{}: docx is the format of a form (report summary), not of {}",
         field("format"), r.kind);
  return zip_parts({{"[Content_Types].xml", kContentTypes},
                    {"_rels/.rels", kRootRels},
                    {"word/_rels/document.xml.rels", kDocumentRels},
                    {"word/styles.xml", kStyles},
                    {"word/document.xml", docx_document(*r.form)}});
}

}  // namespace cadre::detail
