// The renderers: one model in every format, CJK alignment and terminal widths, HTML charts, xlsx.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cadre/error.hpp"
#include "cadre/render.hpp"
#include "report/render_internal.hpp"
#include "test_render_samples.hpp"
#include "util/text.hpp"

using namespace cadre;

namespace {

std::string render_as(const Report& r, const std::string& format, const std::string& lang = "en", int width = 0) {
  RenderOptions o;
  o.format = format;
  o.lang = lang;
  o.width = width;
  return render(r, o);
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

int count(const std::string& haystack, const std::string& needle) {
  int n = 0;
  for (size_t p = haystack.find(needle); p != std::string::npos; p = haystack.find(needle, p + 1)) ++n;
  return n;
}

// The display column where `needle` starts in `line`.
int column_of(const std::string& line, const std::string& needle) {
  auto p = line.find(needle);
  REQUIRE(p != std::string::npos);
  return display_width(line.substr(0, p));
}

}  // namespace

TEST_CASE("one model feeds every format with the same figures") {
  Report r = test::sample_secondment();
  auto table = render_as(r, "table");
  auto md = render_as(r, "md");
  auto csv = render_as(r, "csv");
  auto html = render_as(r, "html");
  auto json = nlohmann::json::parse(render_as(r, "json"));
  auto xlsx = render_as(r, "xlsx");

  // Presence rate: a percentage for people, a fraction for machines.
  for (const auto* text : {&table, &md, &html}) {
    CHECK(contains(*text, "87.5%"));
    CHECK(contains(*text, "王建国"));
    CHECK(contains(*text, "2026-07"));
    CHECK(contains(*text, "128"));  // working days
    CHECK(contains(*text, "83.5"));  // a dimension score, one decimal
  }
  CHECK(contains(csv, "0.875"));
  CHECK(contains(csv, "王建国"));
  CHECK(contains(csv, "2026-07"));
  CHECK(json["presence_rate"].get<double>() == doctest::Approx(0.875));
  CHECK(json["working_days"].get<int>() == 128);
  CHECK(json["months"].size() == 6);
  CHECK(json["months"][4]["present_days"].get<int>() == 16);
  CHECK(json["secondment"]["status"] == "completed");  // JSON keeps the English enum words
  // xlsx is a zip (PK..) holding the workbook.
  REQUIRE(xlsx.size() > 1000);
  CHECK(xlsx.substr(0, 2) == "PK");
  CHECK(contains(xlsx, "xl/workbook.xml"));
}

TEST_CASE("Chinese: labels, enum words, field-specific yes/no") {
  auto course = render_as(test::sample_course(), "table", "zh");
  CHECK(contains(course, "工号"));
  CHECK(contains(course, "应参学时"));
  CHECK(contains(course, "结业"));
  CHECK(contains(course, "未结业"));  // completed = false under "completed"
  CHECK(contains(course, "优秀"));
  CHECK(contains(course, "良好"));
  CHECK(contains(course, "不合格"));
  CHECK(contains(course, "请假超过限额"));
  CHECK(contains(course, "无故缺勤"));
  CHECK(contains(course, "成绩未达合格线"));
  CHECK(!contains(course, "leave_over_limit"));

  auto sec = render_as(test::sample_secondment(), "html", "zh");
  CHECK(contains(sec, "期满"));  // status completed
  CHECK(contains(sec, "称职"));
  CHECK(contains(sec, "月度报告缺报"));
  CHECK(contains(sec, "在岗率"));
  CHECK(contains(sec, "各月在岗情况"));  // chart title translated
  CHECK(contains(sec, "lang=\"zh-CN\""));

  auto batch = render_as(test::sample_batch(), "md", "zh");
  CHECK(contains(batch, "在岗"));
  CHECK(contains(batch, "提前终止"));
  CHECK(contains(batch, "未开始"));
  CHECK(contains(batch, "挂职人员"));  // "rows" of the secondments report
  CHECK(contains(batch, "在岗率低于下限"));

  // English stays the default and keeps the words.
  auto en = render_as(test::sample_course(), "table", "en");
  CHECK(contains(en, "Staff no"));
  CHECK(!contains(en, "工号"));
}

TEST_CASE("table: mixed Chinese and Latin text stays aligned") {
  auto text = render_as(test::sample_batch(), "table", "zh");
  auto lines = detail::split(text, '\n');
  std::vector<std::string> rows;
  for (const auto& l : lines)
    if (contains(l, "2026-03-02")) rows.push_back(l);
  REQUIRE(rows.size() == 4);
  int col = column_of(rows[0], "2026-03-02");
  for (const auto& l : rows) CHECK(column_of(l, "2026-03-02") == col);
  // Right-aligned rates end in the same column.
  int end0 = column_of(rows[0], "%") ;
  for (const auto& l : rows) CHECK(column_of(l, "%") == end0);
}

TEST_CASE("table: fits the terminal width") {
  for (const char* lang : {"en", "zh"}) {
    for (int width : {80, 60, 40}) {
      CAPTURE(lang);
      CAPTURE(width);
      for (const auto& r : {test::sample_course(), test::sample_secondment(), test::sample_batch()}) {
        auto text = render_as(r, "table", lang, width);
        for (const auto& line : detail::split(text, '\n')) {
          CAPTURE(line);
          CHECK(display_width(line) <= width);
        }
        // Nothing of the figures is lost by fitting: the rates and names are still there.
        if (r.kind == "course") {
          CHECK(contains(text, "92.9%"));
          CHECK(contains(text, "张伟"));
        }
      }
    }
  }
  // Unlimited width: one line per row, the grid as wide as it needs.
  auto wide = render_as(test::sample_course(), "table", "en", 0);
  CHECK(count(wide, "A100") == 3);
}

TEST_CASE("table: long text is cut with an ellipsis, numbers never") {
  Report r;
  r.kind = "t";
  auto& rows = r.data.set("rows", Node::array());
  auto& row = rows.push(Node::object());
  row.set("note", Node::string(std::string(30, 'x') + "中文说明很长很长很长很长很长很长很长"));
  row.set("count", Node::integer(1234567));
  auto text = render_as(r, "table", "en", 30);
  CHECK(contains(text, "…"));
  CHECK(contains(text, "1234567"));
  for (const auto& line : detail::split(text, '\n')) CHECK(display_width(line) <= 30);
}

TEST_CASE("html: self-contained, printable, charts with axis, legend and reference line") {
  auto html = render_as(test::sample_batch(), "html", "en");
  CHECK(contains(html, "<!DOCTYPE html>"));
  CHECK(contains(html, "@page { size: A4"));
  CHECK(contains(html, "Noto Sans CJK SC"));
  CHECK(!contains(html, "<script"));
  CHECK(!contains(html, "https:"));
  CHECK(!contains(html, "url("));
  CHECK(!contains(html, "@import"));
  CHECK(!contains(html, "<link"));
  CHECK(count(html, "<svg") == 1);
  CHECK(contains(html, "stroke-dasharray"));  // the min_presence line
  CHECK(contains(html, "Min presence 80%"));
  CHECK(count(html, "<rect") >= 3);  // bars (the planned one is 0 high but drawn)
  CHECK(contains(html, "<td class=\"n\">87.5%</td>"));  // numbers right-aligned
  CHECK(contains(html, "<thead>"));

  auto sec = render_as(test::sample_secondment(), "html", "en");
  CHECK(count(sec, "<svg") == 2);
  CHECK(contains(sec, "Present days"));  // legend of the two-series chart
  CHECK(contains(sec, "Working days"));
  auto course = render_as(test::sample_course(), "html", "zh");
  CHECK(count(course, "<svg") == 2);
  CHECK(contains(course, "成绩等级分布"));

  // Text is escaped.
  Report r;
  r.kind = "x";
  r.title = "<b>&";
  r.data.set("note", Node::string("a<script>alert(1)</script>"));
  auto esc = render_as(r, "html");
  CHECK(!contains(esc, "<script>"));
  CHECK(contains(esc, "&lt;b&gt;&amp;"));
}

TEST_CASE("render refuses an unknown format or language") {
  auto r = test::sample_batch();
  CHECK_THROWS_AS(render_as(r, "pdf"), Error);
  CHECK_THROWS_AS(render_as(r, "table", "fr"), Error);
}

// Writes the synthetic reports as HTML and xlsx into $CADRE_RENDER_SAMPLES for the CLI tests
// (tests/cli/test_render.py opens them in Chromium and openpyxl). Without the variable it only
// checks that each renders.
TEST_CASE("render samples") {
  const char* dir = std::getenv("CADRE_RENDER_SAMPLES");
  for (const auto& [name, report] : {std::pair{"secondment", test::sample_secondment()},
                                     std::pair{"secondments", test::sample_batch()},
                                     std::pair{"course", test::sample_course()},
                                     std::pair{"edge", test::sample_edge()}}) {
    for (const char* lang : {"en", "zh"}) {
      for (const char* format : {"html", "xlsx"}) {
        auto bytes = render_as(report, format, lang);
        CHECK(!bytes.empty());
        if (!dir) continue;
        auto path = std::filesystem::path(dir) / (std::string(name) + "-" + lang + "." + format);
        std::ofstream(path, std::ios::binary).write(bytes.data(), std::streamsize(bytes.size()));
      }
    }
  }
}

TEST_CASE("html: a chart of too many rows is left out with a note, the table keeps them all") {
  Report r = test::sample_batch();
  auto& rows = r.data.find("rows")->items();
  auto first = rows.front();
  for (int i = 0; i < 400; ++i) rows.push_back(first);
  auto html = render_as(r, "html", "en");
  CHECK(count(html, "<svg") == 0);
  CHECK(contains(html, "chart left out (404 rows; it shows at most 300)"));
  CHECK(count(html, "<tr>") >= 404);
  auto zh = render_as(r, "html", "zh");
  CHECK(contains(zh, "未绘制图表"));
  // 300 rows still draw.
  rows.resize(300);
  CHECK(count(render_as(r, "html", "en"), "<svg") == 1);
}

// Measures rendering of a province-sized batch; skipped by default (run with --no-skip).
TEST_CASE("render 10000 secondments (timing)" * doctest::skip()) {
  Report r = test::sample_batch();
  auto& rows = r.data.find("rows")->items();
  auto first = rows.front();
  rows.clear();
  for (int i = 0; i < 10000; ++i) rows.push_back(first);
  for (const char* format : {"table", "csv", "html", "xlsx"}) {
    auto t0 = std::chrono::steady_clock::now();
    auto out = render_as(r, format, "zh", 80);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
    MESSAGE(std::string(format) << ": " << out.size() << " bytes in " << ms << " ms");
  }
}
