// A certificate (Report::certificate) as one printable A4 page in HTML: a framed landscape page, the
// number, the body, the issuer and date, and a QR code of the verification text made by libqrencode
// and drawn as inline SVG (one path of unit squares: no image file, no script, no external resource).
// Every text is escaped (html_escape) after printable(): nothing typed becomes markup.
#include <fmt/format.h>
#include <qrencode.h>

#include <memory>

#include "cadre/error.hpp"
#include "report/render_internal.hpp"
#include "util/text.hpp"

namespace cadre::detail {

namespace {

constexpr const char* kStyle = R"(@page { size: A4 landscape; margin: 0; }
html, body { margin: 0; padding: 0; background: #fff; color: #000; }
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "宋体", "Songti SC", serif; }
.page { box-sizing: border-box; width: 297mm; height: 209mm; padding: 10mm; overflow: hidden;
  break-after: avoid; page-break-after: avoid; }
.frame { box-sizing: border-box; position: relative; height: 100%; border: 2.5mm double #9b1c1c;
  padding: 14mm 24mm 12mm; }
h1 { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "SimHei", "黑体", sans-serif; font-size: 34pt;
  text-align: center; letter-spacing: 0.4em; color: #9b1c1c; margin: 4mm 0 2mm; }
p.no { text-align: right; font-size: 11pt; margin: 0 0 8mm; }
p.body { font-size: 17pt; line-height: 1.9; text-indent: 2em; margin: 0 0 3mm; overflow-wrap: break-word; }
.issuer { position: absolute; right: 28mm; bottom: 18mm; text-align: center; font-size: 15pt; line-height: 1.8; }
figure.qr { position: absolute; left: 20mm; bottom: 10mm; margin: 0; width: 46mm; text-align: center; }
figure.qr svg { width: 46mm; height: 46mm; display: block; }
figure.qr figcaption { font-size: 7pt; white-space: nowrap; }
.void { position: absolute; left: 10mm; right: 10mm; top: 42%; text-align: center; font-size: 26pt; font-weight: bold;
  color: #c00; border: 1.5mm solid #c00; padding: 3mm; transform: rotate(-8deg); background: rgba(255,255,255,0.85); }
@media print { .frame, h1, .void { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
)";

}  // namespace

std::string qr_svg(std::string_view text) {
  // Byte mode (the UTF-8 text as it is), error correction M: a stain or a fold still reads.
  std::unique_ptr<QRcode, decltype(&QRcode_free)> q(
      QRcode_encodeData(int(text.size()), reinterpret_cast<const unsigned char*>(text.data()), 0, QR_ECLEVEL_M),
      QRcode_free);
  if (!q) fail(Errc::invalid, "qr", "a QR code cannot hold this text ({} bytes)", text.size());
  const int w = q->width, quiet = 4, size = w + 2 * quiet;
  std::string path;
  for (int y = 0; y < w; ++y)
    for (int x = 0; x < w; ++x)
      if (q->data[y * w + x] & 1) path += fmt::format("M{} {}h1v1h-1z", x + quiet, y + quiet);
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {0}\" shape-rendering=\"crispEdges\" "
      "role=\"img\"><rect width=\"{0}\" height=\"{0}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{1}\"/></svg>",
      size, path);
}

std::string render_certificate_html(const Report& r, const RenderOptions& o) {
  const CertificatePage& p = *r.certificate;
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n{}</style>\n"
      "</head>\n<body>\n<div class=\"page\"><div class=\"frame\">\n<h1>{}</h1>\n<p class=\"no\">{}</p>\n",
      o.lang == "zh" ? "zh-CN" : "en", html_escape(r.title), kStyle, html_escape(p.heading), html_escape(p.number));
  for (const auto& para : p.paragraphs) out += "<p class=\"body\">" + html_escape(para) + "</p>\n";
  out += "<div class=\"issuer\">" + html_escape(p.issuer) + "<br>" + html_escape(p.date) + "</div>\n";
  out += "<figure class=\"qr\">" + qr_svg(p.qr_text) + "<figcaption>" + html_escape(p.qr_caption) +
         "</figcaption></figure>\n";
  if (p.void_notice) out += "<div class=\"void\">" + html_escape(*p.void_notice) + "</div>\n";
  return out + "</div></div>\n</body>\n</html>\n";
}

}  // namespace cadre::detail
